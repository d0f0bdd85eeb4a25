import { useRef, useState, type FormEvent } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Box, Button, Field, Flex, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { ErrorBox } from '@switchboard/kit/admin';
import { AccountCreatedDialog } from './AccountCreatedDialog';
import { blankRequired, focusFirstError, formRefusal } from './errors';
import type { AccountCreated, AccountRole } from '../../../../shared/contracts';

const ROLE_LABEL: Record<AccountRole, string> = { business: 'Business', va: 'VA', sitter: 'Sitter' };
const FIELDS = ['role', 'email', 'displayName', 'businessName'] as const;
type FieldName = (typeof FIELDS)[number];
const EMPTY: Record<FieldName, string> = { role: '', email: '', displayName: '', businessName: '' };

/**
 * DOMAIN.md "Accounts": self-registration is closed, so an Owner creates business, VA and sitter accounts here. The
 * server sends an invitation when an e-mail provider is configured; otherwise it answers a one-time password, shown once.
 */
export const AccountsTab = ({ onShowSitters }: { onShowSitters: () => void }) => {
  const { post } = useFetchClient();
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Record<FieldName, string>>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState<{ account: AccountCreated; displayName: string } | null>(null);

  // Editing a field takes its refusal away: the sentence was about the old value.
  const set = (field: FieldName, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors(({ [field]: _gone, ...rest }) => rest);
  };
  const isBusiness = values.role === 'business';

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const blank = {
      ...(values.role ? {} : { role: 'Choose whether this is a Business, VA or Sitter account.' }),
      ...blankRequired(values, { email: 'E-mail', displayName: 'Display name', ...(isBusiness ? { businessName: 'Business name' } : {}) }),
    };
    setErrors(blank);
    if (Object.keys(blank).length > 0) {
      setProblem('Nothing was created. Correct the fields marked below and try again.');
      requestAnimationFrame(() => focusFirstError(form.current, FIELDS, blank));
      return;
    }
    setSaving(true);
    const body = {
      role: values.role,
      email: values.email.trim(),
      displayName: values.displayName.trim(),
      ...(isBusiness ? { businessName: values.businessName.trim() } : {}),
    };
    try {
      const { data } = await post<{ data: AccountCreated }>('/people/accounts', body);
      setCreated({ account: data.data, displayName: body.displayName });
      setValues(EMPTY);
    } catch (error) {
      const refusal = formRefusal(error, 'email');
      setErrors(refusal.fields);
      const placed = Object.keys(refusal.fields).length > 0 && Object.keys(refusal.fields).every((f) => (FIELDS as readonly string[]).includes(f));
      setProblem(placed ? 'Nothing was created. Correct the fields marked below and try again.' : `${refusal.message} Nothing was created.`);
      requestAnimationFrame(() => focusFirstError(form.current, FIELDS, refusal.fields));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box maxWidth="640px">
      <form ref={form} onSubmit={create} noValidate aria-labelledby="create-account-heading">
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Typography variant="beta" tag="h2" id="create-account-heading">
            Create account
          </Typography>
          <Typography textColor="neutral600">
            The person gets an invitation by e-mail when an e-mail provider is set up; otherwise you see a one-time password to give them. A new sitter starts
            inactive: activate them in Sitters to give them a masked number.
          </Typography>
          {problem && <ErrorBox message={problem} />}
          <Field.Root name="role" id="account-role" error={errors.role} required>
            <Field.Label>Role</Field.Label>
            <SingleSelect name="role" value={values.role} placeholder="Choose a role" onChange={(v: string | number) => set('role', String(v))}>
              {(Object.keys(ROLE_LABEL) as AccountRole[]).map((role) => (
                <SingleSelectOption key={role} value={role}>
                  {ROLE_LABEL[role]}
                </SingleSelectOption>
              ))}
            </SingleSelect>
            <Field.Error />
          </Field.Root>
          <Field.Root name="email" id="account-email" error={errors.email} required>
            <Field.Label>E-mail</Field.Label>
            <TextInput name="email" type="email" autoComplete="off" value={values.email} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('email', e.target.value)} />
            <Field.Error />
          </Field.Root>
          <Field.Root name="displayName" id="account-display-name" error={errors.displayName} required hint="How staff and clients' threads name this person.">
            <Field.Label>Display name</Field.Label>
            <TextInput name="displayName" autoComplete="off" value={values.displayName} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('displayName', e.target.value)} />
            <Field.Error />
            <Field.Hint />
          </Field.Root>
          {isBusiness && (
            <Field.Root name="businessName" id="account-business-name" error={errors.businessName} required>
              <Field.Label>Business name</Field.Label>
              <TextInput name="businessName" autoComplete="off" value={values.businessName} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('businessName', e.target.value)} />
              <Field.Error />
            </Field.Root>
          )}
          <Flex>
            <Button type="submit" loading={saving}>
              Create account
            </Button>
          </Flex>
        </Flex>
      </form>
      {created && (
        <AccountCreatedDialog
          account={created.account}
          displayName={created.displayName}
          onClose={() => setCreated(null)}
          onShowSitters={
            created.account.user.role === 'sitter'
              ? () => {
                  setCreated(null);
                  onShowSitters();
                }
              : undefined
          }
        />
      )}
    </Box>
  );
};
