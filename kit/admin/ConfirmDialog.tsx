import { useState, type ReactNode } from 'react';
import { Button, Flex, Modal, Typography } from '@strapi/design-system';
import { ErrorBox } from './ErrorBox';
import { errorSentence } from './error-sentence';

/**
 * The one confirmation before an action that spends, changes or removes something: a question, Cancel, and the action
 * (`confirmLabel`). While it runs the button shows progress; a refusal stays in the dialog as the server's sentence.
 */
export const ConfirmDialog = ({
  title,
  question,
  confirmLabel,
  danger,
  children,
  onConfirm,
  onClose,
}: {
  title: string;
  question: string;
  confirmLabel: string;
  danger?: boolean;
  children?: ReactNode;
  /** Resolves when done (the caller closes the dialog); a rejection is shown as its sentence. */
  onConfirm(): Promise<void>;
  onClose(): void;
}) => {
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const confirm = async () => {
    setWorking(true);
    setProblem(null);
    try {
      await onConfirm();
    } catch (error) {
      setProblem(errorSentence(error));
      setWorking(false);
    }
  };
  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{title}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography>{question}</Typography>
            {children}
            {problem && <ErrorBox message={problem} />}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={onClose}>
            Cancel
          </Button>
          <Button variant={danger ? 'danger' : 'default'} onClick={confirm} loading={working}>
            {confirmLabel}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
