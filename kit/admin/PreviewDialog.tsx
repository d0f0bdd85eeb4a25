import { useEffect, useState } from 'react';
import { Box, Button, Flex, Loader, Modal, Typography } from '@strapi/design-system';
import { ErrorBox } from './ErrorBox';
import { errorSentence } from './error-sentence';

/**
 * A write with its preview first (OPS §3.3): `preview()` asks the server what the write will change (`?preview=true`,
 * nothing written), the dialog lists those sentences under the question, and only "confirm" runs the real write.
 */
export const PreviewDialog = ({
  title,
  question,
  confirmLabel,
  danger,
  preview,
  write,
  onClose,
  onDone,
}: {
  title: string;
  /** The dialog's question; without it, the server's own (the impact's last sentence that asks). */
  question?: string;
  confirmLabel: string;
  danger?: boolean;
  preview: () => Promise<string[]>;
  write: () => Promise<string>;
  onClose: () => void;
  onDone: (sentence: string) => void;
}) => {
  const [impact, setImpact] = useState<string[] | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  useEffect(() => {
    let current = true;
    preview()
      .then((sentences) => current && setImpact(sentences))
      .catch((error) => current && setRefusal(errorSentence(error, 'This change could not be previewed. Close this and try again.')));
    return () => {
      current = false;
    };
    // The preview runs once per dialog.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const confirm = async () => {
    setWorking(true);
    setProblem(null);
    try {
      onDone(await write());
    } catch (error) {
      setProblem(errorSentence(error));
      setWorking(false);
    }
  };

  // The question is the dialog's own line; the server's impact repeats it last, so it is left out of the list.
  const asked = question ?? [...(impact ?? [])].reverse().find((s) => s.endsWith('?'));
  const sentences = (impact ?? []).filter((s) => s !== asked);
  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{title}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            {impact === null && refusal === null && <Loader small>Working out what this will change…</Loader>}
            {impact !== null && (
              <Box background="neutral100" padding={3} hasRadius role="status" aria-label="What this will change">
                <Flex direction="column" alignItems="stretch" gap={2}>
                  {asked && <Typography fontWeight="bold">{asked}</Typography>}
                  {sentences.length > 0 && (
                    <ul style={{ listStyle: 'disc', paddingLeft: 20 }}>
                      {sentences.map((sentence) => (
                        <li key={sentence}>
                          <Typography>{sentence}</Typography>
                        </li>
                      ))}
                    </ul>
                  )}
                </Flex>
              </Box>
            )}
            {refusal && <ErrorBox message={refusal} />}
            {problem && <ErrorBox message={problem} />}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">Cancel</Button>
          </Modal.Close>
          <Button variant={danger ? 'danger' : 'default'} onClick={confirm} loading={working} disabled={impact === null}>
            {confirmLabel}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
