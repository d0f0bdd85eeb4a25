import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Box, Button, Flex, Loader, Modal, Typography } from '@strapi/design-system';
import { ErrorBox, displayNumber, errorSentence } from '@switchboard/kit/admin';
import type { NumberDetail as Detail } from '../../../../shared/contracts';
import { CLASS_LABEL, STATUS_LABEL, assignedLabel, when } from './labels';

const Section = ({ title, children }: { title: string; children: React.ReactNode }) => (
  <Box>
    <Typography variant="delta" tag="h3">
      {title}
    </Typography>
    <Box paddingTop={2}>{children}</Box>
  </Box>
);

/** OPS §3.1 detail view: the number, its assignment history, the threads using it, its delivery errors, its cooldown. */
export const NumberDetail = ({ id, onClose }: { id: number; onClose: () => void }) => {
  const { get } = useFetchClient();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    get<{ data: Detail }>(`/numbers/${id}`)
      .then(({ data }) => setDetail(data.data))
      .catch((error) => setProblem(errorSentence(error)));
  }, [get, id]);

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{detail ? detail.display : 'Number details'}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {!detail && !problem && <Loader>Loading the number…</Loader>}
          {problem && <ErrorBox message={problem} />}
          {detail && (
            <Flex direction="column" alignItems="stretch" gap={5}>
              <Section title="Number">
                <Typography tag="p">
                  {CLASS_LABEL[detail.numberClass]} · {STATUS_LABEL[detail.status]} · {assignedLabel(detail)}
                </Typography>
                <Typography tag="p" variant="pi" textColor="neutral600">
                  Added {when(detail.addedAt)} ({detail.source}) · {detail.monthlyCost ? `${detail.monthlyCost.amount} ${detail.monthlyCost.currency} per month` : 'cost unknown'} · provider
                  reference {detail.providerRef ?? 'none'} · SMS {detail.capabilities?.sms ? 'yes' : 'no'}, MMS {detail.capabilities?.mms ? 'yes' : 'no'}, voice{' '}
                  {detail.capabilities?.voice ? 'yes' : 'no'}
                </Typography>
                <Typography tag="p" variant="pi" textColor="neutral600">
                  Assigned {detail.assignmentCount} {detail.assignmentCount === 1 ? 'time' : 'times'} · first {when(detail.firstAssignedAt)} · last {when(detail.lastAssignedAt)}
                </Typography>
              </Section>
              {detail.quarantine && (
                <Section title="Cooldown">
                  <Typography tag="p">
                    Quarantined for {detail.quarantine.reasonLabel.toLowerCase()}
                    {detail.quarantine.note ? ` (${detail.quarantine.note})` : ''}.{' '}
                    {detail.quarantine.daysRemaining > 0
                      ? `Available in ${detail.quarantine.daysRemaining} days, on ${new Date(detail.quarantine.cooldownUntil!).toLocaleDateString()}.`
                      : 'Cooldown complete: it can be released from quarantine.'}
                  </Typography>
                </Section>
              )}
              <Section title={`Threads using it (${detail.threads.length})`}>
                {detail.threads.length === 0 ? (
                  <Typography textColor="neutral600">No threads use this number.</Typography>
                ) : (
                  detail.threads.map((t) => (
                    <Typography key={t.conversationId} tag="p">
                      {displayNumber(t.clientLabel)}
                    </Typography>
                  ))
                )}
              </Section>
              <Section title="Assignment history">
                {detail.history.length === 0 ? (
                  <Typography textColor="neutral600">Never assigned.</Typography>
                ) : (
                  detail.history.map((h, i) => (
                    <Typography key={i} tag="p">
                      {h.kind === 'quarantine' ? 'Quarantined' : `Assigned to ${h.sitter?.displayName ?? 'a sitter'}`} · {when(h.startedAt)} → {h.endedAt ? `${when(h.endedAt)} (${h.endedReason})` : 'now'}
                    </Typography>
                  ))
                )}
              </Section>
              <Section title="Delivery errors (last 30 days)">
                {detail.deliveryErrors.length === 0 ? (
                  <Typography textColor="neutral600">No delivery errors.</Typography>
                ) : (
                  detail.deliveryErrors.map((e, i) => (
                    <Typography key={i} tag="p">
                      {when(e.at)} · to {displayNumber(e.to)} · {e.message ?? 'failed'}
                      {e.code ? ` (${e.code})` : ''}
                    </Typography>
                  ))
                )}
              </Section>
            </Flex>
          )}
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">Close</Button>
          </Modal.Close>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
