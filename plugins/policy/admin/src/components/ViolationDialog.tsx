import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Badge, Box, Button, Field, Flex, Loader, Modal, Textarea, Typography } from '@strapi/design-system';
import { ErrorBox, displayNumber, errorSentence, useAdminRights } from '@switchboard/kit/admin';
import { ACTION_LABELS, SENDER_ROLE_LABELS, STATUS_LABELS, typesTitle } from '../../../server/src/domain/labels';
import type { ViolationView } from '../../../server/src/services/violations';

/** API.md `PolicyViolation` as the routes answer it (services/violations.ts). */
export type ViolationDetails = ViolationView;

type Review = 'approve' | 'dismiss' | 'resolve';
const REVIEWS: Record<Review, { label: string; done: string; explain: (v: ViolationDetails) => string }> = {
  approve: {
    label: 'Approve and deliver',
    done: 'Violation approved. The message was delivered.',
    explain: (v) => (v.actionTaken === 'held' ? 'The sitter will see the client’s message.' : 'The message goes out to the client by SMS.'),
  },
  dismiss: { label: 'Dismiss', done: 'Violation dismissed. The message stays undelivered.', explain: () => 'No action is needed; the message stays undelivered.' },
  resolve: { label: 'Resolve', done: 'Violation resolved. The message stays undelivered.', explain: () => 'The violation was handled; the message stays undelivered.' },
};

/**
 * One policy violation (OPS §4.8 steps 5–6, §3.5 "Review Policy Violation"), opened from the Policy violations page and
 * from the violation badge policy puts on a message in the staff inbox: its type, the redacted content, the sender, the thread and the action taken; the
 * Owner may reveal the original (audited) and approve, dismiss or resolve it with a required reason. A Messaging Admin
 * reads it and is told why they may not act. `links`: the caller's way onward (the thread, or the feed).
 */
export function ViolationDialog({
  violationId,
  timeZone,
  links,
  onClose,
  onReviewed,
}: {
  violationId: string;
  timeZone?: string | null;
  links?(violation: ViolationDetails): React.ReactNode;
  onClose(): void;
  onReviewed(sentence: string, violation: ViolationDetails): void;
}) {
  const { get, post } = useFetchClient();
  const { holds, isLoading: checking } = useAdminRights();
  const canReview = holds('plugin::policy.review');
  const [violation, setViolation] = useState<ViolationDetails | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [original, setOriginal] = useState<string | null>(null);
  const [revealing, setRevealing] = useState(false);
  const [review, setReview] = useState<Review | null>(null);
  const [reason, setReason] = useState('');
  const [reasonProblem, setReasonProblem] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  useEffect(() => {
    let current = true;
    get<{ data: ViolationDetails }>(`/policy/violations/${encodeURIComponent(violationId)}`)
      .then(({ data }) => current && setViolation(data.data))
      .catch((error) => current && setProblem(errorSentence(error, 'This violation could not be loaded. Close this and try again.')));
    return () => {
      current = false;
    };
  }, [get, violationId]);

  const at = (iso: string) =>
    new Date(iso).toLocaleString('en-US', { ...(timeZone ? { timeZone } : {}), weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });

  const reveal = async () => {
    setRevealing(true);
    setProblem(null);
    try {
      const { data } = await post<{ data: { originalText: string } }>(`/policy/violations/${encodeURIComponent(violationId)}/reveal`, {});
      setOriginal(data.data.originalText);
    } catch (error) {
      setProblem(errorSentence(error));
    } finally {
      setRevealing(false);
    }
  };

  const confirm = async () => {
    if (!review || !violation) return;
    if (!reason.trim()) {
      setReasonProblem('A reason is required.');
      return;
    }
    setWorking(true);
    setProblem(null);
    try {
      const { data } = await post<{ data: ViolationDetails }>(`/policy/violations/${encodeURIComponent(violationId)}/${review}`, { reason });
      setViolation(data.data);
      setReview(null);
      setReason('');
      onReviewed(REVIEWS[review].done, data.data);
    } catch (error) {
      setProblem(errorSentence(error));
    } finally {
      setWorking(false);
    }
  };

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>Policy violation</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4} data-testid="violation-details">
            {!violation && !problem && <Loader small>Loading the violation…</Loader>}
            {violation && (
              <>
                <Flex gap={2} wrap="wrap">
                  <Typography variant="delta" tag="h3">
                    {typesTitle(violation.types)}
                  </Typography>
                  <Badge backgroundColor={violation.status === 'open' ? 'danger100' : 'neutral150'} textColor={violation.status === 'open' ? 'danger700' : 'neutral700'}>
                    {STATUS_LABELS[violation.status] ?? violation.status}
                  </Badge>
                </Flex>
                <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 16px', margin: 0 }}>
                  {(
                    [
                      ['When', at(violation.createdAt)],
                      ['Thread', `${violation.thread.clientName}${violation.thread.businessNumber ? ` · ${displayNumber(violation.thread.businessNumber)}` : ''}`],
                      ['Sender', `${violation.sender.displayName} (${SENDER_ROLE_LABELS[violation.sender.role] ?? violation.sender.role})`],
                      ['Action taken', ACTION_LABELS[violation.actionTaken] ?? violation.actionTaken],
                    ] as const
                  ).map(([term, value]) => (
                    <div key={term} style={{ display: 'contents' }}>
                      <dt>
                        <Typography textColor="neutral600">{term}</Typography>
                      </dt>
                      <dd style={{ margin: 0 }}>
                        <Typography>{value}</Typography>
                      </dd>
                    </div>
                  ))}
                </dl>
                <Box background="neutral100" padding={3} hasRadius>
                  <Typography variant="sigma" textColor="neutral600" tag="p">
                    Detected content (redacted)
                  </Typography>
                  <Typography tag="p" data-testid="violation-redacted">
                    {violation.redactedText}
                  </Typography>
                </Box>
                {original !== null && (
                  <Box background="warning100" padding={3} hasRadius role="region" aria-label="Original message">
                    <Typography variant="sigma" textColor="warning700" tag="p">
                      Original message (this reveal is recorded in the audit log)
                    </Typography>
                    <Typography tag="p" data-testid="violation-original">
                      {original}
                    </Typography>
                  </Box>
                )}
                {violation.review && (
                  <Typography tag="p" textColor="neutral700" data-testid="violation-review">
                    {STATUS_LABELS[violation.status]} by {violation.review.by ?? 'an owner'} on {at(violation.review.at)}: “{violation.review.reason}”
                  </Typography>
                )}
                {!checking && !canReview && violation.status === 'open' && <Typography textColor="neutral600">Only an owner can review policy violations.</Typography>}
                {review && (
                  <Box>
                    <Typography tag="p" textColor="neutral700">
                      {REVIEWS[review].explain(violation)}
                    </Typography>
                    <Field.Root name="reason" required error={reasonProblem ?? undefined}>
                      <Field.Label>Reason</Field.Label>
                      <Textarea
                        value={reason}
                        placeholder="Why, for the audit log"
                        onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => {
                          setReason(e.target.value);
                          setReasonProblem(null);
                        }}
                      />
                      <Field.Error />
                    </Field.Root>
                  </Box>
                )}
              </>
            )}
            {problem && <ErrorBox message={problem} />}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Flex gap={2} wrap="wrap">
            {violation && links?.(violation)}
            {violation && canReview && original === null && (
              <Button variant="tertiary" onClick={reveal} loading={revealing}>
                Reveal original
              </Button>
            )}
          </Flex>
          <Flex gap={2} wrap="wrap">
            {violation && canReview && violation.status === 'open' && !review && (
              <>
                {violation.actionTaken !== 'overridden' && (
                  <Button variant="secondary" onClick={() => setReview('approve')}>
                    {REVIEWS.approve.label}
                  </Button>
                )}
                <Button variant="secondary" onClick={() => setReview('resolve')}>
                  {REVIEWS.resolve.label}
                </Button>
                <Button variant="secondary" onClick={() => setReview('dismiss')}>
                  {REVIEWS.dismiss.label}
                </Button>
              </>
            )}
            {review && (
              <>
                <Button variant="tertiary" onClick={() => setReview(null)}>
                  Back
                </Button>
                <Button variant={review === 'approve' ? 'default' : 'secondary'} onClick={confirm} loading={working}>
                  {`Confirm: ${REVIEWS[review].label.toLowerCase()}`}
                </Button>
              </>
            )}
            {!review && (
              <Modal.Close>
                <Button variant="tertiary">Close</Button>
              </Modal.Close>
            )}
          </Flex>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
