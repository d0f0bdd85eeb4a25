import { Badge, Box, Button, Flex, Typography } from '@strapi/design-system';
import { displayNumber } from '@switchboard/kit/admin';
import { timeLabel, type Message } from '../../api';
import { deliveryLabel } from '../../components/delivery-label';
import { routingBadgeLabel } from './routing-line';

/** What another plugin puts on a message (the `inbox.messageBadges` injection zone, admin/src/index.tsx). */
export interface MessageBadge {
  name: string;
  Component: React.ComponentType<{ message: Message; timeZone: string | null }>;
}

/** One message in the staff thread: who wrote it (and, for a masquerade, who really did), its state, a retry when it failed. */
export function MessageBubble({
  message: m,
  onRetry,
  onShowRouting,
  badges = [],
  timeZone = null,
}: {
  message: Message;
  onRetry(): void;
  onShowRouting?(decisionId: string): void;
  badges?: MessageBadge[];
  timeZone?: string | null;
}) {
  const fromStaff = m.sender.role === 'admin' || Boolean(m.masquerade);
  const delivery = deliveryLabel(m.state);
  return (
    <Flex justifyContent={fromStaff ? 'flex-end' : 'flex-start'} data-testid="message">
      <Box
        background={m.masquerade ? 'alternative100' : fromStaff ? 'primary100' : 'neutral100'}
        padding={3}
        hasRadius
        maxWidth="75%"
        style={{ opacity: m.local?.status === 'pending' ? 0.6 : 1 }}
      >
        <Flex gap={2} wrap="wrap" alignItems="center">
          <Typography variant="omega" fontWeight="bold">
            {/* A client not named yet is their number: read as a person reads one. */}
            {displayNumber(m.sender.displayName)}
          </Typography>
          {m.masquerade && (
            <Badge backgroundColor="alternative200" textColor="alternative700">
              Masquerade · written by {m.masquerade.actor.displayName}
            </Badge>
          )}
          {m.visibleToBusiness && <Badge>Shared with business</Badge>}
          <Typography variant="pi" textColor="neutral600">
            {timeLabel(m.createdAt)}
            {m.local?.status === 'pending' ? ' · Sending…' : ''}
          </Typography>
          {!m.local && delivery && (
            <Badge data-testid="message-delivery" backgroundColor={delivery.problem ? 'danger100' : 'neutral150'} textColor={delivery.problem ? 'danger700' : 'neutral700'}>
              {delivery.label}
            </Badge>
          )}
          {m.routing && (
            // OPS §3.4 action 4: the routing badge opens why this SMS went where it went.
            <button
              type="button"
              data-testid="routing-badge"
              onClick={() => onShowRouting?.(m.routing!.decisionId)}
              style={{ background: 'none', border: 'none', padding: 0, cursor: 'pointer' }}
              aria-label={`${routingBadgeLabel(m.routing)}. Show why`}
            >
              <Badge backgroundColor={m.routing.overridden ? 'warning100' : 'secondary100'} textColor={m.routing.overridden ? 'warning700' : 'secondary700'}>
                {routingBadgeLabel(m.routing)}
              </Badge>
            </button>
          )}
          {!m.local && badges.map(({ name, Component }) => <Component key={name} message={m} timeZone={timeZone} />)}
        </Flex>
        <Typography tag="div">
          <div dangerouslySetInnerHTML={{ __html: m.bodyHtml }} />
        </Typography>
        {m.notice && (
          // Issue 18: why the anti-poaching policy stopped this message (staff read it redacted).
          <Typography variant="pi" textColor="danger700" tag="p" data-testid="message-notice">
            {m.notice}
          </Typography>
        )}
        {m.local?.status === 'failed' && (
          <Flex gap={2} paddingTop={2} role="alert">
            <Typography variant="pi" textColor="danger700">
              {m.local.problem}
            </Typography>
            <Button size="S" variant="danger-light" onClick={onRetry}>
              Retry
            </Button>
          </Flex>
        )}
      </Box>
    </Flex>
  );
}
