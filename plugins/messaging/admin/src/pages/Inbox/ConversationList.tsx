import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import { displayNumber } from '@switchboard/kit/admin';
import { kindLabel, numberClassLabel, timeLabel, unreadBadge, type Conversation } from '../../api';

/** The inbox's conversations, each a button that opens its thread (the open one is marked current). */
export function ConversationList({ conversations, openId, onOpen }: { conversations: Conversation[]; openId: string | null; onOpen(conversation: Conversation): void }) {
  return (
    <Flex direction="column" alignItems="stretch" gap={1} tag="ul">
      {conversations.map((c) => (
        <li key={c.id}>
          <Box
            tag="button"
            type="button"
            onClick={() => onOpen(c)}
            aria-current={c.id === openId ? 'true' : undefined}
            data-testid="conversation"
            width="100%"
            padding={3}
            hasRadius
            background={c.id === openId ? 'primary100' : 'neutral0'}
            borderColor={c.id === openId ? 'primary200' : 'neutral150'}
            borderStyle="solid"
            borderWidth="1px"
            style={{ textAlign: 'left', cursor: 'pointer' }}
          >
            <Flex justifyContent="space-between" gap={2}>
              <Typography fontWeight="bold" ellipsis>
                {displayNumber(c.title)}
              </Typography>
              {c.unreadCount > 0 && (
                <Badge backgroundColor="danger600" textColor="neutral0" aria-label={c.unreadCount > 99 ? 'more than 99 unread' : `${c.unreadCount} unread`} data-testid="unread-badge" style={{ flexShrink: 0 }}>
                  {unreadBadge(c.unreadCount)}
                </Badge>
              )}
            </Flex>
            <Typography variant="pi" textColor="neutral600" tag="p">
              {kindLabel(c.kind)}
              {c.number ? ` · ${numberClassLabel(c.number.numberClass)}` : ''} · {timeLabel(c.updatedAt)}
            </Typography>
            {c.lastMessage && (
              <Typography variant="pi" textColor="neutral800" ellipsis tag="p">
                {c.lastMessage.sender.displayName}: {c.lastMessage.bodyText}
              </Typography>
            )}
          </Box>
        </li>
      ))}
    </Flex>
  );
}
