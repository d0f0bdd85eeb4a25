import { ALL, filtersFromSearch, isFiltered, searchFromFilters, serverQueryFromFilters, type InboxFilters } from '../../plugins/messaging/admin/src/pages/Inbox/inbox-url';
import { assignSitterPath, assignmentLine, staffAssignment, windowTimeLabel } from '../../plugins/messaging/admin/src/pages/Inbox/assignment-line';
import type { Conversation, StaffThreadAssignment as StaffAssignment } from '../../plugins/messaging/shared/contracts';

// The staff inbox's side of assignments (issue 16 item 5): the assigned/sitter filters in the URL and the server
// query, and the client thread header's sentence. Pure rules, table-tested.
const plain: InboxFilters = { kind: ALL, businessId: ALL, unreadOnly: false, q: '', sort: 'recent', assigned: ALL, sitterId: ALL, flag: ALL };
const LA = 'America/Los_Angeles';

describe('assigned and sitter filters in the URL', () => {
  it.each<[string, string, InboxFilters]>([
    ['assigned', '?assigned=assigned', { ...plain, assigned: 'assigned' }],
    ['unassigned', '?assigned=unassigned', { ...plain, assigned: 'unassigned' }],
    ['a sitter', '?sitter=12', { ...plain, sitterId: '12' }],
    ['both, with another filter', '?kind=client&assigned=assigned&sitter=7', { ...plain, kind: 'client', assigned: 'assigned', sitterId: '7' }],
  ])('%s round-trips', (_name, search, filters) => {
    expect(filtersFromSearch(new URLSearchParams(search))).toEqual(filters);
    expect(searchFromFilters(filters)).toBe(search);
  });

  it.each([
    ['an unknown assigned value', '?assigned=maybe'],
    ['assigned=true (the server spelling, not the URL one)', '?assigned=true'],
    ['a sitter id that is not a number', '?sitter=sam'],
    ['an empty sitter', '?sitter='],
  ])('%s reads as no filter', (_name, search) => {
    expect(filtersFromSearch(new URLSearchParams(search))).toEqual(plain);
  });
});

describe('serverQueryFromFilters / isFiltered', () => {
  it.each<[string, InboxFilters, string]>([
    ['no filter asks for a page only', plain, 'pageSize=200'],
    ['assigned → assigned=true', { ...plain, assigned: 'assigned' }, 'pageSize=200&assigned=true'],
    ['unassigned → assigned=false', { ...plain, assigned: 'unassigned' }, 'pageSize=200&assigned=false'],
    ['a sitter → sitterId', { ...plain, sitterId: '12' }, 'pageSize=200&sitterId=12'],
    [
      'every filter; the sort stays on the page',
      { kind: 'client', businessId: '3', unreadOnly: true, q: 'Casey', sort: 'unread', assigned: 'assigned', sitterId: '5', flag: 'quarantined' },
      'pageSize=200&kind=client&businessId=3&unread=true&q=Casey&assigned=true&sitterId=5&flag=quarantined',
    ],
  ])('%s', (_name, filters, query) => expect(serverQueryFromFilters(filters).toString()).toBe(query));

  it.each<[string, InboxFilters, boolean]>([
    ['none', plain, false],
    ['sort only', { ...plain, sort: 'unread' }, false],
    ['assigned', { ...plain, assigned: 'assigned' }, true],
    ['unassigned', { ...plain, assigned: 'unassigned' }, true],
    ['sitter', { ...plain, sitterId: '4' }, true],
    ['search', { ...plain, q: 'x' }, true],
  ])('filtered: %s → %s', (_name, filters, filtered) => expect(isFiltered(filters)).toBe(filtered));
});

describe('assignmentLine', () => {
  // Tuesday 20 January 2026, 10:00 in Los Angeles (18:00 UTC).
  const now = new Date('2026-01-20T18:00:00Z');
  const sam = { id: 3, displayName: 'Sam Sitter' };
  const sky = { id: 4, displayName: 'Sky Sitter' };
  const win = (startsAt: string, endsAt: string, status: 'active' | 'future'): StaffAssignment['window'] => ({ id: '9', startsAt, endsAt, status });

  it.each<[string, StaffAssignment | null, string]>([
    ['no assignment', null, 'No sitter assigned'],
    ['active, ends today', { sitter: sam, window: win('2026-01-20T17:00:00Z', '2026-01-21T02:00:00Z', 'active') }, 'Sam Sitter · window active until 6:00 PM'],
    ['active, ends at midnight (another day)', { sitter: sam, window: win('2026-01-20T08:00:00Z', '2026-01-21T08:00:00Z', 'active') }, 'Sam Sitter · window active until Wed, Jan 21, 12:00 AM'],
    ['future, later today', { sitter: sky, window: win('2026-01-20T23:00:00Z', '2026-01-21T01:00:00Z', 'future') }, 'Sky Sitter · next window 3:00 PM'],
    ['future, another day', { sitter: sky, window: win('2026-01-27T23:00:00Z', '2026-01-28T01:00:00Z', 'future') }, 'Sky Sitter · next window Tue, Jan 27, 3:00 PM'],
    ['a future window whose start has passed reads as active', { sitter: sky, window: win('2026-01-20T17:00:00Z', '2026-01-20T20:00:00Z', 'future') }, 'Sky Sitter · window active until 12:00 PM'],
  ])('%s', (_name, assignment, line) => expect(assignmentLine(assignment, now, LA)).toBe(line));

  it('reads the day in the organisation zone, not UTC', () => {
    // 02:00 UTC on the 21st is still the 20th (6 PM) in Los Angeles, but the 21st in Tokyo (11 AM).
    expect(windowTimeLabel('2026-01-21T02:00:00Z', now, LA)).toBe('6:00 PM');
    expect(windowTimeLabel('2026-01-21T02:00:00Z', now, 'Asia/Tokyo')).toBe('11:00 AM');
    expect(windowTimeLabel('2026-01-22T02:00:00Z', now, 'Asia/Tokyo')).toBe('Thu, Jan 22, 11:00 AM');
  });

  it('without the organisation zone, names the browser zone', () => {
    const label = windowTimeLabel('2026-01-20T19:00:00Z', now, null);
    expect(label).toMatch(/\d{1,2}:00 (AM|PM) \S+$/);
    expect(label).toBe(new Date('2026-01-20T19:00:00Z').toLocaleString('en-US', { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).replace(/\u202f/g, ' '));
  });
});

describe('staffAssignment / assignSitterPath', () => {
  const base: Conversation = { id: '42', kind: 'client', title: 'Casey Morgan', unreadCount: 0, updatedAt: '2026-01-20T18:00:00Z' };
  const assignment: StaffAssignment = { sitter: { id: 3, displayName: 'Sam Sitter' }, window: { id: '9', startsAt: 'a', endsAt: 'b', status: 'active' } };

  it('reads the staff shape of a client thread only', () => {
    expect(staffAssignment({ ...base, assignment })).toEqual(assignment);
    expect(staffAssignment(base)).toBeNull();
    // The sitter view's assignment has no sitter; another kind has none to show.
    expect(staffAssignment({ ...base, assignment: { window: { id: '9', startsAt: 'a', endsAt: 'b' } } })).toBeNull();
    expect(staffAssignment({ ...base, kind: 'admin_va', assignment })).toBeNull();
  });

  it('opens the Assignments page with the thread preselected', () => {
    expect(assignSitterPath('42')).toBe('/plugins/assignments?assign=42');
  });
});
