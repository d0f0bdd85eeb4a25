/** Admin-panel actions of this plugin, registered at bootstrap as plugin::messaging.<uid>. */
export const messagingActions = [
  { uid: 'read', displayName: 'Read conversations' },
  { uid: 'send', displayName: 'Send messages' },
  { uid: 'masquerade', displayName: 'Reply as a business (needs a grant per business)' },
  { uid: 'manage-grants', displayName: 'Manage masquerade grants' },
] as const;

/** OPS §2.2 rights of a Messaging Admin; an Owner holds every action of every plugin. */
export const messagingAdminActions = ['plugin::messaging.read', 'plugin::messaging.send', 'plugin::messaging.masquerade'];

/** users-permissions content-API actions each app role needs (plugin::messaging.<controller>.<action>). */
export const appRolePermissions: Record<'business' | 'va' | 'sitter', string[]> = {
  business: ['plugin::messaging.profile.find', 'plugin::messaging.profile.update'],
  va: ['plugin::messaging.profile.find'],
  sitter: ['plugin::messaging.profile.find'],
};
