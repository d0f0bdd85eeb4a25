import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Box, Button, Combobox, ComboboxOption, Field, Flex, Loader, TextInput, Typography } from '@strapi/design-system';
import { ErrorBox, errorSentence } from '@switchboard/kit/admin';
import { blankRequired, focusFirstError, formRefusal } from './errors';
import type { Organisation } from '../../../../shared/contracts';

const FIELDS = ['name', 'timeZone'] as const;

/** Every IANA zone the browser knows (the server checks the one chosen against its own list). */
function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return known.includes(current) || !current ? known : [current, ...known];
}

/** DOMAIN.md "Time zone": the organisation's name and the zone every local time (windows, bookings) is read in. */
export const OrganisationTab = ({ canManage }: { canManage: boolean }) => {
  const { get, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const form = useRef<HTMLFormElement>(null);
  const [saved, setSaved] = useState<Organisation | null>(null);
  const [values, setValues] = useState<Organisation>({ name: '', timeZone: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const load = useCallback(async () => {
    setLoadProblem(null);
    try {
      const { data } = await get<{ data: Organisation }>('/people/organisation');
      setSaved(data.data);
      setValues(data.data);
    } catch (error) {
      setLoadProblem(errorSentence(error, 'The organisation settings could not be loaded. Check your connection and retry.'));
    }
  }, [get]);

  useEffect(() => {
    load();
  }, [load]);

  // Editing a field takes its refusal away: the sentence was about the old value.
  const set = (field: keyof Organisation, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors(({ [field]: _gone, ...rest }) => rest);
  };

  const zones = useMemo(() => timeZones(saved?.timeZone ?? ''), [saved?.timeZone]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const blank = blankRequired({ ...values }, { name: 'Organisation name', timeZone: 'Time zone' });
    setErrors(blank);
    if (Object.keys(blank).length > 0) {
      setProblem('Nothing was saved. Correct the fields marked below and save again.');
      requestAnimationFrame(() => focusFirstError(form.current, FIELDS, blank));
      return;
    }
    setSaving(true);
    try {
      const { data } = await put<{ data: Organisation }>('/people/organisation', { name: values.name, timeZone: values.timeZone });
      setSaved(data.data);
      setValues(data.data);
      toggleNotification({ type: 'success', message: `Organisation settings saved: ${data.data.name}, ${data.data.timeZone}.` });
    } catch (error) {
      const refusal = formRefusal(error);
      setErrors(refusal.fields);
      setProblem(`${refusal.message} Nothing was saved.`);
      requestAnimationFrame(() => focusFirstError(form.current, FIELDS, refusal.fields));
    } finally {
      setSaving(false);
    }
  };

  if (loadProblem)
    return (
      <ErrorBox
        message={loadProblem}
        action={
          <Button variant="tertiary" onClick={load}>
            Retry
          </Button>
        }
      />
    );
  if (!saved) return <Loader>Loading the organisation settings…</Loader>;

  const unchanged = values.name === saved.name && values.timeZone === saved.timeZone;
  return (
    <Box maxWidth="640px">
      <form ref={form} onSubmit={save} noValidate aria-labelledby="organisation-heading">
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Typography variant="beta" tag="h2" id="organisation-heading">
            Organisation
          </Typography>
          {problem && <ErrorBox message={problem} />}
          <Field.Root name="name" id="organisation-name" error={errors.name} required>
            <Field.Label>Organisation name</Field.Label>
            <TextInput name="name" value={values.name} disabled={!canManage} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('name', e.target.value)} />
            <Field.Error />
          </Field.Root>
          <Field.Root name="timeZone" id="organisation-time-zone" error={errors.timeZone} required hint="Booking times and assignment windows are read in this time zone.">
            <Field.Label>Time zone</Field.Label>
            <Combobox
              name="timeZone"
              value={values.timeZone}
              defaultTextValue={saved.timeZone}
              disabled={!canManage}
              autocomplete="list"
              noOptionsMessage={(text: string) => `No time zone matches "${text}". Try a city, like Los_Angeles or London.`}
              onChange={(zone?: string) => set('timeZone', zone ?? '')}
            >
              {zones.map((zone) => (
                <ComboboxOption key={zone} value={zone}>
                  {zone}
                </ComboboxOption>
              ))}
            </Combobox>
            <Field.Error />
            <Field.Hint />
          </Field.Root>
          {canManage && (
            <Flex>
              <Button type="submit" loading={saving} disabled={unchanged}>
                Save
              </Button>
            </Flex>
          )}
        </Flex>
      </form>
    </Box>
  );
};
