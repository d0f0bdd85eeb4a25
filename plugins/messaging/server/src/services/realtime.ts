import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/postgres-adapter';
import { Pool } from 'pg';
import { browserOrigins, defaults, loadEnv, postgresConnection, systemClock } from '@switchboard/config';
import type { ProfileView } from '@switchboard/people';
import { STAFF_ROOM, appAudienceRooms, handshakeRooms, personRoom, sessionRoom } from '../domain/rooms';
import { showsSeenByStaff } from '../domain/seen-by-staff';
import type { ConversationSeenEvent, SyncNeededEvent } from '../../../shared/contracts';
import { SESSION_EXPIRED } from '../domain/standing';
import { userKey, type ConversationRecord, type Viewer } from '../domain/viewer';
import { getService } from '../get-service';
import { CONVERSATION_EVENT, MESSAGE_EVENT, createFanOut, type MessageDelivery } from './fan-out';
import { lowestIdAt } from '../domain/snowflake';
import { HEARTBEAT_MS, createSequenceCounter, createSequenceTracker, resyncSpreadMs, type SequenceStamp, type SequenceTracker } from '../domain/delivery-sequence';
import { endSocket, handleSocketEvents, type SocketData } from './socket-handlers';
import { createTypingState } from './typing-state';
import { coalesceWrites } from './socket-writes';

/** A node's heartbeat between nodes: how many message events it has published (domain/delivery-sequence.ts). */
export const SEQUENCE_EVENT = 'sb:seq';
/** How long shutdown waits for the real-time database connections to close. */
const POOL_END_WAIT_MS = 3_000;
/** How often a node looks for message events it missed. */
const GAP_CHECK_MS = 500;

/**
 * The real-time gateway (API.md "Real-time"): socket.io on Strapi's HTTP server, its handshake and its lifecycle.
 * Who a socket belongs to is socket-sessions.ts; what each event does, socket-handlers.ts; publishing, fan-out.ts;
 * typing, typing-state.ts; the rooms, domain/rooms.ts. Every socket sits in its person's room (and staff in
 * `staff`, businesses in their business's room), so it hears about every conversation it may see without joining.
 */
const realtime = ({ strapi }: { strapi: Core.Strapi }) => {
  const env = loadEnv();
  let io: Server | null = null;
  let pool: Pool | null = null;
  const sessions = () => getService(strapi, 'socket-sessions');
  const nowMs = () => systemClock.now().getTime();
  const typingState = createTypingState(env, () => io);
  // This process's count of the message events it publishes to other nodes, and what it heard of theirs.
  const counter = createSequenceCounter(randomUUID(), nowMs());
  let tracker: SequenceTracker | null = null;
  let gapTimer: NodeJS.Timeout | null = null;
  const fanOut = createFanOut(strapi, () => io, () => pool !== null, counter.next);

  /**
   * Every GAP_CHECK_MS: message events of another node this one never heard (its listening connection was down, or a
   * publish failed) make this node's sockets resync from before the gap, as after a reconnect; every HEARTBEAT_MS,
   * how far this node has counted, so a listener notices missed events even when nothing newer comes.
   */
  function watchForGaps(server: Server): void {
    let ticks = 0;
    gapTimer = setInterval(() => {
      ticks += 1;
      if (ticks % Math.round(HEARTBEAT_MS / GAP_CHECK_MS) === 0) server.serverSideEmit(SEQUENCE_EVENT, counter.current());
      for (const gap of tracker?.gaps() ?? []) {
        getService(strapi, 'metrics').deliveryGap(gap.missed);
        strapi.log.warn(`[messaging] ${gap.missed} message event(s) from another node were not heard here; this node's sockets resync`);
        const event: SyncNeededEvent = { since: new Date(gap.since).toISOString(), sinceId: lowestIdAt(gap.since), spreadMs: resyncSpreadMs(server.of('/').sockets.size) };
        server.local.emit('sync:needed', event);
      }
    }, GAP_CHECK_MS);
    gapTimer.unref();
  }

  /** The handshake: a valid token of a person who may use messaging; the socket joins its rooms and expires with its token. */
  function authenticate(socket: Socket, next: (error?: Error) => void): void {
    const token = socket.handshake.auth?.token;
    if (typeof token !== 'string' || token.length === 0) {
      getService(strapi, 'metrics').handshakeRefused();
      next(new Error('Sign in first: connect with auth.token set to your access token.'));
      return;
    }
    sessions().authenticate(token).then(
      async ({ session, canSend }) => {
        const data: SocketData = {
          session,
          viewer: session.viewer,
          canSend,
          typingIn: new Set<number>(),
          reportBudget: { tokens: defaults.clientReportBurst, refilledAt: nowMs() },
          reportCredit: { sends: 0, heard: 0 },
          expiryTimer: null,
        };
        Object.assign(socket.data, data);
        for (const room of handshakeRooms(session.viewer, session.sessionId)) await socket.join(room);
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
  }

  return {
    /** Starts the gateway on Strapi's HTTP server; with REALTIME_ADAPTER=postgres, events cross nodes through Postgres. */
    async start(): Promise<void> {
      io = new Server(strapi.server.httpServer, { cors: { origin: browserOrigins(env), credentials: true }, destroyUpgrade: false });
      // Each socket's packets of one turn of the event loop leave in one write (services/socket-writes.ts).
      io.engine.on('connection', coalesceWrites);
      if (env.REALTIME_ADAPTER === 'postgres' && env.DATABASE_URL) {
        // The same connection settings (TLS included) as Strapi's pool and the job queue.
        // Named, so an operator (and the two-node test) can tell this node's real-time connections in pg_stat_activity.
        pool = new Pool({ ...postgresConnection(env), max: 4, application_name: `switchboard-realtime-${env.NODE_ID ?? 'node'}` });
        // Postgres restarting (or a failover) ends every connection with an error; unheard, it would end this process.
        // The adapter's listening connection then ends too, and the adapter connects and listens again by itself.
        const logLost = (error: Error) => strapi.log.warn(`[messaging] a real-time database connection was lost: ${error.message}`);
        pool.on('error', logLost);
        pool.on('connect', (client) => client.on('error', logLost));
        await pool.query(
          'CREATE TABLE IF NOT EXISTS socket_io_attachments (id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea)',
        );
        io.adapter(createAdapter(pool, { tableName: 'socket_io_attachments' }));
        io.on(CONVERSATION_EVENT, (conversationId: number, onlyViewerKey: string | null) => {
          fanOut.emitConversationUpdates(conversationId, onlyViewerKey).catch((e) => strapi.log.error(`[messaging] conversation update failed: ${e}`));
        });
        tracker = createSequenceTracker({ now: nowMs, listeningSince: nowMs() });
        io.on(MESSAGE_EVENT, (delivery: MessageDelivery) => {
          if (delivery.seq) tracker?.heard(delivery.seq, new Date(delivery.message.createdAt).getTime());
          fanOut.deliverHere(delivery);
        });
        io.on(SEQUENCE_EVENT, (stamp: SequenceStamp) => tracker?.announced(stamp));
        watchForGaps(io);
      }
      io.use(authenticate);
      io.on('connection', (socket) => handleSocketEvents(strapi, env, typingState, socket));
      sessions().startRefreshing();
    },

    async stop(): Promise<void> {
      sessions().stopRefreshing();
      typingState.clear();
      if (gapTimer) clearInterval(gapTimer);
      gapTimer = null;
      tracker = null;
      await fanOut.flushConversationUpdates();
      if (io) await new Promise<void>((resolve) => io!.close(() => resolve()));
      io = null;
      // The adapter may be reconnecting its listening connection right now (after a cut) and hold it past its own
      // close, which would keep pool.end() waiting for ever: shutdown waits for it a few seconds at most.
      if (pool) {
        let timer: NodeJS.Timeout | undefined;
        const waited = await Promise.race([
          pool.end().then(() => true),
          new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), POOL_END_WAIT_MS))),
        ]);
        clearTimeout(timer);
        if (!waited) strapi.log.warn('[messaging] the real-time database connections did not close in time; shutting down anyway');
      }
      pool = null;
    },

    publishMessage: fanOut.publishMessage,
    localReaders: fanOut.localReaders,
    publishUpdate: fanOut.publishUpdate,
    conversationChanged: fanOut.conversationChanged,
    conversationRemoved: fanOut.conversationRemoved,

    typing(record: ConversationRecord, viewer: Viewer, typing: boolean, socket: Socket | null): void {
      if (!env.FF_TYPING_INDICATORS) return;
      typingState.set(record, viewer, typing, socket);
    },

    /**
     * Closes every socket of a person, on every node (through the adapter): they were deactivated, blocked, signed
     * out everywhere, or their role changed. A person still allowed reconnects with a fresh handshake.
     */
    endPerson(viewerKey: string, message: string): void {
      sessions().forget(viewerKey);
      if (!io) return;
      io.to(personRoom(viewerKey)).emit('session:ended', { message });
      io.in(personRoom(viewerKey)).disconnectSockets(true);
    },

    /** Closes the sockets opened with one session (signed out on one device), on every node. */
    endSession(viewerKey: string, sessionId: string, message: string): void {
      sessions().forget(viewerKey);
      if (!io) return;
      io.to(sessionRoom(sessionId)).emit('session:ended', { message });
      io.in(sessionRoom(sessionId)).disconnectSockets(true);
    },

    /** conversation:seen to the thread's app users told how far the Admin team has read (never which staff member). */
    staffSeen(record: ConversationRecord, seenByStaffUpToId: string): void {
      if (!io) return;
      const payload: ConversationSeenEvent = { conversationId: String(record.id), seenByStaffUpToId };
      for (const audience of appAudienceRooms(record)) {
        if (showsSeenByStaff(record.kind, audience.viewer.kind as 'business' | 'va' | 'sitter')) io.to(audience.room).emit('conversation:seen', payload);
      }
    },

    /**
     * An event for every staff socket (the Owner and Messaging Admin roles), on every node: a plugin above tells the
     * panel something changed (alerts' `alert:new`, `alert:updated`). App users never hear it.
     */
    toStaff(event: string, payload: unknown): void {
      io?.to(STAFF_ROOM).emit(event, payload);
    },

    profileUpdated(userId: number, profile: ProfileView): void {
      io?.to(personRoom(userKey(userId))).emit('profile:updated', profile);
    },
  };
};

export type RealtimeService = ReturnType<typeof realtime>;
export default realtime;
