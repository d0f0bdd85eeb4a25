import { retryDelayMs, shouldRetry } from './backoff';

const policy = { baseMs: 2_000, maxMs: 60_000 };
const always = (value: number) => () => value;

describe('retryDelayMs', () => {
  it.each([
    [1, 2_000],
    [2, 4_000],
    [3, 8_000],
    [4, 16_000],
    [5, 32_000],
    [6, 60_000],
    [7, 60_000],
    [50, 60_000],
    [5_000, 60_000],
  ])('waits at most %i → %i ms', (attempt, ceiling) => {
    expect(retryDelayMs(attempt, policy, always(1))).toBe(ceiling);
  });

  it.each([
    [1, 0.5, 1_000],
    [2, 0.25, 1_000],
    [3, 0.75, 6_000],
    [9, 0.5, 30_000],
  ])('attempt %i with random %f waits %i ms (full jitter)', (attempt, random, delay) => {
    expect(retryDelayMs(attempt, policy, always(random))).toBe(delay);
  });

  it('can retry at once when the jitter says so', () => {
    expect(retryDelayMs(3, policy, always(0))).toBe(0);
  });

  it.each([0.1234, 0.5, 0.999999, 1 / 3])('returns whole milliseconds for random %f', (random) => {
    expect(Number.isInteger(retryDelayMs(1, { baseMs: 999, maxMs: 10_000 }, always(random)))).toBe(true);
  });

  it.each([
    ['below zero', -0.5, 0],
    ['above one', 1.7, 2_000],
    ['not a number', Number.NaN, 0],
  ])('keeps the delay inside the window when random is %s', (_label, random, delay) => {
    expect(retryDelayMs(1, policy, always(random))).toBe(delay);
  });

  it.each([0, -3, Number.NaN])('treats attempt %p as the first', (attempt) => {
    expect(retryDelayMs(attempt, policy, always(1))).toBe(2_000);
  });

  it('stays within the ceiling for every draw', () => {
    let seed = 42;
    const lcg = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let attempt = 1; attempt <= 10; attempt++) {
      const delay = retryDelayMs(attempt, policy, lcg);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(Math.min(60_000, 2_000 * 2 ** (attempt - 1)));
    }
  });
});

describe('shouldRetry', () => {
  const retryable = { retryable: true };
  const final = { retryable: false };

  it.each([
    [1, retryable, true],
    [2, retryable, true],
    [3, retryable, false],
    [4, retryable, false],
    [1, final, false],
    [2, final, false],
  ])('after attempt %i of 3 with %j retries: %s', (attempt, problem, expected) => {
    expect(shouldRetry(attempt, 3, problem)).toBe(expected);
  });

  it('makes at most three automatic attempts in total (OPS §4.7) when the provider keeps failing', () => {
    let attempts = 0;
    do attempts++;
    while (shouldRetry(attempts, 3, retryable));
    expect(attempts).toBe(3);
  });
});
