import { groupWindows, startOfDay, windowEnds, windowPhase, windowStatusLabel, windowTimes, windowsQuery, windowsRange, type SitterWindow } from './windows';

const LA = 'America/Los_Angeles';
// Wednesday 2 December 2026, 10:30 in Los Angeles (18:30 UTC).
const now = new Date('2026-12-02T18:30:00Z');

/** Intl puts narrow and thin spaces around times and dashes; the words are what matter here. */
const plain = (s: string) => s.replace(/[\u202f\u2009\u00a0]/g, ' ');

const window = (id: string, startsAt: string, endsAt: string, status: SitterWindow['status'] = 'future'): SitterWindow => ({
  id,
  conversationId: `c${id}`,
  client: { displayName: 'Casey · Weekly visits' },
  startsAt,
  endsAt,
  timeZone: LA,
  status,
});

describe('the range the dashboard asks for', () => {
  it('runs from the start of today to the end of the 14th day after it, in the browser zone', () => {
    expect(windowsRange(now, LA)).toEqual({ from: '2026-12-02T08:00:00.000Z', to: '2026-12-17T08:00:00.000Z' });
    expect(windowsRange(now, 'Europe/London')).toEqual({ from: '2026-12-02T00:00:00.000Z', to: '2026-12-17T00:00:00.000Z' });
    expect(windowsQuery(now, LA)).toBe('from=2026-12-02T08%3A00%3A00.000Z&to=2026-12-17T08%3A00%3A00.000Z');
  });

  it('finds local midnight across a DST change', () => {
    // 8 March 2026: Los Angeles springs forward at 02:00, so the day starts on PST and the next on PDT.
    expect(startOfDay(new Date('2026-03-08T20:00:00Z'), LA).toISOString()).toBe('2026-03-08T08:00:00.000Z');
    expect(startOfDay(new Date('2026-03-08T20:00:00Z'), LA, 1).toISOString()).toBe('2026-03-09T07:00:00.000Z');
  });
});

describe('a window status', () => {
  it.each([
    ['active now', window('1', '2026-12-02T17:00:00Z', '2026-12-02T20:00:00Z', 'active'), 'active', 'Active now'],
    ['later today', window('2', '2026-12-02T22:00:00Z', '2026-12-02T23:00:00Z'), 'later_today', 'Later today'],
    ['ended this morning', window('3', '2026-12-02T16:00:00Z', '2026-12-02T17:00:00Z', 'past'), 'ended', 'Ended'],
    ['tomorrow', window('4', '2026-12-03T18:00:00Z', '2026-12-03T20:00:00Z'), 'upcoming', 'Tomorrow'],
    ['later this week', window('5', '2026-12-04T18:00:00Z', '2026-12-04T20:00:00Z'), 'upcoming', 'Fri, Dec 4'],
    ['overlapping another', window('6', '2026-12-02T17:00:00Z', '2026-12-02T20:00:00Z', 'overlapping'), 'on_hold', 'On hold: it overlaps another window. The owner will sort it out.'],
  ])('%s', (_, w, phase, label) => {
    expect(windowPhase(w, now, LA)).toBe(phase);
    expect(windowStatusLabel(w, now, LA, 'en-US')).toBe(label);
  });

  it('follows the clock rather than the status read earlier', () => {
    const w = window('1', '2026-12-02T19:00:00Z', '2026-12-02T20:00:00Z', 'future');
    expect(windowStatusLabel(w, now, LA)).toBe('Later today');
    expect(windowStatusLabel(w, new Date('2026-12-02T19:00:00Z'), LA)).toBe('Active now');
    expect(windowStatusLabel(w, new Date('2026-12-02T20:00:00Z'), LA)).toBe('Ended');
  });

  it('counts "today" in the browser zone', () => {
    // 02:00 UTC on 3 December is still 2 December in Los Angeles, but tomorrow in London.
    const evening = window('1', '2026-12-03T02:00:00Z', '2026-12-03T03:00:00Z');
    expect(windowStatusLabel(evening, now, LA)).toBe('Later today');
    expect(windowStatusLabel(evening, now, 'Europe/London')).toBe('Tomorrow');
  });
});

describe('a window start–end', () => {
  it('reads within one day with the zone abbreviation, in the locale', () => {
    const w = window('1', '2026-12-02T17:00:00Z', '2026-12-02T19:00:00Z');
    expect(plain(windowTimes(w, LA, 'en-US'))).toBe('9:00 – 11:00 AM PST');
    expect(plain(windowTimes(w, 'Europe/London', 'en-GB'))).toBe('17:00–19:00 GMT');
  });

  it('reads a whole local day as all day', () => {
    const w = window('1', '2026-12-02T08:00:00Z', '2026-12-03T08:00:00Z');
    expect(windowTimes(w, LA, 'en-US')).toBe('All day (PST)');
  });

  it('names both days when the window spans them (the same all-day window, read in another zone)', () => {
    const w = window('1', '2026-12-02T08:00:00Z', '2026-12-03T08:00:00Z');
    expect(plain(windowTimes(w, 'UTC', 'en-US'))).toBe('Wed, Dec 2, 8:00 AM UTC – Thu, Dec 3, 8:00 AM UTC');
  });
});

describe('grouping windows', () => {
  it("puts today's (even one that began yesterday) apart from the upcoming ones, by start, each once", () => {
    const overnight = window('a', '2026-12-02T04:00:00Z', '2026-12-02T16:00:00Z', 'past'); // began yesterday evening, ended this morning
    const active = window('b', '2026-12-02T08:00:00Z', '2026-12-03T08:00:00Z', 'active');
    const later = window('c', '2026-12-02T22:00:00Z', '2026-12-02T23:00:00Z');
    const tomorrow = window('d', '2026-12-03T08:00:00Z', '2026-12-04T08:00:00Z');
    const yesterday = window('e', '2026-12-01T17:00:00Z', '2026-12-01T19:00:00Z', 'past');
    const groups = groupWindows([tomorrow, later, active, yesterday, overnight, active], now, LA);
    expect(groups.today.map((w) => w.id)).toEqual(['a', 'b', 'c']);
    expect(groups.upcoming.map((w) => w.id)).toEqual(['d']);
  });

  it('stops after the 14th day from today', () => {
    const last = window('f', '2026-12-16T08:00:00Z', '2026-12-17T08:00:00Z');
    const beyond = window('g', '2026-12-17T08:00:00Z', '2026-12-18T08:00:00Z');
    expect(groupWindows([beyond, last], now, LA).upcoming.map((w) => w.id)).toEqual(['f']);
  });

  it('is empty for no windows', () => {
    expect(groupWindows([], now, LA)).toEqual({ today: [], upcoming: [] });
  });
});

describe('when an open window ends (the thread header)', () => {
  it('gives the time today, and the day too when it ends on another day', () => {
    expect(plain(windowEnds('2026-12-03T01:00:00Z', now, LA, 'en-US'))).toBe('5:00 PM PST');
    // An all-day window ends at the next midnight, which is tomorrow.
    expect(plain(windowEnds('2026-12-03T08:00:00Z', now, LA, 'en-US'))).toBe('Thu, Dec 3, 12:00 AM PST');
  });
});
