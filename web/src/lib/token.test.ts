import { renewalDelay, tokenExpiry } from './token';

const jwt = (payload: object) => `h.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.s`;

describe('tokenExpiry', () => {
  it('reads exp in milliseconds', () => {
    expect(tokenExpiry(jwt({ id: 1, exp: 1_800_000_000 }))).toBe(1_800_000_000_000);
  });

  it('answers null for tokens without a readable expiry', () => {
    expect(tokenExpiry(jwt({ id: 1 }))).toBeNull();
    expect(tokenExpiry('not a token')).toBeNull();
    expect(tokenExpiry('a.%%%.c')).toBeNull();
  });
});

describe('renewalDelay', () => {
  it('renews a minute early for a ten-minute token', () => {
    expect(renewalDelay(600_000, 0)).toBe(540_000);
  });

  it('renews at once when the token is about to expire or has expired', () => {
    expect(renewalDelay(3_000, 0)).toBe(0);
    expect(renewalDelay(0, 10_000)).toBe(0);
  });

  it('does not schedule without an expiry', () => {
    expect(renewalDelay(null, 0)).toBeNull();
  });
});
