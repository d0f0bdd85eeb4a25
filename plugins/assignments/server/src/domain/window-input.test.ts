import { parseInput } from '@switchboard/kit';
import { assignSchema, createWindowSchema, locatorOf, windowListQuerySchema, writeQuerySchema } from './window-input';

const refusal = (schema: Parameters<typeof parseInput>[0], input: unknown): string => {
  try {
    parseInput(schema, input);
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
};

describe('window route inputs (strict, each mistake a sentence)', () => {
  const window = { conversationId: '12', sitterId: 4, startsAt: '2027-01-20T15:00:00Z', endsAt: '2027-01-20T17:00:00Z' };

  it.each([
    ['a window', createWindowSchema, window, 'accepted'],
    ['end before start', createWindowSchema, { ...window, endsAt: '2027-01-20T14:00:00Z' }, 'End time must be after start time.'],
    ['an unknown field', createWindowSchema, { ...window, colour: 'red' }, 'colour is not a field here; remove it.'],
    ['a date that is not one', createWindowSchema, { ...window, startsAt: 'tomorrow' }, 'Start time (startsAt) must be a date and time, like 2027-01-20T15:00:00Z.'],
    ['a thread id that is not one', createWindowSchema, { ...window, conversationId: 'abc' }, 'Thread (conversationId) must be a thread id, like "12".'],
    ['assign: client and thread both', assignSchema, { clientId: 'c1', conversationId: '12', sitterId: 4, type: 'one_time_booking', startsAt: window.startsAt }, 'Send either clientId or conversationId, not both.'],
    ['assign: neither', assignSchema, { sitterId: 4, type: 'one_time_booking', startsAt: window.startsAt }, 'Pick a client (clientId) or a thread (conversationId).'],
    ['assign: a bad type', assignSchema, { clientId: 'c1', sitterId: 4, type: 'weekly', startsAt: window.startsAt }, 'Type must be weekly_client, one_time_booking or meet_and_greet.'],
    ['list: page size 201', windowListQuerySchema, { pageSize: '201' }, 'Page size must be a whole number from 1 to 200.'],
    ['list: a bad status', windowListQuerySchema, { status: 'soon' }, 'Status must be active, future, past or overlapping.'],
    ['list: to before from', windowListQuerySchema, { from: '2027-01-21T00:00:00Z', to: '2027-01-20T00:00:00Z' }, 'To must be after from.'],
    ['write query: preview=yes', writeQuerySchema, { preview: 'yes' }, 'preview must be true or false.'],
    ['write query: an unknown parameter', writeQuerySchema, { force: 'true' }, 'force is not a field here; remove it.'],
  ])('%s', (_, schema, input, expected) => {
    expect(refusal(schema as any, input)).toBe(expected);
  });

  it('the list defaults to page 1 of 50', () => {
    expect(parseInput(windowListQuerySchema, {})).toEqual({ page: 1, pageSize: 50 });
  });

  it('reads the thread or client before anything else (404 before 400)', () => {
    expect(locatorOf({ conversationId: 12, sitterId: 'x' })).toEqual({ conversationId: '12', clientId: undefined });
    expect(locatorOf(null)).toEqual({ conversationId: undefined, clientId: undefined });
  });
});
