import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useFetchClient } from '@strapi/strapi/admin';
import { Badge, Button, Flex, Loader, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ErrorBox, errorSentence, useAdminRights } from '@switchboard/kit/admin';
import type { Automation } from '../../../../shared/contracts';
import { LANE_LABELS, STATUS_COLOURS, STATUS_LABELS } from './model';
import { ToggleDialog } from './ToggleDialog';

/** What this admin may do with automations: Owner everything, Messaging Admin enable and disable only. */
export function useAutomationRights() {
  const { holds } = useAdminRights();
  return { canManage: holds('plugin::automations.manage'), canToggle: holds('plugin::automations.toggle') };
}
export const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' }) : 'Never');

/** OPS §3.6 "Automations List View": name, lane, status, trigger in words, last executed, runs in 24 h, actions. */
export const List = ({ base }: { base: string }) => {
  const { get } = useFetchClient();
  const navigate = useNavigate();
  const allowedActions = useAutomationRights();
  const [rows, setRows] = useState<Automation[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [toggling, setToggling] = useState<{ automation: Automation; archive: boolean } | null>(null);

  useEffect(() => {
    get<{ data: Automation[] }>('/automations')
      .then(({ data }) => setRows(data.data))
      .catch((error) => setProblem(errorSentence(error)));
  }, [get, version]);

  if (problem) return <ErrorBox message={problem} />;
  if (!rows) return <Loader>Loading automations…</Loader>;
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {allowedActions.canManage && (
        <Flex>
          <Button onClick={() => navigate(`${base}/new`)}>Create automation</Button>
        </Flex>
      )}
      {rows.length === 0 ? (
        <Typography textColor="neutral600">No automations yet. Create one to send messages when bookings change.</Typography>
      ) : (
        <Table colCount={7} rowCount={rows.length + 1} aria-label="Automations">
          <Thead>
            <Tr>
              {['Automation', 'Lane', 'Status', 'Trigger', 'Last executed', 'Runs (24 h)', 'Actions'].map((h) => (
                <Th key={h}>
                  <Typography variant="sigma">{h}</Typography>
                </Th>
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((a) => (
              <Tr key={a.id}>
                <Td>
                  <Link to={`${base}/${a.id}`}>{a.name}</Link>
                </Td>
                <Td><Badge>{LANE_LABELS[a.lane]}</Badge></Td>
                <Td><Badge backgroundColor={STATUS_COLOURS[a.status][0]} textColor={STATUS_COLOURS[a.status][1]}>{STATUS_LABELS[a.status]}</Badge></Td>
                <Td><Typography>{a.triggerText}</Typography></Td>
                <Td><Typography>{when(a.lastExecutedAt)}</Typography></Td>
                <Td><Typography>{a.executions24h}</Typography></Td>
                <Td>
                  <Flex gap={2}>
                    {allowedActions.canManage && (
                      <Button size="S" variant="secondary" onClick={() => navigate(`${base}/${a.id}/edit`)}>
                        Edit
                      </Button>
                    )}
                    {allowedActions.canToggle && (
                      <Button size="S" variant="secondary" onClick={() => setToggling({ automation: a, archive: false })}>
                        {a.status === 'active' ? 'Disable' : 'Enable'}
                      </Button>
                    )}
                    <Button size="S" variant="tertiary" onClick={() => navigate(`${base}/${a.id}`)}>
                      View logs
                    </Button>
                    {allowedActions.canManage && (
                      <Button size="S" variant="danger-light" onClick={() => setToggling({ automation: a, archive: true })}>
                        Delete
                      </Button>
                    )}
                  </Flex>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {toggling && (
        <ToggleDialog
          automation={toggling.automation}
          archive={toggling.archive}
          onClose={() => setToggling(null)}
          onDone={() => {
            setToggling(null);
            setVersion((v) => v + 1);
          }}
        />
      )}
    </Flex>
  );
};
