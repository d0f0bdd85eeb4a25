/** Every name this plugin is known by: its id, its content-type UIDs, its admin actions. Nothing else spells them. */
export const PLUGIN = 'audit';

export const AUDIT_EVENT_UID = 'plugin::audit.audit-event';

/** Admin-panel actions of this plugin, registered at bootstrap as plugin::audit.<uid>. */
export const auditActions = [
  { uid: 'read', displayName: 'Read the audit log' },
  { uid: 'export', displayName: 'Export the audit log' },
  { uid: 'archive', displayName: 'Archive audit events' },
] as const;

export const ACTIONS = {
  read: 'plugin::audit.read',
  export: 'plugin::audit.export',
  archive: 'plugin::audit.archive',
} as const;
