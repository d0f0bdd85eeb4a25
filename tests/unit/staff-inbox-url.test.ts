import { ALL, conversationIdFromPath, filtersFromSearch, inboxBasePath, searchFromFilters, type InboxFilters } from '../../plugins/messaging/admin/src/pages/Inbox/inbox-url';
import { unreadCountText as unreadBadge } from '../../plugins/messaging/admin/src/components/unread-title';

// The staff inbox's URL (issue 13 item 3) and its badge cap (item 7): pure rules, table-tested.
const plain: InboxFilters = { kind: ALL, businessId: ALL, unreadOnly: false, q: '', sort: 'recent', assigned: ALL, sitterId: ALL, flag: ALL };

describe('filtersFromSearch / searchFromFilters', () => {
  it.each<[string, string, InboxFilters]>([
    ['no query is no filter', '', plain],
    ['every filter', '?kind=admin_va&business=7&unread=1&q=Acme&sort=unread', { ...plain, kind: 'admin_va', businessId: '7', unreadOnly: true, q: 'Acme', sort: 'unread' }],
    ['unknown sort and unread values read as the defaults', '?sort=oldest&unread=yes', plain],
    ['search is trimmed', '?q=%20Vera%20', { ...plain, q: 'Vera' }],
  ])('%s', (_name, search, filters) => {
    expect(filtersFromSearch(new URLSearchParams(search))).toEqual(filters);
  });

  it.each<[string, InboxFilters, string]>([
    ['defaults leave a plain URL', plain, ''],
    ['only what differs from the defaults', { ...plain, kind: 'client', unreadOnly: true }, '?kind=client&unread=1'],
    ['search is encoded', { ...plain, q: 'Acme Pets' }, '?q=Acme+Pets'],
  ])('%s', (_name, filters, search) => {
    expect(searchFromFilters(filters)).toBe(search);
    expect(filtersFromSearch(new URLSearchParams(search))).toEqual(filters);
  });
});

describe('inboxBasePath / conversationIdFromPath', () => {
  it.each([
    ['/plugins/messaging', '/plugins/messaging'],
    ['/plugins/messaging/', '/plugins/messaging'],
    ['/plugins/messaging/123', '/plugins/messaging'],
    ['/admin/plugins/messaging/123/x', '/admin/plugins/messaging'],
  ])('%s → %s', (pathname, base) => expect(inboxBasePath(pathname)).toBe(base));

  it.each<[string | undefined, string | null]>([
    [undefined, null],
    ['', null],
    ['123', '123'],
    ['123/', '123'],
    ['abc', null],
    ['12a', null],
  ])('%s → %s', (splat, id) => expect(conversationIdFromPath(splat)).toBe(id));
});

describe('unreadBadge', () => {
  it.each([
    [1, '1'],
    [99, '99'],
    [100, '99+'],
    [12345, '99+'],
  ])('%d → %s', (count, label) => expect(unreadBadge(count)).toBe(label));
});
