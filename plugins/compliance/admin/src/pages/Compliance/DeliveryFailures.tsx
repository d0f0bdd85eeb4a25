import { useEffect, useState } from 'react';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Badge, Box, Button, Field, Flex, Loader, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { DayInput, ErrorBox, Pager, Section, displayNumber, downloadCsv, errorSentence } from '@switchboard/kit/admin';
import { ResolveDialog, RetryDialog, type FailureSummary } from '../../components/FailureDialogs';
import { ALL, dayRangeQuery, threadHref } from './model';

interface DeliveryFailure {
  id: string;
  messageId: string;
  errorCode: number | null;
  reason: string;
  nextStep: string | null;
  attempts: number;
  status: 'failed' | 'retrying' | 'stuck' | 'resolved';
  retryable: boolean;
  conversationId: string | null;
  thread: { clientName: string | null; recipient: string };
  createdAt: string;
  resolution: { at: string; how: 'delivered' | 'manual'; by: string | null; note: string | null } | null;
}

const STATUS_LABELS: Record<DeliveryFailure['status'], string> = { failed: 'Failed', retrying: 'Retrying', stuck: 'Stuck', resolved: 'Resolved' };
const STATUS_COLOURS: Record<DeliveryFailure['status'], [string, string]> = {
  failed: ['danger100', 'danger700'],
  stuck: ['warning100', 'warning700'],
  retrying: ['secondary100', 'secondary700'],
  resolved: ['neutral150', 'neutral700'],
};

/**
 * OPS §3.5 "Delivery Failures Feed" and §4.7: each failed or stuck SMS with its thread and recipient, the provider's
 * error in words, the attempts and the status; Retry (confirmed, the Owner's) and Mark resolved; CSV export.
 */
export const DeliveryFailures = ({ zone }: { zone: string | null }) => {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [status, setStatus] = useState<string>(ALL);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<DeliveryFailure[] | null>(null);
  const [pageCount, setPageCount] = useState(1);
  const [total, setTotal] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [exporting, setExporting] = useState(false);
  const [acting, setActing] = useState<{ kind: 'retry' | 'resolve'; failure: FailureSummary } | null>(null);

  const query = (withPage: boolean) => {
    const q = dayRangeQuery(from, to, zone);
    if (status !== ALL) q.set('status', status);
    if (withPage) q.set('page', String(page));
    return q.toString();
  };

  useEffect(() => {
    let current = true;
    setProblem(null);
    get<{ data: DeliveryFailure[]; meta: { pagination: { pageCount: number; total: number } } }>(`/compliance/delivery-failures?${query(true)}`)
      .then(({ data }) => {
        if (!current) return;
        setRows(data.data);
        setPageCount(Math.max(1, data.meta.pagination.pageCount));
        setTotal(data.meta.pagination.total);
      })
      .catch((error) => current && setProblem(errorSentence(error, 'The delivery failures could not be loaded. Try again.')));
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [get, status, from, to, page, zone, version]);

  const at = (iso: string) => new Date(iso).toLocaleString('en-US', { ...(zone ? { timeZone: zone } : {}), month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
  const done = (sentence: string) => {
    setActing(null);
    setVersion((n) => n + 1);
    toggleNotification({ type: 'success', message: sentence });
  };
  const exportCsv = async () => {
    setExporting(true);
    try {
      await downloadCsv(get, `/compliance/delivery-failures/export.csv?${query(false)}`, 'delivery-failures.csv');
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorSentence(error) });
    } finally {
      setExporting(false);
    }
  };

  return (
    <Section title="Delivery failures" subtitle="Texts that failed or got stuck on their way out. Automatic retries stop after 3 attempts; only an owner retries by hand.">
      <Flex gap={4} alignItems="flex-end" wrap="wrap">
        <Box minWidth="12rem">
          <Field.Root name="failure-status">
            <Field.Label>Status</Field.Label>
            <SingleSelect
              value={status}
              onChange={(v: string | number) => {
                setStatus(String(v));
                setPage(1);
              }}
            >
              <SingleSelectOption value={ALL}>Any status</SingleSelectOption>
              {Object.entries(STATUS_LABELS).map(([value, label]) => (
                <SingleSelectOption key={value} value={value}>
                  {label}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        </Box>
        <DayInput
          name="failures-from"
          label="From"
          value={from}
          onChange={(day) => {
            setFrom(day);
            setPage(1);
          }}
        />
        <DayInput
          name="failures-to"
          label="To"
          value={to}
          onChange={(day) => {
            setTo(day);
            setPage(1);
          }}
        />
        <Button variant="secondary" onClick={exportCsv} loading={exporting}>
          Export to CSV
        </Button>
      </Flex>
      {problem && <ErrorBox message={problem} />}
      {!problem && rows === null && <Loader small>Loading the delivery failures…</Loader>}
      {!problem && rows !== null && rows.length === 0 && <Typography textColor="neutral600">No delivery failures match these filters.</Typography>}
      {!problem && rows !== null && rows.length > 0 && (
        <>
          <Table colCount={6} rowCount={rows.length + 1} aria-label="Delivery failures">
            <Thead>
              <Tr>
                {['Time', 'Thread and recipient', 'Reason', 'Attempts', 'Status', 'Actions'].map((h) => (
                  <Th key={h}>
                    <Typography variant="sigma">{h}</Typography>
                  </Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {rows.map((f) => {
                const who = f.thread.clientName && f.thread.clientName !== f.thread.recipient ? `${f.thread.clientName} · ${displayNumber(f.thread.recipient)}` : displayNumber(f.thread.recipient);
                const summary = { id: f.id, reason: f.reason, attempts: f.attempts, clientName: f.thread.clientName };
                return (
                  <Tr key={f.id}>
                    <Td>
                      <Typography>{at(f.createdAt)}</Typography>
                    </Td>
                    <Td>{f.conversationId ? <a href={threadHref(f.conversationId)}>{who}</a> : <Typography>{who}</Typography>}</Td>
                    <Td style={{ whiteSpace: 'normal', maxWidth: '28rem' }}>
                      <Typography>{f.reason}</Typography>
                      <Typography variant="pi" textColor="neutral600" tag="p">
                        {[f.errorCode !== null ? `Provider error ${f.errorCode}` : null, f.nextStep].filter(Boolean).join(' · ')}
                      </Typography>
                    </Td>
                    <Td>
                      <Typography>{f.attempts}</Typography>
                    </Td>
                    <Td>
                      <Badge backgroundColor={STATUS_COLOURS[f.status][0]} textColor={STATUS_COLOURS[f.status][1]}>
                        {STATUS_LABELS[f.status]}
                      </Badge>
                      {f.resolution && (
                        <Typography variant="pi" textColor="neutral600" tag="p">
                          {f.resolution.how === 'delivered' ? 'Delivered on a later attempt' : `By ${f.resolution.by ?? 'an owner'}${f.resolution.note ? `: ${f.resolution.note}` : ''}`}
                        </Typography>
                      )}
                    </Td>
                    <Td>
                      <Flex gap={2}>
                        {f.retryable && (
                          <Button size="S" variant="secondary" onClick={() => setActing({ kind: 'retry', failure: summary })} aria-label={`Retry the message to ${who}`}>
                            Retry
                          </Button>
                        )}
                        {f.status !== 'resolved' && (
                          <Button size="S" variant="tertiary" onClick={() => setActing({ kind: 'resolve', failure: summary })} aria-label={`Mark resolved: the failure to ${who}`}>
                            Mark resolved
                          </Button>
                        )}
                      </Flex>
                    </Td>
                  </Tr>
                );
              })}
            </Tbody>
          </Table>
          <Pager count={total === 1 ? '1 delivery failure' : `${total} delivery failures`} page={page} pageCount={pageCount} onPage={setPage} />
        </>
      )}
      {acting?.kind === 'retry' && <RetryDialog failure={acting.failure} onClose={() => setActing(null)} onDone={done} />}
      {acting?.kind === 'resolve' && <ResolveDialog failure={acting.failure} onClose={() => setActing(null)} onDone={done} />}
    </Section>
  );
};
