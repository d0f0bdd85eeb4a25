import { useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Box, Button, Checkbox, Field, Flex, Loader, NumberInput, Radio, TextInput, Textarea, Typography } from '@strapi/design-system';
import { ConfirmDialog, ErrorBox, displayNumber, errorSentence } from '@switchboard/kit/admin';
import { batchProgressText, buyQuestion, checkText, checksOf, monthlyCost, numberResultsOf, offerPlace, parseNumberList, type Offer, type Step, type WizardView } from './model';

/** Runs one step on the server; resolves to the new view, rejects with the server's answer (the page shows its sentence). */
export type RunStep = (body: Record<string, unknown>) => Promise<void>;

interface StepProps {
  step: Step;
  view: WizardView;
  run: RunStep;
  working: boolean;
}

const text = (set: (value: string) => void) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => set(e.target.value);

/** One labelled text field. */
const Input = ({ name, label, hint, value, onChange, type }: { name: string; label: string; hint?: string; value: string; onChange(value: string): void; type?: string }) => (
  <Field.Root name={name} hint={hint}>
    <Field.Label>{label}</Field.Label>
    <TextInput type={type} value={value} onChange={text(onChange)} autoComplete="off" />
    {hint && <Field.Hint />}
  </Field.Root>
);

/** The checks a step reported, each passed, a warning or failed. */
export const Checks = ({ result }: { result: unknown }) => {
  const checks = checksOf(result);
  if (checks.length === 0) return null;
  return (
    <Box tag="ul" aria-label="Checks">
      {checks.map((c) => (
        <Box tag="li" key={c.name} paddingBottom={1}>
          <Typography textColor={!c.ok ? 'danger600' : c.warning ? 'warning600' : 'success600'}>{checkText(c)}</Typography>
        </Box>
      ))}
    </Box>
  );
};

/** What each number of a batch came to (OPS §3.9 "per-number results when part of a batch fails"). */
export const NumberResults = ({ result }: { result: unknown }) => {
  const numbers = numberResultsOf(result);
  if (numbers.length === 0) return null;
  return (
    <Box tag="ul" aria-label="Per-number results">
      {numbers.map((n) => (
        <Box tag="li" key={n.number} paddingBottom={1}>
          <Typography textColor={n.ok ? 'success600' : 'danger600'}>
            {/^\+\d+$/.test(n.number) ? displayNumber(n.number) : n.number}: {n.ok ? 'added' : `failed — ${n.problem ?? 'unknown problem'}`}
          </Typography>
        </Box>
      ))}
    </Box>
  );
};

/** Step 1: the account's SID and token, checked against the provider ("Test Connection"). */
export const ConnectStep = ({ view, run, working }: StepProps) => {
  const [accountSid, setAccountSid] = useState('');
  const [authToken, setAuthToken] = useState('');
  const [useAddress, setUseAddress] = useState(false);
  const [apiBaseUrl, setApiBaseUrl] = useState('');
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    void run({ accountSid, authToken, ...(useAddress && apiBaseUrl.trim() ? { apiBaseUrl: apiBaseUrl.trim() } : {}) });
  };
  return (
    <form onSubmit={submit} aria-label="Connect Twilio">
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography>Enter your Twilio account's credentials, from the Twilio console's account page. The token is stored encrypted and never shown again.</Typography>
        <Input name="accountSid" label="Account SID" hint="Starts with AC followed by 32 characters." value={accountSid} onChange={setAccountSid} />
        <Input name="authToken" label="Auth Token" type="password" value={authToken} onChange={setAuthToken} />
        {view.allowsProviderAddress && (
          <>
            <Checkbox checked={useAddress} onCheckedChange={(checked: boolean | 'indeterminate') => setUseAddress(checked === true)}>
              Use a test provider address (not available in production)
            </Checkbox>
            {useAddress && <Input name="apiBaseUrl" label="Provider API address" hint="Where a test double of Twilio's API answers." value={apiBaseUrl} onChange={setApiBaseUrl} />}
          </>
        )}
        <Box>
          <Button type="submit" loading={working} disabled={!accountSid.trim() || !authToken.trim()}>
            Test Connection
          </Button>
        </Box>
      </Flex>
    </form>
  );
};

/** Step 2: account access, API permissions, balance (a low balance is a warning, not a failure). */
export const VerifyStep = ({ step, run, working }: StepProps) => {
  const warning = (step.result as { warning?: string } | undefined)?.warning;
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography>Switchboard checks that it can reach the account, that the credentials may send and buy numbers, and the account's balance.</Typography>
      {working && <Loader small>Checking the account…</Loader>}
      <Checks result={step.result} />
      {warning && (
        <Box background="warning100" padding={3} hasRadius role="status">
          <Typography textColor="warning700">{warning}</Typography>
        </Box>
      )}
      <Box>
        <Button onClick={() => void run({})} loading={working} variant={step.status === 'complete' ? 'secondary' : 'default'}>
          {step.status === 'pending' ? 'Run checks' : 'Run checks again'}
        </Button>
      </Box>
    </Flex>
  );
};

/** An area-code search of the numbers the provider offers, with their monthly cost (steps 3–5). */
function useOffers() {
  const { get } = useFetchClient();
  const [areaCode, setAreaCode] = useState('');
  const [offers, setOffers] = useState<Offer[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const search = async (e?: React.FormEvent) => {
    e?.preventDefault();
    setSearching(true);
    setProblem(null);
    try {
      const { data } = await get<{ data: Offer[] }>(`/setup/available?areaCode=${encodeURIComponent(areaCode.trim())}`);
      setOffers(data.data);
    } catch (error) {
      setOffers(null);
      setProblem(errorSentence(error));
    } finally {
      setSearching(false);
    }
  };
  return { areaCode, setAreaCode, offers, searching, problem, search };
}

const AreaCodeSearch = ({ offers }: { offers: ReturnType<typeof useOffers> }) => (
  <form onSubmit={offers.search} aria-label="Search numbers">
    <Flex gap={2} alignItems="flex-end">
      <Input name="areaCode" label="Area code" hint="Three digits, like 415." value={offers.areaCode} onChange={offers.setAreaCode} />
      <Button type="submit" variant="secondary" loading={offers.searching} disabled={!offers.areaCode.trim()}>
        Search
      </Button>
    </Flex>
    {offers.problem && <ErrorBox message={offers.problem} />}
  </form>
);

type Mode = 'buy' | 'import';
const ModeChoice = ({ mode, setMode, importLabel }: { mode: Mode; setMode(mode: Mode): void; importLabel: string }) => (
  <Radio.Group aria-label="How to add" value={mode} onValueChange={(v: string) => setMode(v as Mode)}>
    <Radio.Item value="buy">Buy new</Radio.Item>
    <Radio.Item value="import">{importLabel}</Radio.Item>
  </Radio.Group>
);

/** Step 3 (required): the Front Desk number, bought after an area-code search (cost shown, confirmed) or imported. */
export const FrontDeskStep = ({ step, run, working }: StepProps) => {
  const [mode, setMode] = useState<Mode>('buy');
  const offers = useOffers();
  const [chosen, setChosen] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [number, setNumber] = useState('');
  const offer = offers.offers?.find((o) => o.e164 === chosen) ?? null;
  const frontDesk = (step.result as { frontDesk?: string | null } | undefined)?.frontDesk;
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography>The Front Desk number is the one clients text first. Buy a new one or import one your Twilio account already owns.</Typography>
      {frontDesk && <Typography fontWeight="bold">Front Desk number: {displayNumber(frontDesk)}</Typography>}
      <ModeChoice mode={mode} setMode={setMode} importLabel="Import a number I own" />
      {mode === 'buy' ? (
        <Flex direction="column" alignItems="stretch" gap={3}>
          <AreaCodeSearch offers={offers} />
          {offers.offers && offers.offers.length === 0 && <Typography textColor="neutral600">No numbers are available in that area code. Try another.</Typography>}
          {offers.offers && offers.offers.length > 0 && (
            <Radio.Group aria-label="Available numbers" value={chosen} onValueChange={(v: string) => setChosen(v)}>
              {offers.offers.map((o) => (
                <Radio.Item key={o.e164} value={o.e164}>
                  {displayNumber(o.e164)} · {offerPlace(o) || 'Location unknown'} · {monthlyCost(o.monthlyCost)}
                </Radio.Item>
              ))}
            </Radio.Group>
          )}
          <Box>
            <Button onClick={() => setConfirming(true)} disabled={!offer} loading={working}>
              Buy number
            </Button>
          </Box>
          {confirming && offer && (
            <ConfirmDialog
              title="Buy the Front Desk number"
              question={buyQuestion(displayNumber(offer.e164), offer.monthlyCost)}
              confirmLabel="Buy"
              onClose={() => setConfirming(false)}
              onConfirm={async () => {
                setConfirming(false);
                await run({ mode: 'buy', e164: offer.e164 });
              }}
            />
          )}
        </Flex>
      ) : (
        <form
          aria-label="Import the Front Desk number"
          onSubmit={(e) => {
            e.preventDefault();
            void run({ mode: 'import', number: number.trim() });
          }}
        >
          <Flex gap={2} alignItems="flex-end">
            <Input name="number" label="Number or SID" hint="E.164 like +14155550100, or the number's SID (PN…)." value={number} onChange={setNumber} />
            <Button type="submit" loading={working} disabled={!number.trim()}>
              Import number
            </Button>
          </Flex>
        </form>
      )}
    </Flex>
  );
};

/** Steps 4 and 5 (optional): numbers in bulk, bought in an area code or imported from a pasted list; per-number results. */
export const BulkStep = ({ step, view, run, working }: StepProps) => {
  const batch = batchProgressText(view.progress, step.key);
  const sitter = step.key === 'sitter_numbers';
  const max = sitter ? 50 : 20;
  const noun = sitter ? 'sitter numbers' : 'pool numbers';
  const [mode, setMode] = useState<Mode>('import');
  const offers = useOffers();
  const [quantity, setQuantity] = useState<number | undefined>(1);
  const [list, setList] = useState('');
  const [confirming, setConfirming] = useState(false);
  const cost = offers.offers?.[0]?.monthlyCost ?? null;
  const pasted = parseNumberList(list);
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography>
        {sitter
          ? 'Each sitter gets a dedicated number that their clients keep texting. Optional: you can add them later on the Numbers page.'
          : 'Pool numbers carry one-time bookings and overflow. Optional: you can add them later on the Numbers page.'}
      </Typography>
      <ModeChoice mode={mode} setMode={setMode} importLabel="Import numbers I own" />
      {mode === 'buy' ? (
        <Flex direction="column" alignItems="stretch" gap={3}>
          <AreaCodeSearch offers={offers} />
          {offers.offers && <Typography textColor="neutral600">{offers.offers.length === 0 ? 'No numbers are available in that area code. Try another.' : `${offers.offers.length} numbers available in ${offers.areaCode}${cost ? `, ${monthlyCost(cost)} each` : ''}.`}</Typography>}
          <Field.Root name="quantity" hint={`1 to ${max}.`}>
            <Field.Label>How many</Field.Label>
            <NumberInput value={quantity} onValueChange={(v: number | undefined) => setQuantity(v)} />
            <Field.Hint />
          </Field.Root>
          <Box>
            <Button onClick={() => setConfirming(true)} disabled={!offers.offers?.length || !quantity} loading={working}>
              Buy numbers
            </Button>
          </Box>
          {confirming && (
            <ConfirmDialog
              title={`Buy ${noun}`}
              question={buyQuestion(`${quantity} ${noun} in area code ${offers.areaCode}`, cost)}
              confirmLabel="Buy"
              onClose={() => setConfirming(false)}
              onConfirm={async () => {
                setConfirming(false);
                await run({ mode: 'buy', areaCode: offers.areaCode.trim(), quantity });
              }}
            />
          )}
        </Flex>
      ) : (
        <Flex direction="column" alignItems="stretch" gap={3}>
          <Field.Root name="numbers" hint="One per line: E.164 like +14155550100, or the number's SID (PN…). Up to 50.">
            <Field.Label>Numbers to import</Field.Label>
            <Textarea value={list} onChange={text(setList)} />
            <Field.Hint />
          </Field.Root>
          <Box>
            <Button onClick={() => void run({ mode: 'import', numbers: pasted })} disabled={pasted.length === 0} loading={working}>
              {pasted.length > 1 ? `Import ${pasted.length} numbers` : 'Import numbers'}
            </Button>
          </Box>
        </Flex>
      )}
      {working && (
        <Flex gap={2}>
          <Loader small>Adding numbers</Loader>
          <Typography role="status" textColor="neutral600">
            {batch ?? 'Adding numbers one at a time; this can take a minute…'}
          </Typography>
        </Flex>
      )}
      <NumberResults result={step.result} />
      <Box>
        <Button variant="tertiary" onClick={() => void run({ mode: 'skip' })} disabled={working}>
          Skip this step
        </Button>
      </Box>
    </Flex>
  );
};

/** Step 6: the SMS and status-callback addresses set on every number, then proven with a signed round trip. */
export const WebhooksStep = ({ step, view, run, working }: StepProps) => {
  const [custom, setCustom] = useState(false);
  const [customBaseUrl, setCustomBaseUrl] = useState('');
  const verified = (step.result as { verified?: boolean } | undefined)?.verified;
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography>Switchboard sets these addresses on every number at Twilio, then sends itself a signed test request to prove they work. Nothing to copy by hand.</Typography>
      <Box tag="dl">
        <Typography tag="dt" fontWeight="bold">
          Incoming messages
        </Typography>
        <Typography tag="dd">{view.webhookUrls.inboundUrl}</Typography>
        <Typography tag="dt" fontWeight="bold">
          Delivery status
        </Typography>
        <Typography tag="dd">{view.webhookUrls.statusUrl}</Typography>
      </Box>
      <Checkbox checked={custom} onCheckedChange={(checked: boolean | 'indeterminate') => setCustom(checked === true)}>
        Use custom webhook URL (advanced: when Twilio must reach this server at another public address)
      </Checkbox>
      {custom && <Input name="customBaseUrl" label="Public address" hint="Like https://messages.example.com; the paths are added." value={customBaseUrl} onChange={setCustomBaseUrl} />}
      <NumberResults result={step.result} />
      {verified && <Typography textColor="success600">Webhooks installed and verified with a signed round trip.</Typography>}
      <Box>
        <Button onClick={() => void run(custom && customBaseUrl.trim() ? { customBaseUrl: customBaseUrl.trim() } : {})} loading={working} disabled={custom && !customBaseUrl.trim()}>
          {step.status === 'complete' ? 'Install again' : 'Install webhooks'}
        </Button>
      </Box>
    </Flex>
  );
};

/** Step 7: the readiness checks, then "Finish Setup". */
export const ReadinessStep = ({ step, view, run, working, finish, finishing }: StepProps & { finish(): void; finishing: boolean }) => (
  <Flex direction="column" alignItems="stretch" gap={4}>
    <Typography>The last checks before clients can be texted: provider connected, a Front Desk number, webhooks verified, a number ready to send.</Typography>
    <Checks result={step.result} />
    <Flex gap={2}>
      <Button variant={step.status === 'complete' ? 'secondary' : 'default'} onClick={() => void run({})} loading={working}>
        Run readiness checks
      </Button>
      {step.status === 'complete' && !view.ready && (
        <Button onClick={finish} loading={finishing}>
          Finish Setup
        </Button>
      )}
    </Flex>
  </Flex>
);
