import type { Core } from '@strapi/strapi';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { defaults, systemClock, type Env } from '@switchboard/config';
import { ForbiddenError, RateLimitError, ValidationError, asRefusal, inSpan, parseInput, switchboardTracer, toAck } from '@switchboard/kit';
import type { ReportCredit } from '../domain/client-metrics';
import { threadAudienceOf, threadRoom } from '../domain/rooms';
import { joinEventSchema, sendEventSchema, syncEventSchema, takeReportToken, typingEventSchema, type ReportBudget } from '../domain/socket-input';
import type { Standing } from '../domain/standing';
import type { Viewer } from '../domain/viewer';
import { getService } from '../get-service';
import type { SocketSession } from './socket-sessions';
import type { TypingState } from './typing-state';

type Ack = (answer: unknown) => void;

/** What a socket carries from its handshake on. */
export interface SocketData {
  session: SocketSession;
  viewer: Viewer;
  canSend: boolean;
  typingIn: Set<number>;
  /** metrics:report: this socket's own budget, and what it did and has not yet reported (samples are bounded by it). */
  reportBudget: ReportBudget;
  reportCredit: ReportCredit;
  expiryTimer: NodeJS.Timeout | null;
}

/** Closes a socket whose person may no longer be served, telling it why first (`session:ended`). */
export function endSocket(socket: Socket, message: string): void {
  socket.emit('session:ended', { message });
  socket.disconnect(true);
}

/** parseInput, with the sentence saying it is the event's payload that is wrong. */
function parseEvent<T extends z.ZodType>(schema: T, payload: unknown): z.output<T> {
  try {
    return parseInput(schema, payload);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(`The event payload is not valid: ${error.message} See API.md "Real-time" for its shape.`, error.details);
  }
}

/**
 * The client → server events of API.md "Real-time" on one socket. Every event first asks whether the socket's
 * person may still be served (closing the socket when not), then does the same work, through the same services,
 * as the HTTP route; a refusal is the ack HTTP would answer (kit's toAck).
 */
export function handleSocketEvents(strapi: Core.Strapi, env: Env, typing: TypingState, socket: Socket): void {
  const data = socket.data as SocketData;
  const viewer = data.viewer;
  const messages = () => getService(strapi, 'messages');
  const conversations = () => getService(strapi, 'conversations');
  const metrics = getService(strapi, 'metrics');
  metrics.socketConnected();

  async function stillAllowed(): Promise<Standing> {
    const standing = await getService(strapi, 'socket-sessions').standing(data.session);
    if (standing.ok) data.canSend = standing.canSend;
    return standing;
  }

  const failure = (error: unknown) => {
    if (asRefusal(error) === null) strapi.log.error(`[messaging] socket handler failed: ${(error as Error)?.stack ?? error}`);
    return toAck(error);
  };

  /** Every event with an ack: the person's standing first, then the work; the answer is the ack. */
  const respond = (ack: unknown, work: () => Promise<unknown>) => {
    const reply: Ack = typeof ack === 'function' ? (ack as Ack) : () => {};
    stillAllowed()
      .then(async (standing) => {
        if (standing.ok) return reply(await work());
        // The refusal is the ack; then the socket closes.
        reply({ ok: false, error: { status: standing.status, message: standing.message } });
        endSocket(socket, standing.message);
      })
      .catch((error) => reply(failure(error)));
  };

  socket.on('conversation:join', (payload, ack) =>
    respond(ack, async () => {
      const { conversationId } = parseEvent(joinEventSchema, payload);
      const record = await conversations().visibleRecord(viewer, conversationId);
      await socket.join(threadRoom(record.id, threadAudienceOf(viewer)));
      return { ok: true };
    }),
  );

  socket.on('conversation:leave', (payload, ack) =>
    respond(ack, async () => {
      const { conversationId } = parseEvent(joinEventSchema, payload);
      for (const audience of ['staff', 'app'] as const) await socket.leave(threadRoom(Number(conversationId), audience));
      return { ok: true };
    }),
  );

  // PRD §10 traces: the socket send as one span, its send (commit, deliver) inside, and the ack as the last step.
  socket.on('message:send', (payload, ack) =>
    inSpan('socket message:send', { 'messaging.transport': 'socket' }, (span) =>
      new Promise<void>((done) => {
        const acked: Ack = (answer) => {
          switchboardTracer().startSpan('message.ack', { attributes: { 'messaging.ack.ok': (answer as { ok?: boolean })?.ok === true } }).end();
          if (typeof ack === 'function') (ack as Ack)(answer);
          done();
        };
        if ((payload as { conversationId?: unknown })?.conversationId !== undefined) span.setAttribute('messaging.conversation_id', String((payload as { conversationId: unknown }).conversationId));
        sendOnSocket(payload, acked);
      }),
    ),
  );

  const sendOnSocket = (payload: unknown, ack: Ack) =>
    respond(ack, async () => {
      if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new ValidationError('Send the message as an object with conversationId.');
      const { conversationId, ...body } = parseEvent(sendEventSchema, payload) as Record<string, unknown>;
      if (viewer.kind === 'staff' && !data.canSend) {
        await conversations().visibleRecord(viewer, conversationId);
        throw new ForbiddenError('Your admin role cannot send messages; ask an owner for access.');
      }
      const result = await metrics.measureSend(viewer, 'socket', conversationId, () => messages().send(viewer, conversationId, body));
      data.reportCredit.sends += 1;
      return { ok: true, message: result.message };
    });

  socket.on('sync', (payload, ack) =>
    respond(ack, async () => {
      const { conversationId, sinceId } = parseEvent(syncEventSchema, payload);
      return { ok: true, ...(await messages().sync(viewer, conversationId, sinceId)) };
    }),
  );

  socket.on('typing', (payload) => {
    if (!env.FF_TYPING_INDICATORS) return;
    const parsed = typingEventSchema.safeParse(payload);
    if (!parsed.success) return;
    (async () => {
      const standing = await stillAllowed();
      if (!standing.ok) return endSocket(socket, standing.message);
      // One budget per person across HTTP, sockets and nodes: over it, the signal is dropped.
      if (!(await getService(strapi, 'rate-limits').takeTyping(viewer))) return;
      const record = await conversations().visibleRecord(viewer, parsed.data.conversationId);
      typing.set(record, viewer, parsed.data.typing, socket);
    })().catch(() => {});
  });

  // Counts what this socket hears, so a metrics report cannot claim more deliveries than it received.
  socket.onAnyOutgoing((event) => {
    if (event === 'message:new') data.reportCredit.heard += 1;
  });

  // PRD §10: what only the client sees (send → ack, reconnects, order repairs); the plugin README has the shape.
  socket.on('metrics:report', (payload, ack) =>
    respond(ack, async () => {
      const rule = { perMinute: defaults.clientReportsPerMinute, burst: defaults.clientReportBurst };
      const { allowed, budget } = takeReportToken(data.reportBudget, systemClock.now().getTime(), rule);
      data.reportBudget = budget;
      if (!allowed) throw new RateLimitError('Metrics reports are limited to a few a minute; send the next one later.');
      data.reportCredit = metrics.clientReport(payload, data.reportCredit);
      return { ok: true };
    }),
  );

  socket.on('disconnect', () => {
    if (data.expiryTimer) clearTimeout(data.expiryTimer);
    metrics.socketDisconnected();
    for (const conversationId of [...data.typingIn]) {
      conversations()
        .findRecord(conversationId)
        .then((record) => record && typing.set(record, viewer, false, null))
        .catch(() => {});
    }
  });
}
