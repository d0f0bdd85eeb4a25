import { forecastDays, fromLocalInput, localInput, targetWords } from '../../plugins/routing/admin/src/pages/Routing/model';

const hour = (at: string, type: 'sitter' | 'owner_inbox', overridden = false) => ({
  at,
  target: type === 'sitter' ? { type, sitterId: 7, label: 'Sam Sitter' } : { type, label: 'Owner inbox' },
  matchedRule: type === 'sitter' ? ('sitter_window' as const) : ('default_owner_inbox' as const),
  overridden,
});

describe('routing page model', () => {
  it('joins consecutive hours with the same receiver into one span, per day in the zone', () => {
    // 22:00–02:00 UTC on Dec 3→4 is 14:00–18:00 in Los Angeles (PST, UTC−8): one day.
    const hours = [hour('2026-12-03T22:00:00.000Z', 'owner_inbox'), hour('2026-12-03T23:00:00.000Z', 'sitter'), hour('2026-12-04T00:00:00.000Z', 'sitter'), hour('2026-12-04T01:00:00.000Z', 'owner_inbox')];
    expect(forecastDays(hours, 'America/Los_Angeles')).toEqual([
      {
        day: 'Thu, Dec 3',
        spans: [
          { from: '2:00 PM', to: '3:00 PM', label: 'Owner inbox', toSitter: false, overridden: false },
          { from: '3:00 PM', to: '5:00 PM', label: 'Sam Sitter (sitter)', toSitter: true, overridden: false },
          { from: '5:00 PM', to: '6:00 PM', label: 'Owner inbox', toSitter: false, overridden: false },
        ],
      },
    ]);
  });

  it('cuts a run at midnight in the zone, and keeps an override apart from the rule it replaces', () => {
    const hours = [hour('2026-12-04T06:00:00.000Z', 'owner_inbox'), hour('2026-12-04T07:00:00.000Z', 'owner_inbox'), hour('2026-12-04T08:00:00.000Z', 'owner_inbox'), hour('2026-12-04T09:00:00.000Z', 'owner_inbox', true)];
    const days = forecastDays(hours, 'America/Los_Angeles');
    expect(days.map((d) => d.day)).toEqual(['Thu, Dec 3', 'Fri, Dec 4']);
    expect(days[0].spans).toEqual([{ from: '10:00 PM', to: '12:00 AM', label: 'Owner inbox', toSitter: false, overridden: false }]);
    expect(days[1].spans.map((s) => [s.from, s.to, s.overridden])).toEqual([
      ['12:00 AM', '1:00 AM', false],
      ['1:00 AM', '2:00 AM', true],
    ]);
  });

  it('reads a datetime-local value in the organisation zone and writes it back', () => {
    expect(fromLocalInput('2026-12-03T15:00', 'America/Los_Angeles')).toBe('2026-12-03T23:00:00.000Z');
    expect(localInput('2026-12-03T23:00:00.000Z', 'America/Los_Angeles')).toBe('2026-12-03T15:00');
    expect(fromLocalInput('not a time', 'UTC')).toBeNull();
    expect(targetWords({ type: 'sitter', label: 'Sam Sitter' })).toBe('Sam Sitter (sitter)');
    expect(targetWords({ type: 'owner_inbox', label: 'Owner inbox' })).toBe('Owner inbox');
  });
});
