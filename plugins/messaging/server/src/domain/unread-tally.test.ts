import { nextTally, type UnreadTally } from './unread-tally';

const tally = (last: string, unread: [string, number][], seen?: string): UnreadTally => ({
  last,
  counts: { unread: new Map(unread), seen: new Map(seen ? [[7, seen]] : []) },
  withStaffSeen: seen !== undefined,
});

describe('nextTally: the counts as of the next message, from counts exact as of its predecessor', () => {
  const before = tally('100', [['7:u:1', 0], ['7:a:2', 3], ['7:u:9', 99]], '90');

  it('gives every reader but the sender one more, up to the cap, and keeps the Admin team read mark', () => {
    const next = nextTally(before, 7, { id: '105', senderKey: 'u:1' }, '100', 100)!;
    expect(next.last).toBe('105');
    expect([...next.counts.unread]).toEqual([['7:u:1', 0], ['7:a:2', 4], ['7:u:9', 100]]);
    expect(next.counts.seen.get(7)).toBe('90');
    expect(next.withStaffSeen).toBe(true);
    // Never changes the tally it came from.
    expect(before.counts.unread.get('7:a:2')).toBe(3);
  });

  it('stops at the cap', () => {
    const full = tally('100', [['7:a:2', 100]]);
    expect(nextTally(full, 7, { id: '105', senderKey: 'u:1' }, '100', 100)!.counts.unread.get('7:a:2')).toBe(100);
  });

  it.each([
    ['no tally', undefined, '100'],
    ['a message in between that this node did not count', before, '103'],
    ['no predecessor known (a send through a transaction)', before, undefined],
    ['the first message of the conversation', before, null],
  ])('derives nothing with %s', (_, from, previous) => {
    expect(nextTally(from, 7, { id: '105', senderKey: 'u:1' }, previous, 100)).toBeUndefined();
  });
});
