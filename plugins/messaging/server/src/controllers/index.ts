import profile from './profile';
import conversation from './conversation';
import message from './message';
import inbox from './inbox';

export default { profile, conversation, message, inbox };
