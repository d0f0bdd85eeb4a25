import { DateTime } from 'luxon';

export interface QuietHours {
  /** Local "HH:mm" the quiet period starts and ends; an end before the start runs over midnight. */
  start: string;
  end: string;
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/**
 * Beyond the spec (issue 20): automated SMS wait out the business's quiet hours. The instant the quiet period that
 * holds `now` ends, in the organisation's zone; null when `now` is not quiet (or there are no quiet hours).
 */
export function quietUntil(now: Date, zone: string, quiet: QuietHours | null): Date | null {
  if (!quiet) return null;
  const local = DateTime.fromJSDate(now, { zone });
  const at = local.hour * 60 + local.minute;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return null;
  const inside = start < end ? at >= start && at < end : at >= start || at < end;
  if (!inside) return null;
  let until = local.startOf('day').plus({ minutes: end });
  if (until <= local) until = until.plus({ days: 1 });
  return until.toJSDate();
}

/** A valid "HH:mm". */
export const isClockTime = (value: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(value);

/** Beyond the spec: a client hears at most `cap` automated SMS in 24 hours; the sentence a skipped run records. */
export function frequencyCapReason(sentInLastDay: number, cap: number): string | null {
  return sentInLastDay >= cap ? `Skipped: this client already received ${sentInLastDay} automated messages in the last 24 hours (the limit is ${cap}).` : null;
}

/** Loop protection: a run set off by another automation's action is `depth` deep; past the limit it is cut. */
export function loopReason(depth: number, maxDepth: number): string | null {
  return depth > maxDepth ? `Loop stopped: this run was set off by a chain of ${depth} automation runs (the limit is ${maxDepth}). Check their triggers and actions.` : null;
}

/** The circuit breaker: after this many failures in a row the automation pauses itself. */
export function breakerTrips(consecutiveFailures: number, threshold: number): boolean {
  return consecutiveFailures >= threshold;
}

export const selfPauseReason = (failures: number) => `Paused after ${failures} failed executions in a row. Fix the automation, test it and activate it again.`;
export const editedPauseReason = (version: number) => `Edited: test version ${version} and activate it again.`;
