import { flagLines, routingBadgeLabel, routingPath } from '../../plugins/messaging/admin/src/pages/Inbox/routing-line';
import { filtersFromSearch, searchFromFilters, serverQueryFromFilters } from '../../plugins/messaging/admin/src/pages/Inbox/inbox-url';

// The staff inbox's side of routing (issue 17 item 5): the badge, the thread's flags, the flag filter, the page link.
const LA = 'America/Los_Angeles';
const now = new Date('2026-12-03T20:00:00Z'); // 12:00 PM in Los Angeles

describe('routing in the staff inbox', () => {
  it('labels the routing badge by who received the message, and says when an override decided', () => {
    expect(routingBadgeLabel({ decisionId: '1', target: { type: 'sitter', sitterId: 4, label: 'Sam Sitter' }, rule: 'sitter_window', overridden: false })).toBe('Routed to Sam Sitter');
    expect(routingBadgeLabel({ decisionId: '2', target: { type: 'owner_inbox', label: 'Owner inbox' }, rule: 'owner_override', overridden: true })).toBe('Routed to Owner inbox · override');
  });

  it('writes one line per flag, the override first with its end in the organisation zone', () => {
    expect(flagLines(undefined, now, LA)).toEqual([]);
    expect(flagLines({ openViolations: 0, failedDeliveries: 0 }, now, LA)).toEqual([]);
    expect(
      flagLines(
        { viaQuarantinedNumber: true, unmappedPoolSender: true, openViolations: 0, failedDeliveries: 0, override: { id: 'o1', target: { type: 'owner_inbox', label: 'Owner inbox' }, endsAt: '2026-12-03T21:00:00Z' } },
        now,
        LA,
      ),
    ).toEqual([
      'Routing override: messages go to Owner inbox until 1:00 PM',
      'The client texted a quarantined or inactive number',
      'The client texted a pool number without an active thread on it',
    ]);
    expect(flagLines({ openViolations: 1, failedDeliveries: 0 }, now, LA)).toEqual(['1 open policy violation']);
    expect(flagLines({ openViolations: 1, failedDeliveries: 1 }, now, LA)).toEqual(['1 open policy violation', '1 failed delivery']);
    expect(flagLines({ openViolations: 0, failedDeliveries: 2 }, now, LA)).toEqual(['2 failed deliveries']);
    expect(flagLines({ openViolations: 3, failedDeliveries: 0, viaQuarantinedNumber: true }, now, LA)).toEqual(['3 open policy violations', 'The client texted a quarantined or inactive number']);
    expect(flagLines({ openViolations: 0, failedDeliveries: 0, override: { id: 'o2', target: { type: 'sitter', sitterId: 4, label: 'Sam Sitter' }, endsAt: null } }, now, LA)).toEqual([
      'Routing override: messages go to Sam Sitter until an owner removes it',
    ]);
  });

  it('keeps the flag filter in the URL and sends it to the server', () => {
    const filters = filtersFromSearch(new URLSearchParams('?kind=client&flag=quarantined'));
    expect(filters.flag).toBe('quarantined');
    expect(searchFromFilters(filters)).toBe('?kind=client&flag=quarantined');
    expect(serverQueryFromFilters(filters).get('flag')).toBe('quarantined');
    expect(filtersFromSearch(new URLSearchParams('?flag=violation')).flag).toBe('violation');
    expect(serverQueryFromFilters(filtersFromSearch(new URLSearchParams('?flag=delivery_failure'))).get('flag')).toBe('delivery_failure');
    expect(serverQueryFromFilters(filtersFromSearch(new URLSearchParams('?flag=violation'))).get('flag')).toBe('violation');
    expect(filtersFromSearch(new URLSearchParams('?flag=lost')).flag).toBe('all');
  });

  it('links to the Routing page on the thread, with the override form when asked', () => {
    expect(routingPath('12')).toBe('/plugins/routing?conversationId=12');
    expect(routingPath('12', true)).toBe('/plugins/routing?conversationId=12&override=1');
  });
});
