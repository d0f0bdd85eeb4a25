import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useFetchClient } from '@strapi/strapi/admin';
import { Box, Button, Field, Flex, Loader, NumberInput, TextInput, Textarea, Typography } from '@strapi/design-system';
import { ErrorBox, LabelledSelect, Section, errorSentence, useFetchedData } from '@switchboard/kit/admin';
import type { Action, Automation, Catalogue, Condition, TemplatePreview, TriggerType } from '../../../../shared/contracts';
import { SAMPLE_CONTEXT, STEP_TITLES, definitionOf, draftOf, emptyDraft, moveAction, personOptions, previewBody, reviewOf, stepProblem, type Draft, type PersonOption } from './model';
import { useContextOptions } from './contexts';
import { TestPanel } from './TestPanel';

const NO_SITTERS: Array<{ id: number; displayName: string }> = [];
const NO_CLIENTS: Array<{ id: string; name: string }> = [];
const SCOPE_TYPES: Array<[string, string]> = [
  ['global', 'Global: every booking, window and thread'],
  ['sitter', 'One sitter'],
  ['client', 'One client'],
];


/** OPS §3.6 "Automation Builder": six steps, each checked before the next, then saved as a draft to test and activate. */
export const Builder = ({ id, base }: { id?: string; base: string }) => {
  const { get, post, put } = useFetchClient();
  const navigate = useNavigate();
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [draft, setDraft] = useState<Draft | null>(id ? null : emptyDraft());
  const [step, setStep] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [preview, setPreview] = useState<Record<number, TemplatePreview | string>>({});
  const [saving, setSaving] = useState(false);
  const previewContexts = useContextOptions(false);
  const [previewContext, setPreviewContext] = useState(SAMPLE_CONTEXT);
  const [samples, setSamples] = useState<Record<string, string>>({});
  /** The automation once "Save and test" saved it: the review then tests it, and a later save updates it. */
  const [saved, setSaved] = useState<Automation | null>(null);
  const sitterRows = useFetchedData('/people/sitters', NO_SITTERS);
  const clientRows = useFetchedData('/people/clients?page=1&pageSize=200', NO_CLIENTS);
  const sitters: PersonOption[] = useMemo(() => sitterRows.map((s) => ({ id: String(s.id), name: s.displayName })), [sitterRows]);
  const clients: PersonOption[] = useMemo(() => clientRows.map((c) => ({ id: c.id, name: c.name })), [clientRows]);

  useEffect(() => {
    get<{ data: Catalogue }>('/automations/catalogue').then(({ data }) => setCatalogue(data.data)).catch((error) => setProblem(errorSentence(error)));
    if (id) get<{ data: Automation }>(`/automations/${encodeURIComponent(id)}`).then(({ data }) => setDraft(draftOf(data.data))).catch((error) => setProblem(errorSentence(error)));
  }, [get, id]);

  if (!catalogue || !draft) return problem ? <ErrorBox message={problem} /> : <Loader>Loading the builder…</Loader>;
  const trigger = catalogue.triggers.find((t) => t.type === draft.triggerType);
  const savedId = saved?.id ?? id;
  const review = step === 5 ? reviewOf(definitionOf(draft, catalogue), { sitters, clients }) : null;
  const variables = trigger?.variables ?? [];
  const change = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const setCondition = (g: number, c: number, patch: Partial<Condition>) =>
    change({ groups: draft.groups.map((group, gi) => (gi !== g ? group : { ...group, conditions: group.conditions.map((x, ci) => (ci === c ? { ...x, ...patch } : x)) })) });
  const setAction = (i: number, next: Action) => change({ actions: draft.actions.map((a, ai) => (ai === i ? next : a)) });
  const next = () => {
    const p = stepProblem(step, draft);
    setProblem(p);
    if (!p) setStep(step + 1);
  };
  /** Saves the draft, then opens its page, or (`andTest`) stays on the review with the test panel (OPS §3.6 Step 6 "Test mode"). */
  const save = async (andTest: boolean) => {
    setSaving(true);
    setProblem(null);
    try {
      const body = definitionOf(draft, catalogue);
      const { data } = savedId ? await put<{ data: Automation }>(`/automations/${encodeURIComponent(savedId)}`, body) : await post<{ data: Automation }>('/automations', body);
      if (!andTest) return navigate(`${base}/${data.data.id}`);
      setSaved(data.data);
      setSaving(false);
    } catch (error) {
      setProblem(errorSentence(error));
      setSaving(false);
    }
  };
  const runPreview = async (i: number, body: string) => {
    try {
      const request = previewBody(body, draft.triggerType as TriggerType, previewContext, samples, variables.map((v) => v.name));
      const { data } = await post<{ data: TemplatePreview }>('/automations/templates/preview', request);
      setPreview((shown) => ({ ...shown, [i]: data.data }));
    } catch (error) {
      setPreview((shown) => ({ ...shown, [i]: errorSentence(error) }));
    }
  };

  return (
    <Section title={`Step ${step + 1} of 6: ${STEP_TITLES[step]}`} subtitle={id ? 'Editing: a changed definition gets a new version and must be tested again.' : 'A new automation is saved as a draft.'}>
      {step === 0 && (
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Field.Root name="name" required>
            <Field.Label>Name</Field.Label>
            <TextInput value={draft.name} onChange={(e: React.ChangeEvent<HTMLInputElement>) => change({ name: e.target.value })} />
          </Field.Root>
          <Field.Root name="description">
            <Field.Label>Description</Field.Label>
            <Textarea value={draft.description} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => change({ description: e.target.value })} />
          </Field.Root>
          <LabelledSelect label="Lane" value={draft.lane} onChange={(v) => change({ lane: v as Draft['lane'] })} options={catalogue.lanes.map((l) => [l.lane, l.label])} />
          <LabelledSelect label="Scope" value={draft.scope.type} onChange={(v) => change({ scope: v === 'global' ? { type: 'global' } : { type: v as 'sitter' | 'client', id: '' } })} options={SCOPE_TYPES} hint="Which contexts it runs for; a run outside the scope is skipped." />
          {draft.scope.type === 'sitter' && <LabelledSelect label="Sitter" value={draft.scope.id ?? ''} onChange={(v) => change({ scope: { type: 'sitter', id: v } })} options={personOptions(sitters, draft.scope.id)} />}
          {draft.scope.type === 'client' && <LabelledSelect label="Client" value={draft.scope.id ?? ''} onChange={(v) => change({ scope: { type: 'client', id: v } })} options={personOptions(clients, draft.scope.id)} />}
        </Flex>
      )}
      {step === 1 && (
        <Flex direction="column" alignItems="stretch" gap={4}>
          <LabelledSelect label="Trigger" value={draft.triggerType} onChange={(v) => change({ triggerType: v as Draft['triggerType'], groups: [] })} options={catalogue.triggers.map((t) => [t.type, t.label])} />
          {trigger && <Typography textColor="neutral600">{trigger.description}</Typography>}
          {trigger?.offset && (
            <Flex gap={4}>
              <Field.Root name="offset">
                <Field.Label>Offset</Field.Label>
                <NumberInput value={draft.offsetAmount} onValueChange={(v: number | undefined) => change({ offsetAmount: v ?? 0 })} />
              </Field.Root>
              <LabelledSelect label="Unit" value={draft.offsetUnit} onChange={(v) => change({ offsetUnit: v as Draft['offsetUnit'] })} options={[['minutes', 'minutes'], ['hours', 'hours'], ['days', 'days']]} />
              <LabelledSelect label="Before or after" value={draft.offsetDirection} onChange={(v) => change({ offsetDirection: v as Draft['offsetDirection'] })} options={[['before', 'before'], ['after', 'after']]} />
            </Flex>
          )}
        </Flex>
      )}
      {step === 2 && (
        <Flex direction="column" alignItems="stretch" gap={4}>
          <LabelledSelect label="Groups must" value={draft.op} onChange={(v) => change({ op: v as 'and' | 'or' })} options={[['and', 'all hold (AND)'], ['or', 'any hold (OR)']]} />
          {draft.groups.map((group, g) => (
            <Box key={g} padding={4} hasRadius borderColor="neutral200" borderStyle="solid" borderWidth="1px">
              <Flex direction="column" alignItems="stretch" gap={3}>
                <LabelledSelect label={`Group ${g + 1}: conditions must`} value={group.op} onChange={(v) => change({ groups: draft.groups.map((x, i) => (i === g ? { ...x, op: v as 'and' | 'or' } : x)) })} options={[['and', 'all hold (AND)'], ['or', 'any hold (OR)']]} />
                {group.conditions.map((c, ci) => {
                  const variable = variables.find((v) => v.name === c.field);
                  return (
                    <Flex key={ci} gap={3} alignItems="flex-end">
                      <LabelledSelect label={`Field ${ci + 1}`} value={c.field} onChange={(v) => setCondition(g, ci, { field: v, value: '' })} options={variables.map((v) => [v.name, v.label])} />
                      <LabelledSelect label={`Operator ${ci + 1}`} value={c.operator} onChange={(v) => setCondition(g, ci, { operator: v as Condition['operator'] })} options={catalogue.operators.map((o) => [o.operator, o.label])} />
                      {variable?.values ? (
                        <LabelledSelect label={`Value ${ci + 1}`} value={String(c.value)} onChange={(v) => setCondition(g, ci, { value: v })} options={variable.values.map((v) => [v, v.replace(/_/g, ' ')])} />
                      ) : (
                        <Field.Root name={`Value ${ci + 1}`}>
                          <Field.Label>{`Value ${ci + 1}`}</Field.Label>
                          <TextInput value={String(c.value)} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setCondition(g, ci, { value: e.target.value })} />
                        </Field.Root>
                      )}
                      <Button variant="tertiary" onClick={() => change({ groups: draft.groups.map((x, i) => (i === g ? { ...x, conditions: x.conditions.filter((_, j) => j !== ci) } : x)) })}>
                        Remove condition
                      </Button>
                    </Flex>
                  );
                })}
                <Flex gap={2}>
                  <Button variant="secondary" onClick={() => change({ groups: draft.groups.map((x, i) => (i === g ? { ...x, conditions: [...x.conditions, { field: variables[0]?.name ?? '', operator: 'eq', value: '' }] } : x)) })}>
                    Add condition
                  </Button>
                  <Button variant="tertiary" onClick={() => change({ groups: draft.groups.filter((_, i) => i !== g) })}>
                    Remove group
                  </Button>
                </Flex>
              </Flex>
            </Box>
          ))}
          <Flex>
            <Button variant="secondary" onClick={() => change({ groups: [...draft.groups, { op: 'and', conditions: [] }] })}>
              Add condition group
            </Button>
          </Flex>
        </Flex>
      )}
      {step === 3 && (
        <Flex direction="column" alignItems="stretch" gap={3}>
          <ol aria-label="Actions" style={{ margin: 0, paddingLeft: '2rem' }}>
            {draft.actions.map((a, i) => (
              <li key={i}>
                <Flex gap={2} alignItems="flex-end">
                  <Typography>{catalogue.actions.find((x) => x.type === a.type)?.label}</Typography>
                  {a.type === 'update_booking_status' && (
                    <LabelledSelect label={`New status ${i + 1}`} value={a.status} onChange={(v) => setAction(i, { type: 'update_booking_status', status: v as 'confirmed' })} options={catalogue.bookingStatuses.map((s) => [s, s])} />
                  )}
                  <Button variant="tertiary" onClick={() => change({ actions: moveAction(draft.actions, i, -1) })}>Move up</Button>
                  <Button variant="tertiary" onClick={() => change({ actions: moveAction(draft.actions, i, 1) })}>Move down</Button>
                  <Button variant="tertiary" onClick={() => change({ actions: draft.actions.filter((_, j) => j !== i) })}>Remove action</Button>
                </Flex>
              </li>
            ))}
          </ol>
          <Flex gap={2}>
            <Button variant="secondary" onClick={() => change({ actions: [...draft.actions, { type: 'send_sms', template: '' }] })}>Add: send SMS</Button>
            <Button variant="secondary" onClick={() => change({ actions: [...draft.actions, { type: 'create_task', text: '' }] })}>Add: create task</Button>
            <Button variant="secondary" onClick={() => change({ actions: [...draft.actions, { type: 'update_booking_status', status: 'completed' }] })}>Add: change booking status</Button>
          </Flex>
        </Flex>
      )}
      {step === 4 && (
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Typography textColor="neutral600">{`Variables: ${variables.map((v) => `{{ ${v.name} }}`).join(', ')}`}</Typography>
          <Box width="44rem">
            <LabelledSelect
              label="Preview context"
              value={previewContext}
              onChange={(v) => (setPreviewContext(v), setPreview({}))}
              options={previewContexts.filter(([v]) => v === SAMPLE_CONTEXT || v.startsWith('booking:'))}
              hint="A booking previews with its own values and the number its thread's messages leave from."
            />
          </Box>
          {previewContext === SAMPLE_CONTEXT && (
            <Box role="group" aria-labelledby="sample-variables">
              <Typography id="sample-variables" variant="delta" tag="h3">
                Sample variables
              </Typography>
              <Flex gap={3} wrap="wrap" paddingTop={2}>
                {variables.map((v) => (
                  <Box key={v.name} width="18rem">
                    <Field.Root name={`sample-${v.name}`}>
                      <Field.Label>{v.label}</Field.Label>
                      <TextInput value={samples[v.name] ?? String(v.sample)} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setSamples({ ...samples, [v.name]: e.target.value })} />
                    </Field.Root>
                  </Box>
                ))}
              </Flex>
            </Box>
          )}
          {draft.actions.map((a, i) =>
            a.type === 'update_booking_status' ? null : (
              <Flex key={i} direction="column" alignItems="stretch" gap={2}>
                <Field.Root name={`text-${i}`}>
                  <Field.Label>{a.type === 'send_sms' ? `Message ${i + 1}` : `Task ${i + 1}`}</Field.Label>
                  <Textarea
                    value={a.type === 'send_sms' ? a.template : a.text}
                    onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setAction(i, a.type === 'send_sms' ? { type: 'send_sms', template: e.target.value } : { type: 'create_task', text: e.target.value })}
                  />
                </Field.Root>
                <Flex gap={2}>
                  <Button variant="tertiary" onClick={() => runPreview(i, a.type === 'send_sms' ? a.template : a.text)}>
                    {`Preview ${a.type === 'send_sms' ? 'message' : 'task'} ${i + 1}`}
                  </Button>
                  {typeof preview[i] === 'string' && <ErrorBox message={preview[i] as string} />}
                  {typeof preview[i] === 'object' && <Typography role="status">{`${(preview[i] as TemplatePreview).bodyText} — from ${(preview[i] as TemplatePreview).from.label}`}</Typography>}
                </Flex>
              </Flex>
            ),
          )}
        </Flex>
      )}
      {step === 5 && (
        <Flex direction="column" alignItems="flex-start" gap={2}>
          <Typography fontWeight="bold">{draft.name}</Typography>
          {draft.description.trim() && <Typography>{draft.description.trim()}</Typography>}
          <Typography>{`Lane: ${catalogue.lanes.find((l) => l.lane === draft.lane)?.label ?? draft.lane} · Scope: ${review!.scope}`}</Typography>
          <Typography>{`Trigger: ${review!.trigger}`}</Typography>
          {review!.conditions.length === 0 ? (
            <Typography>Conditions: none (every trigger runs it)</Typography>
          ) : (
            <Box>
              <Typography>Conditions:</Typography>
              <ul aria-label="Conditions in words" style={{ margin: 0, paddingLeft: '2rem' }}>
                {review!.conditions.map((line, i) => (
                  <li key={i}>
                    <Typography>{line}</Typography>
                  </li>
                ))}
              </ul>
            </Box>
          )}
          <Typography>Actions, in order:</Typography>
          <ol aria-label="Actions in words" style={{ margin: 0, paddingLeft: '2rem' }}>
            {review!.actions.map((text, i) => (
              <li key={i}>
                <Typography>{text}</Typography>
              </li>
            ))}
          </ol>
          <Typography textColor="neutral600">
            {saved ? `Saved as a draft, version ${saved.version}. Test it below; enable it on its page once a test of this version passed.` : 'Save it as a draft, or save and test it here; only a tested version can be enabled.'}
          </Typography>
        </Flex>
      )}
      {problem && <ErrorBox message={problem} />}
      <Flex gap={2}>
        <Button variant="tertiary" disabled={step === 0} onClick={() => (setProblem(null), setStep(step - 1))}>
          Back
        </Button>
        {step < 5 ? (
          <Button onClick={next}>Next</Button>
        ) : (
          <>
            <Button variant="secondary" onClick={() => save(false)} loading={saving}>
              Save as draft
            </Button>
            <Button onClick={() => save(true)} loading={saving}>
              {saved ? 'Save again and test' : 'Save and test'}
            </Button>
          </>
        )}
        <Button variant="tertiary" onClick={() => navigate(savedId ? `${base}/${savedId}` : base)}>
          {saved ? 'Open the automation' : 'Cancel'}
        </Button>
      </Flex>
      {step === 5 && saved && (
        <Box paddingTop={4} borderColor="neutral200" borderStyle="solid" borderWidth="1px 0 0 0">
          <Typography tag="h3" variant="delta">
            Test
          </Typography>
          <TestPanel key={saved.version} automationId={saved.id} triggerType={saved.trigger.type} onTested={() => undefined} />
        </Box>
      )}
    </Section>
  );
};
