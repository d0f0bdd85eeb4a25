import { matchesUsage, numberView, type NumberRow, type UsageFilter } from './number-view';

const now = new Date('2026-12-01T12:00:00Z');
const row = (over: Partial<NumberRow> = {}): NumberRow => ({
  id: 1,
  e164: '+14155550120',
  number_class: 'sitter',
  status: 'active',
  provider_ref: 'PN1',
  capabilities: '{"sms":true}',
  monthly_cost: null,
  source: 'imported',
  added_at: new Date('2026-10-01T00:00:00Z'),
  sitter_user_id: 7,
  first_assigned_at: null,
  last_assigned_at: null,
  assignment_count: null,
  quarantined_at: null,
  quarantine_reason: null,
  quarantine_note: null,
  cooldown_until: null,
  last_used_at: null,
  ...over,
});
const quiet = { errors7d: 0, volume7d: 0, lastUsedAt: null };

describe('numberView (OPS §3.1 columns)', () => {
  it('shows a sitter number with its sitter, health and the later of the stored and the provider’s last use', () => {
    const v = numberView(row({ last_used_at: new Date('2026-11-01T00:00:00Z') }), 'Sam Sitter', { errors7d: 2, volume7d: 9, lastUsedAt: new Date('2026-11-30T00:00:00Z') }, 3, now);
    expect(v).toMatchObject({
      display: '+1 (415) 555-0120',
      assignedTo: 'Sam Sitter',
      sitter: { userId: 7, displayName: 'Sam Sitter' },
      health: 'warning',
      deliveryErrors7d: 2,
      volume7d: 9,
      lastUsedAt: '2026-11-30T00:00:00.000Z',
      threadCount: 3,
      capabilities: { sms: true },
      assignmentCount: 0,
      quarantine: null,
    });
  });

  it('shows a quarantined number’s reason, cooldown and days remaining', () => {
    const v = numberView(
      row({ status: 'quarantined', sitter_user_id: null, quarantine_reason: 'delivery_failures', quarantined_at: new Date('2026-11-01T00:00:00Z'), cooldown_until: new Date('2026-12-11T12:00:00Z') }),
      null,
      quiet,
      0,
      now,
    );
    expect(v.quarantine).toEqual({
      reason: 'delivery_failures',
      reasonLabel: 'Delivery failures',
      note: null,
      since: '2026-11-01T00:00:00.000Z',
      cooldownUntil: '2026-12-11T12:00:00.000Z',
      daysRemaining: 10,
    });
    expect(v.sitter).toBeNull();
  });
});

describe('matchesUsage', () => {
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000).toISOString();
  it.each<[UsageFilter, string | null, number, boolean]>([
    ['24h', hoursAgo(23), 0, true],
    ['24h', hoursAgo(25), 0, false],
    ['7d', hoursAgo(24 * 7 - 1), 0, true],
    ['7d', hoursAgo(24 * 7 + 1), 0, false],
    ['30d', hoursAgo(24 * 29), 0, true],
    ['30d', hoursAgo(24 * 31), 0, false],
    ['never', null, 0, true],
    ['never', hoursAgo(1), 0, false],
    ['24h', null, 0, false],
    ['high', null, 101, true],
    ['high', hoursAgo(1), 100, false],
  ])('%s with last use %s and %i messages → %s', (filter, lastUsedAt, volume7d, expected) => {
    expect(matchesUsage(filter, { lastUsedAt, volume7d }, now)).toBe(expected);
  });
});
