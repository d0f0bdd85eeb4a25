import type { Alert, AlertType, AlertsListMeta, EscalationRule, Severity } from '../../../../shared/contracts';

export const SEVERITY_ORDER: Severity[] = ['critical', 'warning', 'info'];
export const SEVERITY_LABELS: Record<Severity, string> = { critical: 'Critical', warning: 'Warning', info: 'Info' };

/** OPS §3.7 "Alerts Dashboard": critical, then warning, then info; each group as the server ordered it. */
export function groupBySeverity(alerts: Alert[]): Array<{ severity: Severity; alerts: Alert[] }> {
  return SEVERITY_ORDER.map((severity) => ({ severity, alerts: alerts.filter((a) => a.severity === severity) })).filter((g) => g.alerts.length > 0);
}

/** The menu badge: open critical and warning alerts (info never asks for attention). */
export const attentionCount = (open: AlertsListMeta['open'] | null | undefined): number => (open ? open.critical + open.warning : 0);

export const badgeText = (count: number): string => (count > 99 ? '99+' : String(count));

/** The menu link's accessible name, with the exact count. */
export const menuLabel = (count: number): string => (count === 0 ? 'Alerts' : `Alerts, ${count} need${count === 1 ? 's' : ''} attention`);

/** Where an alert's related entities live in the panel (OPS §3.7 "thread, number, automation links"). */
export function relatedLinks(alert: Pick<Alert, 'related'> & Partial<Pick<Alert, 'type'>>): Array<{ label: string; href: string }> {
  const r = alert.related;
  return [
    ...(r.conversationId ? [{ label: `Open ${r.clientName ? `${r.clientName}'s thread` : 'the thread'}`, href: `/admin/plugins/messaging/${encodeURIComponent(r.conversationId)}` }] : []),
    ...(r.number ? [{ label: `Number ${r.number}`, href: '/admin/plugins/numbers' }] : []),
    ...(r.automationId ? [{ label: `Automation ${r.automationName ?? ''}`.trim(), href: `/admin/plugins/automations/${encodeURIComponent(r.automationId)}` }] : []),
    // A number's webhooks re-pointed at the provider (numbers' drift check) are repaired from the integration status.
    ...(alert.type === 'provider_error' && r.number ? [{ label: 'Repair webhooks in System settings', href: '/admin/plugins/system-settings' }] : []),
  ];
}

/** "3 times, last at …" for a repeated alert; nothing for a single one. */
export const repeatText = (alert: Pick<Alert, 'count'>, lastSeen: string): string | null => (alert.count > 1 ? `${alert.count} times, last ${lastSeen}` : null);

/** Every alert type a rule or the history filter may name (API.md "Alerts"), in words. */
export const ALERT_TYPE_OPTIONS: Array<{ value: AlertType; label: string }> = (
  ['delivery_failure', 'policy_violation', 'number_health', 'provider_error', 'window_conflict', 'automation_failed', 'sla_breach', 'cooldown_ending', 'cooldown_complete', 'thread_created', 'window_starting', 'number_assigned', 'task', 'automation_executed', 'override_expired'] as AlertType[]
).map((value) => ({ value, label: value === 'sla_breach' ? 'SLA breach' : value.charAt(0).toUpperCase() + value.slice(1).replace(/_/g, ' ') }));

/** The escalation rule form, as typed (the selects hold 'any' for no condition). */
export interface RuleForm {
  name: string;
  active: boolean;
  severity: Severity | 'any';
  type: AlertType | 'any';
  unresolvedMinutes: number | undefined;
  target: 'owners' | 'admins' | 'admin_user';
  adminUserId: string;
}

export const emptyRuleForm = (): RuleForm => ({ name: '', active: true, severity: 'critical', type: 'any', unresolvedMinutes: 15, target: 'owners', adminUserId: '' });

/** A saved rule back in the form. */
export function ruleForm(rule: EscalationRule): RuleForm {
  return {
    name: rule.name,
    active: rule.active,
    severity: rule.when.severity ?? 'any',
    type: rule.when.type ?? 'any',
    unresolvedMinutes: rule.when.unresolvedMinutes,
    target: rule.target.type,
    adminUserId: rule.target.adminUserId ? String(rule.target.adminUserId) : '',
  };
}

/** The form as the route takes it (API.md "Alerts" rule shape); the server checks the rest and answers with its sentence. */
export function ruleBody(form: RuleForm) {
  return {
    name: form.name.trim(),
    active: form.active,
    when: { ...(form.severity !== 'any' ? { severity: form.severity } : {}), ...(form.type !== 'any' ? { type: form.type } : {}), unresolvedMinutes: form.unresolvedMinutes ?? 0 },
    target: form.target === 'admin_user' ? { type: 'admin_user' as const, ...(form.adminUserId ? { adminUserId: Number(form.adminUserId) } : {}) } : { type: form.target },
  };
}

/** The history's filters as a query string (days are whole local days: from the start of `from` to the end of `to`). */
export function historyQuery(filters: { from: string; to: string; type: AlertType | 'any' }, page = 1): string {
  const params = new URLSearchParams({ page: String(page), pageSize: '50' });
  if (filters.from) params.set('from', new Date(`${filters.from}T00:00:00`).toISOString());
  if (filters.to) params.set('to', new Date(+new Date(`${filters.to}T00:00:00`) + 86_400_000).toISOString());
  if (filters.type !== 'any') params.set('type', filters.type);
  return params.toString();
}
