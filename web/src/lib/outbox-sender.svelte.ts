/**
 * Sending what the outbox holds (Zulip's local echo, API.md `message:send`): each entry goes out over the socket
 * with its idempotency key, is confirmed by its ack (or by its own echo over the socket) and removed, or marked
 * failed with the server's sentence. A send lost with the connection stays pending and goes with the next flush.
 */
import type { Socket } from 'socket.io-client';
import type { ClientMetrics } from './client-metrics';
import { localEchoId } from './ordering';
import { Outbox, type OutboxEntry } from './outbox';
import type { Message } from './types';

/** How long a send may wait for the server's acknowledgement before it shows as failed. */
export const ACK_TIMEOUT_MS = 10_000;

export type Ack<T> = ({ ok: true } & T) | { ok: false; error: { status: number; message: string } };

export class OutboxSender {
  /** This user's unconfirmed sends, as shown (pending and failed bubbles). */
  entries = $state<OutboxEntry[]>([]);

  private outbox: Outbox | null = null;
  /** Sends awaiting their acknowledgement: idempotency key → attempt number (only the latest attempt's answer counts). */
  private inFlight = new Map<string, number>();
  private attempts = 0;

  constructor(
    private readonly metrics: ClientMetrics,
    /** The server confirmed a send: its message, to merge where it belongs. */
    private readonly onConfirmed: (message: Message) => void,
  ) {}

  /** One outbox per signed-in user, so one person's queue is never sent as another. */
  open(storage: Storage, userId: string | number): void {
    this.outbox = new Outbox(storage, `switchboard.outbox.user:${userId}`);
    this.sync();
  }

  close(): void {
    this.outbox = null;
    this.entries = [];
    this.inFlight.clear();
  }

  /** Acknowledgements lost with a connection never come: the next flush sends those again (same key). */
  forgetInFlight(): void {
    this.inFlight.clear();
  }

  /** Another tab of this user, or this one, changed the outbox. */
  sync(): void {
    this.entries = this.outbox?.all() ?? [];
  }

  queue(entry: OutboxEntry, socket: Socket | null): void {
    if (!this.outbox) return;
    this.outbox.put(entry);
    this.sync();
    this.deliver(entry, socket);
  }

  /** Sends a failed message again with the same idempotency key: at most one message ever results. */
  retry(idempotencyKey: string, socket: Socket | null): void {
    const entry = this.outbox?.markPending(idempotencyKey);
    this.sync();
    if (entry) this.deliver(entry, socket);
  }

  /** Gives up on one message, or (no key) on every unsent message of this user. */
  discard(idempotencyKey?: string): void {
    if (idempotencyKey === undefined) this.outbox?.clear();
    else this.outbox?.remove(idempotencyKey);
    this.sync();
  }

  /** A server message carrying one of our keys confirms that send, whichever way it arrived. */
  confirmedBy(message: Message): void {
    if (message.idempotencyKey && this.entries.some((e) => e.idempotencyKey === message.idempotencyKey)) this.discard(message.idempotencyKey);
  }

  flush(socket: Socket | null): void {
    for (const entry of this.outbox?.pending() ?? []) this.deliver(entry, socket);
  }

  /** The pending and failed bubbles of one conversation, as messages. */
  echoes(conversationId: string, sender: Message['sender']): Message[] {
    return this.entries.filter((e) => e.conversationId === conversationId).map((entry) => ({
      id: localEchoId(entry.idempotencyKey),
      conversationId: entry.conversationId,
      orderingKey: '',
      createdAt: entry.createdAt,
      routeType: entry.routeType,
      state: entry.status,
      mine: true,
      sender,
      bodyHtml: '',
      bodyText: entry.bodyText,
      idempotencyKey: entry.idempotencyKey,
      error: entry.error,
    }));
  }

  private deliver(entry: OutboxEntry, socket: Socket | null): void {
    // Offline or between connections: it stays pending and goes out with the next flush.
    if (!socket?.connected || !navigator.onLine || this.inFlight.has(entry.idempotencyKey)) return;
    const attempt = ++this.attempts;
    this.inFlight.set(entry.idempotencyKey, attempt);
    const { conversationId, idempotencyKey, routeType, bodyHtml } = entry;
    this.metrics.sendStarted(idempotencyKey, performance.now());
    socket.timeout(ACK_TIMEOUT_MS).emit('message:send', { conversationId, idempotencyKey, routeType, bodyHtml }, (timedOut: Error | null, answer: Ack<{ message: Message }>) => {
      const current = this.inFlight.get(idempotencyKey) === attempt;
      if (current) this.inFlight.delete(idempotencyKey);
      if (!this.outbox) return;
      if (!timedOut && answer.ok) {
        // Whichever attempt confirms it, the message is sent.
        this.metrics.sendAcked(idempotencyKey, performance.now());
        this.discard(idempotencyKey);
        this.onConfirmed(answer.message);
        return;
      }
      // A stale attempt (superseded after a reconnect) or a send confirmed meanwhile: nothing to report.
      if (!current || !this.outbox.all().some((e) => e.idempotencyKey === idempotencyKey)) return;
      if (timedOut) {
        // Lost with the connection: the next flush sends it again (same key). Still connected: say so.
        if (socket.connected && navigator.onLine) {
          this.outbox.markFailed(idempotencyKey, 'We could not confirm this message was sent. Retry to send it again.');
          this.sync();
        }
        return;
      }
      if (!answer.ok) {
        this.outbox.markFailed(idempotencyKey, answer.error?.message ?? 'This message was not sent. Retry to send it again.');
        this.sync();
      }
    });
  }
}
