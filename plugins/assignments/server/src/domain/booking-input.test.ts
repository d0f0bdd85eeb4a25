import { BOOKING_SENTENCES as S, bookingFieldsOf, bookingSchema } from './booking-input';

const schema = bookingSchema('America/Los_Angeles');
const weekly = { daysOfWeek: ['MO', 'WE'], startTime: '09:00', endTime: '24:00', until: '2027-03-31' };
const base = { kind: 'one_time', client: 'abc123', startsAt: '2027-01-20T17:00:00Z', endsAt: '2027-01-20T19:00:00Z' };

/** The first sentence a person would read, or 'ok'. */
const firstProblem = (input: Record<string, unknown>) => {
  const result = schema.safeParse(input);
  return result.success ? 'ok' : result.error.issues[0].message;
};

describe('bookingSchema', () => {
  it('fills the organisation time zone, no sitter and status confirmed', () => {
    expect(schema.parse(base)).toEqual({
      kind: 'one_time',
      client: 'abc123',
      sitterId: null,
      startsAt: new Date('2027-01-20T17:00:00Z'),
      endsAt: new Date('2027-01-20T19:00:00Z'),
      timeZone: 'America/Los_Angeles',
      recurrence: null,
      status: 'confirmed',
    });
  });

  it('takes a weekly booking with its recurrence and a sitter', () => {
    const parsed = schema.parse({ ...base, kind: 'weekly', sitterId: 7, recurrence: weekly, timeZone: 'Europe/London' });
    expect([parsed.sitterId, parsed.recurrence, parsed.timeZone]).toEqual([7, weekly, 'Europe/London']);
  });

  it.each([
    ['a valid one-time booking', {}, 'ok'],
    ['a sitter id as digits', { sitterId: '12' }, 'ok'],
    ['an unknown kind', { kind: 'overnight' }, S.kind],
    ['no kind', { kind: undefined }, S.kind],
    ['no client', { client: undefined }, S.client],
    ['an empty client', { client: '  ' }, S.client],
    ['a start that is not a date', { startsAt: 'tomorrow' }, S.startsAt],
    ['an end that is not a date', { endsAt: '2027-13-45T00:00:00Z' }, S.endsAt],
    ['a date without a time', { endsAt: '2027-01-21' }, S.endsAt],
    ['end before start', { endsAt: '2027-01-20T16:00:00Z' }, S.endBeforeStart],
    ['end equal to start', { endsAt: base.startsAt }, S.endBeforeStart],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, S.timeZone],
    ['an unknown status', { status: 'pending' }, S.status],
    ['a sitter id that is not a number', { sitterId: 'sam' }, S.sitterId],
    ['weekly without a recurrence', { kind: 'weekly' }, S.recurrenceRequired],
    ['a recurrence on a one-time booking', { recurrence: weekly }, S.recurrenceOnlyWeekly],
    ['a recurrence that is not an object', { kind: 'weekly', recurrence: 'MO-FR' }, S.recurrenceShape],
    ['no days', { kind: 'weekly', recurrence: { ...weekly, daysOfWeek: [] } }, S.daysOfWeek],
    ['an unknown day', { kind: 'weekly', recurrence: { ...weekly, daysOfWeek: ['MO', 'XX'] } }, S.daysOfWeek],
    ['a day twice', { kind: 'weekly', recurrence: { ...weekly, daysOfWeek: ['MO', 'MO'] } }, S.daysOfWeek],
    ['24:00 as a start', { kind: 'weekly', recurrence: { ...weekly, startTime: '24:00' } }, S.startTime24],
    ['a start time that is not HH:mm', { kind: 'weekly', recurrence: { ...weekly, startTime: '9am' } }, S.startTime],
    ['a start hour past 23', { kind: 'weekly', recurrence: { ...weekly, startTime: '25:00' } }, S.startTime],
    ['24:00 as an end', { kind: 'weekly', recurrence: { ...weekly, startTime: '00:00', endTime: '24:00' } }, 'ok'],
    ['00:00 as an end', { kind: 'weekly', recurrence: { ...weekly, startTime: '00:00', endTime: '00:00' } }, S.endTime],
    ['an end time that is not HH:mm', { kind: 'weekly', recurrence: { ...weekly, endTime: '5pm' } }, S.endTime],
    ['recurrence end before its start', { kind: 'weekly', recurrence: { ...weekly, startTime: '17:00', endTime: '09:00' } }, S.recurrenceOrder],
    ['an until that is not a date', { kind: 'weekly', recurrence: { ...weekly, until: 'March' } }, S.until],
    ['an until before the first day (local)', { kind: 'weekly', recurrence: { ...weekly, until: '2027-01-19' } }, S.untilBeforeStart],
    ['an until on the first day', { kind: 'weekly', recurrence: { ...weekly, until: '2027-01-20' } }, 'ok'],
  ])('%s → %s', (_label, change, expected) => {
    expect(firstProblem({ ...base, ...change })).toBe(expected);
  });

  it('names the field of a refusal in details', () => {
    const result = schema.safeParse({ ...base, endsAt: '2027-01-20T16:00:00Z' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(['endsAt']);
  });
});

describe('bookingFieldsOf', () => {
  it('keeps what a caller writes and drops what the server sets', () => {
    expect(bookingFieldsOf({ kind: 'weekly', conversationId: '9', numberE164: '+1', numberClass: 'pool', id: 3, createdAt: 'x', client: 'c' })).toEqual({ kind: 'weekly', client: 'c' });
  });
});
