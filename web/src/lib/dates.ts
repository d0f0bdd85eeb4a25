/**
 * Dates as people read them in a chat (issue 13 item 9): a separator before each day's first message ("Today",
 * "Yesterday", "Mon 30 Nov") and the time of the last message in a conversation list. Pure: the clock and the
 * time zone are parameters (the app passes the browser's).
 */

const LOCALE = 'en-GB';

/** The calendar day an instant falls on in a time zone, as "2026-11-30". */
export function dayKey(iso: string | Date, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Whole days from the day of `then` to the day of `now` (0 = the same day), counted on the calendar. */
function daysBetween(then: string | Date, now: Date, timeZone?: string): number {
  const utcMidnight = (key: string) => Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, Number(key.slice(8, 10)));
  return Math.round((utcMidnight(dayKey(now, timeZone)) - utcMidnight(dayKey(then, timeZone))) / 86_400_000);
}

const sameYear = (then: string | Date, now: Date, timeZone?: string) => dayKey(then, timeZone).slice(0, 4) === dayKey(now, timeZone).slice(0, 4);

/** A thread's day separator: "Today", "Yesterday", "Mon 30 Nov", or "Sun 30 Nov 2025" for another year. */
export function dayLabel(iso: string | Date, now: Date, timeZone?: string): string {
  const days = daysBetween(iso, now, timeZone);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  const year = sameYear(iso, now, timeZone) ? undefined : 'numeric';
  return new Intl.DateTimeFormat(LOCALE, { timeZone, weekday: 'short', day: 'numeric', month: 'short', year }).format(new Date(iso)).replace(',', '');
}

/** The clock time of a message, like "14:05". */
export const clockTime = (iso: string | Date, timeZone?: string): string =>
  new Intl.DateTimeFormat(LOCALE, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

/** When a conversation's last message came, for the list: "14:05" today, "Yesterday", "Mon" this week, "30 Nov", "30 Nov 2025". */
export function listTime(iso: string | Date, now: Date, timeZone?: string): string {
  const days = daysBetween(iso, now, timeZone);
  if (days <= 0) return clockTime(iso, timeZone);
  if (days === 1) return 'Yesterday';
  if (days < 7) return new Intl.DateTimeFormat(LOCALE, { timeZone, weekday: 'short' }).format(new Date(iso));
  const year = sameYear(iso, now, timeZone) ? undefined : 'numeric';
  return new Intl.DateTimeFormat(LOCALE, { timeZone, day: 'numeric', month: 'short', year }).format(new Date(iso));
}

/** The full date and time, for a tooltip and for screen readers: "Monday 30 November 2026 at 14:05". */
export const fullDateTime = (iso: string | Date, timeZone?: string): string =>
  new Intl.DateTimeFormat(LOCALE, { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso)).replace(',', '');

export type ThreadItem<M> = { kind: 'day'; key: string; label: string } | { kind: 'message'; key: string; message: M };

/** A thread's messages, ascending, with a day separator before the first message of each day. */
export function withDaySeparators<M extends { id: string; createdAt: string }>(messages: readonly M[], now: Date, timeZone?: string): ThreadItem<M>[] {
  const items: ThreadItem<M>[] = [];
  let previousDay: string | null = null;
  for (const message of messages) {
    const day = dayKey(message.createdAt, timeZone);
    if (day !== previousDay) items.push({ kind: 'day', key: `day-${day}`, label: dayLabel(message.createdAt, now, timeZone) });
    previousDay = day;
    items.push({ kind: 'message', key: message.id, message });
  }
  return items;
}
