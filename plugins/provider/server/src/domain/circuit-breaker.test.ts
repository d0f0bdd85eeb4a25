import { canSend, holdDelayMs, initialBreaker, recordFailure, recordSuccess, type BreakerPolicy, type BreakerState } from './circuit-breaker';

const policy: BreakerPolicy = { failureThreshold: 3, cooldownMs: 30_000 };
const T0 = 1_700_000_000_000;

const failTimes = (times: number, from: BreakerState = initialBreaker, at = T0): BreakerState =>
  Array.from({ length: times }).reduce<BreakerState>((state) => recordFailure(state, policy, at), from);

const opened: BreakerState = { status: 'open', consecutiveFailures: 3, openedAt: T0 };

describe('circuit breaker', () => {
  it('starts closed and lets sends through', () => {
    expect(initialBreaker).toEqual({ status: 'closed', consecutiveFailures: 0, openedAt: null });
    expect(canSend(initialBreaker, policy, T0)).toEqual({ allowed: true, state: initialBreaker, probe: false });
  });

  it.each([
    [1, { status: 'closed', consecutiveFailures: 1, openedAt: null }],
    [2, { status: 'closed', consecutiveFailures: 2, openedAt: null }],
    [3, { status: 'open', consecutiveFailures: 3, openedAt: T0 }],
  ])('after %i consecutive failures it is %j', (failures, expected) => {
    expect(failTimes(failures)).toEqual(expected);
  });

  it.each([0, 1, 29_999])('refuses sends %i ms after opening', (elapsed) => {
    expect(canSend(opened, policy, T0 + elapsed)).toEqual({ allowed: false, state: opened, probe: false });
  });

  it('lets exactly one probe through once the cooldown has passed', () => {
    const first = canSend(opened, policy, T0 + 30_000);
    expect(first).toEqual({ allowed: true, probe: true, state: { status: 'half_open', consecutiveFailures: 3, openedAt: T0 + 30_000 } });
    expect(canSend(first.state, policy, T0 + 30_001)).toEqual({ allowed: false, state: first.state, probe: false });
    expect(canSend(first.state, policy, T0 + 59_999).allowed).toBe(false);
  });

  it('closes when the probe succeeds', () => {
    const probing = canSend(opened, policy, T0 + 30_000).state;
    const closed = recordSuccess(probing);
    expect(closed).toEqual({ status: 'closed', consecutiveFailures: 0, openedAt: null });
    expect(canSend(closed, policy, T0 + 30_001)).toMatchObject({ allowed: true, probe: false });
  });

  it('re-opens with a fresh cooldown when the probe fails', () => {
    const probing = canSend(opened, policy, T0 + 30_000).state;
    const reopened = recordFailure(probing, policy, T0 + 31_000);
    expect(reopened).toEqual({ status: 'open', consecutiveFailures: 4, openedAt: T0 + 31_000 });
    expect(canSend(reopened, policy, T0 + 60_000).allowed).toBe(false);
    expect(canSend(reopened, policy, T0 + 61_000)).toMatchObject({ allowed: true, probe: true });
  });

  it('a success resets the count, so only consecutive failures open it', () => {
    const afterSuccess = recordSuccess(failTimes(2));
    expect(afterSuccess.consecutiveFailures).toBe(0);
    expect(failTimes(2, afterSuccess)).toMatchObject({ status: 'closed', consecutiveFailures: 2 });
    expect(failTimes(3, afterSuccess).status).toBe('open');
  });

  it('lets another probe through when the last one never reported back', () => {
    const probing = canSend(opened, policy, T0 + 30_000).state;
    expect(canSend(probing, policy, T0 + 60_000)).toEqual({
      allowed: true,
      probe: true,
      state: { status: 'half_open', consecutiveFailures: 3, openedAt: T0 + 60_000 },
    });
  });

  it('probes rather than refusing forever when an open breaker has no opening time on record', () => {
    expect(canSend({ status: 'open', consecutiveFailures: 3, openedAt: null }, policy, T0)).toMatchObject({ allowed: true, probe: true });
  });

  it('does not extend the cooldown for sends that were already in flight when it opened', () => {
    expect(recordFailure(opened, policy, T0 + 10_000)).toEqual({ status: 'open', consecutiveFailures: 4, openedAt: T0 });
  });

  it('opens at once with a threshold of one', () => {
    expect(recordFailure(initialBreaker, { ...policy, failureThreshold: 1 }, T0)).toEqual({ status: 'open', consecutiveFailures: 1, openedAt: T0 });
  });

  it('never changes the state it is given', () => {
    const frozen = Object.freeze({ ...opened });
    canSend(frozen, policy, T0 + 30_000);
    recordFailure(frozen, policy, T0 + 30_000);
    recordSuccess(frozen);
    expect(frozen).toEqual(opened);
    expect(recordSuccess(opened)).not.toBe(initialBreaker);
  });

  describe('how long a refused send is held', () => {
    it.each([
      ['just after it opened: the whole cooldown', T0 + 100, 29_900],
      ['late in the cooldown: only until it ends, when a probe may go', T0 + 25_000, 5_000],
      ['a moment before the end: at least a second, never a spin', T0 + 29_900, 1_000],
    ])('%s', (_label, at, held) => {
      expect(holdDelayMs(opened, policy, at)).toBe(held);
    });

    it('while a probe is out, until one more cooldown from when it left', () => {
      const probing: BreakerState = { status: 'half_open', consecutiveFailures: 3, openedAt: T0 };
      expect(holdDelayMs(probing, policy, T0 + 10_000)).toBe(20_000);
    });

    it('never longer than a cooldown, whatever the stored state says', () => {
      expect(holdDelayMs({ ...opened, openedAt: T0 + 120_000 }, policy, T0)).toBe(30_000);
      expect(holdDelayMs({ ...opened, openedAt: null }, policy, T0)).toBe(30_000);
      expect(holdDelayMs(opened, { ...policy, cooldownMs: 500 }, T0)).toBe(500);
    });
  });
});
