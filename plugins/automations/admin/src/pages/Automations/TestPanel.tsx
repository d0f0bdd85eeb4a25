import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Badge, Box, Button, Field, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { ErrorBox, errorSentence } from '@switchboard/kit/admin';
import type { TestResult } from '../../../../shared/contracts';

interface BookingOption {
  id: string;
  label: string;
}
const SAMPLE = 'sample';

/**
 * OPS §3.6 action 6 "Test Automation": pick a context (a booking, or sample values), run, and read every condition's
 * value, the actions it would take and the rendered messages — nothing is sent.
 */
export const TestPanel = ({ automationId, onTested }: { automationId: string; onTested(result: TestResult): void }) => {
  const { get, post } = useFetchClient();
  const [bookings, setBookings] = useState<BookingOption[]>([]);
  const [context, setContext] = useState<string>(SAMPLE);
  const [result, setResult] = useState<TestResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  useEffect(() => {
    Promise.all([
      get<{ data: Array<{ id: string; kind: string; client: string; startsAt: string; numberE164: string | null }> }>('/assignments/bookings?page=1&pageSize=50'),
      get<{ data: Array<{ id: string; name: string }> }>('/people/clients?page=1&pageSize=200'),
    ])
      .then(([b, c]) => {
        const names = new Map(c.data.data.map((x) => [x.id, x.name]));
        setBookings(b.data.data.map((x) => ({ id: x.id, label: `${names.get(x.client) ?? 'A client'} · ${x.kind.replace(/_/g, ' ')} · ${new Date(x.startsAt).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' })}` })));
      })
      .catch(() => setBookings([]));
  }, [get]);

  const run = async () => {
    setWorking(true);
    setProblem(null);
    try {
      const { data } = await post<{ data: TestResult }>(`/automations/${encodeURIComponent(automationId)}/test`, context === SAMPLE ? {} : { context: { bookingId: context } });
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
          <Field.Root name="test-context">
            <Field.Label>Test context</Field.Label>
            <SingleSelect value={context} onChange={(v: string | number) => setContext(String(v))}>
              <SingleSelectOption value={SAMPLE}>Sample values</SingleSelectOption>
              {bookings.map((b) => (
                <SingleSelectOption key={b.id} value={b.id}>
                  {b.label}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        </Box>
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
