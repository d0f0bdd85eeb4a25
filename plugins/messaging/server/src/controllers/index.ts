import profile from './profile';
import conversation from './conversation';
import message from './message';
import inbox from './inbox';
import staff from './staff';
import metrics from './metrics';

export default { profile, conversation, message, inbox, staff, metrics };
