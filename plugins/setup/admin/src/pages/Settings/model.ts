// The settings page's pure rules (OPS §3.8; API.md "SystemSettings"), unit-tested in tests/unit/settings-page-model.test.ts.
// The server (each plugin's own settings service) validates every value; the page only shows, edits and sends changes.

export type Settings = Record<string, Record<string, unknown>>;
export type Ranges = Record<string, { min: number; max: number }>;
export type FieldKind = 'number' | 'text' | 'textarea' | 'boolean' | 'zone' | 'quietHours';

export interface FieldSpec {
  field: string;
  label: string;
  kind: FieldKind;
  hint?: string;
}
export interface SectionSpec {
  section: string;
  title: string;
  subtitle: string;
  fields: FieldSpec[];
}

/** The page's sections in order, each one plugin's (or a few plugins') settings, in the business's words. */
export const SECTIONS: SectionSpec[] = [
  { section: 'organisation', title: 'Organisation', subtitle: 'The business name and the time zone every local time is read in.', fields: [{ field: 'name', label: 'Business name', kind: 'text' }, { field: 'timeZone', label: 'Time zone', kind: 'zone', hint: 'An IANA zone, like America/Los_Angeles.' }] },
  { section: 'delivery', title: 'Delivery', subtitle: 'How outbound SMS are retried when the provider refuses or times out.', fields: [{ field: 'retries', label: 'Retries', kind: 'number' }, { field: 'backoffSeconds', label: 'First retry after (seconds)', kind: 'number' }, { field: 'maxBackoffSeconds', label: 'Longest wait between retries (seconds)', kind: 'number' }, { field: 'timeoutMinutes', label: 'Give up after (minutes)', kind: 'number' }] },
  { section: 'routing', title: 'Routing', subtitle: 'Pool numbers: the automatic reply and how long a thread stays on its pool number after the booking.', fields: [{ field: 'poolAutoResponse', label: 'Pool auto-response', kind: 'textarea' }, { field: 'poolThreadGraceHours', label: 'Pool grace period (hours)', kind: 'number' }] },
  { section: 'numbers', title: 'Number rules', subtitle: 'How long a quarantined number rests, and how many delivery errors in 7 days make a number yellow or red.', fields: [{ field: 'cooldownDays', label: 'Quarantine cooldown (days)', kind: 'number' }, { field: 'healthWarningErrors', label: 'Health warning from (errors in 7 days)', kind: 'number' }, { field: 'healthCriticalErrors', label: 'Health critical from (errors in 7 days)', kind: 'number' }] },
  { section: 'policy', title: 'Policy', subtitle: 'Enforcement of the anti-poaching policy cannot be switched off; only what the sender is told.', fields: [{ field: 'warnSender', label: 'Warn the sender when a message is blocked or held', kind: 'boolean' }] },
  { section: 'automations', title: 'Automation limits', subtitle: 'The circuit breaker, loop depth, per-client cap and quiet hours.', fields: [{ field: 'failureThreshold', label: 'Pause after this many failures in a row', kind: 'number' }, { field: 'maxDepth', label: 'Longest chain of automations', kind: 'number' }, { field: 'clientDailyCap', label: 'Automated SMS per client per day', kind: 'number' }, { field: 'quietHours', label: 'Quiet hours', kind: 'quietHours', hint: 'No automated SMS between these local times.' }] },
  { section: 'alerts', title: 'Alerts and response time', subtitle: 'The reply SLA (alerts and analytics share it) and when provider problems become alerts.', fields: [{ field: 'slaMinutes', label: 'Response SLA (minutes)', kind: 'number' }, { field: 'failureRatePercent', label: 'Delivery failure rate alert (%)', kind: 'number' }, { field: 'failureRateWindowMinutes', label: 'Failure rate window (minutes)', kind: 'number' }, { field: 'failureRateMinSends', label: 'Sends the failure rate needs', kind: 'number' }, { field: 'webhookRefusalsMax', label: 'Refused webhooks allowed in the window', kind: 'number' }, { field: 'deliveryBacklogMax', label: 'SMS allowed to wait in the queue', kind: 'number' }] },
  { section: 'templates', title: 'Message templates', subtitle: 'Sent to a client when their sitter changes.', fields: [{ field: 'reassignment', label: 'Sitter change', kind: 'textarea', hint: 'Variables: {{client.firstName}}, {{sitter.firstName}}.' }] },
];

/** "30–365", or for text fields "up to 320 characters". */
export function rangeHint(ranges: Ranges, section: string, spec: FieldSpec): string | undefined {
  const range = ranges[`${section}.${spec.field}`];
  const parts = [spec.hint];
  if (range) parts.push(spec.kind === 'text' || spec.kind === 'textarea' ? `${range.min}–${range.max} characters.` : `Range: ${range.min}–${range.max}.`);
  const text = parts.filter(Boolean).join(' ');
  return text || undefined;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields of a section that differ from what is saved: the PUT's body for that section, or null when nothing changed. */
export function sectionChange(saved: Settings, edited: Settings, section: string): Settings | null {
  const before = saved[section] ?? {};
  const after = edited[section] ?? {};
  const changed = Object.fromEntries(Object.keys(after).filter((k) => !same(before[k], after[k])).map((k) => [k, after[k]]));
  return Object.keys(changed).length > 0 ? { [section]: changed } : null;
}

/** A number field as typed: a number, or the text itself when it is not one (the server's sentence then says why). */
export function typedNumber(text: string): number | string {
  const trimmed = text.trim();
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** Quiet hours as the server takes them: null (none) or { start, end } "HH:mm". */
export function quietHoursValue(enabled: boolean, start: string, end: string): { start: string; end: string } | null {
  return enabled ? { start, end } : null;
}
