import type { Alert, AlertsListMeta, Severity } from '../../../../shared/contracts';

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
export function relatedLinks(alert: Pick<Alert, 'related'>): Array<{ label: string; href: string }> {
  const r = alert.related;
  return [
    ...(r.conversationId ? [{ label: `Open ${r.clientName ? `${r.clientName}'s thread` : 'the thread'}`, href: `/admin/plugins/messaging/${encodeURIComponent(r.conversationId)}` }] : []),
    ...(r.number ? [{ label: `Number ${r.number}`, href: '/admin/plugins/numbers' }] : []),
    ...(r.automationId ? [{ label: `Automation ${r.automationName ?? ''}`.trim(), href: `/admin/plugins/automations/${encodeURIComponent(r.automationId)}` }] : []),
  ];
}

/** "3 times, last at …" for a repeated alert; nothing for a single one. */
export const repeatText = (alert: Pick<Alert, 'count'>, lastSeen: string): string | null => (alert.count > 1 ? `${alert.count} times, last ${lastSeen}` : null);
