import { MESSAGING_ADMIN_ROLE, OWNER_ROLE } from '@switchboard/messaging';

/** Every name this plugin is known by: its id, its content-type UIDs, tables, queues, actions and sentences. */
export const PLUGIN = 'alerts';

export const ALERT_UID = 'plugin::alerts.alert';
export const RULE_UID = 'plugin::alerts.escalation-rule';
export const ESCALATION_UID = 'plugin::alerts.escalation';
export const ALERT_TABLE = 'ops_alert';
export const RULE_TABLE = 'ops_alert_rule';
export const ESCALATION_TABLE = 'ops_alert_escalation';

/** The minute sweep: escalations, the provider's failure rate and breaker, SLA breaches (pg-boss singleton). */
export const SWEEP_QUEUE = 'alerts-sweep';

/** The admin roles escalation targets name (cms creates them with these codes). */
export const ROLE_CODES = { owners: OWNER_ROLE.code, admins: MESSAGING_ADMIN_ROLE.code } as const;

/** Admin-panel actions, registered at bootstrap as plugin::alerts.<uid> (API.md "Operations plugins"). */
export const alertsActions = [
  { uid: 'read', displayName: 'View alerts and escalations' },
  { uid: 'resolve', displayName: 'Resolve alerts' },
  { uid: 'dismiss', displayName: 'Dismiss alerts (owner only)' },
  { uid: 'configure', displayName: 'Configure escalation rules and alert thresholds (owner only)' },
] as const;
export type AlertsAction = (typeof alertsActions)[number]['uid'];
export const actionId = (uid: AlertsAction) => `plugin::alerts.${uid}`;

/** OPS §3.7 "Admin: view alerts, resolve; no configuration". */
export const alertsAdminActions = [actionId('read'), actionId('resolve')];

export const AUDIT_ACTIONS = {
  resolve: 'alert.resolve',
  dismiss: 'alert.dismiss',
  ruleCreate: 'alert.rule_create',
  ruleUpdate: 'alert.rule_update',
  ruleDelete: 'alert.rule_delete',
  escalate: 'alert.escalate',
} as const;

/** Real-time events to the panel (API.md "Real-time"). */
export const SOCKET_EVENTS = { created: 'alert:new', updated: 'alert:updated' } as const;

/** OPS §3.7 sentences (API.md "Alerts"). */
export const SENTENCES = {
  notFound: 'Alert not found. It may have been resolved or dismissed.',
  criticalNotDismissable: 'Critical alerts cannot be dismissed. Resolve the alert instead.',
  notOpen: 'This alert is no longer open. Reload the alerts to see its state.',
  escalationFailed: 'Escalation failed. Check target configuration.',
  ruleNotFound: 'Escalation rule not found. It may have been deleted.',
} as const;
