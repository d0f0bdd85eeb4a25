import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useFetchClient } from '@strapi/strapi/admin';
import { Badge, Button, Flex, Loader, Modal, Typography } from '@strapi/design-system';
import { ErrorBox, errorSentence } from '@switchboard/kit/admin';
import { routingPath } from './routing-line';

/** What this dialog reads of API.md's `RoutingDecision` (GET /routing/decisions/:id). */
interface Decision {
  id: string;
  at: string;
  conversationId: string;
  steps: Array<{ n: number; check: string; result: string }>;
  target: { type: string; label: string };
  reason: string;
  overridden: boolean;
}

/**
 * OPS §3.4 action 4 "View Routing Decision": why this SMS went where it went — the steps as they were evaluated (the
 * window status at the message's time is one of them), the reason, and whether an owner override decided.
 */
export function RoutingDecisionDialog({ decisionId, timeZone, onClose }: { decisionId: string; timeZone: string | null; onClose(): void }) {
  const { get } = useFetchClient();
  const navigate = useNavigate();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    get<{ data: Decision }>(`/routing/decisions/${encodeURIComponent(decisionId)}`)
      .then(({ data }) => current && setDecision(data.data))
      .catch((error) => current && setProblem(errorSentence(error, 'This routing decision could not be loaded. Close this and try again.')));
    return () => {
      current = false;
    };
  }, [get, decisionId]);

  const at = decision ? new Date(decision.at).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }) : '';
  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>Why this message went to {decision?.target.label ?? '…'}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {!decision && !problem && <Loader small>Loading the routing decision…</Loader>}
          {problem && <ErrorBox message={problem} />}
          {decision && (
            <Flex direction="column" alignItems="stretch" gap={2} data-testid="routing-decision">
              <Typography textColor="neutral600">Decided {at}</Typography>
              {decision.steps.map((s) => (
                <Typography key={s.n}>
                  Step {s.n}: {s.check} → {s.result}
                </Typography>
              ))}
              <Typography fontWeight="bold">Routed to: {decision.target.label}</Typography>
              <Typography>Because: {decision.reason}</Typography>
              {decision.overridden ? <Badge>Owner override</Badge> : <Typography textColor="neutral600">No override applied.</Typography>}
            </Flex>
          )}
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">Close</Button>
          </Modal.Close>
          {decision && (
            <Button variant="secondary" onClick={() => navigate(routingPath(decision.conversationId))}>
              Open in Routing
            </Button>
          )}
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
