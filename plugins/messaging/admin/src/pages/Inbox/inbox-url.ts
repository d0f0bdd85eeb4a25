// The inbox's place in the admin panel's URL (issue 13 item 3): the open thread is the path after
// plugins/messaging/, the filters are the query string, so deep links, Back and Forward work.

export type Sort = 'recent' | 'unread';
export const ALL = 'all';
/** Client threads with a sitter assigned (a current or coming window), without one, or either (issue 16 item 5). */
export type Assigned = typeof ALL | 'assigned' | 'unassigned';

/** The thread flags the inbox filters by (API.md `flag`). */
export const FLAGS = ['quarantined', 'violation', 'delivery_failure'] as const;
export type Flag = (typeof FLAGS)[number];

export interface InboxFilters {
  kind: string;
  businessId: string;
  unreadOnly: boolean;
  q: string;
  sort: Sort;
  assigned: Assigned;
  /** A sitter's user id, or ALL. */
  sitterId: string;
  /** Client threads flagged: `quarantined` (issue 17: a client texted a quarantined or inactive number), `violation` (issue 18: an open policy violation),
   * `delivery_failure` (issue 19: an SMS that failed and is not resolved), or ALL. */
  flag: typeof ALL | Flag;
}

/** The filters a query string names; anything missing or unknown reads as "no filter". */
export function filtersFromSearch(search: URLSearchParams): InboxFilters {
  return {
    kind: search.get('kind') || ALL,
    businessId: search.get('business') || ALL,
    unreadOnly: search.get('unread') === '1',
    q: (search.get('q') ?? '').trim(),
    sort: search.get('sort') === 'unread' ? 'unread' : 'recent',
    assigned: search.get('assigned') === 'assigned' || search.get('assigned') === 'unassigned' ? (search.get('assigned') as Assigned) : ALL,
    sitterId: /^\d{1,20}$/.test(search.get('sitter') ?? '') ? search.get('sitter')! : ALL,
    flag: (FLAGS as readonly string[]).includes(search.get('flag') ?? '') ? (search.get('flag') as Flag) : ALL,
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
  if (filters.assigned !== ALL) search.set('assigned', filters.assigned);
  if (filters.sitterId !== ALL) search.set('sitter', filters.sitterId);
  if (filters.flag !== ALL) search.set('flag', filters.flag);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The server's query (GET /messaging/conversations) for these filters; the sort stays on the page. */
export function serverQueryFromFilters(filters: InboxFilters): URLSearchParams {
  const search = new URLSearchParams({ pageSize: '200' });
  if (filters.kind !== ALL) search.set('kind', filters.kind);
  if (filters.businessId !== ALL) search.set('businessId', filters.businessId);
  if (filters.unreadOnly) search.set('unread', 'true');
  if (filters.q) search.set('q', filters.q);
  if (filters.assigned !== ALL) search.set('assigned', filters.assigned === 'assigned' ? 'true' : 'false');
  if (filters.sitterId !== ALL) search.set('sitterId', filters.sitterId);
  if (filters.flag !== ALL) search.set('flag', filters.flag);
  return search;
}

/** Whether any filter narrows the list (the empty list then says to clear one). */
export function isFiltered(filters: InboxFilters): boolean {
  return filters.kind !== ALL || filters.businessId !== ALL || filters.unreadOnly || Boolean(filters.q) || filters.assigned !== ALL || filters.sitterId !== ALL || filters.flag !== ALL;
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
