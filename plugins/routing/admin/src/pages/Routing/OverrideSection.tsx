import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Badge, Box, Button, Dialog, Field, Flex, Loader, SingleSelect, SingleSelectOption, Textarea, Toggle, Typography } from '@strapi/design-system';
import { ErrorBox, PreviewDialog, errorSentence, useFetchedData } from '@switchboard/kit/admin';
import type { Override } from '../../../../shared/contracts';
import { formatAt, targetWords } from './model';
import type { ThreadChoice } from './ThreadPicker';

const DURATIONS: Array<{ value: Override['duration']; label: string }> = [
  { value: '1h', label: '1 hour' },
  { value: '4h', label: '4 hours' },
  { value: '24h', label: '24 hours' },
  { value: 'until_removed', label: 'Until manually removed' },
];
const OWNER_INBOX = 'owner_inbox';
export const WINDOW_RULES_QUESTION = 'Override assignment window rules?';

interface SitterOption {
  id: number;
  displayName: string;
}
const NO_SITTERS: SitterOption[] = [];

/**
 * OPS §3.2 "Override Section" and §4.6: the thread's active override (who set it, to whom, until when, why), and for
 * an Owner the toggle, target, duration and reason, the preview with the spec's question, and removal with its
 * confirmation. A Messaging Admin sees the override but none of the controls; the server refuses them anyway.
 */
export const OverrideSection = ({
  zone,
  thread,
  canOverride,
  version,
  startEnabled = false,
  startSitterId = null,
  onChanged,
}: {
  zone: string;
  thread: ThreadChoice;
  canOverride: boolean;
  version: number;
  startEnabled?: boolean;
  /** The Assignments page's "Override window rules": the window's sitter as the target. */
  startSitterId?: string | null;
  onChanged: (sentence: string) => void;
}) => {
  const { get, post, del } = useFetchClient();
  // The active sitters an override may route to (only an Owner's form asks).
  const sitters = useFetchedData<SitterOption[]>(canOverride ? '/people/sitters?active=true' : null, NO_SITTERS);
  const [active, setActive] = useState<Override | null | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const [enabled, setEnabled] = useState(startEnabled);
  const [target, setTarget] = useState<string>(startSitterId ?? OWNER_INBOX);
  const [duration, setDuration] = useState<Override['duration']>('1h');
  const [reason, setReason] = useState('');
  const [reasonProblem, setReasonProblem] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [removeProblem, setRemoveProblem] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setActive(undefined);
    setProblem(null);
    get<{ data: Override[] }>(`/routing/overrides?conversationId=${encodeURIComponent(thread.id)}&status=active`)
      .then(({ data }) => current && setActive(data.data[0] ?? null))
      .catch((error) => current && setProblem(errorSentence(error, 'The overrides of this thread could not be loaded.')));
    return () => {
      current = false;
    };
  }, [get, thread.id, version]);

  const body = () => ({
    conversationId: Number(thread.id),
    target: target === OWNER_INBOX ? { type: 'owner_inbox' } : { type: 'sitter', sitterId: Number(target) },
    duration,
    reason: reason.trim(),
  });

  const openPreview = () => {
    if (!reason.trim()) return setReasonProblem('A reason is required.');
    setReasonProblem(null);
    setPreviewing(true);
  };

  const remove = async () => {
    if (!active) return;
    setRemoveProblem(null);
    try {
      await del(`/routing/overrides/${encodeURIComponent(active.id)}`);
      setRemoving(false);
      onChanged('Routing override removed. Messages will route normally.');
    } catch (error) {
      setRemoveProblem(errorSentence(error));
    }
  };

  if (problem) return <ErrorBox message={problem} />;
  if (active === undefined) return <Loader small>Loading this thread's override…</Loader>;
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {active ? (
        <Box background="warning100" padding={4} hasRadius role="status" aria-label="Active override">
          <Flex justifyContent="space-between" gap={4} alignItems="flex-start">
            <Flex direction="column" alignItems="flex-start" gap={1}>
              <Flex gap={2}>
                <Badge>Owner override</Badge>
                <Typography fontWeight="bold">Messages route to {targetWords(active.target)}</Typography>
              </Flex>
              <Typography>{active.endsAt ? `Until ${formatAt(active.endsAt, zone)}.` : 'Until an owner removes it.'}</Typography>
              <Typography>
                Set by {active.createdBy.displayName} on {formatAt(active.startsAt, zone)}. Reason: {active.reason}
              </Typography>
            </Flex>
            {canOverride && (
              <Button variant="danger-light" onClick={() => setRemoving(true)}>
                Remove Override
              </Button>
            )}
          </Flex>
        </Box>
      ) : (
        <Typography textColor="neutral600">No override on this thread: the rules above decide.</Typography>
      )}

      {canOverride && !active && (
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box maxWidth="24rem">
            <Field.Root name="overrideEnabled">
              <Field.Label>Override routing temporarily</Field.Label>
              <Toggle onLabel="On" offLabel="Off" checked={enabled} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setEnabled(e.target.checked)} />
            </Field.Root>
          </Box>
          {enabled && (
            <Flex gap={4} alignItems="flex-start" wrap="wrap">
              <Box minWidth="16rem">
                <Field.Root name="target">
                  <Field.Label>Route to</Field.Label>
                  <SingleSelect value={target} onChange={(v: string | number) => setTarget(String(v))}>
                    <SingleSelectOption value={OWNER_INBOX}>Owner Inbox</SingleSelectOption>
                    {sitters.map((s) => (
                      <SingleSelectOption key={s.id} value={String(s.id)}>
                        {`Sitter: ${s.displayName}`}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Field.Root>
              </Box>
              <Box minWidth="16rem">
                <Field.Root name="duration">
                  <Field.Label>Override for</Field.Label>
                  <SingleSelect value={duration} onChange={(v: string | number) => setDuration(v as Override['duration'])}>
                    {DURATIONS.map((d) => (
                      <SingleSelectOption key={d.value} value={d.value}>
                        {d.label}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Field.Root>
              </Box>
              <Box minWidth="24rem" grow={1}>
                <Field.Root name="reason" required error={reasonProblem ?? undefined}>
                  <Field.Label>Reason</Field.Label>
                  <Textarea value={reason} placeholder="Why messages should go elsewhere for now" onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setReason(e.target.value)} />
                  <Field.Error />
                </Field.Root>
              </Box>
              <Box paddingTop={6}>
                <Button onClick={openPreview}>Preview override</Button>
              </Box>
            </Flex>
          )}
        </Flex>
      )}

      {previewing && (
        <PreviewDialog
          title={target === OWNER_INBOX ? 'Override routing' : 'Override window rules'}
          // OPS §3.3 action 6: a sitter override is the window rules' override, and asks the spec's question.
          question={target === OWNER_INBOX ? undefined : WINDOW_RULES_QUESTION}
          confirmLabel="Override routing"
          preview={async () => (await post<{ data: { impact: string[] } }>('/routing/overrides?preview=true', body())).data.data.impact}
          write={async () => (await post<{ data: { confirmation: string } }>('/routing/overrides', body())).data.data.confirmation}
          onClose={() => setPreviewing(false)}
          onDone={(sentence) => {
            setPreviewing(false);
            setEnabled(false);
            setReason('');
            onChanged(sentence);
          }}
        />
      )}

      <Dialog.Root open={removing} onOpenChange={setRemoving}>
        <Dialog.Content>
          <Dialog.Header>Remove routing override?</Dialog.Header>
          <Dialog.Body>
            <Flex direction="column" alignItems="stretch" gap={2}>
              <Typography>Remove routing override? Messages will route normally.</Typography>
              {removeProblem && <ErrorBox message={removeProblem} />}
            </Flex>
          </Dialog.Body>
          <Dialog.Footer>
            <Dialog.Cancel>
              <Button variant="tertiary">Cancel</Button>
            </Dialog.Cancel>
            <Button variant="danger" onClick={remove}>
              Remove Override
            </Button>
          </Dialog.Footer>
        </Dialog.Content>
      </Dialog.Root>
    </Flex>
  );
};
