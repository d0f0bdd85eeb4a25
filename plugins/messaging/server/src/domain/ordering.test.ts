import { latestServerId, mergeMessages, type OrderedMessage } from './ordering';

interface Msg extends OrderedMessage {
  state: string;
}

/** A server message: orderingKey === id. */
const s = (id: string, state = 'sent', idempotencyKey?: string): Msg => ({ id, orderingKey: id, state, ...(idempotencyKey ? { idempotencyKey } : {}) });
/** A pending local echo: temporary id and a non-numeric orderingKey (compareIds would throw on it). */
const l = (uuid: string, idempotencyKey: string, state = 'pending'): Msg => ({ id: `local:${uuid}`, orderingKey: `pending-${uuid}`, state, idempotencyKey });

/** `id` or `id@state` when the state is not the default, to make replacements visible. */
const show = (messages: readonly Msg[]) => messages.map((m) => (m.state === 'sent' || m.state === 'pending' ? m.id : `${m.id}@${m.state}`));

const K1 = '6f1c1f53-5b7e-4d4a-9f0e-1f2a3b4c5d6e';
const K2 = '0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d';
const BIG = '9223372036854775807';
const BIG_MINUS_1 = '9223372036854775806';

describe('mergeMessages', () => {
  it.each<{ name: string; current: Msg[]; incoming: Msg[]; expected: string[]; repaired: number }>([
    { name: 'empty + empty', current: [], incoming: [], expected: [], repaired: 0 },
    {
      name: 'dedupes by id: the incoming version of an existing message wins',
      current: [s('1'), s('2'), s('3')],
      incoming: [s('2', 'edited'), s('3', 'deleted'), s('4')],
      expected: ['1', '2@edited', '3@deleted', '4'],
      repaired: 0,
    },
    {
      name: 'dedupes within the incoming batch: the later copy wins',
      current: [s('1')],
      incoming: [s('5'), s('5', 'edited')],
      expected: ['1', '5@edited'],
      repaired: 0,
    },
    {
      name: 'replaces a pending local echo with the canonical message via idempotencyKey',
      current: [s('1'), l('a', K1), l('b', K2)],
      incoming: [s('2', 'sent', K1)],
      expected: ['1', '2', 'local:b'],
      repaired: 0,
    },
    {
      name: 'a canonical message landing before the tail replaces its echo and counts as a repair',
      current: [s('1'), s('5'), l('a', K1)],
      incoming: [s('3', 'sent', K1)],
      expected: ['1', '3', '5'],
      repaired: 1,
    },
    {
      name: 'sorts out-of-order arrivals and counts those older than the existing tail',
      current: [s('10'), s('20')],
      incoming: [s('15'), s('5'), s('25')],
      expected: ['5', '10', '15', '20', '25'],
      repaired: 2,
    },
    {
      name: 'orders numerically, not lexicographically',
      current: [s('9')],
      incoming: [s('10'), s('8'), s('100')],
      expected: ['8', '9', '10', '100'],
      repaired: 1,
    },
    {
      name: 'orders ids near 2^63 without precision loss',
      current: [s(BIG)],
      incoming: [s(BIG_MINUS_1)],
      expected: [BIG_MINUS_1, BIG],
      repaired: 1,
    },
    {
      name: 'sorts an unsorted batch into an empty list without counting repairs (no tail yet)',
      current: [],
      incoming: [s('3'), s('1'), s('2')],
      expected: ['1', '2', '3'],
      repaired: 0,
    },
    {
      name: 'keeps local echoes after all server messages, in their relative order',
      current: [l('a', K1), s('1'), l('b', K2)],
      incoming: [s('2'), l('c', 'k3')],
      expected: ['1', '2', 'local:a', 'local:b', 'local:c'],
      repaired: 0,
    },
    {
      name: 'updates a local echo in place by id',
      current: [l('a', K1), l('b', K2)],
      incoming: [l('a', K1, 'failed')],
      expected: ['local:a@failed', 'local:b'],
      repaired: 0,
    },
    {
      name: 'drops a local echo whose send is already confirmed',
      current: [s('7', 'sent', K1)],
      incoming: [l('x', K1)],
      expected: ['7'],
      repaired: 0,
    },
    {
      name: 'drops a leftover local echo already confirmed within current',
      current: [l('a', K1), s('7', 'sent', K1)],
      incoming: [],
      expected: ['7'],
      repaired: 0,
    },
    {
      name: 'an incoming message replaces a server entry with the same idempotencyKey under another id',
      current: [s('5', 'sent', K1), s('9')],
      incoming: [s('6', 'sent', K1)],
      expected: ['6', '9'],
      repaired: 1,
    },
    {
      name: 're-delivery of an already confirmed message is a replacement, not a repair',
      current: [s('1', 'sent', K1), s('2')],
      incoming: [s('1', 'edited', K1)],
      expected: ['1@edited', '2'],
      repaired: 0,
    },
  ])('$name', ({ current, incoming, expected, repaired }) => {
    const result = mergeMessages(current, incoming);
    expect(show(result.messages)).toEqual(expected);
    expect(result.repaired).toBe(repaired);
  });

  it('returns the incoming object for a replaced message and does not mutate its inputs', () => {
    const current = [s('2'), l('a', K1), s('1')];
    const incoming = [s('3', 'sent', K1), s('1', 'edited')];
    const before = JSON.stringify({ current, incoming });
    const { messages } = mergeMessages(current, incoming);
    expect(messages[0]).toBe(incoming[1]);
    expect(messages[2]).toBe(incoming[0]);
    expect(messages).not.toBe(current);
    expect(JSON.stringify({ current, incoming })).toBe(before);
  });

  it('is idempotent: merging the same batch twice gives the same list and no repairs the second time', () => {
    const current = [s('10'), s('30'), l('a', K1), l('b', K2)];
    const batch = [s('20', 'sent', K1), s('5'), s('30', 'edited'), s('40'), l('c', 'k3')];

    const first = mergeMessages(current, batch);
    expect(show(first.messages)).toEqual(['5', '10', '20', '30@edited', '40', 'local:b', 'local:c']);
    expect(first.repaired).toBe(2);

    const second = mergeMessages(first.messages, batch);
    expect(second.messages).toEqual(first.messages);
    expect(second.repaired).toBe(0);
  });

  it('merges a reconnect delta fetched from latestServerId without duplicates', () => {
    const local = [s('100'), s('101'), l('a', K1)];
    const sinceId = latestServerId(local);
    expect(sinceId).toBe('101');
    // The server returns messages with orderingKey > sinceId, including the canonical copy of the pending send.
    const delta = [s('102'), s('103', 'sent', K1)];
    const { messages, repaired } = mergeMessages(local, delta);
    expect(show(messages)).toEqual(['100', '101', '102', '103']);
    expect(repaired).toBe(0);
    expect(latestServerId(messages)).toBe('103');
  });
});

describe('latestServerId', () => {
  it.each<{ name: string; messages: Msg[]; expected: string | undefined }>([
    { name: 'empty input', messages: [], expected: undefined },
    { name: 'only local echoes', messages: [l('a', K1), l('b', K2)], expected: undefined },
    { name: 'ignores locals wherever they are', messages: [l('a', K1), s('5'), l('b', K2)], expected: '5' },
    { name: 'greatest, not last', messages: [s('3'), s('7'), s('5')], expected: '7' },
    { name: 'numeric, not lexicographic', messages: [s('9'), s('10')], expected: '10' },
    { name: 'near 2^63', messages: [s(BIG), s(BIG_MINUS_1)], expected: BIG },
  ])('$name', ({ messages, expected }) => {
    expect(latestServerId(messages)).toBe(expected);
  });
});
