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

/** The table behind AUDIT_EVENT_UID, for the timeline's and the chain's SQL. */
export const AUDIT_TABLE = 'audit_event';

/** The pg-boss queue of the sealing job (one at a time, every minute). */
export const SEAL_QUEUE = 'audit-seal';

/** The advisory lock the sealer holds, so two nodes never seal at once. */
export const CHAIN_LOCK_KEY = 72_601_907;
