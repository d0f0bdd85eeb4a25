import { Outbox, type KeyValueStorage, type OutboxEntry } from './outbox';

const memoryStorage = (): KeyValueStorage & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
};

const entry = (key: string, extra: Partial<OutboxEntry> = {}): OutboxEntry => ({
  idempotencyKey: key,
  conversationId: '1',
  routeType: 'BUSINESS_TO_ADMIN',
  bodyHtml: '<p>hi</p>',
  bodyText: 'hi',
  createdAt: '2026-01-01T00:00:00.000Z',
  status: 'pending',
  ...extra,
});

describe('Outbox', () => {
  it('forgets one user’s queue on clear, and nobody else’s', () => {
    const storage = memoryStorage();
    new Outbox(storage, 'outbox:user:1').put(entry('a'));
    new Outbox(storage, 'outbox:user:2').put(entry('b'));
    new Outbox(storage, 'outbox:user:1').clear();
    expect(new Outbox(storage, 'outbox:user:1').all()).toEqual([]);
    expect(storage.data.has('outbox:user:1')).toBe(false);
    expect(new Outbox(storage, 'outbox:user:2').all().map((e) => e.idempotencyKey)).toEqual(['b']);
  });

  it('survives a reload: a new Outbox on the same storage sees the queued sends', () => {
    const storage = memoryStorage();
    new Outbox(storage, 'outbox:user:1').put(entry('a'));
    expect(new Outbox(storage, 'outbox:user:1').pending().map((e) => e.idempotencyKey)).toEqual(['a']);
  });

  it('keeps one queue per user', () => {
    const storage = memoryStorage();
    new Outbox(storage, 'outbox:user:1').put(entry('a'));
    expect(new Outbox(storage, 'outbox:user:2').all()).toEqual([]);
  });

  it('keeps the idempotency key through failure and retry', () => {
    const outbox = new Outbox(memoryStorage(), 'k');
    outbox.put(entry('a'));
    outbox.markFailed('a', 'Your business profile is 70% complete.');
    expect(outbox.pending()).toEqual([]);
    expect(outbox.all()[0]).toMatchObject({ idempotencyKey: 'a', status: 'failed', error: 'Your business profile is 70% complete.' });
    outbox.markPending('a');
    expect(outbox.pending()).toEqual([entry('a')]);
  });

  it('replaces an entry put twice instead of queueing it twice', () => {
    const outbox = new Outbox(memoryStorage(), 'k');
    outbox.put(entry('a'));
    outbox.put(entry('a', { bodyText: 'edited' }));
    expect(outbox.all()).toHaveLength(1);
  });

  it('filters by conversation and forgets confirmed sends', () => {
    const outbox = new Outbox(memoryStorage(), 'k');
    outbox.put(entry('a'));
    outbox.put(entry('b', { conversationId: '2' }));
    expect(outbox.forConversation('2').map((e) => e.idempotencyKey)).toEqual(['b']);
    outbox.remove('a');
    expect(outbox.all().map((e) => e.idempotencyKey)).toEqual(['b']);
  });

  it('treats unreadable storage as an empty queue', () => {
    const storage = memoryStorage();
    storage.setItem('k', '{not json');
    expect(new Outbox(storage, 'k').all()).toEqual([]);
    storage.setItem('k', JSON.stringify([{ nonsense: true }, entry('a')]));
    expect(new Outbox(storage, 'k').all().map((e) => e.idempotencyKey)).toEqual(['a']);
  });
});
