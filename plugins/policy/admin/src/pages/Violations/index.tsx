import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Badge, Box, Button, Field, Flex, Loader, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { DayInput, ErrorBox, Pager, Section, displayNumber, downloadCsv, errorSentence } from '@switchboard/kit/admin';
import { ACTION_LABELS, SENDER_ROLE_LABELS, STATUS_LABELS, TYPE_TITLES, typesTitle } from '../../../../server/src/domain/labels';
import { ViolationDialog, type ViolationDetails } from '../../components/ViolationDialog';
import { ALL, violationQuery, type ViolationFilters as Filters } from './model';

interface Summary {
  days: number;
  bySender: Array<{ role: string; displayName: string; count: number }>;
  byClient: Array<{ clientName: string; count: number }>;
  threads: Array<{ conversationId: string; clientName: string; businessNumber: string | null; count: number }>;
}

/** A filter over a fixed set of values (their labels), with "any" first. */
const OptionSelect = ({ name, label, value, anyLabel, options, onChange }: { name: string; label: string; value: string; anyLabel: string; options: Record<string, string>; onChange(value: string): void }) => (
  <Box minWidth="12rem">
    <Field.Root name={name}>
      <Field.Label>{label}</Field.Label>
      <SingleSelect value={value} onChange={(v: string | number) => onChange(String(v))}>
        <SingleSelectOption value={ALL}>{anyLabel}</SingleSelectOption>
        {Object.entries(options).map(([option, text]) => (
          <SingleSelectOption key={option} value={option}>
            {text}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Field.Root>
  </Box>
);

/** Issue 18 item 5: who keeps trying — each sender's and each client's violations over the last 30 days. */
const RepeatCounts = ({ summary }: { summary: Summary }) => (
  <Flex gap={8} alignItems="flex-start" wrap="wrap">
    {(
      [
        ['By sender', summary.bySender.map((s) => ({ key: `${s.role}:${s.displayName}`, name: `${s.displayName} (${SENDER_ROLE_LABELS[s.role] ?? s.role})`, count: s.count }))],
        ['By client', summary.byClient.map((c) => ({ key: c.clientName, name: c.clientName, count: c.count }))],
      ] as const
    ).map(([title, rows]) => (
      <Box key={title} minWidth="16rem" role="region" aria-label={`${title}, last ${summary.days} days`}>
        <Typography variant="sigma" textColor="neutral600" tag="h3">
          {title}
        </Typography>
        {rows.length === 0 ? (
          <Typography textColor="neutral600" tag="p">
            None in the last {summary.days} days.
          </Typography>
        ) : (
          <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {rows.map((r) => (
              <li key={r.key}>
                <Flex gap={2}>
                  <Typography>{r.name}</Typography>
                  <Badge backgroundColor={r.count > 1 ? 'danger100' : 'neutral150'} textColor={r.count > 1 ? 'danger700' : 'neutral700'}>
                    {r.count === 1 ? '1 violation' : `${r.count} violations`}
                  </Badge>
                </Flex>
              </li>
            ))}
          </ul>
        )}
      </Box>
    ))}
  </Flex>
);

/**
 * Issue 18 (OPS §4.8, §3.5 "Policy Violations Feed"): every violation with its filters (status, type, thread, dates),
 * newest first; each opens its details and the Owner's review; the feed exports to CSV; the 30-day counts show who
 * keeps trying. `?violationId=<id>` opens one (the inbox's badge links here).
 */
const ViolationsPage = () => {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [search, setSearch] = useSearchParams();
  const [filters, setFilters] = useState<Filters>({ status: 'open', type: ALL, conversationId: ALL, from: '', to: '' });
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<ViolationDetails[] | null>(null);
  const [pageCount, setPageCount] = useState(1);
  const [total, setTotal] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [zone, setZone] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [exporting, setExporting] = useState(false);
  const openId = /^\d{1,18}$/.test(search.get('violationId') ?? '') ? search.get('violationId') : null;

  useEffect(() => {
    get<{ data: { timeZone: string } }>('/people/organisation')
      .then(({ data }) => setZone(data.data.timeZone || null))
      .catch(() => setZone(null));
  }, [get]);

  useEffect(() => {
    let current = true;
    setProblem(null);
    get<{ data: ViolationDetails[]; meta: { pagination: { pageCount: number; total: number } } }>(`/policy/violations?${violationQuery(filters, zone, page)}`)
      .then(({ data }) => {
        if (!current) return;
        setRows(data.data);
        setPageCount(Math.max(1, data.meta.pagination.pageCount));
        setTotal(data.meta.pagination.total);
      })
      .catch((error) => current && setProblem(errorSentence(error, 'The violations could not be loaded. Try again.')));
    return () => {
      current = false;
    };
  }, [get, filters, page, version, zone]);

  useEffect(() => {
    get<{ data: Summary }>('/policy/violations/summary')
      .then(({ data }) => setSummary(data.data))
      .catch(() => setSummary(null));
  }, [get, version]);

  const set = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const open = useCallback(
    (id: string | null) => {
      const params = new URLSearchParams(search);
      if (id) params.set('violationId', id);
      else params.delete('violationId');
      setSearch(params, { replace: !id });
    },
    [search, setSearch],
  );
  const at = (iso: string) => new Date(iso).toLocaleString('en-US', { ...(zone ? { timeZone: zone } : {}), month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

  const exportCsv = async () => {
    setExporting(true);
    try {
      await downloadCsv(get, `/policy/violations/export.csv?${violationQuery(filters, zone)}`, 'policy-violations.csv');
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorSentence(error) });
    } finally {
      setExporting(false);
    }
  };

  return (
    <Page.Main>
      <Page.Title>Policy violations</Page.Title>
      <Layouts.Header
        title="Policy violations"
        subtitle="Messages held or blocked because they shared contact details. Checks cannot be switched off; only an owner reviews."
        primaryAction={
          <Button variant="secondary" onClick={exportCsv} loading={exporting}>
            Export to CSV
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Section title="Repeat attempts" subtitle={summary ? `Violations in the last ${summary.days} days.` : undefined}>
            {summary ? <RepeatCounts summary={summary} /> : <Loader small>Counting…</Loader>}
          </Section>
          <Section title="Violations" subtitle="Newest first. Open one to see what was found and to review it.">
            <Flex gap={4} alignItems="flex-end" wrap="wrap">
              <OptionSelect name="status" label="Status" value={filters.status} anyLabel="Any status" options={STATUS_LABELS} onChange={(status) => set({ status })} />
              <OptionSelect name="type" label="Type" value={filters.type} anyLabel="Any type" options={TYPE_TITLES} onChange={(type) => set({ type })} />
              <Box minWidth="16rem">
                <Field.Root name="thread">
                  <Field.Label>Thread</Field.Label>
                  <SingleSelect value={filters.conversationId} onChange={(v: string | number) => set({ conversationId: String(v) })}>
                    <SingleSelectOption value={ALL}>Every thread</SingleSelectOption>
                    {(summary?.threads ?? []).map((t) => (
                      <SingleSelectOption key={t.conversationId} value={t.conversationId}>
                        {`${t.clientName}${t.businessNumber ? ` · ${displayNumber(t.businessNumber)}` : ''}`}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Field.Root>
              </Box>
              <DayInput name="from" label="From" value={filters.from} onChange={(from) => set({ from })} />
              <DayInput name="to" label="To" value={filters.to} onChange={(to) => set({ to })} />
            </Flex>
            {problem && <ErrorBox message={problem} />}
            {!problem && rows === null && <Loader small>Loading the violations…</Loader>}
            {!problem && rows !== null && rows.length === 0 && <Typography textColor="neutral600">No violations match these filters. Adjust filters and try again.</Typography>}
            {!problem && rows !== null && rows.length > 0 && (
              <>
                <Table colCount={8} rowCount={rows.length + 1} aria-label="Policy violations">
                  <Thead>
                    <Tr>
                      {['Time', 'Thread and client', 'Type', 'Detected content (redacted)', 'Action taken', 'Sender', 'Status', 'Review'].map((h) => (
                        <Th key={h}>
                          <Typography variant="sigma">{h}</Typography>
                        </Th>
                      ))}
                    </Tr>
                  </Thead>
                  <Tbody>
                    {rows.map((v) => (
                      <Tr key={v.id}>
                        <Td>
                          <Typography>{at(v.createdAt)}</Typography>
                        </Td>
                        <Td>
                          <a href={`/admin/plugins/messaging/${encodeURIComponent(v.conversationId)}`}>
                            {v.thread.clientName}
                            {v.thread.businessNumber ? ` · ${displayNumber(v.thread.businessNumber)}` : ''}
                          </a>
                        </Td>
                        <Td>
                          <Typography>{typesTitle(v.types)}</Typography>
                        </Td>
                        <Td style={{ whiteSpace: 'normal', maxWidth: '24rem' }}>
                          <Typography>{v.redactedText}</Typography>
                        </Td>
                        <Td>
                          <Typography>{ACTION_LABELS[v.actionTaken] ?? v.actionTaken}</Typography>
                        </Td>
                        <Td>
                          <Typography>{`${v.sender.displayName} (${SENDER_ROLE_LABELS[v.sender.role] ?? v.sender.role})`}</Typography>
                        </Td>
                        <Td>
                          <Badge backgroundColor={v.status === 'open' ? 'danger100' : 'neutral150'} textColor={v.status === 'open' ? 'danger700' : 'neutral700'}>
                            {STATUS_LABELS[v.status] ?? v.status}
                          </Badge>
                        </Td>
                        <Td>
                          <Button variant="tertiary" size="S" onClick={() => open(v.id)} aria-label={`${v.status === 'open' ? 'Review' : 'View'} violation ${v.id}: ${typesTitle(v.types)} from ${v.sender.displayName}`}>
                            {v.status === 'open' ? 'Review' : 'View'}
                          </Button>
                        </Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
                <Pager count={total === 1 ? '1 violation' : `${total} violations`} page={page} pageCount={pageCount} onPage={setPage} />
              </>
            )}
          </Section>
        </Flex>
        {openId && (
          <ViolationDialog
            violationId={openId}
            timeZone={zone}
            links={(v) => (
              <Button variant="tertiary" tag="a" href={`/admin/plugins/messaging/${encodeURIComponent(v.conversationId)}`}>
                Open thread
              </Button>
            )}
            onClose={() => open(null)}
            onReviewed={(sentence) => {
              setVersion((n) => n + 1);
              toggleNotification({ type: 'success', message: sentence });
            }}
          />
        )}
      </Layouts.Content>
    </Page.Main>
  );
};

export default ViolationsPage;
