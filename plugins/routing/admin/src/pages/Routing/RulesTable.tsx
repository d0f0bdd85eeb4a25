import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Badge, Box, Button, Loader, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ErrorBox, errorSentence } from '@switchboard/kit/admin';
import type { RoutingRuleRow } from '../../../../shared/contracts';
import { formatAt } from './model';

/** GET /routing/rules: the rules table's rows, and the rule names the history's filter offers. */
export function useRules(version: number): { rules: RoutingRuleRow[] | null; problem: string | null; retry: () => void } {
  const { get } = useFetchClient();
  const [rules, setRules] = useState<RoutingRuleRow[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setProblem(null);
    get<{ data: RoutingRuleRow[] }>('/routing/rules')
      .then(({ data }) => current && setRules(data.data))
      .catch((error) => current && setProblem(errorSentence(error, 'The routing rules could not be loaded.')));
    return () => {
      current = false;
    };
  }, [get, version, attempt]);
  return { rules, problem, retry: () => setAttempt((n) => n + 1) };
}

/** OPS §3.2 "Routing Rules Table": the five rules in their fixed order, in human words, with how often each was reached. */
export const RulesTable = ({ zone, rules, problem, retry }: { zone: string; rules: RoutingRuleRow[] | null; problem: string | null; retry: () => void }) => {
  if (problem) return <ErrorBox message={problem} action={<Button variant="tertiary" onClick={retry}>Retry</Button>} />;
  if (!rules) return <Loader small>Loading the routing rules…</Loader>;
  return (
    <Table colCount={6} rowCount={rules.length + 1} aria-label="Routing rules">
      <Thead>
        <Tr>
          <Th><Typography variant="sigma">Priority</Typography></Th>
          <Th><Typography variant="sigma">Rule</Typography></Th>
          <Th><Typography variant="sigma">What it does</Typography></Th>
          <Th><Typography variant="sigma">Status</Typography></Th>
          <Th><Typography variant="sigma">Last evaluated</Typography></Th>
          <Th><Typography variant="sigma">Evaluations (24 h)</Typography></Th>
        </Tr>
      </Thead>
      <Tbody>
        {rules.map((rule) => (
          <Tr key={rule.id}>
            <Td><Typography>{rule.priority}</Typography></Td>
            <Td><Typography fontWeight="bold">{rule.name}</Typography></Td>
            <Td style={{ whiteSpace: 'normal' }}>
              <Box maxWidth="48rem"><Typography>{rule.description}</Typography></Box>
            </Td>
            <Td><Badge active={rule.status === 'active'}>{rule.status === 'active' ? 'Active' : 'Inactive'}</Badge></Td>
            <Td><Typography>{rule.lastEvaluatedAt ? formatAt(rule.lastEvaluatedAt, zone) : 'Never'}</Typography></Td>
            <Td><Typography>{rule.evaluations24h}</Typography></Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
