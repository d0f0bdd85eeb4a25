import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { Box, Button, Field, Flex, SingleSelect, SingleSelectOption, TextInput, Textarea, Typography } from '@strapi/design-system';
import { ErrorBox, displayNumber, errorSentence, useFetchedData } from '@switchboard/kit/admin';
import type { ProviderKind, ProviderSettings, SandboxPhoneMessage } from '../../../../shared/contracts';

/** The Front Desk number: the sandbox's default receiver when no business number is chosen. */
const FRONT_DESK = 'front_desk';

const NO_NUMBERS: InventoryOption[] = [];

interface InventoryOption {
  e164: string;
  display: string;
  assignedTo: string;
  status: string;
}

/**
 * Plays a client on the sandbox provider: what the business texted this number, and a reply box. The client may text
 * any number of the inventory (issue 17), so routing can be tried on Front Desk, sitter and pool numbers.
 */
const VirtualPhone = () => {
  const { get, post } = useFetchClient();
  // The inventory's numbers, if this admin may read them; otherwise only the Front Desk default is offered.
  const numbers = useFetchedData<InventoryOption[]>('/numbers', NO_NUMBERS);
  const [to, setTo] = useState(FRONT_DESK);
  const [phoneNumber, setPhoneNumber] = useState('+14155550199');
  const [messages, setMessages] = useState<SandboxPhoneMessage[] | null>(null);
  const [body, setBody] = useState('');
  const [loading, setLoading] = useState(false);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [provider, setProvider] = useState<ProviderKind | null>(null);

  useEffect(() => {
    get<{ data: ProviderSettings }>('/provider/settings')
      .then(({ data }) => setProvider(data.data.provider))
      .catch((error) => setProblem(errorSentence(error)));
  }, [get]);
  const onSandbox = provider === 'sandbox';

  const load = useCallback(async () => {
    setLoading(true);
    setProblem(null);
    try {
      const { data } = await get<{ data: SandboxPhoneMessage[] }>(`/provider/sandbox/phone?phoneNumber=${encodeURIComponent(phoneNumber)}`);
      setMessages(data.data);
    } catch (error) {
      setProblem(errorSentence(error));
      setMessages(null);
    } finally {
      setLoading(false);
    }
  }, [get, phoneNumber]);

  useEffect(() => {
    load();
    const timer = setInterval(load, 3000);
    return () => clearInterval(timer);
  }, [load]);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setProblem(null);
    try {
      await post('/provider/sandbox/phone/reply', { from: phoneNumber, body, ...(to === FRONT_DESK ? {} : { to }) });
      setBody('');
      await load();
    } catch (error) {
      setProblem(errorSentence(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <Page.Main>
      <Page.Title>Virtual phone</Page.Title>
      <Layouts.Header
        title="Virtual phone"
        subtitle="The sandbox provider sends no real SMS. Play a client here: read what the business sent to this number, and text back."
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box background="neutral0" padding={4} shadow="filterShadow" hasRadius>
            <Field.Root name="phoneNumber" hint="The client's number, in international format.">
              <Field.Label>Client phone number</Field.Label>
              <TextInput value={phoneNumber} onChange={(e: any) => setPhoneNumber(e.target.value)} />
              <Field.Hint />
            </Field.Root>
            <Box paddingTop={3}>
              <Field.Root name="to" hint="Which business number the client texts; routing decides who receives it.">
                <Field.Label>Business number</Field.Label>
                <SingleSelect value={to} onChange={(v: string | number) => setTo(String(v))}>
                  <SingleSelectOption value={FRONT_DESK}>The Front Desk number</SingleSelectOption>
                  {numbers.map((n) => (
                    <SingleSelectOption key={n.e164} value={n.e164}>
                      {`${n.display} · ${n.assignedTo}${n.status === 'active' ? '' : ` (${n.status})`}`}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
                <Field.Hint />
              </Field.Root>
            </Box>
          </Box>
          {provider !== null && !onSandbox && (
            <Box background="warning100" padding={3} hasRadius role="status">
              <Typography textColor="warning700">
                The virtual phone only works with the sandbox provider. This workspace sends real SMS through {provider === 'twilio' ? 'Twilio' : provider}.
              </Typography>
            </Box>
          )}
          {problem && <ErrorBox message={problem} />}
          <Box background="neutral0" padding={4} shadow="filterShadow" hasRadius aria-live="polite">
            {messages === null && loading && <Typography>Loading messages…</Typography>}
            {messages !== null && messages.length === 0 && (
              <Typography textColor="neutral600">No messages with this number yet. Send one below, or reply to it from the inbox.</Typography>
            )}
            <Flex direction="column" alignItems="stretch" gap={2}>
              {(messages ?? []).map((m) => (
                <Flex key={m.id} justifyContent={m.direction === 'from_phone' ? 'flex-end' : 'flex-start'}>
                  <Box background={m.direction === 'from_phone' ? 'primary100' : 'neutral100'} padding={3} hasRadius maxWidth="70%">
                    <Typography variant="pi" textColor="neutral600">
                      {m.direction === 'from_phone' ? `You → ${displayNumber(m.businessNumber)}` : `${displayNumber(m.businessNumber)} → you`} · {new Date(m.at).toLocaleString()}
                    </Typography>
                    <Typography tag="p">{m.body}</Typography>
                  </Box>
                </Flex>
              ))}
            </Flex>
          </Box>
          <Box background="neutral0" padding={4} shadow="filterShadow" hasRadius>
            <form onSubmit={send}>
              <Flex direction="column" alignItems="stretch" gap={2}>
                <Field.Root name="body">
                  <Field.Label>Text the business</Field.Label>
                  <Textarea value={body} onChange={(e: any) => setBody(e.target.value)} />
                </Field.Root>
                <Flex justifyContent="flex-end">
                  <Button type="submit" loading={sending} disabled={!onSandbox || body.trim().length === 0}>
                    Send as the client
                  </Button>
                </Flex>
              </Flex>
            </form>
          </Box>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default VirtualPhone;
