import conversation from './conversation';
import message from './message';
import inbox from './inbox';
import staff from './staff';
import metrics from './metrics';
import readState from './read-state';

export default { conversation, message, inbox, staff, metrics, 'read-state': readState };
