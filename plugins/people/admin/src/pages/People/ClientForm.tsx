import { useRef, useState, type FormEvent } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Button, Field, Flex, Modal, TextInput, Textarea } from '@strapi/design-system';
import { ErrorBox, displayNumber } from '@switchboard/kit/admin';
import { blankRequired, focusFirstError, formRefusal } from './errors';
import type { ClientView } from '../../../../shared/contracts';

const FIELDS = ['firstName', 'lastName', 'phone', 'notes'] as const;
type FieldName = (typeof FIELDS)[number];
const ID: Record<FieldName, string> = { firstName: 'client-first-name', lastName: 'client-last-name', phone: 'client-phone', notes: 'client-notes' };

/** "New client" and "Edit": the server tidies the phone to E.164 and says what is wrong beside each field. */
export const ClientForm = ({ client, onClose, onSaved }: { client: ClientView | null; onClose: () => void; onSaved: (client: ClientView, created: boolean) => void }) => {
  const { post, put } = useFetchClient();
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Record<FieldName, string>>({
    firstName: client?.firstName ?? '',
    lastName: client?.lastName ?? '',
    phone: client ? displayNumber(client.phone) : '',
    notes: client?.notes ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  // Editing a field takes its refusal away: the sentence was about the old value.
  const set = (field: FieldName) => (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const value = event.target.value;
    setValues((v) => ({ ...v, [field]: value }));
    setErrors(({ [field]: _gone, ...rest }) => rest);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const blank = blankRequired(values, { firstName: 'First name', phone: 'Phone' });
    setErrors(blank);
    if (Object.keys(blank).length > 0) {
      setProblem('Nothing was saved. Correct the fields marked below and save again.');
      requestAnimationFrame(() => focusFirstError(form.current, FIELDS, blank));
      return;
    }
    setSaving(true);
    // Empty optional fields are sent as null, so clearing the notes clears them.
    const body = {
      firstName: values.firstName,
      lastName: values.lastName.trim() ? values.lastName : null,
      phone: values.phone,
      notes: values.notes.trim() ? values.notes : null,
    };
    try {
      const { data } = client ? await put<{ data: ClientView }>(`/people/clients/${client.id}`, body) : await post<{ data: ClientView }>('/people/clients', body);
      onSaved(data.data, client === null);
    } catch (error) {
      const refusal = formRefusal(error, 'phone');
      setErrors(refusal.fields);
      const unplaced = Object.keys(refusal.fields).filter((f) => !(FIELDS as readonly string[]).includes(f));
      setProblem(Object.keys(refusal.fields).length === 0 || unplaced.length > 0 ? `${refusal.message} Nothing was saved.` : 'Nothing was saved. Correct the fields marked below and save again.');
      setSaving(false);
      // After React has drawn the errors, so the field's description is read with it.
      requestAnimationFrame(() => focusFirstError(form.current, FIELDS, refusal.fields));
      return;
    }
    setSaving(false);
  };

  const field = (name: FieldName, label: string, options: { required?: boolean; hint?: string; multiline?: boolean } = {}) => (
    <Field.Root name={name} id={ID[name]} error={errors[name]} required={options.required} hint={options.hint}>
      <Field.Label>{label}</Field.Label>
      {options.multiline ? (
        <Textarea name={name} value={values[name]} onChange={set(name)} />
      ) : (
        <TextInput name={name} value={values[name]} onChange={set(name)} autoComplete="off" />
      )}
      <Field.Error />
      <Field.Hint />
    </Field.Root>
  );

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <form ref={form} onSubmit={save} noValidate>
          <Modal.Header>
            <Modal.Title>{client ? `Edit ${client.name}` : 'New client'}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              {problem && <ErrorBox message={problem} />}
              {field('firstName', 'First name', { required: true })}
              {field('lastName', 'Last name')}
              {field('phone', 'Phone', { required: true, hint: 'Any common format, like (415) 555-0123, or +44 20 7946 0958 outside the US and Canada.' })}
              {field('notes', 'Notes', { multiline: true, hint: 'Pets, access, preferences: what staff should know.' })}
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary" type="button">
                Cancel
              </Button>
            </Modal.Close>
            <Button type="submit" loading={saving}>
              {client ? 'Save client' : 'Create client'}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};
