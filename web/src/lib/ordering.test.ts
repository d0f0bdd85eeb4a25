import { compareIds, latestServerId, localEchoId, mergeMessages } from './ordering';

const server = (id: string, extra: Record<string, unknown> = {}) => ({ id, orderingKey: id, ...extra });
const echo = (key: string, extra: Record<string, unknown> = {}) => ({ id: localEchoId(key), orderingKey: '', idempotencyKey: key, ...extra });

describe('compareIds', () => {
  it.each([
    ['9', '10', -1],
    ['10', '9', 1],
    ['7255937164009472001', '7255937164009472002', -1],
    ['18446744073709551615', '9223372036854775807', 1],
    ['42', '42', 0],
  ])('%s vs %s → %i', (a, b, expected) => {
    expect(Math.sign(compareIds(a, b))).toBe(expected);
  });
});

describe('mergeMessages', () => {
  it('orders server messages numerically, not as text', () => {
    const { messages: merged } = mergeMessages([server('10'), server('9')], [server('100'), server('11')]);
    expect(merged.map((m) => m.id)).toEqual(['9', '10', '11', '100']);
  });

  it('drops duplicates by id and keeps the newer state', () => {
    const { messages: merged } = mergeMessages([server('1', { state: 'sent' }), server('2')], [server('1', { state: 'delivered' })]);
    expect(merged).toHaveLength(2);
    expect(merged[0]).toMatchObject({ id: '1', state: 'delivered' });
  });

  it('replaces a local echo with the server message carrying its idempotency key', () => {
    const { messages: merged } = mergeMessages([server('5'), echo('k1', { state: 'pending' })], [server('6', { idempotencyKey: 'k1' })]);
    expect(merged.map((m) => m.id)).toEqual(['5', '6']);
  });

  it('keeps local echoes after every server message, in the order they were written', () => {
    const { messages: merged } = mergeMessages([echo('a'), echo('b')], [server('3'), server('2')]);
    expect(merged.map((m) => m.id)).toEqual(['2', '3', 'local:a', 'local:b']);
  });

  it('ignores a late local echo whose send is already confirmed', () => {
    const { messages: merged } = mergeMessages([server('6', { idempotencyKey: 'k1' })], [echo('k1', { state: 'failed' })]);
    expect(merged.map((m) => m.id)).toEqual(['6']);
  });

  it('repairs order when a delta holds a message older than the newest one shown', () => {
    const { messages: merged } = mergeMessages([server('1'), server('4')], [server('2'), server('3'), server('4')]);
    expect(merged.map((m) => m.id)).toEqual(['1', '2', '3', '4']);
  });

  it('is idempotent and never mutates its inputs', () => {
    const current = Object.freeze([server('1'), echo('x')]);
    const incoming = Object.freeze([server('2')]);
    const once = mergeMessages(current, incoming).messages;
    expect(mergeMessages(once, incoming)).toEqual({ messages: once, repaired: 0 });
    expect(current).toHaveLength(2);
  });
});

describe('latestServerId', () => {
  it('ignores local echoes and compares numerically', () => {
    expect(latestServerId([server('9'), server('10'), echo('z')])).toBe('10');
    expect(latestServerId([echo('z')])).toBeUndefined();
  });
});

describe('repaired (ordering_repair_events_count)', () => {
  it('counts new messages sorted in before the newest one shown, and nothing for new, known or local ones', () => {
    const shown = [server('10'), server('12'), echo('k')];
    const repaired = (incoming: ReturnType<typeof server>[]) => mergeMessages(shown, incoming).repaired;
    expect(repaired([server('13'), server('14')])).toBe(0);
    expect(repaired([server('11')])).toBe(1);
    expect(repaired([server('12'), server('10')])).toBe(0);
    expect(repaired([server('15'), server('11'), server('9')])).toBe(2);
    expect(mergeMessages([], [server('3'), server('1')]).repaired).toBe(0);
    expect(repaired([echo('x')])).toBe(0);
  });
});
