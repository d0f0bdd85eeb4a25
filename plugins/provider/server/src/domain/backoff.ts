/**
 * OPS §4.7 and §6.3: automatic delivery retries with exponential backoff and full jitter, and a cap on
 * automatic attempts (the limit comes from config: `defaults.deliveryMaxAttempts`, 3 per OPS §4.7).
 * Randomness is a parameter so the schedule is testable.
 */

export interface BackoffPolicy {
  /** The ceiling of the first retry's delay; each later retry doubles it. */
  baseMs: number;
  /** No delay is ever longer than this. */
  maxMs: number;
}

/**
 * How long to wait after the given attempt (1 = the first send) failed: a random delay between 0 and
 * min(maxMs, baseMs × 2^(attempt−1)). Full jitter keeps many failed sends from retrying in lockstep.
 */
export function retryDelayMs(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const exponent = Math.max(0, Math.floor(Number.isFinite(attempt) ? attempt : 1) - 1);
  const ceiling = Math.max(0, Math.min(policy.maxMs, policy.baseMs * 2 ** exponent));
  const r = random();
  const fraction = Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 0;
  return Math.round(fraction * ceiling);
}

/**
 * Whether to try again automatically after `attempt` attempts (counting the one that just failed) out of
 * `maxAttempts` in total. Only retryable problems are retried; the rest wait for a person (manual retry).
 */
export function shouldRetry(attempt: number, maxAttempts: number, problem: { retryable: boolean }): boolean {
  return problem.retryable && attempt < maxAttempts;
}
