import { DateTime } from 'luxon';
import type { BookingKind, BookingStatus, Recurrence, WindowType } from '../../../shared/contracts';
import { expandRecurrence, overlapOf, overlaps, type TimeRange } from './windows';
import { formatLocal } from './local-time';

/** A booking's kind as its windows' type (API.md "Assignment windows"), and back. */
export const WINDOW_TYPE_OF: Record<BookingKind, WindowType> = { weekly: 'weekly_client', one_time: 'one_time_booking', meet_and_greet: 'meet_and_greet' };
export const BOOKING_KIND_OF: Record<WindowType, BookingKind> = { weekly_client: 'weekly', one_time_booking: 'one_time', meet_and_greet: 'meet_and_greet' };

/** The window sentences a person reads (OPS §3.3). */
export const WINDOW_SENTENCES = {
  overlap: 'Cannot create window: Overlaps with existing window. Resolve conflict first?',
  threadNotFound: 'Thread not found. Create thread first?',
  windowNotFound: 'Assignment window not found. It may have been deleted; reload the list.',
  deleteActive: 'Delete assignment window? Messages will route to owner inbox during this period.',
  noSitterOnThread: 'This thread has no sitter to introduce. Assign a sitter first?',
} as const;

export interface BookingForWindows {
  kind: BookingKind;
  sitterId: number | null;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  recurrence: Recurrence | null;
  status: BookingStatus;
}

/**
 * The windows a booking asks for (DOMAIN.md "Clients, bookings"): none without a sitter; a weekly booking one per
 * listed day from its first local day, at its local hours in its time zone, inside [startsAt, endsAt); otherwise one
 * window startsAt–endsAt. A booking that is no longer confirmed (cancelled, completed) keeps only what already began,
 * ended at `now` at the latest. `notes` says in words which local times moved (spring forward, fall back). Pure.
 */
export function planBookingWindows(booking: BookingForWindows, now: Date): { windows: TimeRange[]; notes: string[] } {
  if (booking.sitterId === null) return { windows: [], notes: [] };
  let windows: TimeRange[];
  let notes: string[] = [];
  if (booking.kind === 'weekly' && booking.recurrence) {
    const from = DateTime.fromJSDate(booking.startsAt, { zone: booking.timeZone }).toISODate()!;
    const expanded = expandRecurrence(booking.recurrence, from, booking.timeZone);
    notes = expanded.notes;
    windows = expanded.windows
      .map((w) => ({ startsAt: new Date(Math.max(+w.startsAt, +booking.startsAt)), endsAt: new Date(Math.min(+w.endsAt, +booking.endsAt)) }))
      .filter((w) => w.endsAt > w.startsAt);
  } else {
    windows = [{ startsAt: booking.startsAt, endsAt: booking.endsAt }];
  }
  if (booking.status !== 'confirmed') {
    windows = windows.filter((w) => w.startsAt < now).map((w) => ({ startsAt: w.startsAt, endsAt: new Date(Math.min(+w.endsAt, +now)) }));
  }
  return { windows, notes };
}

export interface StoredWindowRef extends TimeRange {
  id: string;
  conversationId: string;
  sitterId: number;
}

/** How a booking's stored windows become the ones it asks for now. */
export interface WindowSync {
  /** Windows to delete (they had not started). */
  remove: string[];
  /** Windows whose end moves (the active one: trimmed, ended at `now`, or stretched to the new plan). */
  reEnd: Array<{ id: string; endsAt: Date }>;
  /** New windows to store. */
  insert: TimeRange[];
}

/**
 * A booking write's windows (decided for issue 15, README "Windows of a booking"): what has ended stays as history;
 * what has not started is replaced by the plan; the active window stays when the plan still has a window starting when
 * it started on the same thread with the same sitter (its end follows the plan), otherwise it ends at `now`. On an
 * update, a planned window that would start in the past starts at `now`, so history is never rewritten. Pure.
 */
export function syncBookingWindows(stored: StoredWindowRef[], planned: TimeRange[], target: { conversationId: string; sitterId: number | null }, now: Date, isCreate: boolean): WindowSync {
  const remove: string[] = [];
  const reEnd: Array<{ id: string; endsAt: Date }> = [];
  const consumed = new Set<number>();
  for (const w of stored) {
    if (w.endsAt <= now) continue;
    if (w.startsAt > now) {
      remove.push(w.id);
      continue;
    }
    const same = planned.findIndex((p, i) => !consumed.has(i) && +p.startsAt === +w.startsAt && target.conversationId === w.conversationId && target.sitterId === w.sitterId);
    if (same >= 0) {
      consumed.add(same);
      const endsAt = planned[same].endsAt;
      if (+endsAt !== +w.endsAt) reEnd.push({ id: w.id, endsAt: endsAt < now ? now : endsAt });
    } else {
      reEnd.push({ id: w.id, endsAt: now });
    }
  }
  const insert = planned
    .filter((_, i) => !consumed.has(i))
    .map((p) => (isCreate ? p : { startsAt: p.startsAt < now ? now : p.startsAt, endsAt: p.endsAt }))
    .filter((p) => p.endsAt > p.startsAt && (isCreate || p.endsAt > now));
  return { remove, reEnd, insert };
}

/** The first stored window a new range overlaps, or null. */
export function firstOverlap<T extends TimeRange>(range: TimeRange, others: T[]): { window: T; overlap: TimeRange } | null {
  for (const o of others) {
    const overlap = overlapOf(range, o);
    if (overlap) return { window: o, overlap };
  }
  return null;
}

/** Pairs of windows on one thread that overlap (GET /assignments/conflicts), each pair once, earliest first. */
export function conflictPairs<T extends TimeRange & { id: string }>(windows: T[]): Array<{ windows: [T, T]; overlap: TimeRange }> {
  const sorted = [...windows].sort((a, b) => +a.startsAt - +b.startsAt || a.id.localeCompare(b.id));
  const pairs: Array<{ windows: [T, T]; overlap: TimeRange }> = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j].startsAt < sorted[i].endsAt; j++) {
      if (overlaps(sorted[i], sorted[j])) pairs.push({ windows: [sorted[i], sorted[j]], overlap: overlapOf(sorted[i], sorted[j])! });
    }
  }
  return pairs;
}

/** API.md "Sitters in the app": the 403 sentence for a sitter outside their window, in the organisation's zone. */
export function standingSentence(clientFirstName: string, next: Date | null, zone: string): string {
  return next
    ? `You can message ${clientFirstName} again from ${formatLocal(next, zone)}.`
    : `You have no upcoming window with ${clientFirstName}. Ask the owner to schedule one.`;
}

/** `templates.reassignment` with the client's and the sitter's first names ({{client.firstName}}, {{sitter.firstName}}). */
export function renderReassignment(template: string, values: { clientFirstName: string; sitterFirstName: string }): string {
  return template.replace(/\{\{\s*client\.firstName\s*\}\}/g, values.clientFirstName).replace(/\{\{\s*sitter\.firstName\s*\}\}/g, values.sitterFirstName);
}

/** A person's first name from their display name ("Sam Sitter" → "Sam"). */
export const firstNameOf = (displayName: string): string => displayName.trim().split(/\s+/)[0] ?? displayName;

/** "+1 (415) 555-0120" */
export function readableNumber(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `+1 (${m[1]}) ${m[2]}-${m[3]}` : e164;
}

export interface AssignImpact {
  sitter: string;
  client: string;
  startsAt: Date;
  endsAt: Date;
  zone: string;
  windows: number;
  number: { e164: string; numberClass: 'sitter' | 'pool' | 'front_desk' };
  reassignment: string | null;
  notes: string[];
}

const NUMBER_WORDS = { sitter: (sitter: string) => `${sitter}'s masked number`, pool: () => 'a pool number', front_desk: () => 'the Front Desk number' } as const;

/** OPS §3.3 / §4.3: what assigning a sitter will do, in the sentences of the confirmation dialog. Pure. */
export function assignImpact(i: AssignImpact): string[] {
  const from = formatLocal(i.startsAt, i.zone);
  const to = formatLocal(i.endsAt, i.zone);
  return [
    i.windows === 1 ? 'Assignment window will be created' : `${i.windows} assignment windows will be created`,
    `Number will be assigned (${readableNumber(i.number.e164)}, ${NUMBER_WORDS[i.number.numberClass](i.sitter)})`,
    ...(i.reassignment ? [`Reassignment message will be sent: "${i.reassignment}"`] : []),
    ...i.notes,
    `Assign ${i.sitter} to ${i.client} from ${from} to ${to}?`,
  ];
}

/** OPS §4.3 step 6: the sentence after the assignment. */
export function assignConfirmation(i: { sitter: string; client: string; startsAt: Date; endsAt: Date; zone: string }): string {
  return `Sitter ${i.sitter} assigned to ${i.client} from ${formatLocal(i.startsAt, i.zone)} to ${formatLocal(i.endsAt, i.zone)}. Window created.`;
}

/** OPS §3.3 "Create / Edit / Delete Assignment Window": the preview's sentences. Pure. */
export function windowImpact(i: { action: 'create' | 'update' | 'delete'; sitter: string; client: string; startsAt: Date; endsAt: Date; zone: string; active: boolean }): string[] {
  const range = `${formatLocal(i.startsAt, i.zone)} to ${formatLocal(i.endsAt, i.zone)}`;
  if (i.action === 'create') return ['Assignment window will be created', `${i.sitter} will be able to message ${i.client} from ${range}.`, 'Create assignment window?'];
  if (i.action === 'update') return [`Assignment window will be changed: ${i.sitter} with ${i.client} from ${range}.`, 'Update assignment window? This may affect message routing.'];
  return [
    `Assignment window will be deleted: ${i.sitter} with ${i.client} from ${range}.`,
    ...(i.active ? [`${i.sitter} will stop seeing ${i.client}'s conversation now.`] : []),
    WINDOW_SENTENCES.deleteActive,
  ];
}
