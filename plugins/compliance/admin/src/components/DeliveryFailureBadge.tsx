import { useState } from 'react';
import { useNotification } from '@strapi/strapi/admin';
import { Badge, Button, Flex } from '@strapi/design-system';
import { RetryDialog } from './FailureDialogs';

/** The part of messaging's staff `Message` this badge reads (API.md `Message.deliveryFailure`). */
interface WithDeliveryFailure {
  deliveryFailure?: { id: string; reason: string; attempts: number; retryable: boolean; status: string };
}

/**
 * OPS §4.7 "Thread shows failed message with error badge; message shows retry button": on a failed SMS in the staff
 * inbox, the reason and, while the failure waits, the same Retry as the Delivery failures feed. Put on the message
 * through messaging's `inbox.messageBadges` injection zone; the status follows the message (message:updated).
 */
export function DeliveryFailureBadge({ message }: { message: WithDeliveryFailure }) {
  const [retrying, setRetrying] = useState(false);
  const { toggleNotification } = useNotification();
  const failure = message.deliveryFailure;
  if (!failure) return null;
  return (
    <Flex gap={2} wrap="wrap" data-testid="delivery-failure-badge">
      <Badge backgroundColor="danger100" textColor="danger700" title={failure.reason}>
        {failure.status === 'retrying' ? 'Delivery failed · retrying' : `Delivery failed · ${failure.attempts === 1 ? '1 attempt' : `${failure.attempts} attempts`}`}
      </Badge>
      {failure.retryable && (
        <Button size="S" variant="danger-light" onClick={() => setRetrying(true)} aria-label={`Retry sending this message. ${failure.reason}`}>
          Retry
        </Button>
      )}
      {retrying && (
        <RetryDialog
          failure={failure}
          onClose={() => setRetrying(false)}
          onDone={(sentence) => {
            setRetrying(false);
            toggleNotification({ type: 'success', message: sentence });
          }}
        />
      )}
    </Flex>
  );
}
