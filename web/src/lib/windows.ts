/**
 * A sitter's assignment windows on the dashboard (API.md "Assignment windows", the sitter row of
 * `GET /api/assignments/windows`; OPS §2.3 "See assignment window start/end times"): which days to ask for, today's
 * and the upcoming ones apart, and how each reads: the client's label, its local start–end in the browser's locale
 * with the zone's abbreviation, and a status ("Active now", "Later today", or its day). Pure: the clock, the time
 * zone and the locale are parameters (the app passes the browser's).
 */
import { dayKey } from './dates';
import type { SitterWindow } from './types';

/** A row of the sitter's `GET /api/assignments/windows` (the client reads as its label, never a phone number). */
export type { SitterWindow };

/** How far ahead the dashboard looks: today and the next 14 days. */
export const UPCOMING_DAYS = 14;

const DAY_MS = 86_400_000;

/** How far the zone's wall clock is ahead of UTC at this instant, in milliseconds. */
function zoneOffsetMs(ms: number, timeZone?: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(ms));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The instant the local day `days` after the day of `at` begins, in a time zone (midnight, or the first minute after a DST gap). */
export function startOfDay(at: Date, timeZone?: string, days = 0): Date {
  const key = dayKey(at, timeZone);
  const wall = Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, Number(key.slice(8, 10)) + days);
  // Two passes: the offset at the first guess may differ from the offset at midnight across a DST change.
  const guess = wall - zoneOffsetMs(wall, timeZone);
  return new Date(wall - zoneOffsetMs(guess, timeZone));
}

/** The `from` and `to` the dashboard asks for: from the start of today to the end of the 14th day after it. */
export function windowsRange(now: Date, timeZone?: string): { from: string; to: string } {
  return { from: startOfDay(now, timeZone).toISOString(), to: startOfDay(now, timeZone, UPCOMING_DAYS + 1).toISOString() };
}

/** The query string of that request. */
export const windowsQuery = (now: Date, timeZone?: string): string => {
  const { from, to } = windowsRange(now, timeZone);
  return `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
};

export type WindowPhase = 'active' | 'later_today' | 'upcoming' | 'ended' | 'on_hold';

const ms = (iso: string) => new Date(iso).getTime();

/** Where a window stands now, by the clock (so a page left open moves on), except an overlapping one, which stays on hold. */
export function windowPhase(window: Pick<SitterWindow, 'startsAt' | 'endsAt' | 'status'>, now: Date, timeZone?: string): WindowPhase {
  const t = now.getTime();
  if (ms(window.endsAt) <= t) return 'ended';
  if (window.status === 'overlapping') return 'on_hold';
  if (ms(window.startsAt) <= t) return 'active';
  return dayKey(window.startsAt, timeZone) === dayKey(now, timeZone) ? 'later_today' : 'upcoming';
}

/** "Tomorrow", or the day like "Fri 4 Dec" in the locale. */
function dayWords(iso: string, now: Date, timeZone?: string, locale?: string): string {
  if (dayKey(iso, timeZone) === dayKey(startOfDay(now, timeZone, 1), timeZone)) return 'Tomorrow';
  return new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(iso));
}

/** A window's status as it reads: "Active now", "Later today", "Tomorrow" or its day, "Ended", or on hold. */
export function windowStatusLabel(window: Pick<SitterWindow, 'startsAt' | 'endsAt' | 'status'>, now: Date, timeZone?: string, locale?: string): string {
  switch (windowPhase(window, now, timeZone)) {
    case 'active':
      return 'Active now';
    case 'later_today':
      return 'Later today';
    case 'ended':
      return 'Ended';
    case 'on_hold':
      return 'On hold: it overlaps another window. The owner will sort it out.';
    default:
      return dayWords(window.startsAt, now, timeZone, locale);
  }
}

/** The zone's short name at an instant in the locale: "PST", "UTC", "GMT-8". */
function zoneName(iso: string, timeZone?: string, locale?: string): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }).formatToParts(new Date(iso));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/**
 * A window's local start–end with the zone's abbreviation: "9:00 – 11:00 AM PST" within one day, "All day (PST)" for
 * exactly one whole local day, and both dates when it spans days ("Wed, Dec 2, 8:00 AM UTC – Thu, Dec 3, 8:00 AM UTC").
 */
export function windowTimes(window: Pick<SitterWindow, 'startsAt' | 'endsAt'>, timeZone?: string, locale?: string): string {
  const start = new Date(window.startsAt);
  const end = new Date(window.endsAt);
  const midnight = startOfDay(start, timeZone);
  if (midnight.getTime() === start.getTime() && startOfDay(start, timeZone, 1).getTime() === end.getTime()) {
    return `All day (${zoneName(window.startsAt, timeZone, locale)})`;
  }
  const oneDay = dayKey(start, timeZone) === dayKey(new Date(end.getTime() - 1), timeZone) && end.getTime() - start.getTime() < DAY_MS;
  const format = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    ...(oneDay ? {} : { weekday: 'short', day: 'numeric', month: 'short' }),
  });
  return format.formatRange(start, end);
}

export interface WindowGroups {
  /** Active now, later today, or ended earlier today; by start. */
  today: SitterWindow[];
  /** Starting on one of the next 14 days; by start. */
  upcoming: SitterWindow[];
}

/** Today's windows (including one that began yesterday and is still active) and the next 14 days'; others dropped. */
export function groupWindows(windows: readonly SitterWindow[], now: Date, timeZone?: string): WindowGroups {
  const todayStarts = startOfDay(now, timeZone).getTime();
  const tomorrowStarts = startOfDay(now, timeZone, 1).getTime();
  const rangeEnds = startOfDay(now, timeZone, UPCOMING_DAYS + 1).getTime();
  const seen = new Set<string>();
  const sorted = [...windows].filter((w) => !seen.has(w.id) && seen.add(w.id)).sort((a, b) => ms(a.startsAt) - ms(b.startsAt) || a.id.localeCompare(b.id));
  return {
    today: sorted.filter((w) => ms(w.endsAt) > todayStarts && ms(w.startsAt) < tomorrowStarts),
    upcoming: sorted.filter((w) => ms(w.startsAt) >= tomorrowStarts && ms(w.startsAt) < rangeEnds),
  };
}

/** When an open window closes, for the thread's header: "5:00 PM PST" today, "Thu, Dec 3, 12:00 AM PST" on another day. */
export function windowEnds(endsAt: string, now: Date, timeZone?: string, locale?: string): string {
  const sameDay = dayKey(endsAt, timeZone) === dayKey(now, timeZone);
  return new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit', timeZoneName: 'short', ...(sameDay ? {} : { weekday: 'short', day: 'numeric', month: 'short' }) }).format(new Date(endsAt));
}
