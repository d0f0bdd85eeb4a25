import { useMemo } from 'react';
import { useFetchedData } from '@switchboard/kit/admin';
import { contextOptions, type ContextRows } from './model';

const NONE: never[] = [];
const when = (iso: string) => new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/**
 * The contexts a test or a preview may run on, as picker options: the bookings (both), and the client threads and
 * windows (`threadsAndWindows`: the test; the preview takes a booking only). A list this admin may not read is left out.
 */
export function useContextOptions(threadsAndWindows: boolean): Array<[string, string]> {
  const bookings = useFetchedData<ContextRows['bookings']>('/assignments/bookings?page=1&pageSize=50', NONE);
  const clients = useFetchedData<ContextRows['clients']>('/people/clients?page=1&pageSize=200', NONE);
  const threads = useFetchedData<ContextRows['threads']>(threadsAndWindows ? '/messaging/conversations?kind=client&pageSize=200' : null, NONE);
  const windows = useFetchedData<ContextRows['windows']>(threadsAndWindows ? '/assignments/windows?page=1&pageSize=200' : null, NONE);
  return useMemo(() => contextOptions({ bookings, clients, threads, windows }, when), [bookings, clients, threads, windows]);
}
