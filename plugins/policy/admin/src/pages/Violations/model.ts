import { DateTime } from 'luxon';

export const ALL = 'all';

export interface ViolationFilters {
  status: string;
  type: string;
  conversationId: string;
  /** yyyy-mm-dd, a day in the organisation's time zone, or '' */
  from: string;
  to: string;
}

/**
 * The feed's query (GET /policy/violations and its export.csv): the filters that are set. `from` is the start of that
 * day and `to` the end of its day, both in the organisation's time zone (`zone`; the browser's when unknown).
 */
export function violationQuery(filters: ViolationFilters, zone: string | null, page?: number): string {
  const q = new URLSearchParams();
  if (filters.status !== ALL) q.set('status', filters.status);
  if (filters.type !== ALL) q.set('type', filters.type);
  if (filters.conversationId !== ALL) q.set('conversationId', filters.conversationId);
  const day = (value: string) => DateTime.fromISO(value, { zone: zone ?? 'local' }).startOf('day');
  if (filters.from && day(filters.from).isValid) q.set('from', day(filters.from).toUTC().toISO()!);
  if (filters.to && day(filters.to).isValid) q.set('to', day(filters.to).plus({ days: 1 }).toUTC().toISO()!);
  if (page) q.set('page', String(page));
  return q.toString();
}
