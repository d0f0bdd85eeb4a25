import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { Box, Button, Checkbox, Field, Flex, Grid, Loader, TextInput, Textarea, Typography } from '@strapi/design-system';
import { ConfirmDialog, ErrorBox, Section, displayNumber, errorSentence, useFetchedData, useAdminRights } from '@switchboard/kit/admin';
import { SECTIONS, quietHoursValue, rangeHint, sectionChange, typedNumber, type FieldSpec, type Ranges, type SectionSpec, type Settings } from './model';


interface Status {
  checkedAt: string;
  provider: { mode: 'sandbox' | 'twilio'; status: 'connected' | 'error'; accountName: string | null; latencyMs: number | null; problem?: string };
  database: { status: 'ok' | 'error'; latencyMs: number | null; problem?: string };
  webhooks: { urls: { inboundUrl: string; statusUrl: string }; verifiedAt: string | null; inbound: { lastReceivedAt: string | null; received: number }; status: { lastReceivedAt: string | null; received: number } };
  drift: { checkedAt: string | null; applies: boolean; checked: number; drifted: Array<{ e164: string; actual: { inboundUrl: string | null; statusUrl: string | null }; differ: string[] }>; problems: Array<{ e164: string; problem: string }> };
}
interface IntegrationTest {
  ok: boolean;
  checks: Array<{ name: string; ok: boolean; detail?: string; problem?: string; latencyMs?: number }>;
}
interface ProviderView {
  provider: 'sandbox' | 'twilio';
  accountSid: string | null;
  authToken: string | null;
}
interface NumberRow {
  id: number;
  e164: string;
  numberClass: string;
  status: string;
  capabilities: { sms: boolean; mms: boolean; voice: boolean } | null;
  monthlyCost: { amount: string; currency: string } | null;
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' }) : 'never');
const Line = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <Flex gap={2} alignItems="baseline">
    <Typography fontWeight="bold">{label}:</Typography>
    <Typography>{children}</Typography>
  </Flex>
);

/** OPS §3.8 "Provider Settings": status, account, webhook and its verification, numbers; Test Integration, drift repair, Re-run Setup Wizard. */
const ProviderSection = ({ canManage }: { canManage: boolean }) => {
  const { get, post } = useFetchClient();
  const [status, setStatus] = useState<Status | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<IntegrationTest | null>(null);
  const [repairing, setRepairing] = useState(false);
  const [repaired, setRepaired] = useState<string | null>(null);
  const provider = useFetchedData<ProviderView | null>('/provider/settings', null);
  const numbers = useFetchedData<NumberRow[]>('/numbers', []);
  // The page opens on the last drift check; "Check again" asks the provider now.
  const load = useCallback((fresh = false) => {
    get<{ data: Status }>(fresh ? '/setup/status?fresh=true' : '/setup/status')
      .then(({ data }) => setStatus(data.data))
      .catch((error) => setProblem(errorSentence(error)));
  }, [get]);
  useEffect(load, [load]);
  const runTest = async () => {
    setTesting(true);
    setProblem(null);
    try {
      setTest((await post<{ data: IntegrationTest }>('/setup/test-integration', {})).data.data);
    } catch (error) {
      setProblem(errorSentence(error));
    } finally {
      setTesting(false);
    }
  };
  if (problem && !status) return <ErrorBox message={problem} action={<Button variant="tertiary" onClick={() => load()}>Retry</Button>} />;
  if (!status) return <Loader>Checking the provider…</Loader>;
  const inService = numbers.filter((n) => n.status !== 'inactive');
  return (
    <Section title="Provider" subtitle="The SMS provider, its webhooks and the numbers it carries. Checked now, not only during setup.">
      {problem && <ErrorBox message={problem} />}
      <Flex direction="column" alignItems="stretch" gap={2} role="group" aria-label="Integration status">
        <Line label="Provider">
          {status.provider.mode === 'sandbox' ? 'Sandbox (no real SMS is sent)' : `Twilio${status.provider.accountName ? ` — ${status.provider.accountName}` : ''}`} · {status.provider.status === 'connected' ? 'Connected' : `Error: ${status.provider.problem ?? 'unreachable'}`}
        </Line>
        {provider?.accountSid && <Line label="Account SID">{provider.accountSid}</Line>}
        {provider?.authToken && <Line label="Auth Token">{provider.authToken}</Line>}
        <Line label="Database">{status.database.status === 'ok' ? `OK (${status.database.latencyMs} ms)` : `Error: ${status.database.problem}`}</Line>
        <Line label="Incoming messages webhook">{status.webhooks.urls.inboundUrl} · last received {when(status.webhooks.inbound.lastReceivedAt)}</Line>
        <Line label="Delivery status webhook">{status.webhooks.urls.statusUrl} · last received {when(status.webhooks.status.lastReceivedAt)}</Line>
        <Line label="Webhook verification">{status.webhooks.verifiedAt ? `Verified ${when(status.webhooks.verifiedAt)}` : status.provider.mode === 'sandbox' ? 'Not needed on the sandbox' : 'Not verified'}</Line>
        <Line label="Webhook drift">
          {!status.drift.applies ? 'Not checked on the sandbox' : status.drift.drifted.length === 0 ? `None: ${status.drift.checked} numbers point at us (checked ${when(status.drift.checkedAt)})` : `${status.drift.drifted.length} number${status.drift.drifted.length === 1 ? '' : 's'} point elsewhere`}
        </Line>
      </Flex>
      {status.drift.drifted.length > 0 && (
        <Box tag="ul" aria-label="Drifted numbers">
          {status.drift.drifted.map((d) => (
            <Box tag="li" key={d.e164} paddingBottom={1}>
              <Typography textColor="danger600">
                {displayNumber(d.e164)}: {d.differ.map((f) => `${f === 'inboundUrl' ? 'incoming messages' : 'delivery status'} go to ${(f === 'inboundUrl' ? d.actual.inboundUrl : d.actual.statusUrl) ?? 'nowhere'}`).join('; ')}
              </Typography>
            </Box>
          ))}
        </Box>
      )}
      {repaired && (
        <Typography role="status" textColor="success600">
          {repaired}
        </Typography>
      )}
      {inService.length > 0 && (
        <Box tag="ul" aria-label="Numbers' capabilities and costs">
          {inService.map((n) => (
            <Box tag="li" key={n.id}>
              <Typography>
                {displayNumber(n.e164)} · {n.numberClass.replace('_', ' ')} · {n.capabilities ? Object.entries(n.capabilities).filter(([, on]) => on).map(([c]) => c.toUpperCase()).join(', ') || 'no capabilities' : 'capabilities unknown'} · {n.monthlyCost ? `${n.monthlyCost.amount} ${n.monthlyCost.currency} a month` : 'cost unknown'}
              </Typography>
            </Box>
          ))}
        </Box>
      )}
      {test && (
        <Box role="status">
        <Box tag="ul" aria-label="Integration test">
          {test.checks.map((c) => (
            <Box tag="li" key={c.name}>
              <Typography textColor={c.ok ? 'success600' : 'danger600'}>
                {c.name.charAt(0).toUpperCase() + c.name.slice(1)}: {c.ok ? 'OK' : 'Failed'}
                {c.detail ? ` — ${c.detail}` : ''}
                {c.problem ? ` — ${c.problem}` : ''}
                {c.latencyMs !== undefined ? ` (${c.latencyMs} ms)` : ''}
              </Typography>
            </Box>
          ))}
        </Box>
        </Box>
      )}
      <Flex gap={2} wrap="wrap">
        {canManage && (
          <Button variant="secondary" onClick={() => void runTest()} loading={testing}>
            Test Integration
          </Button>
        )}
        <Button variant="tertiary" onClick={() => load(true)}>
          Check again
        </Button>
        {canManage && status.drift.drifted.length > 0 && (
          <Button variant="danger-light" onClick={() => setRepairing(true)}>
            Repair webhooks
          </Button>
        )}
        {canManage && (
          <Link to="/plugins/setup?step=connect_provider">
            <Typography textColor="primary600" fontWeight="semiBold">
              Re-run Setup Wizard
            </Typography>
          </Link>
        )}
      </Flex>
      {repairing && (
        <ConfirmDialog
          title="Repair webhooks"
          question={`Point ${status.drift.drifted.length === 1 ? displayNumber(status.drift.drifted[0].e164) : `these ${status.drift.drifted.length} numbers`} back at Switchboard? Messages sent to them reach us again.`}
          confirmLabel="Repair"
          onClose={() => setRepairing(false)}
          onConfirm={async () => {
            const { data } = await post<{ data: { repaired: string[]; failed: Array<{ e164: string; problem: string }> } }>('/setup/status/repair', {});
            setRepairing(false);
            setRepaired(`Repaired ${data.data.repaired.length} number${data.data.repaired.length === 1 ? '' : 's'}${data.data.failed.length ? `; ${data.data.failed.length} failed: ${data.data.failed.map((f) => f.problem).join(' ')}` : '.'}`);
            load();
          }}
        />
      )}
    </Section>
  );
};

/** One field of a settings section, as the server's value; read-only for a Messaging Admin. */
const SettingField = ({ section, spec, value, ranges, disabled, onChange }: { section: string; spec: FieldSpec; value: unknown; ranges: Ranges; disabled: boolean; onChange(value: unknown): void }) => {
  const hint = rangeHint(ranges, section, spec);
  const name = `${section}.${spec.field}`;
  if (spec.kind === 'boolean')
    return (
      <Checkbox name={name} checked={value === true} disabled={disabled} onCheckedChange={(checked: boolean | 'indeterminate') => onChange(checked === true)}>
        {spec.label}
      </Checkbox>
    );
  if (spec.kind === 'quietHours') {
    const quiet = (value as { start: string; end: string } | null) ?? null;
    return (
      <Flex direction="column" alignItems="stretch" gap={2} role="group" aria-label={spec.label}>
        <Checkbox checked={quiet !== null} disabled={disabled} onCheckedChange={(checked: boolean | 'indeterminate') => onChange(quietHoursValue(checked === true, quiet?.start ?? '21:00', quiet?.end ?? '08:00'))}>
          {spec.label}
        </Checkbox>
        {quiet && (
          <Flex gap={2}>
            <Field.Root name={`${name}.start`}>
              <Field.Label>From</Field.Label>
              <TextInput type="time" value={quiet.start} disabled={disabled} onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(quietHoursValue(true, e.target.value, quiet.end))} />
            </Field.Root>
            <Field.Root name={`${name}.end`}>
              <Field.Label>To</Field.Label>
              <TextInput type="time" value={quiet.end} disabled={disabled} onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(quietHoursValue(true, quiet.start, e.target.value))} />
            </Field.Root>
          </Flex>
        )}
        {hint && <Typography variant="pi" textColor="neutral600">{hint}</Typography>}
      </Flex>
    );
  }
  return (
    <Field.Root name={name} hint={hint}>
      <Field.Label>{spec.label}</Field.Label>
      {spec.kind === 'textarea' ? (
        <Textarea value={String(value ?? '')} disabled={disabled} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => onChange(e.target.value)} />
      ) : (
        <TextInput
          value={value === null || value === undefined ? '' : String(value)}
          disabled={disabled}
          inputMode={spec.kind === 'number' ? 'numeric' : undefined}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(spec.kind === 'number' ? typedNumber(e.target.value) : e.target.value)}
        />
      )}
      {hint && <Field.Hint />}
    </Field.Root>
  );
};

/** One section: its fields and "Save" (a PUT of what changed); the server's sentence when a value is refused, nothing saved. */
const SettingsSection = ({ spec, saved, ranges, canManage, onSaved }: { spec: SectionSpec; saved: Settings; ranges: Ranges; canManage: boolean; onSaved(settings: Settings): void }) => {
  const { put } = useFetchClient();
  const [edited, setEdited] = useState<Settings>(saved);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  // Another section's save answers every section: only this section's own saved values reset its edits.
  const mine = JSON.stringify(saved[spec.section] ?? null);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setEdited(saved), [mine]);
  const change = sectionChange(saved, edited, spec.section);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!change) return;
    setSaving(true);
    setProblem(null);
    setDone(false);
    try {
      const { data } = await put<{ data: Settings }>('/setup/settings', change);
      onSaved(data.data);
      setDone(true);
    } catch (error) {
      setProblem(errorSentence(error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <form onSubmit={save} aria-label={spec.title}>
      <Section title={spec.title} subtitle={spec.subtitle}>
        {spec.fields.map((f) => (
          <SettingField key={f.field} section={spec.section} spec={f} value={edited[spec.section]?.[f.field]} ranges={ranges} disabled={!canManage} onChange={(value) => { setDone(false); setEdited((s) => ({ ...s, [spec.section]: { ...s[spec.section], [f.field]: value } })); }} />
        ))}
        {problem && <ErrorBox message={problem} />}
        {done && !change && (
          <Typography role="status" textColor="success600">
            Saved.
          </Typography>
        )}
        {canManage && (
          <Flex gap={2}>
            <Button type="submit" disabled={!change} loading={saving}>
              Save {spec.title.toLowerCase()}
            </Button>
            {change && (
              <Button variant="tertiary" onClick={() => { setEdited(saved); setProblem(null); }}>
                Discard changes
              </Button>
            )}
          </Flex>
        )}
      </Section>
    </form>
  );
};

/**
 * Provider & system settings (OPS §3.8): the provider's status with Test Integration, drift repair and Re-run Setup
 * Wizard, then each plugin's section (GET/PUT /setup/settings, every value checked against its range by its owner and
 * audited). A Messaging Admin reads; only an Owner changes.
 */
const SettingsPage = () => {
  const { get } = useFetchClient();
  const { holds, isLoading } = useAdminRights();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [ranges, setRanges] = useState<Ranges>({});
  const [problem, setProblem] = useState<string | null>(null);
  const load = useCallback(() => {
    setProblem(null);
    get<{ data: Settings; meta: { ranges: Ranges } }>('/setup/settings')
      .then(({ data }) => {
        setSettings(data.data);
        setRanges(data.meta.ranges);
      })
      .catch((error) => setProblem(errorSentence(error)));
  }, [get]);
  useEffect(load, [load]);
  const canManage = !isLoading && holds('plugin::setup.manage');
  return (
    <Page.Main>
      <Page.Title>System settings</Page.Title>
      <Layouts.Header title="System settings" subtitle={canManage ? 'Provider, delivery, routing, number rules, policy, automations, alerts and templates. Every change is checked and audited.' : 'Read only: only an Owner changes these settings.'} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <ProviderSection canManage={canManage} />
          {problem && <ErrorBox message={problem} action={<Button variant="tertiary" onClick={load}>Retry</Button>} />}
          {!settings && !problem && <Loader>Loading settings…</Loader>}
          {settings && (
            <Grid.Root gap={6}>
              {SECTIONS.map((spec) => (
                <Grid.Item key={spec.section} col={6} s={12} alignItems="stretch">
                  <Box width="100%">
                    <SettingsSection spec={spec} saved={settings} ranges={ranges} canManage={canManage} onSaved={setSettings} />
                  </Box>
                </Grid.Item>
              ))}
            </Grid.Root>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default SettingsPage;
