import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Badge, Box, Button, Field, Flex, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { ErrorBox, errorSentence, useFetchedData } from '@switchboard/kit/admin';
import type { Simulation } from '../../../../shared/contracts';
import { type ForecastHour, forecastDays, fromLocalInput, localInput, targetWords } from './model';
import type { ThreadChoice } from './ThreadPicker';

const NO_NUMBERS: NumberOption[] = [];

interface NumberOption {
  e164: string;
  display: string;
  assignedTo: string;
  status: string;
}

/**
 * OPS §3.2 "Routing Simulator": a thread (or a client phone and a business number: a preview thread), a time (now by
 * default) and a direction; "Preview Routing" asks POST /routing/simulate, which is read-only, and shows the steps, the
 * receiver and the reason. With a thread, the next 7 days hour by hour (GET /routing/forecast) show the gaps.
 */
export const Simulator = ({ zone, thread }: { zone: string; thread: ThreadChoice | null }) => {
  const { get, post } = useFetchClient();
  // The inventory's numbers for the number selector; none if this admin may not read them (the field stays empty).
  const numbers = useFetchedData<NumberOption[]>('/numbers', NO_NUMBERS);
  const [clientPhone, setClientPhone] = useState('');
  const [number, setNumber] = useState('');
  const [at, setAt] = useState(() => localInput(new Date(), zone));
  const [direction, setDirection] = useState<'inbound' | 'outbound'>('inbound');
  const [result, setResult] = useState<Simulation | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const [forecast, setForecast] = useState<{ hours: ForecastHour[]; gaps: Array<{ from: string; to: string }> } | null>(null);
  const [forecastProblem, setForecastProblem] = useState<string | null>(null);

  useEffect(() => {
    setResult(null);
    setForecast(null);
    setProblem(null);
  }, [thread?.id]);

  const preview = async () => {
    const when = fromLocalInput(at, zone);
    if (!when) return setProblem('Pick a date and time to preview.');
    setWorking(true);
    setProblem(null);
    try {
      const body = thread ? { conversationId: Number(thread.id), at: when, direction } : { clientPhone: clientPhone.trim(), number, at: when, direction };
      const { data } = await post<{ data: Simulation }>('/routing/simulate', body);
      setResult(data.data);
    } catch (error) {
      setResult(null);
      setProblem(errorSentence(error, 'Routing could not be previewed. Try again.'));
    } finally {
      setWorking(false);
    }
  };

  const showForecast = async () => {
    if (!thread) return;
    setForecastProblem(null);
    try {
      const { data } = await get<{ data: { hours: ForecastHour[]; gaps: Array<{ from: string; to: string }> } }>(`/routing/forecast?conversationId=${encodeURIComponent(thread.id)}`);
      setForecast(data.data);
    } catch (error) {
      setForecastProblem(errorSentence(error, 'The forecast could not be loaded. Try again.'));
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {!thread && (
        <Flex gap={4} alignItems="flex-start" wrap="wrap">
          <Box minWidth="16rem">
            <Field.Root name="clientPhone" hint="A client without a thread on that number gets a preview thread.">
              <Field.Label>Client phone</Field.Label>
              <TextInput value={clientPhone} placeholder="+14155550199" onChange={(e: React.ChangeEvent<HTMLInputElement>) => setClientPhone(e.target.value)} />
              <Field.Hint />
            </Field.Root>
          </Box>
          <Box minWidth="16rem">
            <Field.Root name="number">
              <Field.Label>Business number</Field.Label>
              <SingleSelect value={number || undefined} placeholder="Pick a number" onChange={(v: string | number) => setNumber(String(v))}>
                {numbers.map((n) => (
                  <SingleSelectOption key={n.e164} value={n.e164}>
                    {`${n.display} · ${n.assignedTo}${n.status === 'active' ? '' : ` (${n.status})`}`}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
          </Box>
        </Flex>
      )}
      <Flex gap={4} alignItems="flex-end" wrap="wrap">
        <Box minWidth="16rem">
          <Field.Root name="at" hint={`In the organisation's time zone (${zone}).`}>
            <Field.Label>Time</Field.Label>
            <TextInput type="datetime-local" value={at} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setAt(e.target.value)} />
            <Field.Hint />
          </Field.Root>
        </Box>
        <Box minWidth="16rem">
          <Field.Root name="direction" hint=" ">
            <Field.Label>Direction</Field.Label>
            <SingleSelect value={direction} onChange={(v: string | number) => setDirection(v === 'outbound' ? 'outbound' : 'inbound')}>
              <SingleSelectOption value="inbound">A client texts in</SingleSelectOption>
              <SingleSelectOption value="outbound">A reply goes out to the client</SingleSelectOption>
            </SingleSelect>
            <Field.Hint />
          </Field.Root>
        </Box>
        <Button onClick={preview} loading={working}>
          Preview Routing
        </Button>
        {thread && (
          <Button variant="secondary" onClick={showForecast}>
            Show the next 7 days
          </Button>
        )}
      </Flex>
      {problem && <ErrorBox message={problem} />}
      {result && (
        <Box background="neutral100" padding={4} hasRadius role="region" aria-label="Routing preview">
          <Flex direction="column" alignItems="stretch" gap={2}>
            <ol style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {result.steps.map((step) => (
                <li key={step.n}>
                  <Typography>
                    Step {step.n}: {step.check} → {step.result}
                  </Typography>
                </li>
              ))}
            </ol>
            <Typography fontWeight="bold">Message would route to: {targetWords(result.target)}</Typography>
            <Typography>Because: {result.reason}</Typography>
            {result.overridden && <Badge>Owner override</Badge>}
            <Typography variant="pi" textColor="neutral600">
              Nothing was changed: the simulator only reads.
            </Typography>
          </Flex>
        </Box>
      )}
      {forecastProblem && <ErrorBox message={forecastProblem} />}
      {forecast && (
        <Box padding={4} hasRadius borderColor="neutral200" role="region" aria-label="The next 7 days">
          <Flex direction="column" alignItems="stretch" gap={2}>
            <Typography fontWeight="bold">
              {forecast.gaps.length === 0 ? 'A sitter receives every message in the next 7 days.' : `Hours no sitter would receive in the next 7 days: ${forecast.gaps.length === 1 ? '1 stretch' : `${forecast.gaps.length} stretches`}, to the owner inbox instead.`}
            </Typography>
            {forecastDays(forecast.hours, zone).map((day) => (
              <Typography key={day.day}>
                <strong>{day.day}:</strong> {day.spans.map((s) => `${s.from}–${s.to} ${s.label}${s.overridden ? ' (override)' : ''}`).join(' · ')}
              </Typography>
            ))}
          </Flex>
        </Box>
      )}
    </Flex>
  );
};
