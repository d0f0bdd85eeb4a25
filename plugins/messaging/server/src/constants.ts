/** Every name this plugin is known by: its id, its content-type UIDs, its admin actions, its audit actions. Nothing else spells them. */
export const PLUGIN = 'messaging';

/** Domain events this plugin publishes (README "Events"). */
export const EVENTS = { messageReceived: 'message_received', threadCreated: 'thread_created' } as const;

export const CONVERSATION_UID = 'plugin::messaging.conversation';
export const MESSAGE_UID = 'plugin::messaging.message';
export const CONVERSATION_READ_UID = 'plugin::messaging.conversation-read';
export const MASQUERADE_GRANT_UID = 'plugin::messaging.masquerade-grant';

/** Admin-panel actions of this plugin (registered at bootstrap as plugin::messaging.<uid>). */
export const ACTIONS = {
  read: 'plugin::messaging.read',
  send: 'plugin::messaging.send',
  masquerade: 'plugin::messaging.masquerade',
  manageGrants: 'plugin::messaging.manage-grants',
} as const;

/** Audit actions this plugin writes (API.md: a masquerade send is "message.masquerade"). */
export const AUDIT_ACTIONS = {
  conversationCreate: 'conversation.create',
  masquerade: 'message.masquerade',
  noteSharedWithBusiness: 'message.note_shared_with_business',
  /** A staff member's SMS to a client (STAFF_TO_CLIENT): issue 13 item 7, every staff action is audited. */
  staffToClient: 'message.staff_to_client',
  /** An automated SMS to a client (AUTOMATION_TO_CLIENT, client-threads.sendAutomated), with its reason. */
  automationToClient: 'message.automation_to_client',
} as const;
