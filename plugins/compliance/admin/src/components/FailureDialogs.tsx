import { useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Button, Field, Flex, Modal, Textarea, Typography } from '@strapi/design-system';
import { ErrorBox, PreviewDialog, errorSentence } from '@switchboard/kit/admin';

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
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const resolve = async () => {
    setWorking(true);
    setProblem(null);
    try {
      await post(`/compliance/delivery-failures/${encodeURIComponent(failure.id)}/resolve`, note.trim() ? { note: note.trim() } : {});
      onDone('The delivery failure is marked resolved.');
    } catch (error) {
      setProblem(errorSentence(error));
      setWorking(false);
    }
  };
  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>Mark delivery failure resolved</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography>{`${failure.clientName ? `${failure.clientName}: ` : ''}${failure.reason}`}</Typography>
            <Field.Root name="note" hint="Optional: how it was dealt with, for the audit log (at most 500 characters).">
              <Field.Label>Note</Field.Label>
              <Textarea value={note} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setNote(e.target.value)} maxLength={500} />
              <Field.Hint />
            </Field.Root>
            {problem && <ErrorBox message={problem} />}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={resolve} loading={working}>
            Mark resolved
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
