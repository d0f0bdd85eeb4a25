import { formatLocal, resolveLocalTime } from './local-time';

const LA = 'America/Los_Angeles';
const LONDON = 'Europe/London';

describe('resolveLocalTime (DOMAIN.md: a missing time moves forward, a doubled one takes its first occurrence)', () => {
  it.each([
    // date, time, zone, instant, adjustment
    ['2026-01-20', '15:00', LA, '2026-01-20T23:00:00.000Z', 'exact'],
    ['2026-07-01', '09:00', LA, '2026-07-01T16:00:00.000Z', 'exact'],
    ['2026-03-08', '01:59', LA, '2026-03-08T09:59:00.000Z', 'exact'],
    ['2026-03-08', '02:00', LA, '2026-03-08T10:00:00.000Z', 'moved_forward'],
    ['2026-03-08', '02:30', LA, '2026-03-08T10:00:00.000Z', 'moved_forward'],
    ['2026-03-08', '03:00', LA, '2026-03-08T10:00:00.000Z', 'exact'],
    ['2026-11-01', '01:30', LA, '2026-11-01T08:30:00.000Z', 'first_of_two'],
    ['2026-11-01', '02:00', LA, '2026-11-01T10:00:00.000Z', 'exact'],
    ['2026-11-01', '00:59', LA, '2026-11-01T07:59:00.000Z', 'exact'],
    ['2026-03-29', '01:30', LONDON, '2026-03-29T01:00:00.000Z', 'moved_forward'],
    ['2026-10-25', '01:30', LONDON, '2026-10-25T00:30:00.000Z', 'first_of_two'],
    ['2026-06-01', '00:00', 'UTC', '2026-06-01T00:00:00.000Z', 'exact'],
  ])('%s %s in %s is %s (%s)', (date, time, zone, iso, adjustment) => {
    const resolved = resolveLocalTime(date, time, zone);
    expect(resolved.instant.toISOString()).toBe(iso);
    expect(resolved.adjustment).toBe(adjustment);
    expect(resolved.note === null).toBe(adjustment === 'exact');
  });

  it('says in words what happened to a missing or doubled time', () => {
    expect(resolveLocalTime('2026-03-08', '02:30', LA).note).toBe('2:30 AM on Sun, Mar 8 does not exist (the clocks go forward); 3:00 AM is used instead.');
    expect(resolveLocalTime('2026-11-01', '01:30', LA).note).toBe('1:30 AM on Sun, Nov 1 happens twice (the clocks go back); the first one, 1:30 AM PDT, is used.');
  });
});

describe('formatLocal', () => {
  it('reads as API.md’s next-window sentence does', () => {
    expect(formatLocal(new Date('2026-01-20T23:00:00Z'), LA)).toBe('Tue, Jan 20, 3:00 PM PST');
    expect(formatLocal(new Date('2026-07-01T16:00:00Z'), LA)).toBe('Wed, Jul 1, 9:00 AM PDT');
  });
});
