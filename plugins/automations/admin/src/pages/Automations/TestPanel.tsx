import { useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Badge, Box, Button, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { ErrorBox, LabelledSelect, errorSentence } from '@switchboard/kit/admin';
import type { TestResult, TriggerType } from '../../../../shared/contracts';
import { SAMPLE_CONTEXT, testBody } from './model';
import { useContextOptions } from './contexts';

/**
 * OPS §3.6 action 6 "Test Automation": pick a context (sample values, a booking, a client thread or a window), run,
 * and read every condition's value, the actions it would take and the rendered messages — nothing is sent.
 */
export const TestPanel = ({ automationId, triggerType, onTested }: { automationId: string; triggerType?: TriggerType; onTested(result: TestResult): void }) => {
  const { post } = useFetchClient();
  const options = useContextOptions(true);
  const [context, setContext] = useState<string>(SAMPLE_CONTEXT);
  const [messageText, setMessageText] = useState('');
  const [result, setResult] = useState<TestResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const takesMessage = triggerType === 'message.received' && (context === SAMPLE_CONTEXT || context.startsWith('thread:'));

  const run = async () => {
    setWorking(true);
    setProblem(null);
    try {
      const { data } = await post<{ data: TestResult }>(`/automations/${encodeURIComponent(automationId)}/test`, testBody(context, takesMessage ? messageText : ''));
      setResult(data.data);
      onTested(data.data);
    } catch (error) {
      setProblem(errorSentence(error));
    } finally {
      setWorking(false);
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex gap={4} alignItems="flex-end">
        <Box width="44rem">
          <LabelledSelect label="Test context" name="test-context" value={context} onChange={setContext} options={options} />
        </Box>
        {takesMessage && (
          <Box width="30rem">
            <Field.Root name="test-message">
              <Field.Label>Client's message</Field.Label>
              <TextInput value={messageText} placeholder="The text the client sent (a sample when empty)" onChange={(e: React.ChangeEvent<HTMLInputElement>) => setMessageText(e.target.value)} />
            </Field.Root>
          </Box>
        )}
        <Button onClick={run} loading={working}>
          Run test
        </Button>
      </Flex>
      {problem && <ErrorBox message={problem} />}
      {result && (
        <Flex direction="column" alignItems="stretch" gap={2} role="status" aria-label="Test result">
          <Flex gap={2}>
            <Badge backgroundColor={result.ok ? 'success100' : 'danger100'} textColor={result.ok ? 'success700' : 'danger700'}>{result.ok ? 'Test passed' : 'Test failed'}</Badge>
            <Typography>{`Version ${result.version} · ${result.contextText} · ${result.matched ? 'Conditions match' : 'Conditions do not match: a live run would skip this'}`}</Typography>
          </Flex>
          {result.conditions.map((c, i) => (
            <Typography key={`c${i}`}>{c.text}</Typography>
          ))}
          {result.actions.map((a) => (
            <Typography key={`a${a.n}`}>{`${a.n}. ${a.text}${a.wouldSend?.to ? ` → ${a.wouldSend.to}` : ''}`}</Typography>
          ))}
          {result.errors.map((e) => (
            <ErrorBox key={e} message={e} />
          ))}
          <Typography textColor="neutral600">Nothing was sent.</Typography>
        </Flex>
      )}
    </Flex>
  );
};
