import { defaults } from '@switchboard/config';
import type { DeliveryFailureStatus } from './inputs';

/**
 * The delivery-failures feed's rules (OPS §4.7), pure: what a delivery update does to a failure, its title for alerts,
 * what the feed and its CSV show, and when an owner may retry it.
 */

/** What the provider tells its listeners of one SMS (provider's `DeliveryUpdate`, in this plugin's words). */
export interface DeliveryChange {
  status: string;
  deadLettered: boolean;
  problem: { code: number | null; message: string; nextStep: string } | null;
}

export interface StoredFailure {
  id: number;
  outboundId: number;
  messageId: string;
  conversationId: string | null;
  clientName: string | null;
  recipient: string;
  errorCode: number | null;
  reason: string;
  nextStep: string | null;
  attempts: number;
  status: DeliveryFailureStatus;
  retryable: boolean;
  firstFailedAt: string | Date;
  lastFailedAt: string | Date;
  resolvedAt: string | Date | null;
  resolution: 'delivered' | 'manual' | null;
  resolvedBy: string | null;
  note: string | null;
}

/**
 * What a delivery update means for the feed: an attempt failed (`retrying` while automatic attempts remain, `failed`
 * once dead-lettered or refused by the network), the SMS went out after all (`resolved`), or nothing to record.
 */
export function failureStatusAfter(change: DeliveryChange): 'failed' | 'retrying' | 'delivered' | null {
  if (change.deadLettered || change.status === 'failed' || change.status === 'undelivered') return change.problem || change.deadLettered ? 'failed' : null;
  if (change.problem && change.status === 'queued') return 'retrying';
  if (change.status === 'sent' || change.status === 'delivered') return 'delivered';
  return null;
}

/** An owner's Retry is offered for a failure that is waiting: failed, or stuck in the provider's crash window. */
export const retryable = (status: DeliveryFailureStatus): boolean => status === 'failed' || status === 'stuck';

/** The stuck sentence (no provider code: the provider never answered). */
/** The provider's delivery timeout in the sentence (OPS §3.8 "Delivery timeout"). */
export const stuckReason = (minutes: number = defaults.deliveryStuckMinutes) => `The message has been waiting to send for over ${minutes} minutes; the provider may never have received it.`;
export const STUCK_REASON = stuckReason();
export const STUCK_NEXT_STEP = 'Retry it, or check the thread and the provider status first if the client may already have it.';

/** The alert's title (OPS §4.7 "Delivery failure: [Thread] - [Reason]"). */
export function failureTitle(clientName: string | null, recipient: string, reason: string): string {
  return `Delivery failure: ${clientName || recipient} - ${reason}`;
}

/** API.md `DeliveryFailure`, with the feed's columns beside it. */
export interface DeliveryFailureView {
  id: string;
  messageId: string;
  errorCode: number | null;
  reason: string;
  nextStep: string | null;
  attempts: number;
  status: DeliveryFailureStatus;
  retryable: boolean;
  conversationId: string | null;
  thread: { clientName: string | null; recipient: string };
  createdAt: string;
  lastFailedAt: string;
  resolution: { at: string; how: 'delivered' | 'manual'; by: string | null; note: string | null } | null;
}

const iso = (value: string | Date) => new Date(value).toISOString();

export function failureView(row: StoredFailure): DeliveryFailureView {
  return {
    id: String(row.id),
    messageId: row.messageId,
    errorCode: row.errorCode ?? null,
    reason: row.reason,
    nextStep: row.nextStep ?? null,
    attempts: row.attempts,
    status: row.status,
    retryable: retryable(row.status),
    conversationId: row.conversationId ?? null,
    thread: { clientName: row.clientName ?? null, recipient: row.recipient },
    createdAt: iso(row.firstFailedAt),
    lastFailedAt: iso(row.lastFailedAt),
    resolution: row.resolvedAt && row.resolution ? { at: iso(row.resolvedAt), how: row.resolution, by: row.resolvedBy ?? null, note: row.note ?? null } : null,
  };
}

export const FAILURE_STATUS_LABELS: Record<DeliveryFailureStatus, string> = { failed: 'Failed', retrying: 'Retrying', stuck: 'Stuck', resolved: 'Resolved' };

export const FAILURES_CSV_HEADER = ['id', 'time', 'client', 'recipient', 'thread', 'message', 'error code', 'reason', 'attempts', 'status', 'resolved at', 'resolved by', 'note'] as const;

export function failureCsvRow(v: DeliveryFailureView): string[] {
  return [
    v.id,
    v.createdAt,
    v.thread.clientName ?? '',
    v.thread.recipient,
    v.conversationId ?? '',
    v.messageId,
    v.errorCode === null ? '' : String(v.errorCode),
    v.reason,
    String(v.attempts),
    FAILURE_STATUS_LABELS[v.status],
    v.resolution?.at ?? '',
    v.resolution?.by ?? (v.resolution?.how === 'delivered' ? 'Delivered on a later attempt' : ''),
    v.resolution?.note ?? '',
  ];
}
