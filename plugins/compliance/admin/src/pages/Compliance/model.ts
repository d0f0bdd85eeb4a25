import { DateTime } from 'luxon';

export const ALL = 'all';

/** OPS §3.5's event types and actors, as the timeline's filters and badges read them. */
export const EVENT_TYPE_LABELS: Record<string, string> = {
  message: 'Message',
  routing: 'Routing',
  assignment: 'Assignment',
  number: 'Number',
  automation: 'Automation',
  policy: 'Policy',
  other: 'Other',
};
export const ACTOR_LABELS: Record<string, string> = {
  owner: 'Owner',
  admin: 'Messaging Admin',
  sitter: 'Sitter',
  business: 'Business',
  va: 'VA',
  client: 'Client',
  system: 'System',
  automation: 'Automation',
};

export interface TimelineFilters {
  type: string;
  actorRole: string;
  conversationId: string;
  number: string;
  /** yyyy-mm-dd, a day in the organisation's time zone, or '' */
  from: string;
  to: string;
}

export const NO_FILTERS: TimelineFilters = { type: ALL, actorRole: ALL, conversationId: ALL, number: ALL, from: '', to: '' };

/** `from` and `to` days (yyyy-mm-dd) in the organisation's time zone as the instants a feed's query takes. */
export function dayRangeQuery(from: string, to: string, zone: string | null): URLSearchParams {
  const q = new URLSearchParams();
  const day = (value: string) => DateTime.fromISO(value, { zone: zone ?? 'local' }).startOf('day');
  if (from && day(from).isValid) q.set('from', day(from).toUTC().toISO()!);
  if (to && day(to).isValid) q.set('to', day(to).plus({ days: 1 }).toUTC().toISO()!);
  return q;
}

/**
 * The timeline's query (GET /compliance/audit and its export.csv): the filters that are set; `from` is the start of
 * that day and `to` the end of its day, in the organisation's time zone (`zone`; the browser's when unknown).
 * `beforeId` asks for the page older than that event.
 */
export function timelineQuery(filters: TimelineFilters, zone: string | null, beforeId?: string): string {
  const q = dayRangeQuery(filters.from, filters.to, zone);
  if (filters.type !== ALL) q.set('type', filters.type);
  if (filters.actorRole !== ALL) q.set('actorRole', filters.actorRole);
  if (filters.conversationId !== ALL) q.set('conversationId', filters.conversationId);
  if (filters.number !== ALL) q.set('number', filters.number);
  if (beforeId) q.set('beforeId', beforeId);
  return q.toString();
}

/** Where an event's links go in the panel: the inbox thread, the Number Inventory, the booking in the Content Manager. */
export const threadHref = (conversationId: string) => `/admin/plugins/messaging/${encodeURIComponent(conversationId)}`;
export const numbersHref = () => '/admin/plugins/numbers';
export const bookingHref = (documentId: string) => `/admin/content-manager/collection-types/plugin::assignments.booking/${encodeURIComponent(documentId)}`;

/** The analytics' default range: the last 30 days up to today, days in the organisation's time zone. */
export function defaultAnalyticsDays(zone: string | null, now: Date = new Date()): { from: string; to: string } {
  const today = DateTime.fromJSDate(now, { zone: zone ?? 'local' }).startOf('day');
  return { from: today.minus({ days: 29 }).toISODate()!, to: today.toISODate()! };
}

/** The analytics' query: the day range as instants, the sitter and thread when chosen, the bucket for volume and CSV. */
export function analyticsQuery(filters: { from: string; to: string; sitterId: string; conversationId: string; bucket: string }, zone: string | null, what: 'response' | 'volume' | 'export'): string {
  const q = dayRangeQuery(filters.from, filters.to, zone);
  if (filters.conversationId !== ALL) q.set('conversationId', filters.conversationId);
  if (what !== 'volume' && filters.sitterId !== ALL) q.set('sitterId', filters.sitterId);
  if (what !== 'response') q.set('bucket', filters.bucket);
  return q.toString();
}

/** Seconds as people read a response time: "45 s", "12 min", "1 h 5 min"; "—" when there is none. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const m = Math.round(seconds / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
}

export const NUMBER_CLASS_NAMES: Record<string, string> = { front_desk: 'Front Desk', sitter: 'Sitter', pool: 'Pool', unknown: 'Not in the inventory' };
export const WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
