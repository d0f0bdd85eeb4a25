import { advancesStatus, type DeliveryStatus } from './provider';
import { describeProviderError, type ProviderProblem } from './provider-errors';
import { shouldRetry } from './backoff';

/**
 * One SMS on its way out (OPS §4.7): which rows a worker may claim, what a failed attempt changes, how a status
 * callback moves the state, and what listeners and staff read. Pure: the delivery worker and the outbound service
 * apply these decisions to the database.
 */

/** `retrying` is stored between automatic attempts; everyone outside hears it as `queued`. */
export type StoredDeliveryStatus = DeliveryStatus | 'retrying';

export interface OutboundRow {
  id: number;
  messageRef: string;
  fromNumber: string;
  toNumber: string;
  body: string;
  status: StoredDeliveryStatus;
  attempts: number;
  providerMessageId: string | null;
  errorCode: number | null;
  errorMessage: string | null;
  deadLettered: boolean;
}

/** What a person reads about a failed delivery: the sentence and the next step, with the provider's code. */
export type DeliveryProblem = { code: number | null; message: string; nextStep: string };

/** What a delivery listener (the messaging plugin) hears about an outbound SMS. */
export interface DeliveryUpdate {
  outboundId: number;
  messageRef: string;
  status: DeliveryStatus;
  deadLettered: boolean;
  problem: DeliveryProblem | null;
}

/** A dead letter or a retried send as staff see it (GET /provider/deliveries/dead-letters, POST …/retry). */
export interface DeliveryView {
  id: number;
  messageRef: string;
  to: string;
  from: string;
  status: StoredDeliveryStatus;
  attempts: number;
  errorCode: number | null;
  errorMessage: string | null;
  deadLettered: boolean;
}

export const publicStatus = (status: StoredDeliveryStatus): DeliveryStatus => (status === 'retrying' ? 'queued' : status);

/** A row as Strapi's query engine (camelCase) or knex (snake_case) returns it. */
export function toOutboundRow(r: Record<string, any>): OutboundRow {
  return {
    id: r.id,
    messageRef: r.messageRef ?? r.message_ref,
    fromNumber: r.fromNumber ?? r.from_number,
    toNumber: r.toNumber ?? r.to_number,
    body: r.body,
    status: r.status,
    attempts: r.attempts,
    providerMessageId: r.providerMessageId ?? r.provider_message_id ?? null,
    errorCode: r.errorCode ?? r.error_code ?? null,
    errorMessage: r.errorMessage ?? r.error_message ?? null,
    deadLettered: Boolean(r.deadLettered ?? r.dead_lettered),
  };
}

export function toDeliveryView(row: OutboundRow): DeliveryView {
  return { id: row.id, messageRef: row.messageRef, to: row.toNumber, from: row.fromNumber, status: row.status, attempts: row.attempts, errorCode: row.errorCode, errorMessage: row.errorMessage, deadLettered: row.deadLettered };
}

/** The stored states of a send still waiting for an attempt (the worker's recovery query reads the same list). */
export const WAITING_STATUSES: readonly StoredDeliveryStatus[] = ['queued', 'retrying'];

/** Only a row still waiting is sent: never one the provider already accepted, one dead-lettered, or one another worker is sending. */
export function isClaimable(row: Pick<OutboundRow, 'status' | 'providerMessageId' | 'deadLettered'>): boolean {
  return !row.providerMessageId && !row.deadLettered && WAITING_STATUSES.includes(row.status);
}

export const deliveryProblem = (problem: ProviderProblem): DeliveryProblem => ({ code: problem.code, message: problem.message, nextStep: problem.nextStep });

export function deliveryUpdate(row: OutboundRow, problem: DeliveryProblem | null): DeliveryUpdate {
  return { outboundId: row.id, messageRef: row.messageRef, status: publicStatus(row.status), deadLettered: row.deadLettered, problem };
}

export type FailedAttemptChange = Pick<OutboundRow, 'status' | 'errorCode' | 'errorMessage'> & { deadLettered?: boolean };

/**
 * After attempt `attempts` failed: retry automatically (a retryable problem, attempts left), or dead-letter it for an
 * owner to retry by hand. The row keeps the problem's sentence either way.
 */
export function afterFailedAttempt(attempts: number, maxAttempts: number, problem: ProviderProblem): { retry: boolean; change: FailedAttemptChange } {
  const retry = shouldRetry(attempts, maxAttempts, problem);
  return retry
    ? { retry, change: { status: 'retrying', errorCode: problem.code, errorMessage: problem.message } }
    : { retry, change: { status: 'failed', errorCode: problem.code, errorMessage: problem.message, deadLettered: true } };
}

const STORED_STATUSES: readonly StoredDeliveryStatus[] = ['queued', 'retrying', 'sending', 'sent', 'delivered', 'undelivered', 'failed'];

/**
 * The stored states a status callback for `next` may still move a send from (every one it advances): the guard of the
 * conditional update, so that two callbacks applied at once (a duplicate, or a late earlier step racing a later one)
 * move the row at most once, and never back.
 */
export function statusesBefore(next: DeliveryStatus): StoredDeliveryStatus[] {
  return STORED_STATUSES.filter((s) => advancesStatus(publicStatus(s), next));
}

/**
 * A status callback: the change to store and the problem to report, or null when it would move the state back
 * (a late "sent" after "delivered") or nowhere.
 */
export function statusCallbackChange(
  current: StoredDeliveryStatus,
  next: DeliveryStatus,
  errorCode: number | null,
): { change: Pick<OutboundRow, 'status'> & Partial<Pick<OutboundRow, 'errorCode' | 'errorMessage'>>; problem: DeliveryProblem | null } | null {
  if (!advancesStatus(publicStatus(current), next)) return null;
  const problem = errorCode ? describeProviderError({ code: errorCode }) : null;
  return { change: { status: next, ...(problem ? { errorCode, errorMessage: problem.message } : {}) }, problem: problem ? deliveryProblem(problem) : null };
}
