import { useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Button, Field, Flex, Modal, Textarea, Typography } from '@strapi/design-system';
import { ErrorBox, errorSentence } from '@switchboard/kit/admin';
import type { Alert } from '../../../../shared/contracts';

const WORDS = {
  resolve: { title: 'Resolve alert', question: 'Mark alert as resolved?', button: 'Resolve' },
  dismiss: { title: 'Dismiss alert', question: 'Dismiss alert? It will be archived.', button: 'Dismiss' },
} as const;

/** OPS §3.7 actions 2 and 3: the spec's confirmation, an optional note for the audit log, then the change. */
export const CloseDialog = ({ alert, how, onClose, onDone }: { alert: Alert; how: 'resolve' | 'dismiss'; onClose(): void; onDone(): void }) => {
  const { post } = useFetchClient();
  const [note, setNote] = useState('');
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const words = WORDS[how];
  const confirm = async () => {
    setWorking(true);
    setProblem(null);
    try {
      await post(`/alerts/${encodeURIComponent(alert.id)}/${how}`, note.trim() ? { note: note.trim() } : {});
      onDone();
    } catch (error) {
      setProblem(errorSentence(error));
      setWorking(false);
    }
  };
  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{words.title}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography fontWeight="bold">{alert.title}</Typography>
            <Typography>{words.question}</Typography>
            <Field.Root name="note" hint="Optional: what was done, for the audit log.">
              <Field.Label>Note</Field.Label>
              <Textarea value={note} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setNote(e.target.value)} maxLength={1000} />
              <Field.Hint />
            </Field.Root>
            {problem && <ErrorBox message={problem} />}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={onClose}>
            Cancel
          </Button>
          <Button variant={how === 'dismiss' ? 'danger-light' : 'default'} onClick={confirm} loading={working}>
            {words.button}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
