import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { Box, Flex, Loader, Typography } from '@strapi/design-system';
import { ErrorBox, errorSentence } from '@switchboard/kit/admin';
import { timeLabel, type AuditEvent } from '../../api';

/** What an audit event means, in the words an operator uses. */
export function auditSentence(event: AuditEvent): string {
  switch (event.action) {
    case 'message.masquerade':
      return `Replied as ${event.details.forBusinessName ?? 'the business'}`;
    case 'message.note_shared_with_business':
      return 'Shared a note with the business';
    case 'conversation.create':
      return 'Started this conversation';
    default:
      return event.action;
  }
}

/** The audit events of one conversation, newest first (GET /messaging/audit?conversationId=…). */
export function AuditPanel({ conversationId, refreshKey }: { conversationId: string; refreshKey: number }) {
  const { get } = useFetchClient();
  const [events, setEvents] = useState<AuditEvent[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    get<{ data: AuditEvent[] }>(`/messaging/audit?conversationId=${encodeURIComponent(conversationId)}&pageSize=50`)
      .then(({ data }) => {
        if (!alive) return;
        setEvents(data.data);
        setProblem(null);
      })
      .catch((error) => alive && setProblem(errorSentence(error, 'The audit trail could not be loaded. Reload the page to try again.')));
    return () => {
      alive = false;
    };
  }, [get, conversationId, refreshKey]);

  return (
    <Box tag="aside" aria-label="Audit trail" background="neutral0" padding={4} shadow="filterShadow" hasRadius>
      <Typography variant="delta" tag="h3">
        Audit trail
      </Typography>
      <Box paddingTop={3}>
        {events === null && !problem && <Loader small>Loading the audit trail…</Loader>}
        {problem && <ErrorBox message={problem} />}
        {events !== null && events.length === 0 && <Typography textColor="neutral600">Nothing recorded for this conversation yet.</Typography>}
        <Flex direction="column" alignItems="stretch" gap={3} tag="ol" data-testid="audit-events">
          {(events ?? []).map((e) => (
            <Box key={e.id} tag="li" data-testid="audit-event">
              <Typography fontWeight="bold">{auditSentence(e)}</Typography>
              <Typography variant="pi" tag="p" textColor="neutral600">
                by {e.actor.displayName}
                {e.effectiveRole !== e.actor.role ? `, acting as ${e.effectiveRole}` : ''} · {timeLabel(e.createdAt)}
              </Typography>
            </Box>
          ))}
        </Flex>
      </Box>
    </Box>
  );
}
