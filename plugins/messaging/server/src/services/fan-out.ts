import type { Core } from '@strapi/strapi';
import type { Server } from 'socket.io';
import { shapeMessage, type StoredMessage } from '../domain/message-view';
import { STAFF_ROOM, threadRoom, anyBusiness, anySitter, anyStaff, anyVa, appAudienceRooms, personRoom } from '../domain/rooms';
import type { SitterThreadAccess } from '../domain/sitter-access';
import { sitterMaySee } from '../domain/sitter-view';
import type { MessageRouting } from '../domain/routing-port';
import type { MessageViolation } from '../domain/policy-port';
import type { MessageDeliveryFailure } from '../domain/delivery-failures-port';
import { userKey, type ConversationRecord, type Viewer } from '../domain/viewer';
import { UNREAD_COUNT_CAP, type KnownCounts, type ReaderPair } from './conversations';
import { nextTally, type UnreadTally } from '../domain/unread-tally';
import { getService } from '../get-service';
import { switchboardTracer, traceCarrier, withTraceCarrier } from '@switchboard/kit';
import type { SequenceStamp } from '../domain/delivery-sequence';

/** What staff read on a client thread's message beyond its shape: its routing decision, its policy violation, its delivery failure. */
type StaffExtras = { routing?: MessageRouting; violation?: MessageViolation; deliveryFailure?: MessageDeliveryFailure };

/** The payload's viewer for the sender's own sockets: "mine", shaped for their kind. */
function senderViewer(message: StoredMessage, record: ConversationRecord): Viewer {
  if (message.senderRole === 'staff') return { ...anyStaff, key: message.senderKey };
  if (message.senderRole === 'business') return { ...anyBusiness(record.businessId ?? 0), key: message.senderKey };
  if (message.senderRole === 'sitter') return { ...anySitter, key: message.senderKey };
  return { ...anyVa, key: message.senderKey };
}

/**
 * conversation:updated is coalesced per conversation: the first change emits at once, later ones within this window
 * are folded into one emit at its end, computed from the state then (and the next window starts there), so a
 * conversation gets at most one update per window. A thread taking 50 messages a second costs about
 * five rounds of per-viewer unread counts and shaping a second instead of fifty (issue 24).
 */
export const CONVERSATION_UPDATE_WINDOW_MS = 200;

/** The adapter's server-side events between nodes: a message event (each node shapes it), a conversation's update. */
export const MESSAGE_EVENT = 'sb:message';
export const CONVERSATION_EVENT = 'sb:conversation';

/** A message event as it crosses nodes: the message and what each node needs to shape it, read once by the publisher. */
export interface MessageDelivery {
  event: 'message:new' | 'message:updated';
  record: ConversationRecord;
  message: StoredMessage;
  sitters: SitterThreadAccess[];
  extras: StaffExtras;
  /** The send's trace (W3C trace context) when it is traced, so another node's delivery joins it. */
  trace?: Record<string, string>;
  /** The publishing node's count of its message events, so a node that missed one notices (domain/delivery-sequence.ts). */
  seq?: SequenceStamp;
  /** A new message's predecessor, the conversation's last message under its send's lock, when the send knows it. */
  previous?: string | null;
}

/** What a one-statement send knows besides its message: the unread counts it took for this node's viewers, the message it follows. */
export interface SentWith {
  counts?: KnownCounts;
  previous?: string | null;
}

/**
 * The conversation as a send just left it: its record, its new last message and, when the send counted them in its
 * own statement, the unread counts of the viewers it knew of on this node.
 */
interface Fresh {
  record: ConversationRecord;
  last: StoredMessage;
  counts?: KnownCounts;
  /** The message `last` follows, when its send knew it (domain/unread-tally.ts). */
  previous?: string | null;
  /** Where `counts` came from, when not from the send's own statement: this node's tally (a window's end). */
  tallied?: true;
}

/** A sitter with an active window on a client thread, as the viewer to shape for. */
const sitterViewerOf = (access: SitterThreadAccess): Viewer => ({ kind: 'sitter', key: userKey(access.sitterUserId), userId: access.sitterUserId, displayName: '' });

/**
 * Publishing (API.md "Real-time", server → client): message:new and message:updated to everyone who may see the
 * conversation, shaped for each room, and conversation:updated with each recipient's own unread count. With the
 * Postgres adapter, room emits reach every node; conversation:updated is computed by each node for its own sockets.
 */
export function createFanOut(strapi: Core.Strapi, io: () => Server | null, crossNode: () => boolean, nextStamp: () => SequenceStamp) {
  /** The sitters with an active window on a client thread now (issue 15); only client threads ask the port. */
  const activeSittersOf = (record: ConversationRecord): Promise<SitterThreadAccess[]> =>
    record.kind === 'client' ? getService(strapi, 'sitter-access').activeSitters(record.id) : Promise.resolve([]);

  /**
   * The newest message id this node has seen as each conversation's last (from a read or a send it published). A
   * message that is not newer than it is not trusted as the last one without reading the conversation again.
   */
  const newestLast = new Map<number, bigint>();
  const NEWEST_LAST_LIMIT = 100_000;
  function noteLast(conversationId: number, id: string | null | undefined): void {
    if (!id) return;
    const seen = newestLast.get(conversationId);
    if (seen !== undefined && seen >= BigInt(id)) return;
    if (newestLast.size >= NEWEST_LAST_LIMIT) newestLast.clear();
    newestLast.set(conversationId, BigInt(id));
  }

  /**
   * This node's last exact unread counts per conversation that is not a client thread (domain/unread-tally.ts), so the
   * update after another node's message adds one instead of counting again (issue 24: with two nodes, the second node
   * counted in the database at every message). Dropped at every change that is not a message (a read, the Admin
   * team's read mark, another node's word); per node, of this node's viewers only.
   */
  const tallies = new Map<number, UnreadTally>();
  /** How often each conversation's tally was dropped, so counts taken before a drop are not kept after it. */
  const drops = new Map<number, number>();
  let tallyEpoch = 0;
  const TALLY_LIMIT = 10_000;
  const tallyStamp = (conversationId: number) => `${tallyEpoch}:${drops.get(conversationId) ?? 0}`;
  function dropTally(conversationId: number): void {
    tallies.delete(conversationId);
    if (!drops.has(conversationId) && drops.size >= TALLY_LIMIT) {
      drops.clear();
      tallies.clear();
      tallyEpoch += 1;
    }
    drops.set(conversationId, (drops.get(conversationId) ?? 0) + 1);
  }
  /** Keeps counts taken since `stamp` (tallyStamp), unless the conversation's tally was dropped in the meantime. */
  function keepTally(conversationId: number, tally: UnreadTally | undefined, stamp: string): void {
    if (!tally || stamp !== tallyStamp(conversationId)) return void tallies.delete(conversationId);
    // A slower emit of an older message does not undo counts already carried on to a newer one.
    const kept = tallies.get(conversationId);
    if (kept && BigInt(kept.last) > BigInt(tally.last)) return;
    if (!tallies.has(conversationId) && tallies.size >= TALLY_LIMIT) tallies.clear();
    tallies.set(conversationId, tally);
  }
  const talliedFrom = (known: KnownCounts, last: string | undefined): UnreadTally | undefined =>
    last === undefined ? undefined : { last, counts: known.counts, withStaffSeen: known.withStaffSeen };

  /**
   * conversation:updated to this node's sockets of everyone who sees the conversation (or of one person), each with
   * their own shape and unread count. `known`: the client thread's active sitters, when the caller asked the port already.
   * `fresh`: the conversation as a send just left it (its record and its new last message), so nothing is read again;
   * used only when that message is newer than any last message this node has seen there.
   */
  async function emitConversationUpdates(conversationId: number, onlyViewerKey: string | null, known?: SitterThreadAccess[], fresh?: Fresh): Promise<void> {
    const server = io();
    if (!server) return;
    const conversations = getService(strapi, 'conversations');
    const trusted = fresh && (newestLast.get(conversationId) ?? -1n) < BigInt(fresh.last.id) ? fresh : undefined;
    // Not a new message of this node's chain: whatever changed (a read, say) makes the counts kept here stale.
    if (!trusted) dropTally(conversationId);
    const stamp = tallyStamp(conversationId);
    const record = trusted ? { ...trusted.record, lastMessageId: trusted.last.id, lastActivityAt: trusted.last.createdAt } : await conversations.findRecord(conversationId);
    if (!record) return;
    noteLast(conversationId, record.lastMessageId);
    let sitters = known ?? (onlyViewerKey ? undefined : await activeSittersOf(record));
    const rooms = onlyViewerKey
      ? [personRoom(onlyViewerKey)]
      : [STAFF_ROOM, ...appAudienceRooms(record).map((a) => a.room), ...(sitters ?? []).map((a) => personRoom(userKey(a.sitterUserId)))];
    const sockets = await server.local.in(rooms).fetchSockets();
    if (sockets.length === 0) return;
    const byViewer = new Map<string, typeof sockets>();
    for (const s of sockets) {
      const key = (s.data.viewer as Viewer).key;
      const group = byViewer.get(key);
      if (group) group.push(s);
      else byViewer.set(key, [s]);
    }
    const groups = [...byViewer.values()];
    const viewers = groups.map((group) => group[0].data.viewer as Viewer);
    if (sitters === undefined && record.kind === 'client' && viewers.some((v) => v.kind === 'sitter')) sitters = await activeSittersOf(record);
    // The counts as of this message: the send's own, or this node's tally of its predecessor plus the message.
    const derived = trusted && !trusted.counts && onlyViewerKey === null && record.kind !== 'client'
      ? nextTally(tallies.get(conversationId), conversationId, trusted.last, trusted.previous, UNREAD_COUNT_CAP)
      : undefined;
    const given: KnownCounts | undefined = trusted?.counts ?? (derived && { counts: derived.counts, withStaffSeen: derived.withStaffSeen });
    let asked: KnownCounts | undefined;
    const views = await conversations.viewsOfOne(viewers, record, sitters ?? [], trusted?.last, given, (counts) => (asked = counts));
    if (asked || given) getService(strapi, 'metrics').unreadCounted(asked ? 'database' : derived || trusted?.tallied ? 'tally' : 'send');
    if (record.kind !== 'client') {
      // Counted in the database just now: exact as of the last message of that statement's snapshot. Otherwise the
      // counts used are exact as of this message (taken by its send under the lock, or derived).
      const tally = asked ? talliedFrom(asked, asked.counts.last?.get(conversationId)) : given && trusted ? talliedFrom(given, trusted.last.id) : undefined;
      if (onlyViewerKey === null) keepTally(conversationId, tally, stamp);
    }
    groups.forEach((group, i) => {
      // null: a sitter without an active window on this client thread hears nothing of it.
      if (views[i] === null) return;
      // One emit per person, to all their sockets here: the packet is encoded once (issue 24).
      server.local.to(group.map((s) => s.id)).emit('conversation:updated', { conversation: views[i] });
    });
  }

  /**
   * What staff read on a client thread's message beyond its shape (API.md "Shapes (additions)"): a client SMS's
   * routing decision, the violation of a message the policy withheld (or whose violation was just reviewed), and the
   * open delivery failure of a failed SMS.
   * Nothing else asks, so an ordinary send costs no question.
   */
  async function staffExtrasOf(record: ConversationRecord, message: StoredMessage, askViolation: boolean): Promise<StaffExtras> {
    if (record.kind !== 'client') return {};
    const [routing, violation, deliveryFailure] = await Promise.all([
      message.routeType === 'CLIENT_INBOUND' ? getService(strapi, 'routing').routingOf([message.id]).then((m) => m.get(message.id)) : undefined,
      askViolation || message.policyRedactedText != null ? getService(strapi, 'policy').violationsOf([message.id]).then((m) => m.get(message.id)) : undefined,
      message.state === 'failed' || message.state === 'undelivered' ? getService(strapi, 'delivery-failures').failuresOf([message.id]).then((m) => m.get(message.id)) : undefined,
    ]);
    return { ...(routing ? { routing } : {}), ...(violation ? { violation } : {}), ...(deliveryFailure ? { deliveryFailure } : {}) };
  }

  /**
   * Emits one message event to this node's sockets only: staff, the thread's app audiences and its active sitters,
   * each in their own shape, and the sender's sockets as theirs. Every node runs this for every message (the message
   * crosses nodes once, `sb:message`), so no shaped payload travels between nodes.
   */
  function emitToAudiences(event: 'message:new' | 'message:updated', record: ConversationRecord, message: StoredMessage, sitters: SitterThreadAccess[], extras: StaffExtras): void {
    const local = io()!.local;
    const sender = personRoom(message.senderKey);
    const forStaff = shapeMessage(message, anyStaff);
    local.to(STAFF_ROOM).except(sender).emit(event, { message: { ...forStaff, ...extras } });
    for (const audience of appAudienceRooms(record)) local.to(audience.room).except(sender).emit(event, { message: shapeMessage(message, audience.viewer) });
    // A client thread's sitters with an active window now, each in their own shape (the client as their label).
    for (const access of sitters) {
      // A client's SMS reaches only the sitter it was routed to; staff notes reach none (domain/sitter-view.ts).
      if (!sitterMaySee(message, access.sitterUserId)) continue;
      const room = personRoom(userKey(access.sitterUserId));
      if (room !== sender) local.to(room).emit(event, { message: shapeMessage(message, sitterViewerOf(access), access.clientDisplayName) });
    }
    const senderAccess = sitters.find((a) => personRoom(userKey(a.sitterUserId)) === sender);
    const forSender = shapeMessage(message, senderViewer(message, record), senderAccess?.clientDisplayName);
    local.to(sender).emit(event, { message: message.senderRole === 'staff' ? { ...forSender, ...extras } : forSender });
  }

  /**
   * A message event on this node: its sockets hear it, and after a new message the conversation's update follows
   * (coalesced on this node; `fresh`, so nothing is read again when the message is the newest this node has seen).
   */
  function deliverHere(delivery: MessageDelivery, counts?: KnownCounts): void {
    // PRD §10 traces: each node's delivery is a step of the send's trace (the trace crosses nodes with the message).
    withTraceCarrier(delivery.trace, () => {
      const span = switchboardTracer().startSpan(delivery.event === 'message:new' ? 'message.deliver' : 'message.update', {
        attributes: { 'messaging.message_id': delivery.message.id, 'messaging.conversation_id': String(delivery.record.id), 'messaging.sitters': delivery.sitters.length },
      });
      emitToAudiences(delivery.event, delivery.record, delivery.message, delivery.sitters, delivery.extras);
      span.end();
    });
    if (delivery.event !== 'message:new') return;
    fanOut
      .conversationChanged(delivery.record, { sitters: delivery.sitters, lastMessage: delivery.message, here: true, counts, previous: delivery.previous })
      .catch((e) => strapi.log.error(`[messaging] conversation update failed: ${e}`));
  }

  /** Every node hears a message event once: one cross-node event carrying the message, shaped on each node. */
  function deliver(delivery: MessageDelivery, counts?: KnownCounts): void {
    if (crossNode()) {
      const trace = traceCarrier();
      io()!.serverSideEmit(MESSAGE_EVENT, { ...delivery, seq: nextStamp(), ...(Object.keys(trace).length > 0 ? { trace } : {}) });
    }
    deliverHere(delivery, counts);
  }

  /**
   * Conversations inside their window, with what changed since its start (to emit at its end). Per node.
   * `newest`: while only messages changed the conversation in the window, the newest of them, to which this node's
   * tally was carried on message by message, so the window's end reads and counts nothing; null once anything else
   * changed it (a read, a window opening, a message whose counts could not be carried on).
   */
  interface Held {
    everyone: boolean;
    viewers: Set<string>;
    timer: NodeJS.Timeout;
    here: boolean;
    newest?: Pick<Fresh, 'record' | 'last' | 'previous'> | null;
  }
  const quiet = new Map<number, Held>();
  const openWindow = (conversationId: number): Held => ({
    everyone: false,
    viewers: new Set(),
    timer: setTimeout(() => endWindow(conversationId), CONVERSATION_UPDATE_WINDOW_MS),
    here: true,
  });

  /**
   * A new message inside a conversation's window: this node's tally carried on to it (domain/unread-tally.ts), or
   * null when it cannot be (a client thread, no tally exact as of the message it follows).
   */
  function carriedOn(record: ConversationRecord, last: StoredMessage, previous: string | null | undefined): Held['newest'] {
    if (record.kind === 'client') return null;
    const next = nextTally(tallies.get(record.id), record.id, last, previous, UNREAD_COUNT_CAP);
    if (!next) return null;
    keepTally(record.id, next, tallyStamp(record.id));
    return { record, last, previous };
  }

  async function emitEverywhere(conversationId: number, onlyViewerKey: string | null, known?: SitterThreadAccess[], fresh?: Fresh, here = false): Promise<void> {
    const server = io();
    if (!server) return;
    if (crossNode() && !here) server.serverSideEmit(CONVERSATION_EVENT, conversationId, onlyViewerKey);
    await emitConversationUpdates(conversationId, onlyViewerKey, known, fresh);
  }

  /**
   * A window's end: what changed in it is emitted now, and a new window opens behind that emit, so a busy conversation
   * gets one update per window at most; a window in which nothing changed simply closes.
   */
  async function endWindow(conversationId: number, closing = false): Promise<void> {
    const held = quiet.get(conversationId);
    if (!held) return;
    clearTimeout(held.timer);
    quiet.delete(conversationId);
    if (!held.everyone && held.viewers.size === 0) return;
    if (!closing) quiet.set(conversationId, openWindow(conversationId));
    // Only messages changed it: the newest, with the counts carried on to it, is emitted as a send's would be.
    // Unless this node's counts were dropped since (another node's word of a read), or are not as of that message.
    const tally = tallies.get(conversationId);
    const newest: Fresh | undefined =
      held.newest && held.viewers.size === 0 && tally?.last === held.newest.last.id
        ? { ...held.newest, counts: { counts: tally.counts, withStaffSeen: tally.withStaffSeen }, tallied: true }
        : undefined;
    const work = held.everyone
      ? [emitEverywhere(conversationId, null, undefined, newest, held.here)]
      : [...held.viewers].map((key) => emitEverywhere(conversationId, key, undefined, undefined, held.here));
    await Promise.all(work).catch((e) => strapi.log.error(`[messaging] conversation update failed: ${e}`));
  }

  const fanOut = {
    /**
     * This node's viewers of a conversation that is not a client thread (its staff and app audiences' sockets), one
     * pair per person: whose unread counts a send takes in its own statement, so the conversation:updated that follows
     * asks the database nothing more (issue 24). `withStaffSeen`: someone of them reads how far the Admin team has read.
     * Null, decided at once (a send awaits nothing), while the conversation is inside its CONVERSATION_UPDATE_WINDOW_MS
     * here: its update waits for the window's end and is counted then, so counts taken now would be thrown away (a busy
     * thread with every staff inbox open). Null too while this node keeps counts of the conversation (domain/unread-tally.ts):
     * its update carries them on from the message before, the way every other node does, so a send counts only after
     * something else changed the thread (issue 24: counting is bounded at the cap, but a thread with many unread
     * messages still read up to the cap's rows for every reader at every send). Null for a client thread, or with no
     * real-time server.
     */
    localReaders(record: ConversationRecord): Promise<{ pairs: ReaderPair[]; withStaffSeen: boolean }> | null {
      const server = io();
      if (!server || record.kind === 'client' || quiet.has(record.id) || tallies.has(record.id)) return null;
      return server.local
        .in([STAFF_ROOM, ...appAudienceRooms(record).map((a) => a.room)])
        .fetchSockets()
        .then((sockets) => {
          const viewers = new Map<string, Viewer>();
          for (const s of sockets) viewers.set((s.data.viewer as Viewer).key, s.data.viewer as Viewer);
          return {
            pairs: [...viewers.keys()].map((readerKey) => ({ conversationId: record.id, readerKey })),
            withStaffSeen: [...viewers.values()].some((v) => v.kind !== 'staff'),
          };
        });
    },

    /** Another node asked for conversation:updated (through the adapter). */
    emitConversationUpdates: (conversationId: number, onlyViewerKey: string | null) => emitConversationUpdates(conversationId, onlyViewerKey),

    /**
     * conversation:updated, with each recipient's own unread count, on every node: at once when the conversation has
     * been quiet for CONVERSATION_UPDATE_WINDOW_MS, else once at the end of the window for everything that changed in
     * it (one person's change folded into everyone's when both are due).
     */
    async conversationChanged(
      record: ConversationRecord,
      options: { onlyViewerKey?: string; sitters?: SitterThreadAccess[]; lastMessage?: StoredMessage; here?: boolean; counts?: KnownCounts; previous?: string | null } = {},
    ): Promise<void> {
      const server = io();
      if (!server) return;
      // A change that is not a message (a read, say): the counts this node kept are stale from now, window or not.
      if (!options.lastMessage) dropTally(record.id);
      const here = options.here === true;
      const held = quiet.get(record.id);
      if (held) {
        if (options.onlyViewerKey === undefined) held.everyone = true;
        else held.viewers.add(options.onlyViewerKey);
        // A change every node was told of (not a message each node heard) makes the window's end cross nodes.
        if (!here) held.here = false;
        held.newest = held.newest !== null && options.lastMessage && options.onlyViewerKey === undefined ? carriedOn(record, options.lastMessage, options.previous) : null;
        return;
      }
      // The window's first change is emitted now: a message carries its tally on from there; anything else, from its
      // count at the end of this emit (a later message in the window then counts at the window's end).
      const opened = openWindow(record.id);
      if (!options.lastMessage) opened.newest = null;
      quiet.set(record.id, opened);
      const fresh = options.lastMessage ? { record, last: options.lastMessage, counts: options.counts, previous: options.previous } : undefined;
      await emitEverywhere(record.id, options.onlyViewerKey ?? null, options.sitters, fresh, here);
    },

    /** Emits what is still held (shutdown, tests). */
    async flushConversationUpdates(): Promise<void> {
      await Promise.all([...quiet.keys()].map((id) => endWindow(id, true)));
    },

    /** Another node's message event (through the adapter): this node's sockets hear it. */
    deliverHere,

    /**
     * message:new to everyone who may see the conversation, shaped for each; the sender's sockets get it as theirs.
     * `sent`: what a one-statement send knows besides: the unread counts it took in its own statement for this node's
     * viewers (localReaders), and the message this one follows, which every node's tally needs (domain/unread-tally.ts).
     */
    async publishMessage(record: ConversationRecord, message: StoredMessage, committedAt?: number, sent: SentWith = {}): Promise<void> {
      if (!io()) return;
      const [sitters, extras] = await Promise.all([activeSittersOf(record), staffExtrasOf(record, message, false)]);
      // The sender's ack need not wait for everyone's unread counts (the benchmark's ack latency): deliver emits the
      // message now and leaves the conversation's update running.
      const previous = sent.previous === undefined ? {} : { previous: sent.previous };
      deliver({ event: 'message:new', record, message, sitters, extras, ...previous }, sent.counts);
      if (committedAt !== undefined) getService(strapi, 'metrics').deliveredAfterCommit(committedAt);
    },

    /**
     * message:updated (delivery state, edits, a release) to everyone who may see the conversation. `withViolation`:
     * its policy violation changed (a review), so staff read it afresh.
     */
    async publishUpdate(record: ConversationRecord, message: StoredMessage, options: { withViolation?: boolean } = {}): Promise<void> {
      if (!io()) return;
      const [sitters, extras] = await Promise.all([activeSittersOf(record), staffExtrasOf(record, message, options.withViolation === true)]);
      deliver({ event: 'message:updated', record, message, sitters, extras });
    },

    /** A sitter's window on a client thread ended (issue 15): conversation:removed, and their sockets leave its room, on every node. */
    conversationRemoved(viewerKey: string, conversationId: number): void {
      const server = io();
      if (!server) return;
      server.to(personRoom(viewerKey)).emit('conversation:removed', { conversationId: String(conversationId) });
      server.in(personRoom(viewerKey)).socketsLeave([threadRoom(conversationId, 'app'), threadRoom(conversationId, 'staff')]);
    },
  };
  return fanOut;
}

export type FanOut = ReturnType<typeof createFanOut>;
