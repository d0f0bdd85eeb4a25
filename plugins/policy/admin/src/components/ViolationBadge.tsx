import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useNotification } from '@strapi/strapi/admin';
import { Badge, Button } from '@strapi/design-system';
import { STATUS_LABELS } from '../../../server/src/domain/labels';
import { ViolationDialog } from './ViolationDialog';

/** The part of messaging's staff `Message` this badge reads (API.md `Message.violation`). */
interface WithViolation {
  violation?: { id: string; type: string; status: string };
}

/** "Policy violation · Open": what the badge says, by the violation's status. */
export const violationBadgeLabel = (status: string) => `Policy violation · ${STATUS_LABELS[status] ?? status}`;

/**
 * OPS §3.4 "Policy violation badge (if blocked)", §4.8 "Thread shows blocked message with violation badge; message
 * shows violation details": on a message in the staff inbox that opened a violation, a badge that opens it — its
 * details and, for an Owner, the review. The status follows the message (message:updated after a review).
 */
export function ViolationBadge({ message, timeZone }: { message: WithViolation; timeZone: string | null }) {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const violation = message.violation;
  if (!violation) return null;
  const isOpen = violation.status === 'open';
  return (
    <>
      <button
        type="button"
        data-testid="violation-badge"
        onClick={() => setOpen(true)}
        style={{ background: 'none', border: 'none', padding: 0, cursor: 'pointer' }}
        aria-label={`${violationBadgeLabel(violation.status)}. Show details`}
      >
        <Badge backgroundColor={isOpen ? 'danger100' : 'neutral150'} textColor={isOpen ? 'danger700' : 'neutral700'}>
          {violationBadgeLabel(violation.status)}
        </Badge>
      </button>
      {open && (
        <ViolationDialog
          violationId={violation.id}
          timeZone={timeZone}
          links={() => (
            <Button variant="tertiary" onClick={() => navigate(`/plugins/policy?violationId=${encodeURIComponent(violation.id)}`)}>
              Open in Policy violations
            </Button>
          )}
          onClose={() => setOpen(false)}
          onReviewed={(sentence) => toggleNotification({ type: 'success', message: sentence })}
        />
      )}
    </>
  );
}
