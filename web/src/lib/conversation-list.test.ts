import { clientFirstName, normalizeConversation, sortByActivity, unreadBadge, upsertConversation, vanishedClientThreads, windowEndedSentence, withArrived, withoutConversation, withReadMark, furthestSeen } from './conversation-list';
import type { Conversation, Message } from './types';

const message = (id: string, createdAt = '2026-01-01T10:00:00.000Z') =>
  ({ id, conversationId: '1', orderingKey: id, createdAt, routeType: 'VA_TO_ADMIN', state: 'sent', mine: false, sender: { displayName: 'Val', role: 'va' }, bodyHtml: '', bodyText: '' }) as Message;
const conversation = (id: string | number, updatedAt: string, extra: Partial<Conversation> = {}) =>
  ({ id, kind: 'admin_va', title: 'Admin team', unreadCount: 0, updatedAt, ...extra }) as Conversation;

describe('the conversation list', () => {
  it('holds ids as strings and no last message as null', () => {
    expect(normalizeConversation(conversation(7, 'x'))).toMatchObject({ id: '7', lastMessage: null });
    expect(normalizeConversation(conversation(7, 'x', { lastMessage: { ...message('5'), id: 5 as unknown as string, orderingKey: undefined as unknown as string } })).lastMessage).toMatchObject({ id: '5', orderingKey: '5' });
  });

  it('sorts most recent activity first', () => {
    const sorted = sortByActivity([conversation('1', '2026-01-01'), conversation('2', '2026-01-03'), conversation('3', '2026-01-02')]);
    expect(sorted.map((c) => c.id)).toEqual(['2', '3', '1']);
  });

  it('upserts one entry per id, moving it into place', () => {
    const list = [conversation('1', '2026-01-02'), conversation('2', '2026-01-01')];
    const next = upsertConversation(list, conversation('2', '2026-01-03', { unreadCount: 4 }));
    expect(next.map((c) => [c.id, c.unreadCount])).toEqual([['2', 4], ['1', 0]]);
    expect(list.map((c) => c.id)).toEqual(['1', '2']);
  });

  it.each([
    ['no last message yet', undefined, '10', true],
    ['a newer message', message('9'), '10', true],
    ['the same message again (an update)', message('10'), '10', true],
    ['an older message', message('11'), '10', false],
  ])('takes an arrived message as the last one: %s', (_, last, id, taken) => {
    const arrived = withArrived(conversation('1', '2026-01-01', { lastMessage: last }), message(id, '2026-01-05T00:00:00.000Z'));
    expect(arrived === null ? null : [arrived.lastMessage?.id, arrived.updatedAt]).toEqual(taken ? [id, '2026-01-05T00:00:00.000Z'] : null);
  });
});

describe("the Admin team's read mark", () => {
  it('only moves on: an update counted before conversation:seen does not take it back', () => {
    const list = [conversation('1', '2026-01-01', { seenByStaffUpToId: '20' })];
    expect(upsertConversation(list, conversation('1', '2026-01-02', { seenByStaffUpToId: '10' }))[0].seenByStaffUpToId).toBe('20');
    expect(upsertConversation(list, conversation('1', '2026-01-02', { seenByStaffUpToId: '30' }))[0].seenByStaffUpToId).toBe('30');
    expect(upsertConversation(list, conversation('1', '2026-01-02'))[0].seenByStaffUpToId).toBe('20');
    expect([furthestSeen(undefined, '5'), furthestSeen('5', undefined), furthestSeen('9', '10')]).toEqual(['5', '5', '10']);
  });
});

describe("the reader's own read mark", () => {
  const counted = conversation('1', '2026-01-01', { lastMessage: message('10'), unreadCount: 1 });

  it.each([
    ['read up to the newest message', '10', 0],
    ['read further than the update knew', '12', 0],
    ['read only up to an earlier message', '9', 1],
    ['not read on this device', undefined, 1],
  ])('an update counted before the read mark reached the server: %s', (_, mark, unread) => {
    expect(withReadMark(counted, mark).unreadCount).toBe(unread);
  });

  it('leaves a conversation with no message alone, and never mutates', () => {
    const empty = conversation('2', '2026-01-01', { unreadCount: 0 });
    expect(withReadMark(empty, '10')).toBe(empty);
    withReadMark(counted, '10');
    expect(counted.unreadCount).toBe(1);
  });
});

describe("a sitter's client thread whose window ended", () => {
  const casey = conversation('5', '2026-01-02', { kind: 'client', title: 'Casey · Weekly visits', client: { displayName: 'Casey · Weekly visits' } });
  const admin = conversation('6', '2026-01-01', { kind: 'admin_sitter', title: 'Admin team' });

  it('leaves the list, whichever way its id came', () => {
    const list = [casey, admin];
    expect(withoutConversation(list, '5').map((c) => c.id)).toEqual(['6']);
    expect(withoutConversation(list, 5 as unknown as string).map((c) => c.id)).toEqual(['6']);
    expect(withoutConversation(list, '99')).toEqual(list);
    expect(list).toHaveLength(2);
  });

  it('says so with the client first name', () => {
    expect(clientFirstName(casey)).toBe('Casey');
    expect(windowEndedSentence(casey)).toBe('Your window with Casey has ended. The thread is hidden until your next window.');
    // The title alone is enough; a thread the app never listed still gets a sentence.
    expect(windowEndedSentence({ title: 'Jordan · One visit' })).toBe('Your window with Jordan has ended. The thread is hidden until your next window.');
    expect(windowEndedSentence(undefined)).toBe('Your window with this client has ended. The thread is hidden until your next window.');
  });

  it('is found missing from a fresh list (the removal came while away); other kinds are not', () => {
    expect(vanishedClientThreads([casey, admin], [admin]).map((c) => c.id)).toEqual(['5']);
    expect(vanishedClientThreads([casey, admin], [{ ...casey, id: 5 as unknown as string }])).toEqual([]);
    expect(vanishedClientThreads([casey, admin], [])).toEqual([casey]);
  });
});

describe('the unread badge', () => {
  it('reads 99+ past 99 (the server stops counting at 100), with a label that does not pretend to be exact', () => {
    expect([unreadBadge(1), unreadBadge(99), unreadBadge(100)]).toEqual([
      { text: '1', label: '1 unread' },
      { text: '99', label: '99 unread' },
      { text: '99+', label: 'more than 99 unread' },
    ]);
  });
});
