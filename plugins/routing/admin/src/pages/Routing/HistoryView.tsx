import { Fragment, useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Badge, Box, Button, Field, Flex, Loader, SingleSelect, SingleSelectOption, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ErrorBox, errorSentence } from '@switchboard/kit/admin';
import type { RoutingDecision, RoutingRuleRow } from '../../../../shared/contracts';
import { formatAt, fromLocalInput, targetWords } from './model';
import type { ThreadChoice } from './ThreadPicker';

const ALL = 'all';
const PAGE_SIZE = 20;

interface Replay {
  summary: string;
  differs: boolean;
}

/**
 * OPS §3.2 "Routing History": the decisions of the chosen thread (or of every thread), newest first, each with its
 * time, rule, result and the owner badge when an override decided; filterable by date range, rule and result. "Why"
 * opens the steps as they were; "Replay with current rules" asks whether today's rules would route it differently.
 */
export const HistoryView = ({ zone, thread, rules, version }: { zone: string; thread: ThreadChoice | null; rules: RoutingRuleRow[]; version: number }) => {
  const { get, post } = useFetchClient();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [rule, setRule] = useState(ALL);
  const [result, setResult] = useState(ALL);
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<RoutingDecision[] | null>(null);
  const [pageCount, setPageCount] = useState(1);
  const [problem, setProblem] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [replays, setReplays] = useState<Record<string, Replay | string>>({});

  useEffect(() => setPage(1), [thread?.id, from, to, rule, result]);

  useEffect(() => {
    let current = true;
    const query = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
    if (thread) query.set('conversationId', thread.id);
    const fromAt = from ? fromLocalInput(`${from}T00:00`, zone) : null;
    const toAt = to ? fromLocalInput(`${to}T23:59`, zone) : null;
    if (fromAt) query.set('from', fromAt);
    if (toAt) query.set('to', toAt);
    if (rule !== ALL) query.set('rule', rule);
    if (result !== ALL) query.set('result', result);
    setProblem(null);
    get<{ data: RoutingDecision[]; meta: { pagination: { pageCount: number } } }>(`/routing/history?${query}`)
      .then(({ data }) => {
        if (!current) return;
        setRows(data.data);
        setPageCount(Math.max(1, data.meta.pagination.pageCount));
      })
      .catch((error) => current && setProblem(errorSentence(error, 'The routing history could not be loaded.')));
    return () => {
      current = false;
    };
  }, [get, zone, thread?.id, from, to, rule, result, page, version]);

  const replay = async (id: string) => {
    try {
      const { data } = await post<{ data: Replay }>(`/routing/decisions/${encodeURIComponent(id)}/replay`, {});
      setReplays((r) => ({ ...r, [id]: data.data }));
    } catch (error) {
      setReplays((r) => ({ ...r, [id]: errorSentence(error, 'The replay did not run. Try again.') }));
    }
  };

  const ruleName = (id: string) => rules.find((r) => r.id === id)?.name ?? id;
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex gap={4} alignItems="flex-end" wrap="wrap">
        <Box minWidth="12rem">
          <Field.Root name="historyFrom">
            <Field.Label>From</Field.Label>
            <TextInput type="date" value={from} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setFrom(e.target.value)} />
          </Field.Root>
        </Box>
        <Box minWidth="12rem">
          <Field.Root name="historyTo">
            <Field.Label>To</Field.Label>
            <TextInput type="date" value={to} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setTo(e.target.value)} />
          </Field.Root>
        </Box>
        <Box minWidth="16rem">
          <Field.Root name="historyRule">
            <Field.Label>Rule</Field.Label>
            <SingleSelect value={rule} onChange={(v: string | number) => setRule(String(v))}>
              <SingleSelectOption value={ALL}>Every rule</SingleSelectOption>
              {rules.map((r) => (
                <SingleSelectOption key={r.id} value={r.id}>
                  {r.name}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        </Box>
        <Box minWidth="12rem">
          <Field.Root name="historyResult">
            <Field.Label>Result</Field.Label>
            <SingleSelect value={result} onChange={(v: string | number) => setResult(String(v))}>
              <SingleSelectOption value={ALL}>Any receiver</SingleSelectOption>
              <SingleSelectOption value="sitter">A sitter</SingleSelectOption>
              <SingleSelectOption value="owner_inbox">Owner inbox</SingleSelectOption>
            </SingleSelect>
          </Field.Root>
        </Box>
      </Flex>
      {problem && <ErrorBox message={problem} />}
      {!problem && rows === null && <Loader small>Loading the routing history…</Loader>}
      {!problem && rows !== null && rows.length === 0 && (
        <Typography textColor="neutral600">{thread ? 'No routing decisions for this thread match these filters yet.' : 'No routing decisions match these filters yet. Each inbound client SMS records one.'}</Typography>
      )}
      {!problem && rows !== null && rows.length > 0 && (
        <Table colCount={thread ? 5 : 6} rowCount={rows.length + 1} aria-label="Routing history">
          <Thead>
            <Tr>
              <Th><Typography variant="sigma">Time</Typography></Th>
              {!thread && <Th><Typography variant="sigma">Thread</Typography></Th>}
              <Th><Typography variant="sigma">Rule</Typography></Th>
              <Th><Typography variant="sigma">Result</Typography></Th>
              <Th><Typography variant="sigma">Override</Typography></Th>
              <Th><Typography variant="sigma">Actions</Typography></Th>
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((d) => {
              const replayed = replays[d.id];
              return (
                <Fragment key={d.id}>
                  <Tr>
                    <Td><Typography>{formatAt(d.at, zone)}</Typography></Td>
                    {!thread && (
                      <Td>
                        <a href={`/admin/plugins/messaging/${encodeURIComponent(d.conversationId)}`}>Thread {d.conversationId}</a>
                      </Td>
                    )}
                    <Td><Typography>{ruleName(d.matchedRule)}</Typography></Td>
                    <Td><Typography>{targetWords(d.target)}</Typography></Td>
                    <Td>{d.overridden ? <Badge>Owner override</Badge> : <Typography textColor="neutral600">None</Typography>}</Td>
                    <Td>
                      <Flex gap={2}>
                        <Button variant="tertiary" size="S" aria-expanded={open === d.id} onClick={() => setOpen(open === d.id ? null : d.id)}>
                          {open === d.id ? 'Hide why' : 'Why'}
                        </Button>
                        <Button variant="tertiary" size="S" onClick={() => replay(d.id)}>
                          Replay with current rules
                        </Button>
                      </Flex>
                    </Td>
                  </Tr>
                  {(open === d.id || replayed) && (
                    <Tr>
                      <Td colSpan={thread ? 5 : 6} style={{ whiteSpace: 'normal' }}>
                        <Flex direction="column" alignItems="stretch" gap={1} paddingTop={2} paddingBottom={2}>
                          {open === d.id && (
                            <>
                              {d.steps.map((s) => (
                                <Typography key={s.n}>
                                  Step {s.n}: {s.check} → {s.result}
                                </Typography>
                              ))}
                              <Typography>Because: {d.reason}</Typography>
                            </>
                          )}
                          {typeof replayed === 'string' && <ErrorBox message={replayed} />}
                          {replayed && typeof replayed !== 'string' && (
                            <Typography fontWeight="bold" textColor={replayed.differs ? 'warning700' : 'success700'}>
                              {replayed.summary}
                            </Typography>
                          )}
                        </Flex>
                      </Td>
                    </Tr>
                  )}
                </Fragment>
              );
            })}
          </Tbody>
        </Table>
      )}
      {pageCount > 1 && (
        <Flex gap={2} justifyContent="flex-end">
          <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            Newer
          </Button>
          <Typography>
            Page {page} of {pageCount}
          </Typography>
          <Button variant="tertiary" disabled={page >= pageCount} onClick={() => setPage((p) => p + 1)}>
            Older
          </Button>
        </Flex>
      )}
    </Flex>
  );
};
