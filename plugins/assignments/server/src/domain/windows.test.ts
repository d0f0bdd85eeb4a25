import { expandRecurrence, overlapOf, overlaps, windowStatus } from './windows';

const LA = 'America/Los_Angeles';
const at = (iso: string) => new Date(iso);
const iso = (w: { startsAt: Date; endsAt: Date }) => [w.startsAt.toISOString(), w.endsAt.toISOString()];

describe('expandRecurrence (weekly windows in local wall-clock time)', () => {
  it('makes one window per listed day, inclusive of until', () => {
    const { windows, notes } = expandRecurrence({ daysOfWeek: ['TU', 'TH'], startTime: '15:00', endTime: '16:00', until: '2026-01-29' }, '2026-01-19', LA);
    expect(windows.map((w) => w.localDate)).toEqual(['2026-01-20', '2026-01-22', '2026-01-27', '2026-01-29']);
    expect(iso(windows[0])).toEqual(['2026-01-20T23:00:00.000Z', '2026-01-21T00:00:00.000Z']);
    expect(notes).toEqual([]);
  });

  it('keeps the local hours across spring forward', () => {
    const { windows } = expandRecurrence({ daysOfWeek: ['SA', 'SU', 'MO'], startTime: '09:00', endTime: '17:00', until: '2026-03-09' }, '2026-03-07', LA);
    expect(windows.map(iso)).toEqual([
      ['2026-03-07T17:00:00.000Z', '2026-03-08T01:00:00.000Z'], // PST
      ['2026-03-08T16:00:00.000Z', '2026-03-09T00:00:00.000Z'], // PDT from Sunday
      ['2026-03-09T16:00:00.000Z', '2026-03-10T00:00:00.000Z'],
    ]);
  });

  it('keeps the local hours across fall back', () => {
    const { windows } = expandRecurrence({ daysOfWeek: ['SA', 'SU'], startTime: '09:00', endTime: '17:00', until: '2026-11-01' }, '2026-10-31', LA);
    expect(windows.map(iso)).toEqual([
      ['2026-10-31T16:00:00.000Z', '2026-11-01T00:00:00.000Z'], // PDT
      ['2026-11-01T17:00:00.000Z', '2026-11-02T01:00:00.000Z'], // PST
    ]);
  });

  it('makes all-day 00:00–24:00 windows that touch without overlapping, 23 and 25 hours long on the change days', () => {
    const { windows } = expandRecurrence({ daysOfWeek: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], startTime: '00:00', endTime: '24:00', until: '2026-03-09' }, '2026-03-07', LA);
    expect(windows.map((w) => (w.endsAt.getTime() - w.startsAt.getTime()) / 3_600_000)).toEqual([24, 23, 24]);
    for (let i = 1; i < windows.length; i++) {
      expect(windows[i].startsAt).toEqual(windows[i - 1].endsAt);
      expect(overlaps(windows[i - 1], windows[i])).toBe(false);
    }
    const autumn = expandRecurrence({ daysOfWeek: ['SU'], startTime: '00:00', endTime: '24:00', until: '2026-11-01' }, '2026-11-01', LA).windows;
    expect((autumn[0].endsAt.getTime() - autumn[0].startsAt.getTime()) / 3_600_000).toBe(25);
  });

  it('moves a start that does not exist to the first valid minute and says so', () => {
    const { windows, notes } = expandRecurrence({ daysOfWeek: ['SU'], startTime: '02:30', endTime: '04:00', until: '2026-03-08' }, '2026-03-08', LA);
    expect(iso(windows[0])).toEqual(['2026-03-08T10:00:00.000Z', '2026-03-08T11:00:00.000Z']);
    expect(notes).toEqual(['2:30 AM on Sun, Mar 8 does not exist (the clocks go forward); 3:00 AM is used instead.']);
  });

  it('takes the first of a time that happens twice and says so', () => {
    const { windows, notes } = expandRecurrence({ daysOfWeek: ['SU'], startTime: '01:30', endTime: '03:00', until: '2026-11-01' }, '2026-11-01', LA);
    expect(iso(windows[0])).toEqual(['2026-11-01T08:30:00.000Z', '2026-11-01T11:00:00.000Z']);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('happens twice');
  });
});

describe('overlaps and status (half-open windows)', () => {
  const a = { startsAt: at('2026-01-20T10:00:00Z'), endsAt: at('2026-01-20T12:00:00Z') };
  const touching = { startsAt: at('2026-01-20T12:00:00Z'), endsAt: at('2026-01-20T13:00:00Z') };
  const crossing = { startsAt: at('2026-01-20T11:00:00Z'), endsAt: at('2026-01-20T13:00:00Z') };
  const inside = { startsAt: at('2026-01-20T10:30:00Z'), endsAt: at('2026-01-20T11:00:00Z') };

  it.each([
    ['touching', false, touching],
    ['crossing', true, crossing],
    ['inside', true, inside],
    ['the same as', true, a],
  ] as const)('a window and one %s it overlap: %s', (_name, expected, other) => {
    expect(overlaps(a, other)).toBe(expected);
    expect(overlaps(other, a)).toBe(expected);
  });

  it('names the shared part of two overlapping windows', () => {
    expect(iso(overlapOf(a, crossing)!)).toEqual(['2026-01-20T11:00:00.000Z', '2026-01-20T12:00:00.000Z']);
    expect(overlapOf(a, touching)).toBeNull();
  });

  it.each([
    ['before it starts', '2026-01-20T09:00:00Z', [], 'future'],
    ['at its start', '2026-01-20T10:00:00Z', [], 'active'],
    ['a moment before its end', '2026-01-20T11:59:59Z', [], 'active'],
    ['at its end (half-open)', '2026-01-20T12:00:00Z', [], 'past'],
    ['with an overlapping one, before the end', '2026-01-20T11:00:00Z', [crossing], 'overlapping'],
    ['with a touching one', '2026-01-20T11:00:00Z', [touching], 'active'],
    ['with an overlapping one, after the end', '2026-01-20T12:30:00Z', [crossing], 'past'],
  ])('%s: %s → %s', (_name, now, others, status) => {
    expect(windowStatus(a, others as never, at(now as string))).toBe(status);
  });
});
