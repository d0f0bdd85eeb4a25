// What every bench process shares: its main run to the end (exit 0, or 1 with the error) under a hard time limit
// (exit 2 with a sentence), and a socket.io client socket opened once (no reconnection: the load decides).
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';

export function runMain(main, { limitMs, limitMessage }) {
  const hardStop = setTimeout(() => {
    console.error(limitMessage);
    process.exit(2);
  }, limitMs);
  hardStop.unref();
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/** A websocket-only socket.io client: the socket once connected, or null with the refusal's message. */
export function openSocket(url, token, timeoutMs = 20_000) {
  return new Promise((resolve) => {
    const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true, timeout: timeoutMs });
    socket.once('connect', () => resolve({ socket, error: null }));
    socket.once('connect_error', (error) => {
      socket.close();
      resolve({ socket: null, error: error.message });
    });
  });
}

/**
 * Sends at `rate` a second for `durationS` seconds on one monotonic clock: every 5 ms, `everyTick(elapsedMs)` (a
 * fault's moment), then `send(seq)` for each message now due. Stops after the last one, or `graceMs` past the
 * duration when the sends fall behind; resolves with how many were sent and when sending started.
 */
export function paceSends({ rate, durationS, send, everyTick = () => {}, graceMs = Infinity }) {
  const total = Math.round(rate * durationS);
  const started = performance.now();
  let sent = 0;
  return new Promise((resolve) => {
    const tick = setInterval(() => {
      const elapsed = performance.now() - started;
      everyTick(elapsed);
      const due = Math.min(total, Math.floor((elapsed / 1000) * rate));
      while (sent < due) send(sent++);
      if (sent >= total || elapsed > durationS * 1000 + graceMs) {
        clearInterval(tick);
        resolve({ sent, started });
      }
    }, 5);
  });
}

/** The newer of two message ids (undefined counts as older than any). */
export const newerId = (a, b) => (a === undefined || BigInt(b) > BigInt(a) ? b : a);

/**
 * `sync` one conversation from `sinceId` (undefined: from the start), page by page, handing every message to
 * `onMessage`, as the web app does after a reconnect or a `sync:needed`.
 */
export async function syncConversation(socket, conversationId, sinceId, onMessage) {
  let cursor = sinceId ?? '0';
  for (;;) {
    const answer = await socket.timeout(30_000).emitWithAck('sync', { conversationId: String(conversationId), sinceId: cursor });
    if (!answer?.ok) throw new Error(`sync answered ${JSON.stringify(answer?.error)}`);
    for (const message of answer.messages) {
      onMessage(message);
      cursor = newerId(cursor, message.id);
    }
    if (!answer.hasMore || answer.messages.length === 0) return;
  }
}

/**
 * One business message (`BUSINESS_TO_ADMIN`, a fresh idempotency key) over `message:send`, waiting `timeoutMs` for its
 * ack, counted in `tally` ({ errors, timeouts, samples }: a refusal, no ack in time, up to five refusals' words);
 * `onAck(answer)` when it is acknowledged. Resolves once answered or timed out.
 */
export function sendCounted(socket, { conversationId, bodyHtml, timeoutMs, tally, onAck }) {
  return socket
    .timeout(timeoutMs)
    .emitWithAck('message:send', { conversationId, idempotencyKey: randomUUID(), routeType: 'BUSINESS_TO_ADMIN', bodyHtml })
    .then(
      (answer) => {
        if (answer?.ok) return onAck(answer);
        tally.errors += 1;
        if (tally.samples.length < 5) tally.samples.push(`ack: ${JSON.stringify(answer?.error)}`);
      },
      () => {
        tally.timeouts += 1;
      },
    );
}
