import { useCallback, useEffect, useRef, useState } from 'react';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Button, EmptyStateLayout, Field, Flex, Loader, Table, Tbody, Td, Th, Thead, Tr, TextInput, Typography } from '@strapi/design-system';
import { ErrorBox, displayNumber, errorSentence } from '@switchboard/kit/admin';
import { ClientForm } from './ClientForm';
import type { ClientList, ClientView, Pagination } from '../../../../shared/contracts';

const PAGE_SIZE = 20;
// Typing pauses this long before the list asks the server (one request per word, not per key).
const SEARCH_PAUSE_MS = 300;

/** The clients: searchable by name or phone, paged, created and edited in a form (issue 14 item 3). */
export const ClientsTab = ({ canManage }: { canManage: boolean }) => {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<ClientView[] | null>(null);
  const [pagination, setPagination] = useState<Pagination | null>(null);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const [editing, setEditing] = useState<ClientView | 'new' | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(search.trim());
      setPage(1);
    }, SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [search]);

  // The newest request wins: a slow answer for an older search must not replace the list.
  const latest = useRef(0);
  const load = useCallback(async () => {
    const request = ++latest.current;
    setLoading(true);
    setProblem(null);
    const params = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE), ...(query ? { q: query } : {}) });
    try {
      const { data } = await get<ClientList>(`/people/clients?${params}`);
      if (request !== latest.current) return;
      setRows(data.data);
      setPagination(data.meta?.pagination ?? null);
    } catch (error) {
      if (request !== latest.current) return;
      setProblem(errorSentence(error, 'The clients could not be loaded. Check your connection and retry.'));
    } finally {
      if (request === latest.current) setLoading(false);
    }
  }, [get, page, query]);

  useEffect(() => {
    load();
  }, [load]);

  const saved = (client: ClientView, created: boolean) => {
    setEditing(null);
    toggleNotification({ type: 'success', message: created ? `Client ${client.name} created.` : `Client ${client.name} saved.` });
    load();
  };

  const pageCount = pagination?.pageCount ?? 1;
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex gap={2} alignItems="flex-end" justifyContent="space-between">
        <Field.Root name="client-search" id="client-search" hint="A name or part of a phone number." style={{ flex: 1, maxWidth: 480 }}>
          <Field.Label>Search clients</Field.Label>
          <TextInput type="search" value={search} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setSearch(e.target.value)} />
          <Field.Hint />
        </Field.Root>
        {canManage && <Button onClick={() => setEditing('new')}>New client</Button>}
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
      {loading && rows === null && <Loader>Loading clients…</Loader>}
      {rows !== null && rows.length === 0 && (
        <EmptyStateLayout
          content={query ? `No client matches "${query}". Check the spelling or search by phone number.` : 'No clients yet. A client is added when they first text a business number, or here.'}
          action={
            canManage && !query ? (
              <Button variant="secondary" onClick={() => setEditing('new')}>
                New client
              </Button>
            ) : undefined
          }
        />
      )}
      {rows !== null && rows.length > 0 && (
        <Table colCount={canManage ? 4 : 3} rowCount={rows.length + 1} aria-busy={loading}>
          <Thead>
            <Tr>
              <Th>
                <Typography variant="sigma">Name</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">Phone</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">Notes</Typography>
              </Th>
              {canManage && (
                <Th>
                  <Typography variant="sigma">Actions</Typography>
                </Th>
              )}
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((client) => (
              <Tr key={client.id} aria-label={client.name}>
                <Td>
                  <Typography fontWeight="bold">{client.name}</Typography>
                </Td>
                <Td>
                  <Typography>{displayNumber(client.phone)}</Typography>
                </Td>
                <Td>
                  <Typography textColor={client.notes ? 'neutral800' : 'neutral500'}>{client.notes || 'No notes'}</Typography>
                </Td>
                {canManage && (
                  <Td>
                    <Button size="S" variant="secondary" onClick={() => setEditing(client)} aria-label={`Edit ${client.name}`}>
                      Edit
                    </Button>
                  </Td>
                )}
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {pagination && pagination.total > 0 && (
        <Flex gap={2} alignItems="center" justifyContent="flex-end" tag="nav" aria-label="Client pages">
          <Typography textColor="neutral600">
            Page {pagination.page} of {Math.max(pageCount, 1)} · {pagination.total} {pagination.total === 1 ? 'client' : 'clients'}
          </Typography>
          <Button variant="tertiary" disabled={page <= 1 || loading} onClick={() => setPage((p) => p - 1)}>
            Previous page
          </Button>
          <Button variant="tertiary" disabled={page >= pageCount || loading} onClick={() => setPage((p) => p + 1)}>
            Next page
          </Button>
        </Flex>
      )}
      {editing && <ClientForm client={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={saved} />}
    </Flex>
  );
};
