import { useEffect, useState } from 'react';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Badge, Box, Button, Field, Flex, Loader, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { DayInput, ErrorBox, Section, displayNumber, downloadCsv, errorSentence, useFetchedData } from '@switchboard/kit/admin';
import { ACTOR_LABELS, ALL, EVENT_TYPE_LABELS, NO_FILTERS, bookingHref, numbersHref, threadHref, timelineQuery, type TimelineFilters } from './model';

interface TimelineEvent {
  id: string;
  createdAt: string;
  action: string;
  type: string;
  description: string;
  actor: { id: string; displayName: string; role: string };
  effectiveRole: string;
  conversationId?: string;
  details: Record<string, unknown>;
  links: { conversationId?: string; number?: string; bookingId?: string };
  chain: { seq: number; hash: string } | null;
}
interface TimelineAnswer {
  data: TimelineEvent[];
  meta: { pagination: { total: number; totalIsAtLeast: boolean }; nextBeforeId: string | null; emptyMessage?: string };
}
interface ChainReport {
  intact: boolean;
  checked: number;
  unsealed: number;
  head: { seq: number; hash: string; eventId: string } | null;
  broken: { sentence: string } | null;
}

const NO_THREADS: Array<{ id: string; title: string }> = [];
const NO_NUMBERS: Array<{ e164: string }> = [];

const Select = ({ name, label, value, options, onChange }: { name: string; label: string; value: string; options: Array<[string, string]>; onChange(value: string): void }) => (
  <Box minWidth="12rem">
    <Field.Root name={name}>
      <Field.Label>{label}</Field.Label>
      <SingleSelect value={value} onChange={(v: string | number) => onChange(String(v))}>
        {options.map(([option, text]) => (
          <SingleSelectOption key={option} value={option}>
            {text}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Field.Root>
  </Box>
);

/** One event: time, type badge, actor and sentence; its links; its JSON details behind a disclosure. */
const EventRow = ({ event, at }: { event: TimelineEvent; at(iso: string): string }) => (
  <li style={{ listStyle: 'none' }}>
    <Box paddingTop={3} paddingBottom={3} borderColor="neutral150" style={{ borderBottomWidth: 1, borderBottomStyle: 'solid' }}>
      <Flex direction="column" alignItems="stretch" gap={1}>
        <Flex gap={3} wrap="wrap">
          <Typography textColor="neutral600" tag="span">
            <time dateTime={event.createdAt}>{at(event.createdAt)}</time>
          </Typography>
          <Badge>{EVENT_TYPE_LABELS[event.type] ?? event.type}</Badge>
          <Typography fontWeight="semiBold" tag="span">
            {event.actor.displayName}
          </Typography>
          {event.effectiveRole === 'business' && <Badge backgroundColor="warning100" textColor="warning700">Acting as a business</Badge>}
        </Flex>
        <Typography tag="p">{event.description}</Typography>
        <Flex gap={3} wrap="wrap">
          {event.links.conversationId && <a href={threadHref(event.links.conversationId)}>Open thread</a>}
          {event.links.number && <a href={numbersHref()}>Number {displayNumber(event.links.number)}</a>}
          {event.links.bookingId && <a href={bookingHref(event.links.bookingId)}>Open booking</a>}
        </Flex>
        <details>
          <summary>
            <Typography variant="pi" textColor="neutral600">
              Details of event {event.id} ({event.action})
            </Typography>
          </summary>
          <pre style={{ whiteSpace: 'pre-wrap', fontSize: '1.2rem', margin: '0.5rem 0 0' }}>{JSON.stringify({ action: event.action, actor: event.actor, effectiveRole: event.effectiveRole, details: event.details, chain: event.chain }, null, 2)}</pre>
        </details>
      </Flex>
    </Box>
  </li>
);

/**
 * The audit timeline (OPS §3.5 "Audit Timeline View", issue 19 items 1, 2 and 7): every event newest first, filtered by
 * type, actor, thread, number and dates (days in the organisation's time zone); "Load older" pages by `beforeId`; the
 * CSV export of what the filters show; "Verify audit chain" walks the hash chain and names the first broken link.
 */
export const Timeline = ({ zone, initialConversationId }: { zone: string | null; initialConversationId: string | null }) => {
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [filters, setFilters] = useState<TimelineFilters>({ ...NO_FILTERS, conversationId: initialConversationId ?? ALL });
  const [events, setEvents] = useState<TimelineEvent[] | null>(null);
  const [meta, setMeta] = useState<TimelineAnswer['meta'] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [verifying, setVerifying] = useState(false);
  const [chain, setChain] = useState<ChainReport | null>(null);
  const threads = useFetchedData('/messaging/conversations?kind=client&pageSize=200', NO_THREADS);
  const numbers = useFetchedData('/numbers', NO_NUMBERS);

  useEffect(() => {
    let current = true;
    setProblem(null);
    setEvents(null);
    get<TimelineAnswer>(`/compliance/audit?${timelineQuery(filters, zone)}`)
      .then(({ data }) => {
        if (!current) return;
        setEvents(data.data);
        setMeta(data.meta);
      })
      .catch((error) => current && setProblem(errorSentence(error, 'The audit timeline could not be loaded. Try again.')));
    return () => {
      current = false;
    };
  }, [get, filters, zone]);

  const set = (patch: Partial<TimelineFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const at = (iso: string) => new Date(iso).toLocaleString('en-US', { ...(zone ? { timeZone: zone } : {}), month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit' });

  const loadOlder = async () => {
    if (!meta?.nextBeforeId) return;
    setLoadingOlder(true);
    try {
      const { data } = await get<TimelineAnswer>(`/compliance/audit?${timelineQuery(filters, zone, meta.nextBeforeId)}`);
      setEvents((e) => [...(e ?? []), ...data.data]);
      setMeta((m) => (m ? { ...m, nextBeforeId: data.meta.nextBeforeId } : data.meta));
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorSentence(error) });
    } finally {
      setLoadingOlder(false);
    }
  };

  const exportCsv = async () => {
    setExporting(true);
    try {
      await downloadCsv(get, `/compliance/audit/export.csv?${timelineQuery(filters, zone)}`, 'audit-log.csv');
      toggleNotification({ type: 'success', message: 'The audit log was exported. It ends with the audit chain’s head.' });
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorSentence(error) });
    } finally {
      setExporting(false);
    }
  };

  const verify = async () => {
    setVerifying(true);
    try {
      const { data } = await post<{ data: ChainReport }>('/compliance/audit/verify', {});
      setChain(data.data);
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorSentence(error) });
    } finally {
      setVerifying(false);
    }
  };

  const total = meta ? `${meta.pagination.total.toLocaleString('en-US')}${meta.pagination.totalIsAtLeast ? '+' : ''}` : '';
  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      <Section title="Audit timeline" subtitle="Every change, newest first. Audit events are never deleted.">
        <Flex gap={4} alignItems="flex-end" wrap="wrap">
          <Select name="type" label="Event type" value={filters.type} options={[[ALL, 'Any type'], ...Object.entries(EVENT_TYPE_LABELS).filter(([k]) => k !== 'other')]} onChange={(type) => set({ type })} />
          <Select name="actor" label="Actor" value={filters.actorRole} options={[[ALL, 'Anyone'], ...Object.entries(ACTOR_LABELS)]} onChange={(actorRole) => set({ actorRole })} />
          <Select name="thread" label="Thread" value={filters.conversationId} options={[[ALL, 'Every thread'], ...threads.map((t): [string, string] => [String(t.id), t.title])]} onChange={(conversationId) => set({ conversationId })} />
          <Select name="number" label="Number" value={filters.number} options={[[ALL, 'Every number'], ...numbers.map((n): [string, string] => [n.e164, displayNumber(n.e164)])]} onChange={(number) => set({ number })} />
          <DayInput name="from" label="From" value={filters.from} onChange={(from) => set({ from })} />
          <DayInput name="to" label="To" value={filters.to} onChange={(to) => set({ to })} />
          <Button variant="tertiary" onClick={() => setFilters(NO_FILTERS)}>
            Clear filters
          </Button>
          <Button variant="secondary" onClick={exportCsv} loading={exporting}>
            Export to CSV
          </Button>
        </Flex>
        {problem && <ErrorBox message={problem} />}
        {!problem && events === null && <Loader small>Loading the audit timeline…</Loader>}
        {!problem && events !== null && events.length === 0 && <Typography textColor="neutral600">{meta?.emptyMessage ?? 'No events match filters. Adjust filters and try again.'}</Typography>}
        {!problem && events !== null && events.length > 0 && (
          <>
            <Typography textColor="neutral600" role="status">
              {`${total} ${meta?.pagination.total === 1 ? 'event' : 'events'} match`}
            </Typography>
            <ul aria-label="Audit events" style={{ margin: 0, padding: 0 }}>
              {events.map((e) => (
                <EventRow key={e.id} event={e} at={at} />
              ))}
            </ul>
            {meta?.nextBeforeId && (
              <Flex justifyContent="center">
                <Button variant="tertiary" onClick={loadOlder} loading={loadingOlder}>
                  Load older events
                </Button>
              </Flex>
            )}
          </>
        )}
      </Section>
      <Section title="Audit chain" subtitle="Each event is sealed into a hash chain within a minute. Verifying walks it from the first event and names the first broken link.">
        <Flex gap={4} alignItems="center" wrap="wrap">
          <Button variant="secondary" onClick={verify} loading={verifying}>
            Verify audit chain
          </Button>
          {chain && (
            <Typography role="status" textColor={chain.intact ? 'success600' : 'danger600'}>
              {chain.intact
                ? `The audit chain is intact: ${chain.checked.toLocaleString('en-US')} events checked${chain.head ? `, head ${chain.head.hash.slice(0, 12)}… at position ${chain.head.seq}` : ''}.`
                : chain.broken?.sentence}
            </Typography>
          )}
        </Flex>
      </Section>
    </Flex>
  );
};
