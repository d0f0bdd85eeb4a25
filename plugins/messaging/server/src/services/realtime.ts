import type { Core } from '@strapi/strapi';
import { createHmac } from 'node:crypto';
import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/postgres-adapter';
import { Pool } from 'pg';
import { z } from 'zod';
import { browserOrigins, defaults, loadEnv, postgresConnection, systemClock } from '@switchboard/config';
import { shapeMessage, ADMIN_TEAM, type StoredMessage } from '../domain/message-view';
import { appAudiences, userKey, type ConversationRecord, type Viewer } from '../domain/viewer';
import { SESSION_EXPIRED, type Standing } from '../domain/standing';
import type { ProfileView } from '@switchboard/people';
import { personRoom, sessionRoom, type SocketSession } from './socket-sessions';
import { getService } from '../get-service';
import { ForbiddenError, RateLimitError, ValidationError, parseInput, statusOf, toAck } from '@switchboard/kit';

type Ack = (answer: unknown) => void;

interface SocketData {
  session: SocketSession;
  viewer: Viewer;
  canSend: boolean;
  typingIn: Set<number>;
  /** metrics:report: this socket's own budget, and what it did since its last report (samples are bounded by it). */
  reportBudget: { tokens: number; refilledAt: number };
  sendsSinceReport: number;
  heardSinceReport: number;
  expiryTimer: NodeJS.Timeout | null;
}

const personalRoom = personRoom;
const businessRoom = (businessId: number) => `business:${businessId}`;
const threadRoom = (conversationId: number, audience: 'staff' | 'app') => `conversation:${conversationId}:${audience}`;

// Viewers with no identity, to shape one payload for a whole room ("mine" is false for all of them).
const anyStaff: Viewer = { kind: 'staff', key: '', adminId: 0, displayName: '', masqueradeBusinessIds: new Set() };
const anyBusiness = (businessId: number): Viewer => ({ kind: 'business', key: '', userId: 0, displayName: '', businessId });
const anyVa: Viewer = { kind: 'va', key: '', userId: 0, displayName: '' };

/** The app users (not staff) who may see a conversation (domain/viewer.ts), as rooms with the viewer to shape for. */
function appAudienceRooms(record: ConversationRecord): { room: string; viewer: Viewer }[] {
  return appAudiences(record).map((a) =>
    a.kind === 'business' ? { room: businessRoom(a.businessId), viewer: anyBusiness(a.businessId) } : { room: personalRoom(userKey(a.userId)), viewer: anyVa },
  );
}

// Socket payloads are checked as strictly as HTTP bodies: an id is a decimal string or a whole number, never an
// array or object coerced to one, and no unknown keys.
const idSchema = z.union([z.string().regex(/^[1-9]\d{0,9}$/), z.number().int().positive().max(2_147_483_647)], {
  error: 'conversationId must be a conversation id.',
});
const joinSchema = z.strictObject({ conversationId: idSchema });
const typingEventSchema = z.strictObject({ conversationId: idSchema, typing: z.boolean() });
const syncSchema = z.strictObject({
  conversationId: idSchema,
  sinceId: z.union([z.string(), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)], { error: 'sinceId must be a message id, or 0.' }).transform(String),
});
const sendEnvelopeSchema = z.looseObject({ conversationId: idSchema });

/**
 * The real-time gateway (API.md "Real-time"): socket.io on Strapi's HTTP server. Every socket sits in its
 * personal room (and staff in `staff`, businesses in their business room), so it hears about every
 * conversation it may see without joining; `conversation:join` adds the open thread's room for typing.
 */
const realtime = ({ strapi }: { strapi: Core.Strapi }) => {
  const env = loadEnv();
  let io: Server | null = null;
  let pool: Pool | null = null;
  const typingTimers = new Map<string, NodeJS.Timeout>();
  const sessions = () => getService(strapi, 'socket-sessions');
  const rateLimits = () => getService(strapi, 'rate-limits');
  const nowMs = () => systemClock.now().getTime();
  // PRD §9: app users never see internal actor ids; a typist reaches them under an id that is stable but opaque.
  const typingSecret = env.JWT_SECRET ?? env.APP_KEYS ?? 'switchboard-typing';
  const opaqueTypist = (key: string) => `typist:${createHmac('sha256', typingSecret).update(key).digest('base64url').slice(0, 16)}`;

  /** Closes a socket whose person may no longer be served, telling it why first (`session:ended`). */
  function endSocket(socket: Socket, message: string): void {
    socket.emit('session:ended', { message });
    socket.disconnect(true);
  }

  /** The ack for a failed event: the status and sentence HTTP would answer; anything else is logged and answers 500. */
  const failure = (error: unknown) => {
    if (statusOf(error) === null) strapi.log.error(`[messaging] socket handler failed: ${(error as Error)?.stack ?? error}`);
    return toAck(error);
  };

  /** Asks again whether the socket's person may still be served (the caller closes the socket when not). */
  async function stillAllowed(socket: Socket): Promise<Standing> {
    const data = socket.data as SocketData;
    const standing = await sessions().standing(data.session);
    if (standing.ok) data.canSend = standing.canSend;
    return standing;
  }

  /** Every event with an ack: the person's standing first, then the work; the answer is the ack. */
  const respond = (socket: Socket, ack: unknown, work: () => Promise<unknown>) => {
    const reply: Ack = typeof ack === 'function' ? (ack as Ack) : () => {};
    stillAllowed(socket)
      .then(async (standing) => {
        if (standing.ok) return reply(await work());
        // The refusal is the ack; then the socket closes.
        reply({ ok: false, error: { status: standing.status, message: standing.message } });
        endSocket(socket, standing.message);
      })
      .catch((error) => reply(failure(error)));
  };

  /** parseInput, with the sentence saying it is the event's payload that is wrong. */
  const parseEvent = <T extends z.ZodType>(schema: T, payload: unknown): z.output<T> => {
    try {
      return parseInput(schema, payload);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      throw new ValidationError(`The event payload is not valid: ${error.message} See API.md "Real-time" for its shape.`, error.details);
    }
  };

  function typingIdentity(record: ConversationRecord, viewer: Viewer, audience: 'staff' | 'app') {
    if (audience === 'staff') return { id: viewer.key, displayName: viewer.displayName };
    if (viewer.kind === 'staff') {
      if (record.kind === 'business_va' && record.businessId) return { id: `business:${record.businessId}`, displayName: record.businessName ?? 'Business' };
      if (record.kind === 'business_admin') return { id: 'admin-team', displayName: ADMIN_TEAM };
    }
    return { id: opaqueTypist(viewer.key), displayName: viewer.displayName };
  }

  function emitTyping(record: ConversationRecord, viewer: Viewer, typing: boolean, except?: Socket) {
    if (!io) return;
    for (const audience of ['staff', 'app'] as const) {
      const payload = { conversationId: String(record.id), user: typingIdentity(record, viewer, audience), typing };
      const target = except ? except.to(threadRoom(record.id, audience)) : io.to(threadRoom(record.id, audience));
      target.except(personalRoom(viewer.key)).emit('typing', payload);
    }
  }

  function setTyping(record: ConversationRecord, viewer: Viewer, typing: boolean, socket: Socket | null) {
    const key = `${viewer.key}|${record.id}`;
    const timer = typingTimers.get(key);
    if (timer) clearTimeout(timer);
    typingTimers.delete(key);
    if (typing) {
      // Typing is ephemeral: it expires on the server if the client goes quiet or vanishes.
      typingTimers.set(
        key,
        setTimeout(() => {
          typingTimers.delete(key);
          socket?.data.typingIn?.delete(record.id);
          emitTyping(record, viewer, false);
        }, env.TYPING_EXPIRY_MS).unref(),
      );
      socket?.data.typingIn?.add(record.id);
    } else {
      socket?.data.typingIn?.delete(record.id);
    }
    emitTyping(record, viewer, typing, socket ?? undefined);
  }

  /** metrics:report is limited per socket (in memory: the budget belongs to this connection alone). */
  function spendReportToken(data: SocketData, now: number): boolean {
    const perMs = defaults.clientReportsPerMinute / 60_000;
    data.reportBudget.tokens = Math.min(defaults.clientReportBurst, data.reportBudget.tokens + (now - data.reportBudget.refilledAt) * perMs);
    data.reportBudget.refilledAt = now;
    if (data.reportBudget.tokens < 1) return false;
    data.reportBudget.tokens -= 1;
    return true;
  }

  async function emitConversationUpdates(conversationId: number, onlyViewerKey: string | null) {
    if (!io) return;
    const conversations = getService(strapi, 'conversations');
    const record = await conversations.findRecord(conversationId);
    if (!record) return;
    const rooms = onlyViewerKey ? [personalRoom(onlyViewerKey)] : ['staff', ...appAudienceRooms(record).map((a) => a.room)];
    const sockets = await io.local.in(rooms).fetchSockets();
    const byViewer = new Map<string, typeof sockets>();
    for (const s of sockets) {
      const key = (s.data as SocketData).viewer.key;
      byViewer.set(key, [...(byViewer.get(key) ?? []), s]);
    }
    const groups = [...byViewer.values()];
    const views = await conversations.viewsOfOne(groups.map((group) => (group[0].data as SocketData).viewer), record);
    groups.forEach((group, i) => {
      for (const s of group) s.emit('conversation:updated', { conversation: views[i] });
    });
  }

  function onConnection(socket: Socket) {
    const data = socket.data as SocketData;
    const viewer = data.viewer;
    const messages = () => getService(strapi, 'messages');
    const conversations = () => getService(strapi, 'conversations');
    const metrics = getService(strapi, 'metrics');
    metrics.socketConnected();

    socket.on('conversation:join', (payload, ack) =>
      respond(socket, ack, async () => {
        const { conversationId } = parseEvent(joinSchema, payload);
        const record = await conversations().visibleRecord(viewer, conversationId);
        await socket.join(threadRoom(record.id, viewer.kind === 'staff' ? 'staff' : 'app'));
        return { ok: true };
      }),
    );

    socket.on('conversation:leave', (payload, ack) =>
      respond(socket, ack, async () => {
        const { conversationId } = parseEvent(joinSchema, payload);
        for (const audience of ['staff', 'app'] as const) await socket.leave(threadRoom(Number(conversationId), audience));
        return { ok: true };
      }),
    );

    socket.on('message:send', (payload, ack) =>
      respond(socket, ack, async () => {
        if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new ValidationError('Send the message as an object with conversationId.');
        const { conversationId, ...body } = parseEvent(sendEnvelopeSchema, payload) as Record<string, unknown>;
        if (viewer.kind === 'staff' && !data.canSend) {
          await conversations().visibleRecord(viewer, conversationId);
          throw new ForbiddenError('Your admin role cannot send messages; ask an owner for access.');
        }
        const result = await metrics.measureSend(viewer, 'socket', conversationId, () => messages().send(viewer, conversationId, body));
        data.sendsSinceReport += 1;
        return { ok: true, message: result.message };
      }),
    );

    socket.on('sync', (payload, ack) =>
      respond(socket, ack, async () => {
        const { conversationId, sinceId } = parseEvent(syncSchema, payload);
        const result = await messages().sync(viewer, conversationId, sinceId);
        return { ok: true, ...result };
      }),
    );

    socket.on('typing', (payload) => {
      if (!env.FF_TYPING_INDICATORS) return;
      const parsed = typingEventSchema.safeParse(payload);
      if (!parsed.success) return;
      (async () => {
        const standing = await stillAllowed(socket);
        if (!standing.ok) return endSocket(socket, standing.message);
        // One budget per person across HTTP, sockets and nodes: over it, the signal is dropped.
        if (!(await rateLimits().takeTyping(viewer))) return;
        const record = await conversations().visibleRecord(viewer, parsed.data.conversationId);
        setTyping(record, viewer, parsed.data.typing, socket);
      })().catch(() => {});
    });

    // Counts what this socket hears, so a metrics report cannot claim more deliveries than it received.
    socket.onAnyOutgoing((event) => {
      if (event === 'message:new') data.heardSinceReport += 1;
    });

    // PRD §10: what only the client sees (send → ack, reconnects, order repairs); the plugin README has the shape.
    socket.on('metrics:report', (payload, ack) =>
      respond(socket, ack, async () => {
        if (!spendReportToken(data, nowMs())) throw new RateLimitError('Metrics reports are limited to a few a minute; send the next one later.');
        const answer = metrics.clientReport(payload, { sends: data.sendsSinceReport, heard: data.heardSinceReport });
        data.sendsSinceReport = 0;
        data.heardSinceReport = 0;
        return answer;
      }),
    );

    socket.on('disconnect', () => {
      if (data.expiryTimer) clearTimeout(data.expiryTimer);
      metrics.socketDisconnected();
      for (const conversationId of [...data.typingIn]) {
        conversations()
          .findRecord(conversationId)
          .then((record) => record && setTyping(record, viewer, false, null))
          .catch(() => {});
      }
    });
  }

  return {
    /** Starts the gateway on Strapi's HTTP server; with REALTIME_ADAPTER=postgres, events cross nodes through Postgres. */
    async start(): Promise<void> {
      io = new Server(strapi.server.httpServer, { cors: { origin: browserOrigins(env), credentials: true }, destroyUpgrade: false });
      if (env.REALTIME_ADAPTER === 'postgres' && env.DATABASE_URL) {
        // The same connection settings (TLS included) as Strapi's pool and the job queue.
        pool = new Pool({ ...postgresConnection(env), max: 4 });
        await pool.query(
          'CREATE TABLE IF NOT EXISTS socket_io_attachments (id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea)',
        );
        io.adapter(createAdapter(pool, { tableName: 'socket_io_attachments' }));
        io.on('sb:conversation', (conversationId: number, onlyViewerKey: string | null) => {
          emitConversationUpdates(conversationId, onlyViewerKey).catch((e) => strapi.log.error(`[messaging] conversation update failed: ${e}`));
        });
      }
      io.use((socket, next) => {
        const token = socket.handshake.auth?.token;
        if (typeof token !== 'string' || token.length === 0) {
          getService(strapi, 'metrics').handshakeRefused();
          next(new Error('Sign in first: connect with auth.token set to your access token.'));
          return;
        }
        sessions().authenticate(token).then(
          async ({ session, canSend }) => {
            const { viewer } = session;
            const data: SocketData = {
              session,
              viewer,
              canSend,
              typingIn: new Set<number>(),
              reportBudget: { tokens: defaults.clientReportBurst, refilledAt: nowMs() },
              sendsSinceReport: 0,
              heardSinceReport: 0,
              expiryTimer: null,
            };
            Object.assign(socket.data, data);
            await socket.join(personalRoom(viewer.key));
            if (session.sessionId) await socket.join(sessionRoom(session.sessionId));
            if (viewer.kind === 'staff') await socket.join('staff');
            if (viewer.kind === 'business' && viewer.businessId) await socket.join(businessRoom(viewer.businessId));
            if (session.expiresAt !== null) {
              // The socket lives exactly as long as its access token; clients renew and reconnect.
              const ms = Math.min(Math.max(session.expiresAt - nowMs(), 0), 2_147_483_647);
              (socket.data as SocketData).expiryTimer = setTimeout(() => endSocket(socket, SESSION_EXPIRED), ms).unref();
            }
            next();
          },
          (error: Error) => {
            getService(strapi, 'metrics').handshakeRefused();
            next(new Error(error.message));
          },
        );
      });
      io.on('connection', onConnection);
    },

    async stop(): Promise<void> {
      for (const timer of typingTimers.values()) clearTimeout(timer);
      typingTimers.clear();
      if (io) await new Promise<void>((resolve) => io!.close(() => resolve()));
      io = null;
      await pool?.end();
      pool = null;
    },

    /** message:new to everyone who may see the conversation, shaped for each; the sender's sockets get it as theirs. */
    async publishMessage(record: ConversationRecord, message: StoredMessage, committedAt?: number): Promise<void> {
      if (!io) return;
      const sender = personalRoom(message.senderKey);
      io.to('staff').except(sender).emit('message:new', { message: shapeMessage(message, anyStaff) });
      for (const audience of appAudienceRooms(record)) {
        io.to(audience.room).except(sender).emit('message:new', { message: shapeMessage(message, audience.viewer) });
      }
      const senderViewer: Viewer =
        message.senderRole === 'staff'
          ? { ...anyStaff, key: message.senderKey }
          : message.senderRole === 'business'
            ? { ...anyBusiness(record.businessId ?? 0), key: message.senderKey }
            : { ...anyVa, key: message.senderKey };
      io.to(sender).emit('message:new', { message: shapeMessage(message, senderViewer) });
      if (committedAt !== undefined) getService(strapi, 'metrics').deliveredAfterCommit(committedAt);
      // The sender's ack need not wait for everyone's unread counts (the benchmark's ack latency).
      this.conversationChanged(record).catch((e) => strapi.log.error(`[messaging] conversation update failed: ${e}`));
    },

    /** message:updated (delivery state, edits) to everyone who may see the conversation. */
    async publishUpdate(record: ConversationRecord, message: StoredMessage): Promise<void> {
      if (!io) return;
      io.to('staff').except(personalRoom(message.senderKey)).emit('message:updated', { message: shapeMessage(message, anyStaff) });
      for (const audience of appAudienceRooms(record)) {
        io.to(audience.room).except(personalRoom(message.senderKey)).emit('message:updated', { message: shapeMessage(message, audience.viewer) });
      }
      const senderViewer: Viewer = message.senderRole === 'staff' ? { ...anyStaff, key: message.senderKey } : { ...anyVa, key: message.senderKey };
      io.to(personalRoom(message.senderKey)).emit('message:updated', { message: shapeMessage(message, senderViewer) });
    },

    /** conversation:updated, with each recipient's own unread count. */
    async conversationChanged(record: ConversationRecord, options: { onlyViewerKey?: string } = {}): Promise<void> {
      if (!io) return;
      if (pool) io.serverSideEmit('sb:conversation', record.id, options.onlyViewerKey ?? null);
      await emitConversationUpdates(record.id, options.onlyViewerKey ?? null);
    },

    typing(record: ConversationRecord, viewer: Viewer, typing: boolean, socket: Socket | null): void {
      if (!env.FF_TYPING_INDICATORS) return;
      setTyping(record, viewer, typing, socket);
    },

    /**
     * Closes every socket of a person, on every node (through the adapter): they were deactivated, blocked, signed
     * out everywhere, or their role changed. A person still allowed reconnects with a fresh handshake.
     */
    endPerson(viewerKey: string, message: string): void {
      sessions().forget(viewerKey);
      if (!io) return;
      io.to(personalRoom(viewerKey)).emit('session:ended', { message });
      io.in(personalRoom(viewerKey)).disconnectSockets(true);
    },

    /** Closes the sockets opened with one session (signed out on one device), on every node. */
    endSession(viewerKey: string, sessionId: string, message: string): void {
      sessions().forget(viewerKey);
      if (!io) return;
      io.to(sessionRoom(sessionId)).emit('session:ended', { message });
      io.in(sessionRoom(sessionId)).disconnectSockets(true);
    },

    profileUpdated(userId: number, profile: ProfileView): void {
      io?.to(personalRoom(`user:${userId}`)).emit('profile:updated', profile);
    },
  };
};

export type RealtimeService = ReturnType<typeof realtime>;
export default realtime;
