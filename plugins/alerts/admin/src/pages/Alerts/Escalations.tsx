import { useCallback, useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Badge, Button, Checkbox, Field, Flex, Loader, Modal, NumberInput, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ConfirmDialog, DayInput, ErrorBox, LabelledSelect, Pager, Section, errorSentence, useAdminRights } from '@switchboard/kit/admin';
import type { AlertType, Escalation, EscalationRule, EscalationRuleTest, Recipient } from '../../../../shared/contracts';
import { ALERT_TYPE_OPTIONS, SEVERITY_LABELS, SEVERITY_ORDER, emptyRuleForm, historyQuery, ruleBody, ruleForm, type RuleForm } from './model';

const when = (iso: string) => new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });


const SEVERITY_CHOICES: Array<[string, string]> = [['any', 'Any severity'], ...SEVERITY_ORDER.map((s): [string, string] => [s, SEVERITY_LABELS[s]])];
const TYPE_CHOICES: Array<[string, string]> = [['any', 'Any type'], ...ALERT_TYPE_OPTIONS.map((o): [string, string] => [o.value, o.label])];

/** Add or edit a rule (API.md "Alerts" rule shape): condition, target, active; the server's sentence when it refuses. */
const RuleDialog = ({ rule, onClose, onSaved }: { rule: EscalationRule | null; onClose(): void; onSaved(): void }) => {
  const { get, post, put } = useFetchClient();
  const [form, setForm] = useState<RuleForm>(rule ? ruleForm(rule) : emptyRuleForm());
  const [people, setPeople] = useState<Array<Recipient & { role: string }>>([]);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const set = <K extends keyof RuleForm>(key: K, value: RuleForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  useEffect(() => {
    get<{ data: Array<Recipient & { role: string }> }>('/alerts/escalation-targets')
      .then(({ data }) => setPeople(data.data))
      .catch((error) => setProblem(errorSentence(error)));
  }, [get]);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setProblem(null);
    try {
      if (rule) await put(`/alerts/escalation-rules/${encodeURIComponent(rule.id)}`, ruleBody(form));
      else await post('/alerts/escalation-rules', ruleBody(form));
      onSaved();
    } catch (error) {
      setProblem(errorSentence(error));
      setSaving(false);
    }
  };
  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <form onSubmit={save} aria-label={rule ? 'Edit rule' : 'Add rule'}>
          <Modal.Header>
            <Modal.Title>{rule ? `Edit ${rule.name}` : 'Add escalation rule'}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Field.Root name="name">
                <Field.Label>Rule name</Field.Label>
                <TextInput value={form.name} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('name', e.target.value)} />
              </Field.Root>
              <LabelledSelect label="Severity" value={form.severity} onChange={(v) => set('severity', v as RuleForm['severity'])} options={SEVERITY_CHOICES} />
              <LabelledSelect label="Alert type" value={form.type} onChange={(v) => set('type', v as RuleForm['type'])} options={TYPE_CHOICES} />
              <Field.Root name="unresolvedMinutes" hint="1 to 10080 (a week). A chain is several rules with rising minutes.">
                <Field.Label>Unresolved for (minutes)</Field.Label>
                <NumberInput value={form.unresolvedMinutes} onValueChange={(v: number | undefined) => set('unresolvedMinutes', v)} />
                <Field.Hint />
              </Field.Root>
              <LabelledSelect
                label="Notify"
                value={form.target}
                onChange={(v) => set('target', v as RuleForm['target'])}
                options={[
                  ['owners', 'Owners'],
                  ['admins', 'Messaging Admins'],
                  ['admin_user', 'A named admin'],
                ]}
              />
              {form.target === 'admin_user' && (
                <LabelledSelect label="Admin" value={form.adminUserId} onChange={(v) => set('adminUserId', v)} options={people.map((p): [string, string] => [String(p.id), `${p.name} (${p.role})`])} />
              )}
              <Checkbox checked={form.active} onCheckedChange={(checked: boolean | 'indeterminate') => set('active', checked === true)}>
                Active
              </Checkbox>
              {problem && <ErrorBox message={problem} />}
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Button variant="tertiary" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              Save rule
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};

/** OPS §3.7 "Escalation Rules": each rule's condition, target and status; add, edit, delete, and "Test rule" (who would hear, now; nothing sent). */
export const Rules = () => {
  const { get, post, del } = useFetchClient();
  const { holds, isLoading } = useAdminRights();
  const allowedActions = { canConfigure: holds('plugin::alerts.configure') };
  const [rules, setRules] = useState<EscalationRule[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [tested, setTested] = useState<{ id: string; result: EscalationRuleTest } | null>(null);
  const [editing, setEditing] = useState<EscalationRule | 'new' | null>(null);
  const [deleting, setDeleting] = useState<EscalationRule | null>(null);

  const load = useCallback(() => {
    get<{ data: EscalationRule[] }>('/alerts/escalation-rules')
      .then(({ data }) => setRules(data.data))
      .catch((error) => setProblem(errorSentence(error)));
  }, [get]);
  useEffect(() => {
    if (isLoading || !allowedActions.canConfigure) return;
    load();
  }, [load, isLoading, allowedActions.canConfigure]);

  if (isLoading) return <Loader>Loading…</Loader>;
  if (!allowedActions.canConfigure) return <Typography textColor="neutral600">Only an owner configures escalation rules.</Typography>;
  if (problem && !rules) return <ErrorBox message={problem} />;
  if (!rules) return <Loader>Loading rules…</Loader>;
  const test = async (id: string) => {
    setProblem(null);
    try {
      const { data } = await post<{ data: EscalationRuleTest }>(`/alerts/escalation-rules/${encodeURIComponent(id)}/test`, {});
      setTested({ id, result: data.data });
    } catch (error) {
      setProblem(errorSentence(error));
    }
  };
  return (
    <Section title="Escalation rules" subtitle="Who hears of an alert left unresolved. A chain is several rules with rising minutes.">
      <Flex>
        <Button onClick={() => setEditing('new')}>Add rule</Button>
      </Flex>
      {problem && <ErrorBox message={problem} />}
      {rules.length === 0 ? (
        <Typography textColor="neutral600">No escalation rules yet: open alerts notify nobody.</Typography>
      ) : (
        <Table colCount={4} rowCount={rules.length + 1}>
          <Thead>
            <Tr>
              <Th><Typography variant="sigma">Rule</Typography></Th>
              <Th><Typography variant="sigma">When → who</Typography></Th>
              <Th><Typography variant="sigma">Status</Typography></Th>
              <Th><Typography variant="sigma">Actions</Typography></Th>
            </Tr>
          </Thead>
          <Tbody>
            {rules.map((rule) => (
              <Tr key={rule.id}>
                <Td><Typography>{rule.name}</Typography></Td>
                <Td><Typography>{rule.text}</Typography></Td>
                <Td><Badge>{rule.active ? 'Active' : 'Inactive'}</Badge></Td>
                <Td>
                  <Flex gap={1}>
                    <Button size="S" variant="tertiary" onClick={() => test(rule.id)}>
                      Test rule
                    </Button>
                    <Button size="S" variant="tertiary" onClick={() => setEditing(rule)} aria-label={`Edit ${rule.name}`}>
                      Edit
                    </Button>
                    <Button size="S" variant="danger-light" onClick={() => setDeleting(rule)} aria-label={`Delete ${rule.name}`}>
                      Delete
                    </Button>
                  </Flex>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {tested && (
        <Flex direction="column" alignItems="flex-start" gap={1} role="status">
          <Typography fontWeight="bold">{tested.result.text}</Typography>
          <Typography>Would notify now: {tested.result.recipients.map((r) => r.name).join(', ')}.</Typography>
          <Typography>
            {tested.result.alertsDueNow.length === 0 ? 'No open alert is due for this rule now.' : `Due now: ${tested.result.alertsDueNow.map((a) => `${a.title} (open ${a.openMinutes} min)`).join('; ')}.`}
          </Typography>
          <Typography textColor="neutral600">Nothing was sent.</Typography>
        </Flex>
      )}
      {editing && (
        <RuleDialog
          rule={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setTested(null);
            load();
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete rule"
          question={`Delete ${deleting.name}? Escalations it already made stay in the history.`}
          confirmLabel="Delete"
          danger
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await del(`/alerts/escalation-rules/${encodeURIComponent(deleting.id)}`);
            setDeleting(null);
            setTested(null);
            load();
          }}
        />
      )}
    </Section>
  );
};

/** OPS §3.7 action 4 "View Escalation History": newest first, filtered by date and alert type. */
export const History = () => {
  const { get } = useFetchClient();
  const [filters, setFilters] = useState<{ from: string; to: string; type: AlertType | 'any' }>({ from: '', to: '', type: 'any' });
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<Escalation[] | null>(null);
  const [meta, setMeta] = useState<{ total: number; pageCount: number }>({ total: 0, pageCount: 1 });
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setProblem(null);
    get<{ data: Escalation[]; meta: { pagination: { total: number; pageCount: number } } }>(`/alerts/escalations?${historyQuery(filters, page)}`)
      .then(({ data }) => {
        setRows(data.data);
        setMeta(data.meta.pagination);
      })
      .catch((error) => setProblem(errorSentence(error)));
  }, [get, filters, page]);
  const change = (patch: Partial<typeof filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  return (
    <Section title="Escalation history" subtitle="Each rule escalates an alert once.">
      <Flex gap={4} alignItems="flex-end" wrap="wrap" role="group" aria-label="Filters">
        <DayInput name="from" label="From" value={filters.from} onChange={(from) => change({ from })} />
        <DayInput name="to" label="To" value={filters.to} onChange={(to) => change({ to })} />
        <LabelledSelect label="Alert type" value={filters.type} onChange={(v) => change({ type: v as AlertType | 'any' })} options={TYPE_CHOICES} />
      </Flex>
      {problem && <ErrorBox message={problem} />}
      {!rows ? (
        <Loader>Loading escalations…</Loader>
      ) : rows.length === 0 ? (
        <Typography textColor="neutral600">{filters.from || filters.to || filters.type !== 'any' ? 'No escalation matches these filters.' : 'Nothing has been escalated.'}</Typography>
      ) : (
        <Table colCount={5} rowCount={rows.length + 1}>
          <Thead>
            <Tr>
              <Th><Typography variant="sigma">When</Typography></Th>
              <Th><Typography variant="sigma">Alert</Typography></Th>
              <Th><Typography variant="sigma">Rule</Typography></Th>
              <Th><Typography variant="sigma">Told</Typography></Th>
              <Th><Typography variant="sigma">Result</Typography></Th>
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((e) => (
              <Tr key={e.id}>
                <Td><Typography>{when(e.at)}</Typography></Td>
                <Td><Typography>{e.alert.title}</Typography></Td>
                <Td><Typography>{e.rule.name}</Typography></Td>
                <Td><Typography>{e.recipients.map((r) => r.name).join(', ') || '—'}</Typography></Td>
                <Td><Typography>{e.status === 'sent' ? 'Sent' : e.error}</Typography></Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {rows && rows.length > 0 && <Pager count={`${meta.total} escalation${meta.total === 1 ? '' : 's'}`} page={page} pageCount={meta.pageCount} onPage={setPage} />}
    </Section>
  );
};
