import businessProfile from './business-profile/schema.json';
import vaProfile from './va-profile/schema.json';
import sitterProfile from './sitter-profile/schema.json';
import masqueradeGrant from './masquerade-grant/schema.json';
import conversation from './conversation/schema.json';
import message from './message/schema.json';
import conversationRead from './conversation-read/schema.json';

export default {
  'business-profile': { schema: businessProfile },
  'va-profile': { schema: vaProfile },
  'sitter-profile': { schema: sitterProfile },
  'masquerade-grant': { schema: masqueradeGrant },
  conversation: { schema: conversation },
  message: { schema: message },
  'conversation-read': { schema: conversationRead },
};
