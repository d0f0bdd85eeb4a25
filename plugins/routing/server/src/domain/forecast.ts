import type { RoutingEvaluation } from './evaluate';

const HOUR_MS = 60 * 60 * 1000;

export interface ForecastHour {
  at: string;
  target: RoutingEvaluation['target'];
  matchedRule: RoutingEvaluation['matchedRule'];
  overridden: boolean;
}

/** The hour `at` falls in (forecasts start on the hour). */
export const startOfHour = (at: Date): Date => new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);

/**
 * The next `count` hours from `from`, each evaluated by `evaluateAt`, and the stretches in which no sitter would
 * receive a message (consecutive non-sitter hours joined): the forecast's gaps.
 */
export function forecast(from: Date, count: number, evaluateAt: (at: Date) => RoutingEvaluation): { hours: ForecastHour[]; gaps: Array<{ from: string; to: string }> } {
  const hours = Array.from({ length: count }, (_v, i) => {
    const at = new Date(from.getTime() + i * HOUR_MS);
    const r = evaluateAt(at);
    return { at: at.toISOString(), target: r.target, matchedRule: r.matchedRule, overridden: r.overridden };
  });
  const gaps: Array<{ from: string; to: string }> = [];
  for (const h of hours) {
    if (h.target.type === 'sitter') continue;
    const last = gaps.at(-1);
    const end = new Date(new Date(h.at).getTime() + HOUR_MS).toISOString();
    if (last && last.to === h.at) last.to = end;
    else gaps.push({ from: h.at, to: end });
  }
  return { hours, gaps };
}

/** "Replay with current rules": whether today's rules route a past decision differently, in words. */
export function replayVerdict(
  original: { target: { type: string; sitterId?: number; label: string }; matchedRule: string },
  replay: { target: { type: string; sitterId?: number; label: string }; matchedRule: string | null },
): { differs: boolean; summary: string } {
  const differs = replay.target.type !== original.target.type || (replay.target.sitterId ?? null) !== (original.target.sitterId ?? null) || replay.matchedRule !== original.matchedRule;
  return {
    differs,
    summary: differs ? `Today's rules would route it differently: to ${replay.target.label} (was ${original.target.label}).` : `Today's rules route it the same way: to ${replay.target.label}.`,
  };
}
