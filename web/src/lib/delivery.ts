/**
 * What a message's status line says (issue 13 item 8): a local echo is Sending… or Not sent; an SMS to a client says
 * what the provider reported (Delivered, Failed); in a thread with the Admin team, one's newest message adds "Seen by
 * Admin team" after its Sent once any staff member has read up to it (the server never says who). Pure.
 */
import { compareIds } from './ordering';
import type { Message } from './types';

/** Texts that go out as SMS: their state is the provider's delivery report. */
const OUTBOUND_SMS = new Set(['SITTER_TO_CLIENT', 'STAFF_TO_CLIENT', 'AUTOMATION_TO_CLIENT']);

const SMS_WORDS: Record<string, string> = {
  queued: 'Sending…',
  sending: 'Sending…',
  sent: 'Sent',
  delivered: 'Delivered',
  undelivered: 'Failed',
  failed: 'Failed',
  blocked: 'Blocked',
  held: 'Held for review',
};

const WORDS: Record<string, string> = { sent: 'Sent', edited: 'Edited', deleted: 'Deleted' };

export const SEEN_BY_ADMIN_TEAM = 'Seen by Admin team';

/** A local echo (not yet on the server) has no ordering key. */
export const isLocalEcho = (m: Pick<Message, 'orderingKey'>) => m.orderingKey === '';

export const isOutboundSms = (m: Pick<Message, 'routeType'>) => OUTBOUND_SMS.has(m.routeType);

/** Whether a delivery problem shows: an echo the server refused, or an SMS the provider could not deliver. */
export function deliveryFailed(m: Pick<Message, 'orderingKey' | 'routeType' | 'state'>): boolean {
  if (isLocalEcho(m)) return m.state === 'failed';
  return isOutboundSms(m) && (m.state === 'failed' || m.state === 'undelivered');
}

/** The words of a message's status line, or null when it shows none (someone else's chat message). */
export function statusWords(m: Pick<Message, 'orderingKey' | 'routeType' | 'state' | 'mine'>): string | null {
  if (isLocalEcho(m)) return m.state === 'failed' ? 'Not sent' : 'Sending…';
  if (isOutboundSms(m)) return SMS_WORDS[m.state] ?? m.state;
  if (!m.mine) return null;
  return WORDS[m.state] ?? m.state;
}

/** The one message that says "Seen by Admin team": the viewer's newest sent message, once staff have read up to it. */
export function seenMessageId(messages: readonly Pick<Message, 'id' | 'orderingKey' | 'mine'>[], seenByStaffUpToId: string | undefined): string | null {
  if (!seenByStaffUpToId) return null;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (!m.mine || isLocalEcho(m)) continue;
    return compareIds(m.orderingKey, seenByStaffUpToId) <= 0 ? m.id : null;
  }
  return null;
}

/** The id of the sentence a refused send shows (its bubble's failure line), for the composer to be described by. */
export const failureSentenceId = (idempotencyKey: string) => `failure-${idempotencyKey}`;

/**
 * The newest of the viewer's sends the server refused (a local echo marked failed with the server's sentence, such as
 * a sitter's send outside their window), or null: the composer below points to its sentence.
 */
export function latestRefusal<M extends Pick<Message, 'orderingKey' | 'state' | 'idempotencyKey' | 'error'>>(messages: readonly M[]): M | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (isLocalEcho(m) && m.state === 'failed' && m.idempotencyKey) return m;
  }
  return null;
}
