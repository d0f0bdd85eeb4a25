import conversation from './conversation';
import message from './message';
import inbox from './inbox';
import staff from './staff';
import metrics from './metrics';

export default { conversation, message, inbox, staff, metrics };
