// The inbox's place in the admin panel's URL (issue 13 item 3): the open thread is the path after
// plugins/messaging/, the filters are the query string, so deep links, Back and Forward work.

export type Sort = 'recent' | 'unread';
export const ALL = 'all';

export interface InboxFilters {
  kind: string;
  businessId: string;
  unreadOnly: boolean;
  q: string;
  sort: Sort;
}

/** The filters a query string names; anything missing or unknown reads as "no filter". */
export function filtersFromSearch(search: URLSearchParams): InboxFilters {
  return {
    kind: search.get('kind') || ALL,
    businessId: search.get('business') || ALL,
    unreadOnly: search.get('unread') === '1',
    q: (search.get('q') ?? '').trim(),
    sort: search.get('sort') === 'unread' ? 'unread' : 'recent',
  };
}

/** The query string for these filters, leaving out every default so a plain inbox has a plain URL. */
export function searchFromFilters(filters: InboxFilters): string {
  const search = new URLSearchParams();
  if (filters.kind !== ALL) search.set('kind', filters.kind);
  if (filters.businessId !== ALL) search.set('business', filters.businessId);
  if (filters.unreadOnly) search.set('unread', '1');
  if (filters.q) search.set('q', filters.q);
  if (filters.sort !== 'recent') search.set('sort', filters.sort);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The inbox's own path (…/plugins/messaging) from the current path, whatever thread is open. */
export function inboxBasePath(pathname: string): string {
  const match = /^(.*?\/plugins\/messaging)(?:\/|$)/.exec(pathname);
  return match ? match[1] : pathname.replace(/\/$/, '');
}

/** The conversation id in the path, if it names one. */
export function conversationIdFromPath(splat: string | undefined): string | null {
  const id = (splat ?? '').split('/')[0];
  return /^\d{1,20}$/.test(id) ? id : null;
}
