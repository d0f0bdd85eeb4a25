import { DateTime } from 'luxon';
import type { DayOfWeek, Recurrence } from '../../../shared/contracts';
import { resolveLocalTime } from './local-time';

/** A window on the time line: half-open, [startsAt, endsAt). */
export interface TimeRange {
  startsAt: Date;
  endsAt: Date;
}

export interface ExpandedWindow extends TimeRange {
  /** The local date the window belongs to (YYYY-MM-DD). */
  localDate: string;
}

export type WindowStatus = 'active' | 'future' | 'past' | 'overlapping';

const DAY_INDEX: Record<DayOfWeek, number> = { MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6, SU: 7 };

/**
 * OPS §3.3, DOMAIN.md: a weekly booking's windows, one per listed day from `fromDate` to `until` (both local dates,
 * inclusive), at local wall-clock times in `zone`; "24:00" ends at the next day's midnight. A window keeps its local
 * hours across a daylight-saving change. `notes` says in words which times moved (for the preview). Pure.
 */
export function expandRecurrence(recurrence: Recurrence, fromDate: string, zone: string): { windows: ExpandedWindow[]; notes: string[] } {
  const days = new Set(recurrence.daysOfWeek.map((d) => DAY_INDEX[d]));
  const windows: ExpandedWindow[] = [];
  const notes: string[] = [];
  const last = DateTime.fromISO(recurrence.until, { zone: 'utc' });
  for (let day = DateTime.fromISO(fromDate, { zone: 'utc' }); day <= last; day = day.plus({ days: 1 })) {
    if (!days.has(day.weekday)) continue;
    const date = day.toISODate()!;
    const start = resolveLocalTime(date, recurrence.startTime, zone);
    const end = recurrence.endTime === '24:00' ? resolveLocalTime(day.plus({ days: 1 }).toISODate()!, '00:00', zone) : resolveLocalTime(date, recurrence.endTime, zone);
    for (const r of [start, end]) if (r.note && !notes.includes(r.note)) notes.push(r.note);
    if (end.instant > start.instant) windows.push({ localDate: date, startsAt: start.instant, endsAt: end.instant });
  }
  return { windows, notes };
}

/** Half-open ranges overlap when each starts before the other ends; touching ones ([a, b) and [b, c)) do not. */
export const overlaps = (a: TimeRange, b: TimeRange): boolean => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

/** The part two overlapping ranges share, or null. */
export function overlapOf(a: TimeRange, b: TimeRange): TimeRange | null {
  if (!overlaps(a, b)) return null;
  return { startsAt: new Date(Math.max(+a.startsAt, +b.startsAt)), endsAt: new Date(Math.min(+a.endsAt, +b.endsAt)) };
}

/**
 * API.md "Assignment windows": `past` once ended; before that `overlapping` if another window on the thread overlaps
 * it, otherwise `active` or `future`.
 */
export function windowStatus(window: TimeRange, othersOnThread: TimeRange[], now: Date): WindowStatus {
  if (window.endsAt <= now) return 'past';
  if (othersOnThread.some((o) => overlaps(window, o))) return 'overlapping';
  return window.startsAt <= now ? 'active' : 'future';
}
