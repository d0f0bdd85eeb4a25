/** API.md "Alerts" shapes, shared by the alerts plugin's server and its admin pages. */

export type Severity = 'critical' | 'warning' | 'info';
export type AlertStatus = 'open' | 'resolved' | 'dismissed';
export type AlertType =
  | 'delivery_failure'
  | 'policy_violation'
  | 'number_health'
  | 'provider_error'
  | 'window_conflict'
  | 'automation_failed'
  | 'sla_breach'
  | 'cooldown_ending'
  | 'cooldown_complete'
  | 'thread_created'
  | 'window_starting'
  | 'number_assigned'
  | 'task'
  | 'automation_executed'
  | 'override_expired';

/** What an alert links to (OPS §3.7 "Related entities (thread, number, automation links)"). */
export interface AlertRelated {
  conversationId?: string;
  /** The thread's client, for the link's words. */
  clientName?: string;
  number?: string;
  automationId?: string;
  automationName?: string;
  violationId?: string;
  deliveryFailureId?: string;
  windowId?: string;
}

/** API.md `Alert { id, createdAt, severity, type, title, status, related }`, with what the dashboard shows. */
export interface Alert {
  id: string;
  createdAt: string;
  severity: Severity;
  type: AlertType;
  title: string;
  description: string;
  status: AlertStatus;
  related: AlertRelated;
  /** How many times its source reported it while open (ten failures on one thread: one alert, count 10). */
  count: number;
  lastSeenAt: string;
  /** Its cause has cleared (the violation was reviewed, the thread's failures were delivered or resolved) while it is open. */
  causeCleared: boolean;
  resolvedAt: string | null;
  resolvedBy: string | null;
  note: string | null;
  /** Escalations sent for it so far (rule names). */
  escalatedTo: string[];
}

export interface AlertsListMeta {
  pagination: { page: number; pageSize: number; total: number; pageCount: number };
  open: { critical: number; warning: number; info: number };
}

export type EscalationTargetType = 'owners' | 'admins' | 'admin_user';

export interface EscalationRule {
  id: string;
  name: string;
  active: boolean;
  when: { severity?: Severity; type?: AlertType; unresolvedMinutes: number };
  target: { type: EscalationTargetType; adminUserId?: number };
  /** In words: "Critical alerts unresolved for 15 minutes → Owners". */
  text: string;
  createdAt: string;
  updatedAt: string;
}

export interface Recipient {
  id: number;
  name: string;
  email: string | null;
}

/** POST /alerts/escalation-rules/:id/test: who would be notified now, and which open alerts it would escalate now; nothing is sent. */
export interface EscalationRuleTest {
  recipients: Recipient[];
  channels: Array<'inbox_notice' | 'email'>;
  alertsDueNow: Array<{ id: string; title: string; openMinutes: number }>;
  text: string;
}

/** GET /alerts/escalations: the history. */
export interface Escalation {
  id: string;
  at: string;
  alert: { id: string; title: string; type: AlertType; severity: Severity };
  rule: { id: string; name: string };
  recipients: Recipient[];
  channels: Array<'inbox_notice' | 'email'>;
  status: 'sent' | 'failed';
  error: string | null;
}
