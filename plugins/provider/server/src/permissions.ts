/** Admin-panel actions of this plugin, registered at bootstrap as plugin::provider.<uid>. */
export const providerActions = [
  { uid: 'read-settings', displayName: 'View provider settings and status' },
  { uid: 'manage-settings', displayName: 'Connect the provider and change its settings' },
  { uid: 'read-deliveries', displayName: 'View delivery failures' },
  { uid: 'retry-deliveries', displayName: 'Retry failed deliveries' },
  { uid: 'use-sandbox-phone', displayName: 'Use the sandbox virtual phone' },
] as const;

/** OPS §2.2: Messaging Admins view settings and failures, and may use the sandbox phone. */
export const providerAdminActions = ['plugin::provider.read-settings', 'plugin::provider.read-deliveries', 'plugin::provider.use-sandbox-phone'];
