import { useCallback, useEffect, useRef, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Button, EmptyStateLayout, Field, Flex, Link, Loader, SingleSelect, SingleSelectOption, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ErrorBox, errorSentence } from '@switchboard/kit/admin';
import type { AssignmentWindow } from '../../../../shared/contracts';
import { ClientPicker } from './ClientPicker';
import { useSitters } from './pickers';
import { STATUS_LABEL, formatLocal, listQuery, threadLink, type ListFilters } from './model';

const PAGE_SIZE = 50;
const NO_FILTERS: ListFilters = { from: '', to: '', status: '', sitterId: '', clientId: '' };
const ALL = 'all';

interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

/** OPS §3.3 list of windows: thread, sitter, start, end, status, booking and actions; filtered and paged by the server. */
export const ListView = ({ zone, canManage, version, onOpen }: { zone: string; canManage: boolean; version: number; onOpen: (w: AssignmentWindow, action: 'view' | 'edit' | 'delete') => void }) => {
  const { get } = useFetchClient();
  const { sitters } = useSitters(false);
  const [filters, setFilters] = useState<ListFilters>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<AssignmentWindow[] | null>(null);
  const [pagination, setPagination] = useState<Pagination | null>(null);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);

  const latest = useRef(0);
  const load = useCallback(async () => {
    const request = ++latest.current;
    setLoading(true);
    setProblem(null);
    try {
      const { data } = await get<{ data: AssignmentWindow[]; meta: { pagination: Pagination } }>(`/assignments/windows?${listQuery(filters, page, PAGE_SIZE, zone)}`);
      if (request !== latest.current) return;
      setRows(data.data);
      setPagination(data.meta?.pagination ?? null);
    } catch (error) {
      if (request === latest.current) setProblem(errorSentence(error, 'The windows could not be loaded. Check your connection and retry.'));
    } finally {
      if (request === latest.current) setLoading(false);
    }
  }, [get, filters, page, zone]);

  useEffect(() => {
    load();
  }, [load, version]);

  const set = <K extends keyof ListFilters>(key: K, value: ListFilters[K]) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setPage(1);
  };
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  const pageCount = Math.max(pagination?.pageCount ?? 1, 1);

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex gap={3} alignItems="flex-end" wrap="wrap" role="group" aria-label="Filters">
        <Field.Root name="from" id="filter-from">
          <Field.Label>From</Field.Label>
          <TextInput type="date" value={filters.from} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('from', e.target.value)} />
        </Field.Root>
        <Field.Root name="to" id="filter-to">
          <Field.Label>To</Field.Label>
          <TextInput type="date" value={filters.to} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('to', e.target.value)} />
        </Field.Root>
        <Field.Root name="status" id="filter-status">
          <Field.Label>Status</Field.Label>
          <SingleSelect value={filters.status || ALL} onChange={(v: string | number) => set('status', (v === ALL ? '' : v) as ListFilters['status'])}>
            <SingleSelectOption value={ALL}>Any status</SingleSelectOption>
            {(['active', 'future', 'past', 'overlapping'] as const).map((s) => (
              <SingleSelectOption key={s} value={s}>
                {STATUS_LABEL[s]}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
        <Field.Root name="sitter" id="filter-sitter">
          <Field.Label>Sitter</Field.Label>
          <SingleSelect value={filters.sitterId || ALL} onChange={(v: string | number) => set('sitterId', v === ALL ? '' : String(v))}>
            <SingleSelectOption value={ALL}>Any sitter</SingleSelectOption>
            {(sitters ?? []).map((s) => (
              <SingleSelectOption key={s.id} value={String(s.id)}>
                {s.displayName}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
        <Field.Root name="client" id="filter-client" style={{ minWidth: 240 }}>
          <Field.Label>Client</Field.Label>
          <ClientPicker name="client" value={filters.clientId} onChange={(id) => set('clientId', id)} />
        </Field.Root>
        {filtered && (
          <Button variant="tertiary" onClick={() => (setFilters(NO_FILTERS), setPage(1))}>
            Clear filters
          </Button>
        )}
      </Flex>

      {problem && (
        <ErrorBox
          message={problem}
          action={
            <Button variant="tertiary" onClick={load}>
              Retry
            </Button>
          }
        />
      )}
      {loading && rows === null && <Loader>Loading windows…</Loader>}
      {rows !== null && rows.length === 0 && <EmptyStateLayout content={filtered ? 'No window matches these filters.' : 'No assignment windows yet. Assign a sitter to a client to create one.'} />}
      {rows !== null && rows.length > 0 && (
        <Table colCount={7} rowCount={rows.length + 1} aria-busy={loading} aria-label="Assignment windows">
          <Thead>
            <Tr>
              {['Thread', 'Sitter', 'Start', 'End', 'Status', 'Booking', 'Actions'].map((h) => (
                <Th key={h}>
                  <Typography variant="sigma">{h}</Typography>
                </Th>
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((w) => (
              <Tr key={w.id} aria-label={`${w.client.name}, ${w.sitter.displayName}, ${formatLocal(w.startsAt, zone)}`}>
                <Td>
                  <Link href={threadLink(w.conversationId)}>{w.client.name}</Link>
                </Td>
                <Td>
                  <Typography>{w.sitter.displayName}</Typography>
                </Td>
                <Td>
                  <Typography>{formatLocal(w.startsAt, zone)}</Typography>
                </Td>
                <Td>
                  <Typography>{formatLocal(w.endsAt, zone)}</Typography>
                </Td>
                <Td>
                  <Typography>{STATUS_LABEL[w.status]}</Typography>
                </Td>
                <Td>
                  <Typography textColor={w.bookingId ? 'neutral800' : 'neutral500'}>{w.bookingId ?? 'None'}</Typography>
                </Td>
                <Td>
                  <Flex gap={1}>
                    <Button size="S" variant="tertiary" onClick={() => onOpen(w, 'view')} aria-label={`View details: ${w.client.name}, ${formatLocal(w.startsAt, zone)}`}>
                      View details
                    </Button>
                    {canManage && (
                      <>
                        <Button size="S" variant="secondary" onClick={() => onOpen(w, 'edit')} aria-label={`Edit: ${w.client.name}, ${formatLocal(w.startsAt, zone)}`}>
                          Edit
                        </Button>
                        <Button size="S" variant="danger-light" onClick={() => onOpen(w, 'delete')} aria-label={`Delete: ${w.client.name}, ${formatLocal(w.startsAt, zone)}`}>
                          Delete
                        </Button>
                      </>
                    )}
                  </Flex>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {pagination && pagination.total > 0 && (
        <Flex gap={2} alignItems="center" justifyContent="flex-end" tag="nav" aria-label="Window pages">
          <Typography textColor="neutral600">
            Page {pagination.page} of {pageCount} · {pagination.total} {pagination.total === 1 ? 'window' : 'windows'}
          </Typography>
          <Button variant="tertiary" disabled={page <= 1 || loading} onClick={() => setPage((p) => p - 1)}>
            Previous page
          </Button>
          <Button variant="tertiary" disabled={page >= pageCount || loading} onClick={() => setPage((p) => p + 1)}>
            Next page
          </Button>
        </Flex>
      )}
    </Flex>
  );
};
