import { breakerTrips, frequencyCapReason, loopReason, quietUntil } from './limits';
import { offsetWords, triggerText } from './words';

const LA = 'America/Los_Angeles';
const at = (iso: string) => new Date(iso);

describe('quietUntil: quiet hours in the business’s zone', () => {
  it.each<[string, string, { start: string; end: string } | null, string | null]>([
    ['no quiet hours', '2027-01-20T06:00:00Z', null, null],
    ['10 PM local, quiet 21:00–08:00: until 8 AM next day', '2027-01-20T06:00:00Z', { start: '21:00', end: '08:00' }, '2027-01-20T16:00:00.000Z'],
    ['2 AM local, after midnight: until 8 AM the same day', '2027-01-20T10:00:00Z', { start: '21:00', end: '08:00' }, '2027-01-20T16:00:00.000Z'],
    ['noon local is not quiet', '2027-01-20T20:00:00Z', { start: '21:00', end: '08:00' }, null],
    ['a daytime quiet period 12:00–13:00 at 12:30 local', '2027-01-20T20:30:00Z', { start: '12:00', end: '13:00' }, '2027-01-20T21:00:00.000Z'],
    ['the end minute is not quiet', '2027-01-20T16:00:00Z', { start: '21:00', end: '08:00' }, null],
    ['summer time: 11 PM PDT until 8 AM PDT', '2027-07-20T06:00:00Z', { start: '21:00', end: '08:00' }, '2027-07-20T15:00:00.000Z'],
  ])('%s', (_name, now, quiet, expected) => {
    const until = quietUntil(at(now), LA, quiet);
    expect(until ? until.toISOString() : null).toBe(expected);
  });
});

describe('limits', () => {
  it('the cap skips the run once a client had as many automated SMS as the cap', () => {
    expect(frequencyCapReason(2, 3)).toBeNull();
    expect(frequencyCapReason(3, 3)).toBe('Skipped: this client already received 3 automated messages in the last 24 hours (the limit is 3).');
  });
  it('a chain is cut past the depth limit', () => {
    expect(loopReason(3, 3)).toBeNull();
    expect(loopReason(4, 3)).toBe('Loop stopped: this run was set off by a chain of 4 automation runs (the limit is 3). Check their triggers and actions.');
  });
  it('the breaker trips at the threshold', () => {
    expect(breakerTrips(4, 5)).toBe(false);
    expect(breakerTrips(5, 5)).toBe(true);
  });
});

describe('words', () => {
  it.each<[number, string]>([
    [0, ''],
    [-120, '2 hours before'],
    [-60, '1 hour before'],
    [30, '30 minutes after'],
    [1, '1 minute after'],
    [-1440, '1 day before'],
    [2880, '2 days after'],
    [-90, '90 minutes before'],
  ])('offset %i reads "%s"', (minutes, words) => {
    expect(offsetWords(minutes)).toBe(words);
  });
  it('triggers read as OPS §3.6 "Human-readable trigger description"', () => {
    expect(triggerText({ type: 'booking.created' })).toBe('Booking created');
    expect(triggerText({ type: 'window.starting', offsetMinutes: -120 })).toBe('2 hours before a window starts');
    expect(triggerText({ type: 'window.ended' })).toBe('When a window ends');
  });
});
