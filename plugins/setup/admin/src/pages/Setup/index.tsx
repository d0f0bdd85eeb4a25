import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { Box, Button, Flex, Grid, Loader, Typography } from '@strapi/design-system';
import { ErrorBox, Section, errorSentence, useAdminRights } from '@switchboard/kit/admin';
import { headline, isOpen, isStepKey, progressText, shownStep, statusLabel, type BatchProgress, type StepKey, type WizardView } from './model';
import { BulkStep, Checks, ConnectStep, FrontDeskStep, NumberResults, ReadinessStep, VerifyStep, WebhooksStep } from './Steps';

const TONE = { success: { background: 'success100', text: 'success700' }, warning: { background: 'warning100', text: 'warning700' }, neutral: { background: 'neutral100', text: 'neutral800' } } as const;

/**
 * The setup wizard (OPS §3.9): seven steps, each opening once the one before it is done; progress is saved on the
 * server after every step, so the page resumes where anyone left it. An Owner runs the steps; a Messaging Admin sees
 * the state only.
 */
const SetupPage = () => {
  const { get, post } = useFetchClient();
  const { holds } = useAdminRights();
  const allowedActions = { canManage: holds('plugin::setup.manage') };
  const [view, setView] = useState<WizardView | null>(null);
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  // `?step=connect_provider` (the settings page's "Re-run Setup Wizard") opens that step when it is open.
  const [search] = useSearchParams();
  const [chosen, setChosen] = useState<StepKey | null>(isStepKey(search.get('step')) ? (search.get('step') as StepKey) : null);
  const [working, setWorking] = useState(false);
  const [finishing, setFinishing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoadProblem(null);
    try {
      setView((await get<{ data: WizardView }>('/setup')).data.data);
    } catch (error) {
      setLoadProblem(errorSentence(error));
    }
  }, [get]);
  useEffect(() => void load(), [load]);

  // OPS §3.9 "progress": while a step runs, the server's count of a bulk batch (any node answers it), once a second.
  const [batch, setBatch] = useState<BatchProgress | null>(null);
  useEffect(() => {
    if (!working) {
      setBatch(null);
      return undefined;
    }
    let stopped = false;
    const timer = setInterval(() => {
      get<{ data: WizardView }>('/setup').then(
        (answer) => {
          if (!stopped) setBatch(answer.data.data.progress ?? null);
        },
        () => undefined,
      );
    }, 1_000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [working, get]);

  const runStep = async (key: StepKey, body: Record<string, unknown>) => {
    setWorking(true);
    setProblem(null);
    setMessage(null);
    try {
      const next = (await post<{ data: WizardView }>(`/setup/steps/${key}`, body)).data.data;
      setView(next);
      setChosen(null);
      // OPS §3.9 step 2 runs by itself once the account is connected.
      if (key === 'connect_provider') await runStep('verify_connectivity', {});
    } catch (error) {
      setProblem(errorSentence(error));
      setChosen(key);
      await load();
    } finally {
      setWorking(false);
    }
  };

  const finish = async () => {
    setFinishing(true);
    setProblem(null);
    try {
      const answer = (await post<{ data: WizardView & { message: string } }>('/setup/finish', {})).data.data;
      setView(answer);
      setMessage(answer.message);
    } catch (error) {
      setProblem(errorSentence(error));
    } finally {
      setFinishing(false);
    }
  };

  const header = (
    <>
      <Page.Title>Setup</Page.Title>
      <Layouts.Header title="Setup wizard" subtitle={view ? progressText(view) : 'Connect Twilio, add numbers, install webhooks.'} />
    </>
  );
  if (loadProblem || !view)
    return (
      <Page.Main>
        {header}
        <Layouts.Content>
          {loadProblem ? (
            <ErrorBox message={loadProblem} action={<Button variant="tertiary" onClick={() => void load()}>Retry</Button>} />
          ) : (
            <Loader>Loading the setup…</Loader>
          )}
        </Layouts.Content>
      </Page.Main>
    );

  const step = shownStep(view, chosen);
  const top = headline(view);
  const props = { step, view: { ...view, progress: batch }, run: (body: Record<string, unknown>) => runStep(step.key, body), working };
  return (
    <Page.Main>
      {header}
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box background={TONE[top.tone].background} padding={4} hasRadius role="status">
            <Typography textColor={TONE[top.tone].text} fontWeight="bold">
              {message ?? top.text}
            </Typography>
          </Box>
          <Grid.Root gap={4}>
            <Grid.Item col={3} s={12} alignItems="stretch">
              <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius width="100%">
                <nav aria-label="Setup steps">
                  <Box tag="ol">
                    {view.steps.map((s) => {
                      const open = isOpen(view, s.key);
                      return (
                        <Box tag="li" key={s.key} paddingBottom={2}>
                          <Button
                            variant={s.key === step.key ? 'secondary' : 'ghost'}
                            fullWidth
                            disabled={!open}
                            aria-current={s.key === step.key ? 'step' : undefined}
                            onClick={() => {
                              setChosen(s.key);
                              setProblem(null);
                            }}
                          >
                            {s.n}. {s.label} — {statusLabel(s)}
                          </Button>
                        </Box>
                      );
                    })}
                  </Box>
                </nav>
              </Box>
            </Grid.Item>
            <Grid.Item col={9} s={12} alignItems="stretch">
              <Box width="100%">
                <Section title={`Step ${step.n} of ${view.steps.length}: ${step.label}`} subtitle={`${step.required ? 'Required' : 'Optional'} · ${statusLabel(step)}`}>
                  {problem && <ErrorBox message={problem} />}
                  {!problem && step.status === 'failed' && step.problem && <ErrorBox message={step.problem} />}
                  {allowedActions.canManage ? (
                    <>
                      {step.key === 'connect_provider' && <ConnectStep {...props} />}
                      {step.key === 'verify_connectivity' && <VerifyStep {...props} />}
                      {step.key === 'front_desk_number' && <FrontDeskStep {...props} />}
                      {(step.key === 'sitter_numbers' || step.key === 'pool_numbers') && <BulkStep key={step.key} {...props} />}
                      {step.key === 'webhooks' && <WebhooksStep {...props} />}
                      {step.key === 'readiness' && <ReadinessStep {...props} finish={() => void finish()} finishing={finishing} />}
                    </>
                  ) : (
                    <Flex direction="column" alignItems="stretch" gap={3}>
                      <Checks result={step.result} />
                      <NumberResults result={step.result} />
                      <Typography textColor="neutral600">Only an Owner can run the setup steps.</Typography>
                    </Flex>
                  )}
                </Section>
              </Box>
            </Grid.Item>
          </Grid.Root>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default SetupPage;
