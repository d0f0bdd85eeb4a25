import { useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Button, Field, Flex, Modal, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { ErrorBox, errorSentence } from '@switchboard/kit/admin';
import type { Conversation, StaffDirectory } from '../../api';

const NO_BUSINESS = 'none';

/** Start an Admin ↔ VA thread (optionally about a business) or a business thread with a VA (POST /messaging/conversations). */
export function NewConversation({ directory, onOpened }: { directory: StaffDirectory | null; onOpened(conversation: Conversation): void }) {
  const { post } = useFetchClient();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<'admin_va' | 'business_va'>('admin_va');
  const [vaUserId, setVaUserId] = useState<string>('');
  const [businessId, setBusinessId] = useState<string>(NO_BUSINESS);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const needsBusiness = kind === 'business_va';
  // Says exactly what the thread offers: a private thread about a business can still share single notes with it.
  const kindHint = needsBusiness
    ? 'Admins with a grant for the business reply as the business; the VA never sees who wrote.'
    : businessId === NO_BUSINESS
      ? 'Only you, other admins and the VA see this thread; no business ever does.'
      : 'Only you, other admins and the VA see this thread. A note you mark "Visible to business" is the one thing the business sees, as from "Admin team".';
  const ready = vaUserId !== '' && (!needsBusiness || businessId !== NO_BUSINESS);

  const start = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const body: Record<string, string> = { kind, vaUserId };
      if (businessId !== NO_BUSINESS) body.businessId = businessId;
      const { data } = await post<{ data: Conversation }>('/messaging/conversations', body);
      setOpen(false);
      onOpened(data.data);
    } catch (error) {
      setProblem(errorSentence(error, 'The conversation could not be started. Check your connection and try again.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal.Root open={open} onOpenChange={(o: boolean) => { setOpen(o); setProblem(null); }}>
      <Modal.Trigger>
        <Button>New conversation</Button>
      </Modal.Trigger>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>New conversation with a VA</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            {!directory && <Typography>Loading VAs and businesses…</Typography>}
            <Field.Root name="kind" hint={kindHint}>
              <Field.Label>Kind of conversation</Field.Label>
              <SingleSelect value={kind} onChange={(v: string | number) => setKind(v as 'admin_va' | 'business_va')}>
                <SingleSelectOption value="admin_va">Private Admin ↔ VA thread</SingleSelectOption>
                <SingleSelectOption value="business_va">Business thread with a VA</SingleSelectOption>
              </SingleSelect>
              <Field.Hint />
            </Field.Root>
            <Field.Root name="vaUserId" required>
              <Field.Label>VA</Field.Label>
              <SingleSelect value={vaUserId} placeholder="Choose a VA" onChange={(v: string | number) => setVaUserId(String(v))}>
                {(directory?.vas ?? []).map((va) => (
                  <SingleSelectOption key={va.id} value={va.id}>
                    {va.displayName}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
            <Field.Root name="businessId" required={needsBusiness} hint={needsBusiness ? undefined : 'Optional: the business this private thread is about.'}>
              <Field.Label>Business</Field.Label>
              <SingleSelect value={businessId} onChange={(v: string | number) => setBusinessId(String(v))}>
                {!needsBusiness && <SingleSelectOption value={NO_BUSINESS}>No business</SingleSelectOption>}
                {(directory?.businesses ?? []).map((b) => (
                  <SingleSelectOption key={b.id} value={b.id}>
                    {b.name}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
              <Field.Hint />
            </Field.Root>
            {problem && <ErrorBox message={problem} />}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">Cancel</Button>
          </Modal.Close>
          <Button onClick={start} loading={busy} disabled={!ready}>
            Open conversation
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
