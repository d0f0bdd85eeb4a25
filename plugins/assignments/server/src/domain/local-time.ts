import { DateTime } from 'luxon';

/** How a local wall-clock time was placed on the time line (DOMAIN.md "Windows are half-open"). */
export type LocalTimeAdjustment = 'exact' | 'moved_forward' | 'first_of_two';

export interface ResolvedLocalTime {
  instant: Date;
  adjustment: LocalTimeAdjustment;
  /** For a preview: what happened to this time, in words; null when it is exact. */
  note: string | null;
}

const MINUTE = 60_000;
const offsetAt = (ms: number, zone: string): number => DateTime.fromMillis(ms, { zone }).offset;

const readable = (date: string, time: string): string => {
  const d = DateTime.fromISO(`${date}T${time}`);
  return `${d.toFormat('h:mm a')} on ${d.toFormat('ccc, LLL d')}`;
};

/**
 * A local date and "HH:mm" in an IANA zone as one instant. A time that does not exist (clocks spring forward) moves to
 * the first valid minute after it; a time that happens twice (clocks fall back) takes its first occurrence. Pure.
 */
export function resolveLocalTime(date: string, time: string, zone: string): ResolvedLocalTime {
  const [hour, minute] = time.split(':').map(Number);
  const wall = DateTime.fromISO(date, { zone: 'utc' }).set({ hour, minute }).toMillis();
  // Every offset the zone might have around this wall time; each candidate is the instant it names under that offset.
  const offsets = [...new Set([offsetAt(wall - 36 * 3_600_000, zone), offsetAt(wall, zone), offsetAt(wall + 36 * 3_600_000, zone)])];
  const valid = offsets.map((o) => wall - o * MINUTE).filter((ms) => offsetAt(ms, zone) * MINUTE === wall - ms).sort((a, b) => a - b);
  if (valid.length === 1) return { instant: new Date(valid[0]), adjustment: 'exact', note: null };
  if (valid.length > 1) {
    const first = DateTime.fromMillis(valid[0], { zone });
    return {
      instant: new Date(valid[0]),
      adjustment: 'first_of_two',
      note: `${readable(date, time)} happens twice (the clocks go back); the first one, ${first.toFormat('h:mm a ZZZZ')}, is used.`,
    };
  }
  // In the gap: the first valid minute after it is the moment the clocks sprang forward.
  const before = Math.max(...offsets);
  const after = Math.min(...offsets);
  let low = wall - before * MINUTE; // still on the old offset
  let high = wall - after * MINUTE;
  if (low > high) [low, high] = [high, low];
  const oldOffset = offsetAt(low, zone);
  while (high - low > MINUTE) {
    const mid = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
    if (offsetAt(mid, zone) === oldOffset) low = mid;
    else high = mid;
  }
  const moved = DateTime.fromMillis(high, { zone });
  return {
    instant: new Date(high),
    adjustment: 'moved_forward',
    note: `${readable(date, time)} does not exist (the clocks go forward); ${moved.toFormat('h:mm a')} is used instead.`,
  };
}

/** "Tue, Jan 20, 3:00 PM PST": how an instant reads to a person in the organisation's zone. */
export const formatLocal = (instant: Date, zone: string): string => DateTime.fromJSDate(instant, { zone }).toFormat('ccc, LLL d, h:mm a ZZZZ');
