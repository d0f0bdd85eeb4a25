import { furthestId, withReadMark } from './read-marks';

describe('read marks', () => {
  it('keeps the furthest mark, whichever arrives first', () => {
    expect([furthestId(undefined, '5'), furthestId('5', undefined), furthestId('9', '10'), furthestId('10', '9'), furthestId(undefined, undefined)]).toEqual(['5', '5', '10', '10', undefined]);
  });

  it('clears the unread count of a conversation read up to its newest message, and only then', () => {
    const counted = { id: '1', unreadCount: 3 };
    // A mark at or past the newest message: nothing unread, whatever the update counted.
    expect(withReadMark(counted, '10', '10').unreadCount).toBe(0);
    expect(withReadMark(counted, '10', '11').unreadCount).toBe(0);
    // A mark before it (a message came after the read), no mark, or no message: the count stands, same object.
    expect(withReadMark(counted, '10', '9')).toBe(counted);
    expect(withReadMark(counted, '10', undefined)).toBe(counted);
    expect(withReadMark(counted, null, '10')).toBe(counted);
    const read = { id: '1', unreadCount: 0 };
    expect(withReadMark(read, '10', '10')).toBe(read);
    // Never mutates.
    withReadMark(counted, '10', '10');
    expect(counted.unreadCount).toBe(3);
  });
});
