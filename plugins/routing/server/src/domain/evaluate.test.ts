import { evaluate, NO_RULE_MATCHED, windowRange, type RoutingSnapshot, type SnapshotWindow } from './evaluate';
import { RULES, RULESET_HASH } from './rules';

const zone = 'America/Los_Angeles';
// Jan 19 2027, local times in Los Angeles (PST, UTC−8).
const at = (hhmm: string, dayOfMonth = 19) => new Date(`2027-01-${String(dayOfMonth).padStart(2, '0')}T${hhmm}:00-08:00`);
const sam = (startsAt: Date, endsAt: Date, extra: Partial<SnapshotWindow> = {}): SnapshotWindow => ({ id: `w-${startsAt.toISOString()}`, sitterId: 5, sitterName: 'Sam Sitter', startsAt, endsAt, overlapping: false, ...extra });

const base = (over: Partial<RoutingSnapshot> = {}): RoutingSnapshot => ({
  timeZone: zone,
  thread: { conversationId: 7, clientName: 'Casey Morgan' },
  number: { e164: '+14155550120', numberClass: 'sitter', status: 'active' },
  poolThreadActive: false,
  override: null,
  windows: [sam(at('15:00'), at('18:00'))],
  ...over,
});
const inbound = { direction: 'inbound' as const };

describe('evaluate: the rules in their fixed order', () => {
  it.each([
    ['quarantined number', base({ number: { e164: '+14155550120', numberClass: 'sitter', status: 'quarantined' } }), at('16:00'), 'number_in_service', 'owner_inbox'],
    ['inactive number', base({ number: { e164: '+14155550120', numberClass: 'sitter', status: 'inactive' } }), at('16:00'), 'number_in_service', 'owner_inbox'],
    ['number not in the inventory', base({ number: null }), at('16:00'), 'number_in_service', 'owner_inbox'],
    ['pool number, sender without an active thread', base({ number: { e164: '+14155550140', numberClass: 'pool', status: 'active' } }), at('16:00'), 'pool_sender_check', 'owner_inbox'],
    ['pool number, mapped sender in a window', base({ number: { e164: '+14155550140', numberClass: 'pool', status: 'active' }, poolThreadActive: true }), at('16:00'), 'sitter_window', 'sitter'],
    ['active window', base(), at('16:00'), 'sitter_window', 'sitter'],
    ['window not active yet', base(), at('14:30'), 'default_owner_inbox', 'owner_inbox'],
    ['window ended (half-open end)', base(), at('18:00'), 'default_owner_inbox', 'owner_inbox'],
    ['overlapping (inert) window', base({ windows: [sam(at('15:00'), at('18:00'), { overlapping: true })] }), at('16:00'), 'default_owner_inbox', 'owner_inbox'],
    ['no sitter at all', base({ windows: [] }), at('16:00'), 'default_owner_inbox', 'owner_inbox'],
  ])('%s → %s, %s', (_name, snapshot, when, rule, target) => {
    const result = evaluate(snapshot, when, inbound);
    expect(result.matchedRule).toBe(rule);
    expect(result.target.type).toBe(target);
    expect(result.steps.map((s) => s.n)).toEqual(result.steps.map((_s, i) => i + 1));
  });

  it('a quarantined number wins over an override and a window, and flags the thread', () => {
    const result = evaluate(
      base({ number: { e164: '+14155550120', numberClass: 'sitter', status: 'quarantined' }, override: { id: 'o1', target: { type: 'sitter', sitterId: 6, sitterName: 'Sky Sitter' }, startsAt: at('10:00'), endsAt: null, reason: 'Sam is ill' } }),
      at('16:00'),
      inbound,
    );
    expect(result).toMatchObject({ matchedRule: 'number_in_service', overridden: false, flags: { viaQuarantinedNumber: true }, autoResponse: false });
    expect(result.reason).toBe('Routed to Owner Inbox because: +1 (415) 555-0120 is quarantined.');
  });

  it('an unmapped pool sender gets the auto-response and the flag', () => {
    const result = evaluate(base({ number: { e164: '+14155550140', numberClass: 'pool', status: 'active' } }), at('16:00'), inbound);
    expect(result).toMatchObject({ autoResponse: true, flags: { unmappedPoolSender: true } });
    expect(result.steps[1]).toEqual({ n: 2, check: 'Check pool sender', result: 'Sender has an active thread on this number: No' });
  });

  it('an owner-inbox override wins over an active window; a sitter override lifts the window rule', () => {
    const toInbox = evaluate(base({ override: { id: 'o1', target: { type: 'owner_inbox' }, startsAt: at('15:30'), endsAt: at('16:30'), reason: 'Emergency' } }), at('16:00'), inbound);
    expect(toInbox).toMatchObject({ matchedRule: 'owner_override', overridden: true, overrideId: 'o1', target: { type: 'owner_inbox', label: 'Owner inbox' } });
    expect(toInbox.reason).toBe('Routed to Owner Inbox because: the owner overrode routing until 4:30 PM on Jan 19 (“Emergency”).');
    const toSky = evaluate(base({ windows: [], override: { id: 'o2', target: { type: 'sitter', sitterId: 6, sitterName: 'Sky Sitter' }, startsAt: at('09:00'), endsAt: null, reason: 'Covering' } }), at('23:00'), inbound);
    expect(toSky).toMatchObject({ matchedRule: 'owner_override', target: { type: 'sitter', sitterId: 6, label: 'Sky Sitter' } });
    expect(toSky.steps.at(-2)).toEqual({ n: 2, check: 'Check override', result: 'Active override: Sitter (Sky Sitter), until removed' });
  });

  it('an override outside its time does nothing', () => {
    const result = evaluate(base({ override: { id: 'o1', target: { type: 'owner_inbox' }, startsAt: at('15:30'), endsAt: at('16:30'), reason: 'x' } }), at('16:30'), inbound);
    expect(result).toMatchObject({ matchedRule: 'sitter_window', overridden: false });
  });
});

describe('evaluate: the trace in words (OPS §1.2, §1.5, §3.2)', () => {
  it('reads as the spec for an active window', () => {
    const result = evaluate(base(), at('16:00'), inbound);
    expect(result.steps).toEqual([
      { n: 1, check: 'Check number', result: '+1 (415) 555-0120 (Sitter number): In service' },
      { n: 2, check: 'Check override', result: 'Active override: None' },
      { n: 3, check: 'Check thread assignment', result: 'Has sitter: Sam Sitter' },
      { n: 4, check: 'Check assignment window', result: 'Window active: Yes (3:00 PM – 6:00 PM)' },
      { n: 5, check: 'Evaluate routing', result: 'Route to: Sitter (Sam Sitter)' },
    ]);
    expect(result.reason).toBe('Routed to Sam Sitter because: Assignment window active from 3:00 PM to 6:00 PM.');
  });

  it('reads as OPS §1.2 before the window', () => {
    const result = evaluate(base(), at('14:30'), inbound);
    expect(result.reason).toBe('Routed to Owner Inbox because: No active assignment window at 2:30 PM on Jan 19. Sitter assignment window starts at 3:00 PM.');
    expect(result.steps[3]).toEqual({ n: 4, check: 'Check assignment window', result: 'Window active: No (next: 3:00 PM – 6:00 PM)' });
  });

  it('names the next window’s day when it is another day, and the default sentence with no sitter', () => {
    expect(evaluate(base({ windows: [sam(at('15:00', 20), at('18:00', 20))] }), at('19:00'), inbound).reason).toBe(
      'Routed to Owner Inbox because: No active assignment window at 7:00 PM on Jan 19. Sitter assignment window starts at 3:00 PM on Jan 20.',
    );
    expect(evaluate(base({ windows: [] }), at('19:00'), inbound).reason).toBe(NO_RULE_MATCHED);
  });

  it('writes times in the organisation’s zone, across the spring-forward change', () => {
    const w = { startsAt: new Date('2027-03-14T09:00:00Z'), endsAt: new Date('2027-03-14T12:00:00Z') };
    expect(windowRange(w, 'America/Los_Angeles')).toBe('1:00 AM – 5:00 AM');
    expect(windowRange(w, 'Europe/London')).toBe('9:00 AM – 12:00 PM');
    expect(windowRange({ startsAt: at('00:00'), endsAt: at('00:00', 20) }, zone)).toBe('12:00 AM – 12:00 AM Jan 20');
  });

  it('answers the outbound direction: the client, from the thread’s number', () => {
    const result = evaluate(base(), at('16:00'), { direction: 'outbound' });
    expect(result).toMatchObject({ target: { type: 'client', label: 'Casey Morgan' }, matchedRule: null });
    expect(result.steps.at(-1)!.result).toBe('Route to: Client (Casey Morgan) from +1 (415) 555-0120');
  });

  it('is deterministic: the same input gives the same trace', () => {
    const snapshot = base({ windows: [sam(at('15:00'), at('18:00')), sam(at('09:00'), at('11:00'), { sitterId: 6, sitterName: 'Sky Sitter', id: 'a' })] });
    const runs = Array.from({ length: 5 }, () => evaluate(snapshot, at('16:00'), inbound));
    for (const r of runs) expect(r).toEqual(runs[0]);
  });
});

describe('the rule set', () => {
  it('has API.md’s five ids in order and a stable hash', () => {
    expect(RULES.map((r) => [r.priority, r.id])).toEqual([
      [1, 'number_in_service'],
      [2, 'pool_sender_check'],
      [3, 'owner_override'],
      [4, 'sitter_window'],
      [5, 'default_owner_inbox'],
    ]);
    expect(RULESET_HASH).toMatch(/^[0-9a-f]{12}$/);
  });
});
