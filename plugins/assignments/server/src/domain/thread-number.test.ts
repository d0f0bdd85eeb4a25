import { choosePoolNumber, holdsPoolNumber, threadNumberClass, type PoolHold, type PoolNumber } from './thread-number';

const at = (iso: string) => new Date(iso);
const now = at('2027-01-20T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const pool: PoolNumber[] = [
  { e164: '+14155550142', lastUsedAt: at('2027-01-10T00:00:00Z') },
  { e164: '+14155550140', lastUsedAt: at('2027-01-12T00:00:00Z') },
  { e164: '+14155550141', lastUsedAt: null },
];
const hold = (clientId: string, numberE164: string, over: Partial<PoolHold> = {}): PoolHold => ({ clientId, numberE164, status: 'confirmed', endsAt: at('2027-01-21T00:00:00Z'), ...over });
const choose = (holds: PoolHold[], clientId = 'casey', current: string | null = null, numbers = pool) =>
  choosePoolNumber({ pool: numbers, holds, clientId, current, now, graceHours: 24 });

describe('threadNumberClass (OPS §4.4)', () => {
  it.each([
    ['weekly', 7, 'sitter'],
    ['weekly', null, 'front_desk'],
    ['one_time', null, 'pool'],
    ['one_time', 7, 'pool'],
    ['meet_and_greet', null, 'front_desk'],
    ['meet_and_greet', 7, 'front_desk'],
  ] as const)('%s with sitter %s → %s', (kind, sitterId, expected) => {
    expect(threadNumberClass({ kind, sitterId })).toBe(expected);
  });
});

describe('holdsPoolNumber (DOMAIN.md "Pool numbers")', () => {
  it.each([
    ['a future booking', hold('a', 'x'), true],
    ['a booking that ended 23 hours ago', hold('a', 'x', { endsAt: hoursAgo(23) }), true],
    ['a completed booking that ended 23 hours ago', hold('a', 'x', { endsAt: hoursAgo(23), status: 'completed' }), true],
    ['a booking that ended exactly 24 hours ago', hold('a', 'x', { endsAt: hoursAgo(24) }), false],
    ['a booking that ended 25 hours ago', hold('a', 'x', { endsAt: hoursAgo(25) }), false],
    ['a cancelled future booking (released at once)', hold('a', 'x', { status: 'cancelled' }), false],
  ])('%s → %s', (_label, h, expected) => {
    expect(holdsPoolNumber(h, now, 24)).toBe(expected);
  });
});

describe('choosePoolNumber (OPS §4.4, §4.5)', () => {
  it.each([
    ['nothing held: the never-used number first', [], null, '+14155550141'],
    ['the never-used one held: the least recently used', [hold('jordan', '+14155550141')], null, '+14155550142'],
    ['two held: the last free one', [hold('jordan', '+14155550141'), hold('riley', '+14155550142')], null, '+14155550140'],
    ['all held by others: none', [hold('jordan', '+14155550141'), hold('riley', '+14155550142'), hold('avery', '+14155550140')], null, null],
    ['the client holds one: theirs again, not the least recently used', [hold('casey', '+14155550140')], null, '+14155550140'],
    ['the client held one 25 hours ago: the least recently used', [hold('casey', '+14155550140', { endsAt: hoursAgo(25) })], null, '+14155550141'],
    ['held by another client 23 hours ago: skipped', [hold('jordan', '+14155550141', { endsAt: hoursAgo(23) })], null, '+14155550142'],
    ['held by another client 25 hours ago: free again, no cooldown', [hold('jordan', '+14155550141', { endsAt: hoursAgo(25) })], null, '+14155550141'],
    ['held by a cancelled booking: free at once', [hold('jordan', '+14155550141', { status: 'cancelled' })], null, '+14155550141'],
    ['a changed booking keeps its number', [], '+14155550142', '+14155550142'],
    ['a changed booking keeps its number over the client’s other one', [hold('casey', '+14155550140')], '+14155550142', '+14155550142'],
    ['a changed booking whose number another client took moves', [hold('jordan', '+14155550142')], '+14155550142', '+14155550141'],
  ] as const)('%s', (_label, holds, current, expected) => {
    expect(choose([...holds], 'casey', current)).toBe(expected);
  });

  it('a number no longer in the pool (quarantined, given to a sitter) is not kept', () => {
    expect(choose([], 'casey', '+14155550199')).toBe('+14155550141');
  });

  it('an empty pool has nothing to give', () => {
    expect(choose([], 'casey', null, [])).toBeNull();
  });

  it('ties in last use go by E.164, whatever the order', () => {
    const same = at('2027-01-01T00:00:00Z');
    const numbers = [{ e164: '+14155550149', lastUsedAt: same }, { e164: '+14155550143', lastUsedAt: same }];
    expect(choose([], 'casey', null, numbers)).toBe('+14155550143');
    expect(choose([], 'casey', null, [...numbers].reverse())).toBe('+14155550143');
  });
});
