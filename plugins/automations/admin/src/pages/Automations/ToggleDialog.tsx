import { useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Button, Flex, Modal, Typography } from '@strapi/design-system';
import { ErrorBox, errorSentence } from '@switchboard/kit/admin';
import type { Automation } from '../../../../shared/contracts';

/**
 * OPS §3.6 action 3 "Enable/Disable [automation name]?" and action 7 "Delete [automation name]? This cannot be
 * undone." (delete archives). The server's refusal (test first) is shown as its sentence.
 */
export const ToggleDialog = ({ automation, archive, onClose, onDone }: { automation: Automation; archive?: boolean; onClose(): void; onDone(updated: Automation): void }) => {
  const { post, del } = useFetchClient();
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const enabling = automation.status !== 'active';
  const question = archive ? `Delete ${automation.name}? This cannot be undone.` : `${enabling ? 'Enable' : 'Disable'} ${automation.name}?`;
  const label = archive ? 'Delete' : enabling ? 'Enable' : 'Disable';
  const confirm = async () => {
    setWorking(true);
    setProblem(null);
    try {
      const id = encodeURIComponent(automation.id);
      const { data } = archive ? await del<{ data: Automation }>(`/automations/${id}`) : await post<{ data: Automation }>(`/automations/${id}/${enabling ? 'activate' : 'pause'}`, {});
      onDone(data.data);
    } catch (error) {
      setProblem(errorSentence(error));
      setWorking(false);
    }
  };
  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{label} automation</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography>{question}</Typography>
            {problem && <ErrorBox message={problem} />}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={onClose}>
            Cancel
          </Button>
          <Button variant={archive ? 'danger' : 'default'} onClick={confirm} loading={working}>
            {label}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
