import profile from './profile';
import conversation from './conversation';
import message from './message';
import inbox from './inbox';
import staff from './staff';

export default { profile, conversation, message, inbox, staff };
