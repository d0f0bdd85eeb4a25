/**
 * OPS §6.3 "Stop sending if provider fails repeatedly": a circuit breaker for outbound sends, as pure
 * state transitions. The caller keeps the state (it is shared through the database) and passes the time in.
 *
 * Callers record only failures whose ProviderProblem is `retryable` (outages, rate limits): a bad or
 * opted-out recipient number says nothing about the provider's health and must never stop everyone's sends.
 * A send the provider answered, even with a non-retryable refusal, shows it is up and may be recorded as a success.
 */

export type BreakerState = {
  status: 'closed' | 'open' | 'half_open';
  consecutiveFailures: number;
  /** When the breaker opened; while half open, when the probe was let through. Null while closed. */
  openedAt: number | null;
};

export interface BreakerPolicy {
  /** Consecutive retryable failures that open the breaker. */
  failureThreshold: number;
  /** How long an open breaker refuses sends before one probe may try. */
  cooldownMs: number;
}

export const initialBreaker: BreakerState = Object.freeze({ status: 'closed', consecutiveFailures: 0, openedAt: null });

export interface SendGate {
  allowed: boolean;
  /** The state to store: letting a probe through moves the breaker to half open. */
  state: BreakerState;
  /** This send is the single trial after a cooldown; its outcome decides whether the breaker closes. */
  probe: boolean;
}

const cooledDown = (since: number | null, policy: BreakerPolicy, nowMs: number) => since === null || nowMs - since >= policy.cooldownMs;

export function canSend(state: BreakerState, policy: BreakerPolicy, nowMs: number): SendGate {
  switch (state.status) {
    case 'closed':
      return { allowed: true, state, probe: false };
    case 'open':
    case 'half_open':
      // While half open, openedAt is when the probe left: a probe that never reports back (a crashed worker) is presumed lost after one more cooldown.
      if (!cooledDown(state.openedAt, policy, nowMs)) return { allowed: false, state, probe: false };
      return { allowed: true, state: { status: 'half_open', consecutiveFailures: state.consecutiveFailures, openedAt: nowMs }, probe: true };
  }
}

/**
 * How long a send the breaker refused waits before it is looked at again: until the cooldown ends, when one probe may
 * go (at least `minMs`, so a hold never spins), and never longer than one cooldown. A send held late in an outage thus
 * goes out soon after the probe closes the breaker, not a whole cooldown after it was last looked at.
 */
export function holdDelayMs(state: BreakerState, policy: BreakerPolicy, nowMs: number, minMs = 1_000): number {
  const untilCooledDown = state.openedAt === null ? policy.cooldownMs : state.openedAt + policy.cooldownMs - nowMs;
  return Math.min(policy.cooldownMs, Math.max(minMs, untilCooledDown));
}

export function recordSuccess(_state: BreakerState): BreakerState {
  return { ...initialBreaker };
}

export function recordFailure(state: BreakerState, policy: BreakerPolicy, nowMs: number): BreakerState {
  const consecutiveFailures = state.consecutiveFailures + 1;
  switch (state.status) {
    case 'closed':
      return consecutiveFailures >= policy.failureThreshold
        ? { status: 'open', consecutiveFailures, openedAt: nowMs }
        : { status: 'closed', consecutiveFailures, openedAt: null };
    case 'half_open':
      return { status: 'open', consecutiveFailures, openedAt: nowMs };
    case 'open':
      // A send that was already in flight when the breaker opened: the cooldown still counts from the opening.
      return { status: 'open', consecutiveFailures, openedAt: state.openedAt ?? nowMs };
  }
}
