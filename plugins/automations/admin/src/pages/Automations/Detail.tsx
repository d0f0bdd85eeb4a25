import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useFetchClient } from '@strapi/strapi/admin';
import { Badge, Box, Button, Field, Flex, Loader, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { DayInput, ErrorBox, Section, errorSentence } from '@switchboard/kit/admin';
import type { Automation, Execution } from '../../../../shared/contracts';
import { LANE_LABELS, STATUS_COLOURS, STATUS_LABELS, conditionLines, logQuery } from './model';
import { useAutomationRights, when } from './List';
import { TestPanel } from './TestPanel';
import { ToggleDialog } from './ToggleDialog';

const ALL = 'all';

/** OPS §3.6 "Automation Detail View": overview, trigger, conditions, actions, the test, and the execution log. */
export const Detail = ({ id, base }: { id: string; base: string }) => {
  const { get } = useFetchClient();
  const navigate = useNavigate();
  const allowedActions = useAutomationRights();
  const [automation, setAutomation] = useState<Automation | null>(null);
  const [log, setLog] = useState<Execution[] | null>(null);
  const [status, setStatus] = useState(ALL);
  const [mode, setMode] = useState(ALL);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [dialog, setDialog] = useState<'toggle' | 'archive' | null>(null);

  useEffect(() => {
    get<{ data: Automation }>(`/automations/${encodeURIComponent(id)}`)
      .then(({ data }) => setAutomation(data.data))
      .catch((error) => setProblem(errorSentence(error)));
  }, [get, id, version]);
  useEffect(() => {
    const q = logQuery({ status, mode, from, to });
    get<{ data: Execution[] }>(`/automations/${encodeURIComponent(id)}/executions?${q}`)
      .then(({ data }) => setLog(data.data))
      .catch((error) => setProblem(errorSentence(error)));
  }, [get, id, status, mode, from, to, version]);

  if (problem) return <ErrorBox message={problem} />;
  if (!automation) return <Loader>Loading the automation…</Loader>;
  const a = automation;
  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      <Section title={a.name} subtitle={a.description}>
        <Flex gap={2} wrap="wrap">
          <Badge backgroundColor={STATUS_COLOURS[a.status][0]} textColor={STATUS_COLOURS[a.status][1]}>{STATUS_LABELS[a.status]}</Badge>
          <Badge>{LANE_LABELS[a.lane]}</Badge>
          <Typography>{`Version ${a.version} · scope ${a.scope.type}${a.scope.id ? ` ${a.scope.id}` : ''} · created ${when(a.createdAt)} · updated ${when(a.updatedAt)}`}</Typography>
        </Flex>
        {a.pausedReason && <Typography textColor="warning700">{a.pausedReason}</Typography>}
        <Typography>{`Latest test: ${a.latestTest ? `${a.latestTest.ok ? 'passed' : 'failed'} on version ${a.latestTest.version}${a.latestTest.current ? '' : ' (outdated: the definition changed since)'}` : 'never tested'}`}</Typography>
        <Flex gap={2}>
          {allowedActions.canManage && a.status !== 'archived' && <Button variant="secondary" onClick={() => navigate(`${base}/${a.id}/edit`)}>Edit</Button>}
          {allowedActions.canToggle && a.status !== 'archived' && <Button variant="secondary" onClick={() => setDialog('toggle')}>{a.status === 'active' ? 'Disable' : 'Enable'}</Button>}
          {allowedActions.canManage && a.status !== 'archived' && <Button variant="danger-light" onClick={() => setDialog('archive')}>Delete</Button>}
        </Flex>
      </Section>
      <Section title="Trigger, conditions and actions">
        <Typography>{`Trigger: ${a.triggerText}`}</Typography>
        {a.conditionTexts.length === 0 ? (
          <Typography>Conditions: none (every trigger runs it)</Typography>
        ) : (
          conditionLines(a.conditions, a.conditionTexts).map((line, i) => <Typography key={i}>{line}</Typography>)
        )}
        <ol aria-label="Actions in order">
          {a.actionTexts.map((t, i) => (
            <li key={i}>
              <Typography>{t}</Typography>
            </li>
          ))}
        </ol>
      </Section>
      {allowedActions.canManage && a.status !== 'archived' && (
        <Section title="Test" subtitle="Simulates a run on sample values, a booking, a client thread or a window. Activation needs a passing test of this exact version.">
          <TestPanel automationId={a.id} triggerType={a.trigger.type} onTested={() => setVersion((v) => v + 1)} />
        </Section>
      )}
      <Section title="Execution log">
        <Flex gap={4}>
          <Box width="20rem">
            <Field.Root name="log-status">
              <Field.Label>Status</Field.Label>
              <SingleSelect value={status} onChange={(v: string | number) => setStatus(String(v))}>
                <SingleSelectOption value={ALL}>All</SingleSelectOption>
                <SingleSelectOption value="success">Success</SingleSelectOption>
                <SingleSelectOption value="failed">Failed</SingleSelectOption>
                <SingleSelectOption value="skipped">Skipped</SingleSelectOption>
                <SingleSelectOption value="queued">Queued</SingleSelectOption>
              </SingleSelect>
            </Field.Root>
          </Box>
          <Box width="20rem">
            <Field.Root name="log-mode">
              <Field.Label>Mode</Field.Label>
              <SingleSelect value={mode} onChange={(v: string | number) => setMode(String(v))}>
                <SingleSelectOption value={ALL}>Live and test</SingleSelectOption>
                <SingleSelectOption value="live">Live</SingleSelectOption>
                <SingleSelectOption value="test">Test</SingleSelectOption>
              </SingleSelect>
            </Field.Root>
          </Box>
          <DayInput name="log-from" label="From" value={from} onChange={setFrom} />
          <DayInput name="log-to" label="To" value={to} onChange={setTo} />
          <Button variant="tertiary" onClick={() => setVersion((v) => v + 1)}>
            Refresh
          </Button>
        </Flex>
        {log === null ? (
          <Loader>Loading the log…</Loader>
        ) : log.length === 0 ? (
          <Typography textColor="neutral600">No executions yet.</Typography>
        ) : (
          <ul aria-label="Executions" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {log.map((e) => (
              <li key={e.id}>
                <details>
                  <summary>
                    <Typography>{`${when(e.createdAt)} · ${e.status} · ${e.mode} · ${e.trigger.text}${e.reason ? ` · ${e.reason}` : ''}${e.error ? ` · ${e.error}` : ''}`}</Typography>
                  </summary>
                  <Box paddingLeft={4}>
                    {e.conditions.map((c, i) => (
                      <Typography key={`c${i}`} tag="p">{c.text}</Typography>
                    ))}
                    {e.actions.map((x) => (
                      <Typography key={`a${x.n}`} tag="p">{`${x.n}. ${x.result}: ${x.text}${x.error ? ` (${x.error})` : ''}`}</Typography>
                    ))}
                    <Typography tag="p" textColor="neutral600">{`Run by ${e.actor}; causation depth ${e.causation.depth}`}</Typography>
                  </Box>
                </details>
              </li>
            ))}
          </ul>
        )}
      </Section>
      {dialog && (
        <ToggleDialog
          automation={a}
          archive={dialog === 'archive'}
          onClose={() => setDialog(null)}
          onDone={(updated) => {
            setDialog(null);
            if (updated.status === 'archived') navigate(base);
            else setVersion((v) => v + 1);
          }}
        />
      )}
    </Flex>
  );
};
