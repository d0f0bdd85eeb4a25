/** Admin-panel actions of this plugin, registered at bootstrap as plugin::messaging.<uid>. */
export const messagingActions = [
  { uid: 'read', displayName: 'Read conversations' },
  { uid: 'send', displayName: 'Send messages' },
  { uid: 'masquerade', displayName: 'Reply as a business (needs a grant per business)' },
  { uid: 'manage-grants', displayName: 'Manage masquerade grants' },
] as const;

/** OPS §2.2 rights of a Messaging Admin; an Owner holds every action of every plugin. */
export const messagingAdminActions = ['plugin::messaging.read', 'plugin::messaging.send', 'plugin::messaging.masquerade'];

const READ_AND_SEND = [
  'plugin::people.profile.find',
  'plugin::messaging.conversation.find',
  'plugin::messaging.message.find',
  'plugin::messaging.message.create',
  'plugin::messaging.message.typing',
  'plugin::messaging.message.read',
];

/**
 * users-permissions content-API actions each app role needs (plugin::messaging.<controller>.<action>).
 * Every role reaches POST /api/conversations so a malformed body answers 400 before the controller's role check
 * answers 403 (API.md "Order of checks"); the controller lets only a business create one.
 */
export const appRolePermissions: Record<'business' | 'va' | 'sitter', string[]> = {
  business: [...READ_AND_SEND, 'plugin::people.profile.update', 'plugin::messaging.conversation.create'],
  va: [...READ_AND_SEND, 'plugin::messaging.conversation.create'],
  sitter: [...READ_AND_SEND, 'plugin::messaging.conversation.create'],
};
