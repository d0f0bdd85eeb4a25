/** Admin-panel actions of this plugin, registered at bootstrap as plugin::audit.<uid>. */
export const auditActions = [
  { uid: 'read', displayName: 'Read the audit log' },
  { uid: 'export', displayName: 'Export the audit log' },
  { uid: 'archive', displayName: 'Archive audit events' },
] as const;
