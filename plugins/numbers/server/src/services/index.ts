import inventory from './inventory';
import changes from './changes';
import purchasing from './purchasing';
import sitterActivation from './sitter-activation';
import lifecycle from './lifecycle';
import threads from './threads';
import sitterNotices from './sitter-notices';
import numberLookup from './number-lookup';
import bookingNumbers from './booking-numbers';
import settings from './settings';
import webhookDrift from './webhook-drift';

export default { inventory, changes, purchasing, 'sitter-activation': sitterActivation, lifecycle, threads, 'sitter-notices': sitterNotices, 'number-lookup': numberLookup, 'booking-numbers': bookingNumbers, settings, 'webhook-drift': webhookDrift };
