import { DateTime } from 'luxon';
import type { RoutingRuleId, RoutingTargetView } from '../../../../shared/contracts';

/** A time as the page writes it, in the organisation's zone: "Thu, Dec 3, 3:00 PM PST". */
export function formatAt(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toFormat('ccc, LLL d, h:mm a ZZZZ');
}

/** A `datetime-local` value for this instant in the zone, and back. */
export function localInput(at: Date | string, zone: string): string {
  const time = typeof at === 'string' ? DateTime.fromISO(at, { zone }) : DateTime.fromJSDate(at, { zone });
  return time.toFormat("yyyy-LL-dd'T'HH:mm");
}
export function fromLocalInput(value: string, zone: string): string | null {
  const time = DateTime.fromISO(value, { zone });
  return time.isValid ? time.toUTC().toISO() : null;
}

/** Who receives it, in words: "Sam Sitter (sitter)", "Owner inbox". */
export function targetWords(target: Pick<RoutingTargetView, 'type' | 'label'>): string {
  return target.type === 'sitter' ? `${target.label} (sitter)` : target.label;
}

export interface ForecastHour {
  at: string;
  target: RoutingTargetView;
  matchedRule: RoutingRuleId;
  overridden: boolean;
}

export interface ForecastDay {
  /** "Thu, Dec 3" in the organisation's zone. */
  day: string;
  /** Consecutive hours with the same receiver: "3:00 PM – 6:00 PM". */
  spans: Array<{ from: string; to: string; label: string; toSitter: boolean; overridden: boolean }>;
}

/**
 * GET /routing/forecast's hours, as the simulator shows them: one line per day in the organisation's zone, each a run
 * of hours that go to the same receiver. A run crossing midnight is cut at midnight, so each day reads on its own.
 */
export function forecastDays(hours: ForecastHour[], zone: string): ForecastDay[] {
  const days: ForecastDay[] = [];
  for (const hour of hours) {
    const start = DateTime.fromISO(hour.at, { zone });
    const end = start.plus({ hours: 1 });
    const day = start.toFormat('ccc, LLL d');
    let current = days.at(-1);
    if (!current || current.day !== day) {
      current = { day, spans: [] };
      days.push(current);
    }
    const label = targetWords(hour.target);
    const last = current.spans.at(-1);
    const to = end.toFormat('h:mm a');
    if (last && last.label === label && last.overridden === hour.overridden) last.to = to;
    else current.spans.push({ from: start.toFormat('h:mm a'), to, label, toSitter: hour.target.type === 'sitter', overridden: hour.overridden });
  }
  return days;
}
