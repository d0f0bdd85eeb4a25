import { bookingListQuerySchema } from './list-query';

describe('bookingListQuerySchema', () => {
  it('pages 50 at a time from page 1 by default', () => {
    expect(bookingListQuerySchema.parse({})).toEqual({ page: 1, pageSize: 50 });
  });

  it.each([
    [{ pageSize: '201' }, 'Page size must be a whole number from 1 to 200.'],
    [{ page: '0' }, 'Page must be a whole number from 1.'],
    [{ status: 'pending' }, 'Status must be confirmed, completed or cancelled.'],
    [{ kind: 'overnight' }, 'Kind must be one_time, weekly or meet_and_greet.'],
  ])('%j → %s', (query, sentence) => {
    const result = bookingListQuerySchema.safeParse(query);
    expect(result.success ? 'ok' : result.error.issues[0].message).toBe(sentence);
  });

  it('reads the filters from query strings', () => {
    expect(bookingListQuerySchema.parse({ page: '2', pageSize: '10', clientId: 'abc', sitterId: '7', status: 'confirmed', kind: 'weekly' })).toEqual({ page: 2, pageSize: 10, clientId: 'abc', sitterId: 7, status: 'confirmed', kind: 'weekly' });
  });
});
