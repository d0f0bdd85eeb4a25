// The Assignments page's rules that need no React: how a window's status reads and colours (OPS §3.3), the query of a
// visible range, the assign panel's form as the body of POST /assignments/assign, and how times read in a zone.
import { DateTime } from 'luxon';
import type { AssignmentWindow, AssignmentWindowStatus, DayOfWeek, Recurrence, WindowType } from '../../../../shared/contracts';

export const STATUS_LABEL: Record<AssignmentWindowStatus, string> = { active: 'Active', future: 'Future', past: 'Past', overlapping: 'Overlapping' };

/** OPS §3.3: green active, blue future, grey past, red overlapping; text colours keep 4.5:1 on their backgrounds. */
export const STATUS_COLOUR: Record<AssignmentWindowStatus, { background: string; border: string; text: string }> = {
  active: { background: '#c6f0c2', border: '#328048', text: '#1b4d2a' },
  future: { background: '#d9e8ff', border: '#0c75af', text: '#0b3d66' },
  past: { background: '#eaeaef', border: '#8e8ea9', text: '#32324d' },
  overlapping: { background: '#fcecea', border: '#d02b20', text: '#8a1d16' },
};

export const TYPE_LABEL: Record<WindowType, string> = { weekly_client: 'Weekly Client', one_time_booking: 'One-Time Booking', meet_and_greet: 'Meet and Greet' };
export const WINDOW_TYPES: readonly WindowType[] = ['weekly_client', 'one_time_booking', 'meet_and_greet'];
export const DAYS: ReadonlyArray<{ code: DayOfWeek; label: string }> = [
  { code: 'MO', label: 'Monday' },
  { code: 'TU', label: 'Tuesday' },
  { code: 'WE', label: 'Wednesday' },
  { code: 'TH', label: 'Thursday' },
  { code: 'FR', label: 'Friday' },
  { code: 'SA', label: 'Saturday' },
  { code: 'SU', label: 'Sunday' },
];

/** The calendar's title for a window: the status in words first, so colour is never the only sign. */
export function eventTitle(w: Pick<AssignmentWindow, 'status' | 'client' | 'sitter'>): string {
  return `${STATUS_LABEL[w.status]}: ${w.sitter.displayName} with ${w.client.name}`;
}

/** "Tue, Jan 20, 3:00 PM PST": how the server words times, in the organisation's zone. */
export function formatLocal(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toFormat('ccc, LLL d, h:mm a ZZZZ');
}

/** The visible range of the calendar as the query of GET /assignments/windows (windows ending after from, starting before to). */
export function rangeQuery(range: { start: Date; end: Date }, pageSize = 200): string {
  return new URLSearchParams({ from: range.start.toISOString(), to: range.end.toISOString(), pageSize: String(pageSize) }).toString();
}

export interface ListFilters {
  from: string; // YYYY-MM-DD, local to the zone; empty = no bound
  to: string; // inclusive local date
  status: '' | AssignmentWindowStatus;
  sitterId: string;
  clientId: string;
}

/** The list's filters and page as its query: local dates become the instants that bound them in the zone. */
export function listQuery(filters: ListFilters, page: number, pageSize: number, zone: string): string {
  const query = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  if (filters.from) query.set('from', DateTime.fromISO(filters.from, { zone }).startOf('day').toUTC().toISO()!);
  if (filters.to) query.set('to', DateTime.fromISO(filters.to, { zone }).plus({ days: 1 }).startOf('day').toUTC().toISO()!);
  if (filters.status) query.set('status', filters.status);
  if (filters.sitterId) query.set('sitterId', filters.sitterId);
  if (filters.clientId) query.set('clientId', filters.clientId);
  return query.toString();
}

export interface AssignForm {
  sitterId: string;
  clientId: string;
  conversationId: string;
  type: WindowType;
  /** datetime-local values ("2027-01-20T15:00"), read in the zone. */
  startsAt: string;
  endsAt: string;
  daysOfWeek: DayOfWeek[];
  startTime: string;
  endTime: string;
  until: string;
}

const localInstant = (value: string, zone: string): string | undefined => {
  if (!value) return undefined;
  const at = DateTime.fromISO(value, { zone });
  return at.isValid ? at.toUTC().toISO()! : undefined;
};

/**
 * The body of POST /assignments/assign. A weekly client sends its recurrence (days, local hours, until) and starts at
 * the start date's midnight (or the start time given); the server ends it after `until`. Others send their range.
 */
export function assignBody(form: AssignForm, zone: string): Record<string, unknown> {
  const who = form.clientId ? { clientId: form.clientId } : { conversationId: form.conversationId };
  const sitterId = /^\d+$/.test(form.sitterId) ? Number(form.sitterId) : form.sitterId;
  if (form.type === 'weekly_client') {
    const recurrence: Recurrence = { daysOfWeek: DAYS.map((d) => d.code).filter((c) => form.daysOfWeek.includes(c)), startTime: form.startTime, endTime: form.endTime, until: form.until };
    const start = form.startsAt ? localInstant(form.startsAt, zone) : DateTime.now().setZone(zone).startOf('day').toUTC().toISO()!;
    return { ...who, sitterId, type: form.type, startsAt: start, recurrence, timeZone: zone };
  }
  return { ...who, sitterId, type: form.type, startsAt: localInstant(form.startsAt, zone), endsAt: localInstant(form.endsAt, zone), timeZone: zone };
}

/** A datetime-local value for an instant in the zone ("2027-01-20T15:00"). */
export function localInput(at: Date | string, zone: string): string {
  const time = typeof at === 'string' ? DateTime.fromISO(at, { zone }) : DateTime.fromJSDate(at, { zone });
  return time.toFormat("yyyy-LL-dd'T'HH:mm");
}

/** Where the assign panel starts from the page's URL: `?assign=<conversationId>` (the inbox) or `?clientId=<documentId>`. */
export function assignTarget(search: URLSearchParams): { conversationId: string } | { clientId: string } | null {
  const thread = search.get('assign');
  if (thread && /^\d{1,18}$/.test(thread)) return { conversationId: thread };
  const client = search.get('clientId');
  if (client && /^[A-Za-z0-9_-]{1,64}$/.test(client)) return { clientId: client };
  return null;
}

/** The staff inbox with this thread open (plugins/messaging/admin inbox-url: the thread is the path). */
export function threadLink(conversationId: string): string {
  return `/admin/plugins/messaging/${encodeURIComponent(conversationId)}`;
}

export type { ResolveConflictAction as ResolveAction } from '../../../../shared/contracts';

/**
 * OPS §3.3 action 6 "Override Window Rules" (Owner only): the Routing page on the window's thread with its override
 * form open and the window's sitter as the target (a sitter override lifts the window rule; windows never change).
 */
export function overrideWindowPath(w: Pick<AssignmentWindow, 'conversationId' | 'sitter'>): string {
  return `/plugins/routing?conversationId=${encodeURIComponent(w.conversationId)}&override=1&sitterId=${encodeURIComponent(String(w.sitter.id))}`;
}
