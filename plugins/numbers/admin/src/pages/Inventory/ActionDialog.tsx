import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Box, Button, Field, Flex, Loader, Modal, SingleSelect, SingleSelectOption, Textarea, Typography } from '@strapi/design-system';
import { ErrorBox, displayNumber, errorSentence } from '@switchboard/kit/admin';
import type { ImpactPreview, InventoryNumber, NumberChangeOutcome, ReplacementCandidate, SitterNumber } from '../../../../shared/contracts';
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
 * With several numbers it runs the bulk route: one operation, all or nothing. Quarantining the last active Front Desk
 * number asks for its replacement here (an active pool number, or a number bought first), never a dead end.
 */
export const ActionDialog = ({
  action,
  numbers,
  sitters,
  canBuy,
  onBuyFirst,
  onClose,
  onDone,
}: {
  action: NumberAction;
  numbers: InventoryNumber[];
  sitters: SitterNumber[];
  /** The admin may buy numbers: the replacement of a Front Desk number may be bought first. */
  canBuy: boolean;
  onBuyFirst: () => void;
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
  // The last active Front Desk number: the pool numbers that may replace it (kept while the preview reloads) and the one picked.
  const [replacing, setReplacing] = useState<{ candidates: ReplacementCandidate[] } | null>(null);
  const [replacementId, setReplacementId] = useState<string>('');
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
    const query = new URLSearchParams({ action: previewAction, ...(sitterUserId ? { sitterUserId } : {}), ...(replacementId ? { replacementId } : {}) });
    get<{ data: ImpactPreview }>(`/numbers/${single.id}/preview?${query}`)
      .then(({ data }) => {
        if (!current) return;
        setPreview(data.data);
        if (data.data.needsReplacement) setReplacing({ candidates: data.data.replacementCandidates });
      })
      .catch((error) => current && setProblem(errorSentence(error)))
      .finally(() => current && setLoadingPreview(false));
    return () => {
      current = false;
    };
  }, [get, single, previewAction, sitterUserId, replacementId]);

  const missing =
    (action === 'assign' && !sitterUserId) || (action === 'quarantine' && (!reason || (reason === 'other' && note.trim().length === 0))) || (preview !== null && !preview.allowed);

  const confirm = async () => {
    setWorking(true);
    setProblem(null);
    try {
      let message: string;
      if (single && numbers.length === 1) {
        const body =
          action === 'assign'
            ? { sitterUserId: Number(sitterUserId) }
            : action === 'quarantine'
              ? { reason, ...(note.trim() ? { note: note.trim() } : {}), ...(replacing && replacementId ? { replacementId: Number(replacementId) } : {}) }
              : undefined;
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
                        {s.number ? `${s.displayName} (has ${displayNumber(s.number)})` : s.displayName}
                      </SingleSelectOption>
                    ))}
                </SingleSelect>
              </Field.Root>
            )}
            {action === 'quarantine' && single && replacing && (
              <ReplacementPicker
                leaving={single.display}
                candidates={replacing.candidates}
                value={replacementId}
                onChange={setReplacementId}
                canBuy={canBuy}
                onBuyFirst={onBuyFirst}
              />
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
              <Box background={preview.allowed || (preview.needsReplacement && !replacementId) ? 'neutral100' : 'danger100'} padding={3} hasRadius role="status" aria-label="Impact preview">
                {preview.allowed ? (
                  <Flex direction="column" alignItems="stretch" gap={2}>
                    <Typography fontWeight="bold">{preview.confirmation}</Typography>
                    {preview.threads.length > 0 && (
                      <Typography variant="pi">Threads affected: {preview.threads.map((t) => displayNumber(t.clientLabel)).join(', ')}</Typography>
                    )}
                  </Flex>
                ) : preview.needsReplacement && !replacementId ? (
                  <Typography>Pick a replacement Front Desk number to see what this quarantine will do.</Typography>
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

/**
 * OPS §3.1 "Assign replacement first", in the same dialog: the active pool number that becomes the Front Desk number
 * when this one is quarantined, or — for an admin who may buy — a number bought first.
 */
const ReplacementPicker = ({
  leaving,
  candidates,
  value,
  onChange,
  canBuy,
  onBuyFirst,
}: {
  leaving: string;
  candidates: ReplacementCandidate[];
  value: string;
  onChange: (id: string) => void;
  canBuy: boolean;
  onBuyFirst: () => void;
}) => (
  <Flex direction="column" alignItems="stretch" gap={2}>
    {candidates.length > 0 ? (
      <Field.Root
        name="replacement"
        required
        hint={`${leaving} is the only active Front Desk number. The pool number you pick becomes the Front Desk number and takes over its threads, in the same step.`}
      >
        <Field.Label>Replacement Front Desk number</Field.Label>
        <SingleSelect value={value} placeholder="Pick a pool number" onChange={(v: string | number) => onChange(String(v))}>
          {candidates.map((c) => (
            <SingleSelectOption key={c.id} value={String(c.id)}>
              {c.display}
            </SingleSelectOption>
          ))}
        </SingleSelect>
        <Field.Hint />
      </Field.Root>
    ) : (
      <Typography>
        {leaving} is the only active Front Desk number, and no active pool number can take over.{' '}
        {canBuy ? 'Buy a number first; it can then replace this one.' : 'Ask an Owner to buy a number, then quarantine this one.'}
      </Typography>
    )}
    {canBuy && (
      <Box>
        <Button variant="tertiary" onClick={onBuyFirst}>
          {candidates.length > 0 ? 'Or buy a new Front Desk number first' : 'Buy a number first'}
        </Button>
      </Box>
    )}
  </Flex>
);
