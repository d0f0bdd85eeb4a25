import { deliveryFailed, latestRefusal, seenMessageId, statusWords } from './delivery';

const msg = (over: Record<string, unknown> = {}) => ({ id: '10', orderingKey: '10', routeType: 'BUSINESS_TO_ADMIN', state: 'sent', mine: true, ...over });

describe('statusWords', () => {
  it.each([
    ['a pending echo', msg({ orderingKey: '', state: 'pending' }), false, 'Sending…'],
    ['a refused echo', msg({ orderingKey: '', state: 'failed' }), false, 'Not sent'],
    ['my sent message', msg(), false, 'Sent'],
    ["someone else's message", msg({ mine: false }), false, null],
    ['an SMS on its way', msg({ routeType: 'SITTER_TO_CLIENT', state: 'queued' }), false, 'Sending…'],
    ['a delivered SMS', msg({ routeType: 'SITTER_TO_CLIENT', state: 'delivered' }), false, 'Delivered'],
    ['a failed SMS', msg({ routeType: 'SITTER_TO_CLIENT', state: 'failed' }), false, 'Failed'],
    ['an undelivered SMS', msg({ routeType: 'STAFF_TO_CLIENT', state: 'undelivered', mine: false }), false, 'Failed'],
    ["staff's delivered SMS seen by a sitter", msg({ routeType: 'STAFF_TO_CLIENT', state: 'delivered', mine: false }), false, 'Delivered'],
    ['a client text', msg({ routeType: 'CLIENT_INBOUND', state: 'received', mine: false }), false, null],
  ])('%s → %j', (_, m, _unused, words) => {
    expect(statusWords(m)).toBe(words);
  });
});

describe('deliveryFailed', () => {
  it.each([
    [msg({ orderingKey: '', state: 'failed' }), true],
    [msg({ routeType: 'SITTER_TO_CLIENT', state: 'failed' }), true],
    [msg({ routeType: 'SITTER_TO_CLIENT', state: 'undelivered' }), true],
    [msg({ routeType: 'SITTER_TO_CLIENT', state: 'delivered' }), false],
    [msg({ state: 'sent' }), false],
  ])('%j → %s', (m, failed) => expect(deliveryFailed(m)).toBe(failed));
});

describe('seenMessageId: only the newest of my messages, once read up to it', () => {
  const thread = [msg({ id: '5', orderingKey: '5' }), msg({ id: '7', orderingKey: '7', mine: false }), msg({ id: '9', orderingKey: '9' })];
  it.each([
    [undefined, null],
    ['5', null],
    ['9', '9'],
    ['12', '9'],
  ])('read up to %s → %s', (seen, id) => expect(seenMessageId(thread, seen)).toBe(id));
  it('ignores echoes still on their way', () => {
    expect(seenMessageId([...thread, msg({ id: 'local:x', orderingKey: '', state: 'pending' })], '9')).toBe('9');
  });
  it('compares ids as numbers, not text', () => {
    expect(seenMessageId([msg({ id: '100', orderingKey: '100' })], '99')).toBeNull();
  });
});

describe('latestRefusal', () => {
  const window = 'You can message Casey again from Tue, Jan 20, 3:00 PM PST.';
  it('finds the newest send the server refused, with its sentence', () => {
    const messages = [
      msg({ id: 'local:a', orderingKey: '', state: 'failed', idempotencyKey: 'a', error: 'older' }),
      msg({ id: '11', orderingKey: '11', state: 'sent' }),
      msg({ id: 'local:b', orderingKey: '', state: 'failed', idempotencyKey: 'b', error: window }),
      msg({ id: 'local:c', orderingKey: '', state: 'pending', idempotencyKey: 'c' }),
    ];
    expect(latestRefusal(messages)).toMatchObject({ idempotencyKey: 'b', error: window });
  });

  it('is null when nothing was refused (a failed SMS is the provider, not a refusal)', () => {
    expect(latestRefusal([msg(), msg({ routeType: 'SITTER_TO_CLIENT', state: 'failed', idempotencyKey: 'k' }), msg({ orderingKey: '', state: 'pending', idempotencyKey: 'p' })])).toBeNull();
  });
});
