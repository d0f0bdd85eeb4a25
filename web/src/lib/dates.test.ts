import { clockTime, dayKey, dayLabel, listTime, withDaySeparators } from './dates';

// Wednesday 2 December 2026, 09:30 in London; 01:30 in Los Angeles.
const now = new Date('2026-12-02T09:30:00Z');

describe('dayLabel (a thread separator)', () => {
  it.each([
    ['2026-12-02T00:05:00Z', 'Europe/London', 'Today'],
    ['2026-12-01T23:59:00Z', 'Europe/London', 'Yesterday'],
    ['2026-12-01T00:00:00Z', 'Europe/London', 'Yesterday'],
    ['2026-11-30T12:00:00Z', 'Europe/London', 'Mon 30 Nov'],
    ['2026-01-05T12:00:00Z', 'Europe/London', 'Mon 5 Jan'],
    ['2025-11-30T12:00:00Z', 'Europe/London', 'Sun 30 Nov 2025'],
    // In Los Angeles it is now 2 December 01:30: 08:30 UTC was just after midnight there, 06:00 UTC the evening before.
    ['2026-12-02T08:30:00Z', 'America/Los_Angeles', 'Today'],
    ['2026-12-02T06:00:00Z', 'America/Los_Angeles', 'Yesterday'],
  ])('%s in %s reads %s', (iso, zone, label) => {
    expect(dayLabel(iso, now, zone)).toBe(label);
  });
});

describe('listTime (the last message in a conversation list)', () => {
  it.each([
    ['2026-12-02T08:05:00Z', '08:05'],
    ['2026-12-02T15:45:00Z', '15:45'],
    ['2026-12-01T18:00:00Z', 'Yesterday'],
    ['2026-11-28T18:00:00Z', 'Sat'],
    ['2026-11-25T18:00:00Z', '25 Nov'],
    ['2025-12-25T18:00:00Z', '25 Dec 2025'],
  ])('%s reads %s', (iso, label) => {
    expect(listTime(iso, now, 'UTC')).toBe(label);
  });
});

describe('withDaySeparators', () => {
  const m = (id: string, createdAt: string) => ({ id, createdAt });

  it('puts one separator before the first message of each day, in the reader’s time zone', () => {
    const messages = [m('1', '2026-11-30T10:00:00Z'), m('2', '2026-11-30T23:30:00Z'), m('3', '2026-12-01T08:00:00Z'), m('4', '2026-12-02T09:00:00Z')];
    const shape = (zone: string) => withDaySeparators(messages, now, zone).map((i) => (i.kind === 'day' ? i.label : i.message.id));
    expect(shape('UTC')).toEqual(['Mon 30 Nov', '1', '2', 'Yesterday', '3', 'Today', '4']);
    // In Berlin 23:30 UTC is already 1 December.
    expect(shape('Europe/Berlin')).toEqual(['Mon 30 Nov', '1', 'Yesterday', '2', '3', 'Today', '4']);
  });

  it('gives nothing for no messages, and keys that do not collide with message ids', () => {
    expect(withDaySeparators([], now)).toEqual([]);
    const items = withDaySeparators([m('1', '2026-12-02T09:00:00Z')], now, 'UTC');
    expect(items.map((i) => i.key)).toEqual(['day-2026-12-02', '1']);
  });
});

it('dayKey and clockTime read the time zone given', () => {
  expect(dayKey('2026-12-01T23:30:00Z', 'Asia/Tokyo')).toBe('2026-12-02');
  expect(clockTime('2026-12-01T23:30:00Z', 'Asia/Tokyo')).toBe('08:30');
});
