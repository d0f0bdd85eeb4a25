import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Box, Button, Flex, Loader, Modal, Typography } from '@strapi/design-system';
import { ErrorBox, errorSentence } from '@switchboard/kit/admin';
import type { ActivationPreviewAnswer, SitterPick } from '../../../../shared/contracts';

export type SitterChange = 'activate' | 'deactivate';

const TITLE: Record<SitterChange, string> = { activate: 'Activate sitter', deactivate: 'Deactivate sitter' };

/**
 * OPS §4.1/§4.2: the server's preview first (the number it will assign or quarantine, the threads it will move, the
 * windows it will close), then the change only when the Owner confirms; the server's sentence goes back to the page.
 */
export const SitterDialog = ({ sitter, change, onClose, onDone }: { sitter: SitterPick; change: SitterChange; onClose: () => void; onDone: (message: string) => void }) => {
  const { post } = useFetchClient();
  const [impact, setImpact] = useState<string[] | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  useEffect(() => {
    let current = true;
    post<{ data: ActivationPreviewAnswer }>(`/people/sitters/${sitter.id}/${change}?preview=true`)
      .then(({ data }) => current && setImpact(data.data.impact))
      .catch((error) => current && setRefusal(errorSentence(error, `The ${change === 'activate' ? 'activation' : 'deactivation'} could not be previewed. Close this and try again.`)));
    return () => {
      current = false;
    };
  }, [post, sitter.id, change]);

  const confirm = async () => {
    setWorking(true);
    setProblem(null);
    try {
      const { data } = await post<{ data: { message: string } }>(`/people/sitters/${sitter.id}/${change}`);
      onDone(data.data.message);
    } catch (error) {
      setProblem(errorSentence(error));
      setWorking(false);
    }
  };

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>
            {TITLE[change]}: {sitter.displayName}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            {impact === null && refusal === null && <Loader small>Working out what this will change…</Loader>}
            {impact !== null && (
              <Box background="neutral100" padding={3} hasRadius role="status" aria-label="What this will change">
                <Flex direction="column" alignItems="stretch" gap={2}>
                  <Typography fontWeight="bold">
                    {change === 'activate' ? `Activate ${sitter.displayName}?` : `Deactivate ${sitter.displayName}?`}
                  </Typography>
                  {impact.length === 0 ? (
                    <Typography>Nothing else changes.</Typography>
                  ) : (
                    <ul style={{ listStyle: 'disc', paddingLeft: 20 }}>
                      {impact.map((sentence) => (
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
          <Button variant={change === 'deactivate' ? 'danger' : 'default'} onClick={confirm} loading={working} disabled={impact === null}>
            {TITLE[change]}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
