import { DateTime } from 'luxon';
import type { AssignmentWindow } from '../../../shared/contracts';

/** Today in the organisation's zone, as GET /assignments/windows' range (windows ending after from, starting before to). */
export function todayQuery(zone: string, now: Date = new Date()): string {
  const day = DateTime.fromJSDate(now, { zone }).startOf('day');
  return new URLSearchParams({ from: day.toUTC().toISO()!, to: day.plus({ days: 1 }).toUTC().toISO()!, pageSize: '50' }).toString();
}

/** One window of today: "9:00 AM – 11:00 AM · Sam Sitter with Casey Morgan", times in the organisation's zone. */
export function windowLine(w: Pick<AssignmentWindow, 'startsAt' | 'endsAt' | 'sitter' | 'client'>, zone: string): string {
  const time = (iso: string) => DateTime.fromISO(iso, { zone }).toFormat('h:mm a');
  return `${time(w.startsAt)} – ${time(w.endsAt)} · ${w.sitter.displayName} with ${w.client.name}`;
}
