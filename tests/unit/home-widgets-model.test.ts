import { setupSummary } from '../../plugins/setup/admin/src/widgets/model';
import { unreadLines } from '../../plugins/messaging/admin/src/widgets/model';
import { numberSummary } from '../../plugins/numbers/admin/src/widgets/model';
import { todayQuery, windowLine } from '../../plugins/assignments/admin/src/widgets/model';

const steps = (done: number) =>
  ['connect_provider', 'verify_connectivity', 'front_desk_number', 'sitter_numbers', 'pool_numbers', 'webhooks', 'readiness'].map((key, i) => ({ n: i + 1, key, label: `Step ${i + 1}`, required: ![3, 4].includes(i), status: i < done ? 'complete' : 'pending' })) as any;

describe('the admin home widgets (issue 23)', () => {
  it('setup: ready on a connected provider; the sandbox and an unfinished wizard offer "Continue setup"', () => {
    expect(setupSummary({ mode: 'twilio', ready: true, current: null, steps: steps(7) })).toMatchObject({ headline: 'Messaging system is ready!', continueSetup: false, tone: 'success' });
    expect(setupSummary({ mode: 'twilio', ready: false, current: 'front_desk_number', steps: steps(2) })).toEqual({ headline: 'Setup incomplete', detail: '2 of 7 steps done. No SMS goes to clients until it is finished; next: Step 3.', tone: 'warning', continueSetup: true });
    expect(setupSummary({ mode: 'sandbox', ready: true, current: 'connect_provider', steps: steps(0) })).toMatchObject({ headline: 'Running on the sandbox', continueSetup: true });
    expect(setupSummary({ mode: 'sandbox', ready: true, current: null, steps: steps(7) }).continueSetup).toBe(false);
  });

  it('unread: one line per kind with something unread, clients first', () => {
    expect(unreadLines({ total: 12, byKind: { admin_sitter: { messages: 5, conversations: 2 }, client: { messages: 6, conversations: 3 }, business_admin: { messages: 1, conversations: 1 }, admin_va: { messages: 0, conversations: 0 } } })).toEqual([
      { kind: 'client', label: 'Clients (SMS)', text: '6 unread in 3 conversations' },
      { kind: 'business_admin', label: 'Businesses', text: '1 unread in 1 conversation' },
      { kind: 'admin_sitter', label: 'Sitters', text: '5 unread in 2 conversations' },
    ]);
    expect(unreadLines({ total: 0, byKind: {} })).toEqual([]);
  });

  it('numbers: health of those in service, and those out of it', () => {
    const rows = [
      { status: 'active', health: 'healthy' },
      { status: 'active', health: 'warning' },
      { status: 'active', health: 'critical' },
      { status: 'quarantined', health: 'critical' },
      { status: 'inactive', health: 'healthy' },
    ] as any;
    expect(numberSummary(rows)).toEqual({ healthy: 1, warning: 1, critical: 1, quarantined: 1, inactive: 1, total: 5 });
  });

  it('windows: today is the organisation’s day, and each window reads in its zone', () => {
    // 07:30 UTC on 2 Dec is still 1 Dec in Los Angeles.
    const q = new URLSearchParams(todayQuery('America/Los_Angeles', new Date('2026-12-02T07:30:00Z')));
    expect([q.get('from'), q.get('to')]).toEqual(['2026-12-01T08:00:00.000Z', '2026-12-02T08:00:00.000Z']);
    expect(windowLine({ startsAt: '2026-12-01T17:00:00Z', endsAt: '2026-12-01T19:30:00Z', sitter: { id: 1, displayName: 'Sam Sitter' }, client: { id: 'c', name: 'Casey Morgan' } }, 'America/Los_Angeles')).toBe('9:00 AM – 11:30 AM · Sam Sitter with Casey Morgan');
  });
});
