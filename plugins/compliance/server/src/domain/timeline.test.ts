import { actorSearch, chainHeadCsvRow, describeEvent, eventTypeOf, linksOf, timelineCsvRow, TIMELINE_CSV_HEADER } from './timeline';

const event = (action: string, details: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  id: '41',
  createdAt: '2026-12-01T17:00:00.000Z',
  action,
  actor: { id: 'admin:1', displayName: 'Olivia Owner', role: 'staff' },
  effectiveRole: 'staff',
  details,
  archived: false,
  chain: null,
  ...extra,
});

describe('the audit timeline’s words', () => {
  it.each([
    ['message.staff_to_client', 'message'],
    ['conversation.create', 'message'],
    ['delivery.retry', 'message'],
    ['routing.override_create', 'routing'],
    ['booking.create', 'assignment'],
    ['window.resolve_conflict', 'assignment'],
    ['number.quarantine', 'number'],
    ['sitter.activate', 'number'],
    ['automation.activate', 'automation'],
    ['policy.violation_open', 'policy'],
    ['profile.update', 'other'],
    ['compliance.audit_export', 'other'],
  ])('%s is a %s event', (action, type) => {
    expect(eventTypeOf(action)).toBe(type);
  });

  it('says who did what, with the detail that tells it apart', () => {
    expect(describeEvent(event('number.quarantine', { e164: '+14155550120', reason: 'other' }))).toBe('Olivia Owner quarantined a number (+14155550120): other.');
    expect(describeEvent(event('message.masquerade', { forBusinessName: 'Acme Pets' }))).toBe('Olivia Owner replied as a business (Acme Pets).');
    expect(describeEvent({ ...event('policy.violation_open'), actor: { id: 'system', displayName: 'Switchboard', role: 'system' } })).toBe('Switchboard triggered a policy violation (contact details).');
    // An action the table does not know yet still reads.
    expect(describeEvent(event('automation.test_run'))).toBe('Olivia Owner did automation test run.');
  });

  it('links an event to its thread, its number and its booking', () => {
    expect(linksOf({ conversationId: '9', details: { e164: '+14155550120' } })).toEqual({ conversationId: '9', number: '+14155550120' });
    expect(linksOf({ entity: { type: 'booking', id: 'abc123' }, details: {} })).toEqual({ bookingId: 'abc123' });
    expect(linksOf({ details: { e164: 'not a number' } })).toEqual({});
  });

  it('turns the actor filter into a search: Owners by id, Messaging Admins as the other staff, the rest by role', () => {
    expect(actorSearch('owner', ['admin:1'])).toEqual({ idIn: ['admin:1'] });
    expect(actorSearch('admin', ['admin:1'])).toEqual({ idPrefix: 'admin:', idNotIn: ['admin:1'] });
    expect(actorSearch('sitter', ['admin:1'])).toEqual({ roleIn: ['sitter'] });
  });

  it('writes a CSV row per event and ends the export with the chain’s head', () => {
    const row = timelineCsvRow({ ...event('routing.override_create', { reason: 'Sam is ill' }, { conversationId: '9', chain: { seq: 12, hash: 'a'.repeat(64) } }) });
    expect(row).toHaveLength(TIMELINE_CSV_HEADER.length);
    expect(row).toEqual(['41', '2026-12-01T17:00:00.000Z', 'routing', 'routing.override_create', 'Olivia Owner', 'staff', 'staff', 'Olivia Owner overrode routing: Sam is ill.', '9', '', '', '{"reason":"Sam is ill"}', '12', 'a'.repeat(64)]);
    expect(chainHeadCsvRow({ seq: 12, hash: 'b'.repeat(64), eventId: '41' })).toEqual(['chain head', '', '', '', '', '', '', "The audit chain's head when this export was made: event #41.", '', '', '', '', '12', 'b'.repeat(64)]);
    expect(chainHeadCsvRow(null)[7]).toBe('No event was sealed into the audit chain yet.');
  });
});
