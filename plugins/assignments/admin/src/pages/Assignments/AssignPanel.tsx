import { useEffect, useRef, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Box, Button, Checkbox, Field, Flex, Loader, Modal, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { ErrorBox } from '@switchboard/kit/admin';
import { DateTime } from 'luxon';
import type { DayOfWeek, PreviewAnswer, WindowType } from '../../../../shared/contracts';
import { ClientPicker } from './ClientPicker';
import { formRefusal } from './errors';
import { useSitters } from './pickers';
import { DAYS, TYPE_LABEL, WINDOW_TYPES, assignBody, localInput, type AssignForm } from './model';

export type AssignTarget = { conversationId: string; name?: string } | { clientId: string; name?: string } | null;

const FIELD_ORDER = ['sitterId', 'clientId', 'conversationId', 'type', 'startsAt', 'endsAt', 'recurrence'];

/**
 * OPS §3.3 "Assign Sitter to Client" / §4.3: sitter, client, type and times (or a weekly recurrence); the server's
 * preview (`POST /assignments/assign?preview=true`) with the confirmation question; then the write and its sentence.
 * Opened from the page's button, or by the inbox with a thread (`?assign=<conversationId>`) or a client (`?clientId=`).
 */
export const AssignPanel = ({ zone, target, onClose, onDone }: { zone: string; target: AssignTarget; onClose: () => void; onDone: (sentence: string) => void }) => {
  const { post } = useFetchClient();
  const { sitters, problem: sittersProblem } = useSitters(true);
  const now = DateTime.now().setZone(zone).startOf('hour');
  const [form, setForm] = useState<AssignForm>({
    sitterId: '',
    clientId: target && 'clientId' in target ? target.clientId : '',
    conversationId: target && 'conversationId' in target ? target.conversationId : '',
    type: 'one_time_booking',
    startsAt: localInput(now.toJSDate(), zone),
    endsAt: localInput(now.plus({ hours: 2 }).toJSDate(), zone),
    daysOfWeek: [],
    startTime: '09:00',
    endTime: '11:00',
    until: now.plus({ months: 3 }).toISODate()!,
  });
  const [clientName, setClientName] = useState(target && 'name' in target ? (target.name ?? '') : '');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [impact, setImpact] = useState<string[] | null>(null);
  const [working, setWorking] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // A client named by the URL is chosen already; its name comes with the target once the page has read it.
  useEffect(() => {
    if (target && 'name' in target && target.name) setClientName(target.name);
  }, [target]);

  const set = <K extends keyof AssignForm>(key: K, value: AssignForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setImpact(null);
    setFields((f) => ({ ...f, [key]: '' }));
  };

  const refused = (error: unknown) => {
    const refusal = formRefusal(error);
    setFields(refusal.fields);
    setMessage(refusal.message);
    const first = FIELD_ORDER.find((f) => refusal.fields[f]);
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  };

  /** Blank fields said here, in the server's words, so no request is needed for them. */
  const blanks = (): Record<string, string> => {
    const missing: Record<string, string> = {};
    if (!form.sitterId) missing.sitterId = 'Pick a sitter.';
    if (!form.clientId && !form.conversationId) missing.clientId = 'Pick a client.';
    if (form.type === 'weekly_client') {
      if (form.daysOfWeek.length === 0) missing.recurrence = 'Pick at least one day of the week.';
      if (!form.until) missing.recurrence = 'Pick the last day (until).';
    } else {
      if (!form.startsAt) missing.startsAt = 'Start is required.';
      if (!form.endsAt) missing.endsAt = 'End is required.';
    }
    return missing;
  };

  const previewNow = async (event?: React.FormEvent) => {
    event?.preventDefault();
    setMessage(null);
    const missing = blanks();
    if (Object.keys(missing).length > 0) {
      setFields(missing);
      const first = FIELD_ORDER.find((f) => missing[f]);
      if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setWorking(true);
    try {
      const { data } = await post<{ data: PreviewAnswer }>('/assignments/assign?preview=true', assignBody(form, zone));
      setFields({});
      setImpact(data.data.impact);
    } catch (error) {
      refused(error);
    } finally {
      setWorking(false);
    }
  };

  const assign = async () => {
    setWorking(true);
    setMessage(null);
    try {
      const { data } = await post<{ data: { confirmation: string } }>('/assignments/assign', assignBody(form, zone));
      setResult(data.data.confirmation);
      onDone(data.data.confirmation);
    } catch (error) {
      setImpact(null);
      refused(error);
    } finally {
      setWorking(false);
    }
  };

  const question = impact?.find((s) => s.startsWith('Assign ') && s.endsWith('?')) ?? null;
  const sentences = (impact ?? []).filter((s) => s !== question);
  const weekly = form.type === 'weekly_client';

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content style={{ maxWidth: 720 }}>
        <form ref={formRef} onSubmit={previewNow} noValidate aria-label="Assign sitter">
          <Modal.Header>
            <Modal.Title>Assign sitter</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            {result ? (
              <Box background="success100" padding={4} hasRadius role="status" aria-label="Assignment result">
                <Typography fontWeight="bold">{result}</Typography>
              </Box>
            ) : (
              <Flex direction="column" alignItems="stretch" gap={4}>
                {message && <ErrorBox message={message} />}
                {sittersProblem && <ErrorBox message={sittersProblem} />}
                <Field.Root name="sitterId" id="assign-sitter" error={fields.sitterId || undefined} required>
                  <Field.Label>Sitter</Field.Label>
                  {sitters === null && !sittersProblem ? (
                    <Loader small>Loading sitters…</Loader>
                  ) : (
                    <SingleSelect name="sitterId" placeholder="Pick an active sitter" value={form.sitterId || undefined} onChange={(v: string | number) => set('sitterId', String(v))}>
                      {(sitters ?? []).map((s) => (
                        <SingleSelectOption key={s.id} value={String(s.id)}>
                          {s.displayName}
                        </SingleSelectOption>
                      ))}
                    </SingleSelect>
                  )}
                  <Field.Error />
                </Field.Root>
                <Field.Root
                  name="clientId"
                  id="assign-client"
                  error={fields.clientId || fields.conversationId || undefined}
                  required
                  hint={form.conversationId && !form.clientId ? `${clientName ? `${clientName}'s thread` : `The client of thread ${form.conversationId}`} (from the inbox). Pick another client to change it.` : 'Type part of a name or phone number.'}
                >
                  <Field.Label>Client</Field.Label>
                  <ClientPicker
                    name="clientId"
                    value={form.clientId}
                    defaultName={clientName}
                    hasError={Boolean(fields.clientId)}
                    onChange={(id, name) => {
                      set('clientId', id);
                      if (id) set('conversationId', '');
                      setClientName(name);
                    }}
                  />
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
                <Field.Root name="type" id="assign-type" required>
                  <Field.Label>Type</Field.Label>
                  <SingleSelect name="type" value={form.type} onChange={(v: string | number) => set('type', v as WindowType)}>
                    {WINDOW_TYPES.map((t) => (
                      <SingleSelectOption key={t} value={t}>
                        {TYPE_LABEL[t]}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Field.Root>
                {!weekly && (
                  <Flex gap={3} alignItems="flex-start">
                    <Field.Root name="startsAt" id="assign-starts-at" error={fields.startsAt || undefined} hint={`In ${zone}.`} style={{ flex: 1 }}>
                      <Field.Label>Start</Field.Label>
                      <TextInput type="datetime-local" value={form.startsAt} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('startsAt', e.target.value)} />
                      <Field.Hint />
                      <Field.Error />
                    </Field.Root>
                    <Field.Root name="endsAt" id="assign-ends-at" error={fields.endsAt || undefined} style={{ flex: 1 }}>
                      <Field.Label>End</Field.Label>
                      <TextInput type="datetime-local" value={form.endsAt} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('endsAt', e.target.value)} />
                      <Field.Error />
                    </Field.Root>
                  </Flex>
                )}
                {weekly && (
                  <Flex direction="column" alignItems="stretch" gap={3} tag="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
                    <Typography tag="legend" variant="pi" fontWeight="bold">
                      Every week, in {zone}
                    </Typography>
                    <Flex gap={3} wrap="wrap" role="group" aria-label="Days of the week">
                      {DAYS.map((d) => (
                        <Checkbox
                          key={d.code}
                          name={d.code === 'MO' ? 'recurrence' : undefined}
                          checked={form.daysOfWeek.includes(d.code)}
                          onCheckedChange={(checked: boolean | 'indeterminate') =>
                            set('daysOfWeek', checked === true ? [...form.daysOfWeek, d.code] : form.daysOfWeek.filter((c: DayOfWeek) => c !== d.code))
                          }
                        >
                          {d.label}
                        </Checkbox>
                      ))}
                    </Flex>
                    <Flex gap={3} alignItems="flex-start">
                      <Field.Root name="startTime" id="assign-start-time" style={{ flex: 1 }}>
                        <Field.Label>From (time)</Field.Label>
                        <TextInput type="time" value={form.startTime} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('startTime', e.target.value)} />
                      </Field.Root>
                      <Field.Root name="endTime" id="assign-end-time" style={{ flex: 1 }}>
                        <Field.Label>To (time)</Field.Label>
                        <TextInput type="time" value={form.endTime} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('endTime', e.target.value)} />
                      </Field.Root>
                      <Field.Root name="until" id="assign-until" style={{ flex: 1 }}>
                        <Field.Label>Until (last day)</Field.Label>
                        <TextInput type="date" value={form.until} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('until', e.target.value)} />
                      </Field.Root>
                    </Flex>
                    {fields.recurrence && (
                      <Typography variant="pi" textColor="danger600" role="alert">
                        {fields.recurrence}
                      </Typography>
                    )}
                  </Flex>
                )}
                {impact && (
                  <Box background="neutral100" padding={3} hasRadius role="status" aria-label="What this will change">
                    <Flex direction="column" alignItems="stretch" gap={2}>
                      {question && <Typography fontWeight="bold">{question}</Typography>}
                      <ul style={{ listStyle: 'disc', paddingLeft: 20 }}>
                        {sentences.map((s) => (
                          <li key={s}>
                            <Typography>{s}</Typography>
                          </li>
                        ))}
                      </ul>
                    </Flex>
                  </Box>
                )}
              </Flex>
            )}
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{result ? 'Close' : 'Cancel'}</Button>
            </Modal.Close>
            {!result &&
              (impact ? (
                <Button type="button" onClick={assign} loading={working}>
                  Assign sitter
                </Button>
              ) : (
                <Button type="submit" loading={working}>
                  Preview
                </Button>
              ))}
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};
