import masqueradeGrant from './masquerade-grant/schema.json';
import conversation from './conversation/schema.json';
import message from './message/schema.json';
import conversationRead from './conversation-read/schema.json';

export default {
  'masquerade-grant': { schema: masqueradeGrant },
  conversation: { schema: conversation },
  message: { schema: message },
  'conversation-read': { schema: conversationRead },
};
