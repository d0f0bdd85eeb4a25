import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Box, Button, Field, Flex, Loader, Modal, SingleSelect, SingleSelectOption, Textarea, Typography } from '@strapi/design-system';
import { ErrorBox, errorSentence } from '@switchboard/kit/admin';
import type { ImpactPreview, InventoryNumber, NumberChangeOutcome, SitterNumber } from '../../../../shared/contracts';
import { REASONS } from './labels';

export type NumberAction = 'assign' | 'release' | 'quarantine' | 'release-quarantine';

const TITLE: Record<NumberAction, string> = {
  assign: 'Assign to sitter',
  release: 'Release to pool',
  quarantine: 'Quarantine',
  'release-quarantine': 'Release from quarantine',
};

/**
 * One confirmation for every change with consequences (OPS §5): it shows the impact preview — the threads the change
 * touches — asks for what the change needs (a sitter, a reason), and says the spec's sentence before anything happens.
 * With several numbers it runs the bulk route: one operation, all or nothing.
 */
export const ActionDialog = ({
  action,
  numbers,
  sitters,
  onClose,
  onDone,
}: {
  action: NumberAction;
  numbers: InventoryNumber[];
  sitters: SitterNumber[];
  onClose: () => void;
  onDone: (message: string) => void;
}) => {
  const { get, post } = useFetchClient();
  const single = numbers.length === 1 ? numbers[0] : null;
  const [preview, setPreview] = useState<ImpactPreview | null>(null);
  const [loadingPreview, setLoadingPreview] = useState(false);
  const [sitterUserId, setSitterUserId] = useState<string>('');
  const [reason, setReason] = useState<string>('');
  const [note, setNote] = useState('');
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const previewAction = action === 'release-quarantine' ? null : action;
  useEffect(() => {
    if (!single || !previewAction || (previewAction === 'assign' && !sitterUserId)) {
      setPreview(null);
      return;
    }
    let current = true;
    setLoadingPreview(true);
    const query = new URLSearchParams({ action: previewAction, ...(sitterUserId ? { sitterUserId } : {}) });
    get<{ data: ImpactPreview }>(`/numbers/${single.id}/preview?${query}`)
      .then(({ data }) => current && setPreview(data.data))
      .catch((error) => current && setProblem(errorSentence(error)))
      .finally(() => current && setLoadingPreview(false));
    return () => {
      current = false;
    };
  }, [get, single, previewAction, sitterUserId]);

  const missing =
    (action === 'assign' && !sitterUserId) || (action === 'quarantine' && (!reason || (reason === 'other' && note.trim().length === 0))) || (preview !== null && !preview.allowed);

  const confirm = async () => {
    setWorking(true);
    setProblem(null);
    try {
      let message: string;
      if (single && numbers.length === 1) {
        const body = action === 'assign' ? { sitterUserId: Number(sitterUserId) } : action === 'quarantine' ? { reason, ...(note.trim() ? { note: note.trim() } : {}) } : undefined;
        const { data } = await post<{ data: NumberChangeOutcome }>(`/numbers/${single.id}/${action}`, body);
        message = data.data.message;
      } else {
        const ids = numbers.map((n) => n.id);
        const body =
          action === 'quarantine'
            ? { action, ids, reason, ...(note.trim() ? { note: note.trim() } : {}) }
            : action === 'assign'
              ? { action, assignments: ids.map((numberId) => ({ numberId, sitterUserId: Number(sitterUserId) })) }
              : { action, ids };
        const { data } = await post<{ data: NumberChangeOutcome }>('/numbers/bulk', body);
        message = data.data.message;
      }
      onDone(message);
    } catch (error) {
      setProblem(errorSentence(error));
    } finally {
      setWorking(false);
    }
  };

  const label = single ? single.display : `${numbers.length} numbers`;
  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>
            {TITLE[action]}: {label}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            {action === 'assign' && (
              <Field.Root name="sitter" required>
                <Field.Label>Sitter</Field.Label>
                <SingleSelect value={sitterUserId} placeholder="Choose a sitter" onChange={(v: string | number) => setSitterUserId(String(v))}>
                  {sitters
                    .filter((s) => s.active)
                    .map((s) => (
                      <SingleSelectOption key={s.userId} value={String(s.userId)}>
                        {s.number ? `${s.displayName} (has ${s.number})` : s.displayName}
                      </SingleSelectOption>
                    ))}
                </SingleSelect>
              </Field.Root>
            )}
            {action === 'quarantine' && (
              <>
                <Field.Root name="reason" required>
                  <Field.Label>Reason</Field.Label>
                  <SingleSelect value={reason} placeholder="Choose a reason" onChange={(v: string | number) => setReason(String(v))}>
                    {REASONS.map(([value, text]) => (
                      <SingleSelectOption key={value} value={value}>
                        {text}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Field.Root>
                <Field.Root name="note" required={reason === 'other'} hint={reason === 'other' ? 'Say why; it goes into the audit trail.' : 'Optional; it goes into the audit trail.'}>
                  <Field.Label>Note</Field.Label>
                  <Textarea value={note} onChange={(e: any) => setNote(e.target.value)} />
                  <Field.Hint />
                </Field.Root>
              </>
            )}
            {action === 'release-quarantine' && single?.quarantine && (
              <Typography>
                Cooldown {single.quarantine.daysRemaining > 0 ? `ends ${new Date(single.quarantine.cooldownUntil!).toLocaleDateString()} (${single.quarantine.daysRemaining} days remaining)` : 'is complete'}.
                Release {single.display} from quarantine? It will be available for pool assignment.
              </Typography>
            )}
            {loadingPreview && <Loader small>Working out the impact…</Loader>}
            {preview && (
              <Box background={preview.allowed ? 'neutral100' : 'danger100'} padding={3} hasRadius role="status" aria-label="Impact preview">
                {preview.allowed ? (
                  <Flex direction="column" alignItems="stretch" gap={2}>
                    <Typography fontWeight="bold">{preview.confirmation}</Typography>
                    {preview.threads.length > 0 && (
                      <Typography variant="pi">Threads affected: {preview.threads.map((t) => t.clientLabel).join(', ')}</Typography>
                    )}
                  </Flex>
                ) : (
                  <Typography textColor="danger700">{preview.refusal}</Typography>
                )}
              </Box>
            )}
            {!single && (
              <Typography>
                {numbers.length} numbers: {numbers.map((n) => n.display).join(', ')}. This is one operation: if any number cannot change, none will.
              </Typography>
            )}
            {working && !single && <Loader small>Working on {numbers.length} numbers…</Loader>}
            {problem && <ErrorBox message={problem} />}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">Cancel</Button>
          </Modal.Close>
          <Button variant={action === 'quarantine' ? 'danger' : 'default'} onClick={confirm} loading={working} disabled={missing || loadingPreview}>
            {TITLE[action]}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
