import { useEffect, useState } from 'react';
import { useFetchClient, useRBAC } from '@strapi/strapi/admin';
import { Badge, Button, Flex, Loader, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ErrorBox, Section, errorSentence } from '@switchboard/kit/admin';
import type { Escalation, EscalationRule, EscalationRuleTest } from '../../../../shared/contracts';

const CONFIGURE = [{ action: 'plugin::alerts.configure', subject: null }];
const when = (iso: string) => new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/** OPS §3.7 "Escalation Rules": each rule's condition, target and status, and "Test rule" (who would hear, now; nothing sent). */
export const Rules = () => {
  const { get, post } = useFetchClient();
  const { allowedActions, isLoading } = useRBAC(CONFIGURE);
  const [rules, setRules] = useState<EscalationRule[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [tested, setTested] = useState<{ id: string; result: EscalationRuleTest } | null>(null);

  useEffect(() => {
    if (isLoading || !allowedActions.canConfigure) return;
    get<{ data: EscalationRule[] }>('/alerts/escalation-rules')
      .then(({ data }) => setRules(data.data))
      .catch((error) => setProblem(errorSentence(error)));
  }, [get, isLoading, allowedActions.canConfigure]);

  if (isLoading) return <Loader>Loading…</Loader>;
  if (!allowedActions.canConfigure) return <Typography textColor="neutral600">Only an owner configures escalation rules.</Typography>;
  if (problem) return <ErrorBox message={problem} />;
  if (!rules) return <Loader>Loading rules…</Loader>;
  const test = async (id: string) => {
    try {
      const { data } = await post<{ data: EscalationRuleTest }>(`/alerts/escalation-rules/${encodeURIComponent(id)}/test`, {});
      setTested({ id, result: data.data });
    } catch (error) {
      setProblem(errorSentence(error));
    }
  };
  return (
    <Section title="Escalation rules" subtitle="Who hears of an alert left unresolved. A chain is several rules with rising minutes.">
      {rules.length === 0 ? (
        <Typography textColor="neutral600">No escalation rules yet.</Typography>
      ) : (
        <Table colCount={4} rowCount={rules.length + 1}>
          <Thead>
            <Tr>
              <Th><Typography variant="sigma">Rule</Typography></Th>
              <Th><Typography variant="sigma">When → who</Typography></Th>
              <Th><Typography variant="sigma">Status</Typography></Th>
              <Th><Typography variant="sigma">Test</Typography></Th>
            </Tr>
          </Thead>
          <Tbody>
            {rules.map((rule) => (
              <Tr key={rule.id}>
                <Td><Typography>{rule.name}</Typography></Td>
                <Td><Typography>{rule.text}</Typography></Td>
                <Td><Badge>{rule.active ? 'Active' : 'Inactive'}</Badge></Td>
                <Td>
                  <Button size="S" variant="tertiary" onClick={() => test(rule.id)}>
                    Test rule
                  </Button>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {tested && (
        <Flex direction="column" alignItems="flex-start" gap={1} role="status">
          <Typography fontWeight="bold">{tested.result.text}</Typography>
          <Typography>Would notify now: {tested.result.recipients.map((r) => r.name).join(', ')}.</Typography>
          <Typography>
            {tested.result.alertsDueNow.length === 0 ? 'No open alert is due for this rule now.' : `Due now: ${tested.result.alertsDueNow.map((a) => `${a.title} (open ${a.openMinutes} min)`).join('; ')}.`}
          </Typography>
          <Typography textColor="neutral600">Nothing was sent.</Typography>
        </Flex>
      )}
    </Section>
  );
};

/** OPS §3.7 action 4 "View Escalation History": newest first. */
export const History = () => {
  const { get } = useFetchClient();
  const [rows, setRows] = useState<Escalation[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    get<{ data: Escalation[] }>('/alerts/escalations?pageSize=100')
      .then(({ data }) => setRows(data.data))
      .catch((error) => setProblem(errorSentence(error)));
  }, [get]);
  if (problem) return <ErrorBox message={problem} />;
  if (!rows) return <Loader>Loading escalations…</Loader>;
  return (
    <Section title="Escalation history" subtitle="Each rule escalates an alert once.">
      {rows.length === 0 ? (
        <Typography textColor="neutral600">Nothing has been escalated.</Typography>
      ) : (
        <Table colCount={5} rowCount={rows.length + 1}>
          <Thead>
            <Tr>
              <Th><Typography variant="sigma">When</Typography></Th>
              <Th><Typography variant="sigma">Alert</Typography></Th>
              <Th><Typography variant="sigma">Rule</Typography></Th>
              <Th><Typography variant="sigma">Told</Typography></Th>
              <Th><Typography variant="sigma">Result</Typography></Th>
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((e) => (
              <Tr key={e.id}>
                <Td><Typography>{when(e.at)}</Typography></Td>
                <Td><Typography>{e.alert.title}</Typography></Td>
                <Td><Typography>{e.rule.name}</Typography></Td>
                <Td><Typography>{e.recipients.map((r) => r.name).join(', ') || '—'}</Typography></Td>
                <Td><Typography>{e.status === 'sent' ? 'Sent' : e.error}</Typography></Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </Section>
  );
};
