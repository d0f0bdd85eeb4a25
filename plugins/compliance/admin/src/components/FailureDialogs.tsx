import { useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { ConfirmDialog, NoteField, PreviewDialog } from '@switchboard/kit/admin';

/** What the dialogs need of a failure (API.md `DeliveryFailure`, or `Message.deliveryFailure` in the inbox). */
export interface FailureSummary {
  id: string;
  reason: string;
  attempts: number;
  clientName?: string | null;
}

/**
 * OPS §3.5 action 3 "Retry Delivery Failure": the reason and the attempts so far, "Retry sending message?", and only
 * the confirmation sends it again. A Messaging Admin hears the server's sentence (only an owner retries).
 */
export const RetryDialog = ({ failure, onClose, onDone }: { failure: FailureSummary; onClose(): void; onDone(sentence: string): void }) => {
  const { post } = useFetchClient();
  return (
    <PreviewDialog
      title="Retry delivery"
      question="Retry sending message?"
      confirmLabel="Retry"
      preview={async () => [
        `${failure.clientName ? `${failure.clientName}: ` : ''}${failure.reason}`,
        failure.attempts === 1 ? '1 attempt so far.' : `${failure.attempts} attempts so far.`,
        'Retry sending message?',
      ]}
      write={async () => {
        await post(`/compliance/delivery-failures/${encodeURIComponent(failure.id)}/retry`, {});
        return 'The message is queued to send again.';
      }}
      onClose={onClose}
      onDone={onDone}
    />
  );
};

/** OPS §4.7 "Mark as resolved (if non-retryable)": an optional note, audited with the owner's name. */
export const ResolveDialog = ({ failure, onClose, onDone }: { failure: FailureSummary; onClose(): void; onDone(sentence: string): void }) => {
  const { post } = useFetchClient();
  const [note, setNote] = useState('');
  return (
    <ConfirmDialog
      title="Mark delivery failure resolved"
      question={`${failure.clientName ? `${failure.clientName}: ` : ''}${failure.reason}`}
      confirmLabel="Mark resolved"
      onConfirm={async () => {
        await post(`/compliance/delivery-failures/${encodeURIComponent(failure.id)}/resolve`, note.trim() ? { note: note.trim() } : {});
        onDone('The delivery failure is marked resolved.');
      }}
      onClose={onClose}
    >
      <NoteField value={note} onChange={setNote} hint="Optional: how it was dealt with, for the audit log (at most 500 characters)." maxLength={500} />
    </ConfirmDialog>
  );
};
