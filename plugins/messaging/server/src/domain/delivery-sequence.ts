/**
 * Noticing message events this node never heard from another node (issue 25).
 *
 * Messages cross nodes as NOTIFYs on the Postgres adapter (services/fan-out.ts, `sb:message`). Postgres keeps no
 * NOTIFY for a listener that is not connected: while a node's listening connection is down (Postgres restarting, a
 * failover, a network cut) or a publish fails, that node's sockets miss messages, and nothing else would tell them.
 * So each node numbers the message events it publishes (one counter per process, the `origin`) and says every
 * HEARTBEAT_MS how far it has counted; a listener that finds a number missing for longer than GAP_GRACE_MS (NOTIFYs
 * from one node can arrive out of order: each goes out on whichever pool connection is free) tells its own sockets to
 * resync from a moment before the gap (`sync:needed`), the way a reconnect does. The clients' side of that resync
 * (when, and from where) is at the end, shared by the web app and the staff inbox.
 */
import { isValidMessageId, olderId } from './snowflake';

/** What a node stamps on each message event it publishes, and says in its heartbeat. */
export interface SequenceStamp {
  /** One process of one node; a restarted node is a new origin. */
  origin: string;
  /** Message events this origin has published so far (the stamped one included). */
  n: number;
  /** When the origin started (epoch ms). */
  startedAt: number;
}

/** How often a node says how far it has counted. */
export const HEARTBEAT_MS = 2_000;
/** How long a missing number may be late (out of order, or still on its way) before it counts as missed. */
export const GAP_GRACE_MS = 2_000;
/**
 * How far before the last event heard in order the resync starts: a message published after it may have been
 * created (its `createdAt`) earlier, by as long as its transaction took; clients drop what they already have.
 */
export const RESYNC_MARGIN_MS = 5_000;
/** Origins forgotten after this long unheard (a node that stopped), so the map does not grow with restarts. */
export const ORIGIN_FORGET_MS = 10 * 60_000;

interface OriginState {
  /** Every number up to this one was heard (or given up on). */
  upTo: number;
  /** The newest `createdAt` (epoch ms) among the events up to upTo; the resync starts before it. */
  upToAt: number;
  /** Numbers heard above upTo, with their createdAt. */
  above: Map<number, number>;
  /** The highest number the origin said it has published. */
  announced: number;
  /** When a hole was first seen (this node's clock), or null. */
  holeSince: number | null;
  lastHeard: number;
}

export interface SequenceGap {
  origin: string;
  /** The numbers never heard. */
  missed: number;
  /** Resync from here (epoch ms): RESYNC_MARGIN_MS before the last event heard in order from that origin. */
  since: number;
}

/**
 * The listener's side. `listeningSince`: when this node began hearing other nodes; an origin that started later
 * is expected from its first number, an older one from the first number heard.
 */
export function createSequenceTracker(options: { now: () => number; listeningSince: number }) {
  const origins = new Map<string, OriginState>();

  function stateOf(stamp: SequenceStamp, firstNumber: number): OriginState {
    let state = origins.get(stamp.origin);
    if (!state) {
      const fromStart = stamp.startedAt >= options.listeningSince;
      state = { upTo: fromStart ? 0 : firstNumber, upToAt: fromStart ? stamp.startedAt : options.now(), above: new Map(), announced: 0, holeSince: null, lastHeard: options.now() };
      origins.set(stamp.origin, state);
    }
    state.lastHeard = options.now();
    return state;
  }

  function settle(state: OriginState): void {
    while (state.above.has(state.upTo + 1)) {
      state.upTo += 1;
      state.upToAt = Math.max(state.upToAt, state.above.get(state.upTo)!);
      state.above.delete(state.upTo);
    }
    const highest = Math.max(state.announced, ...state.above.keys());
    if (highest <= state.upTo) state.holeSince = null;
    else state.holeSince ??= options.now();
  }

  return {
    /** A message event heard from another node, with its message's createdAt (epoch ms). */
    heard(stamp: SequenceStamp, createdAt: number): void {
      const state = stateOf(stamp, stamp.n - 1);
      if (stamp.n <= state.upTo) return;
      state.above.set(stamp.n, createdAt);
      settle(state);
    },

    /** Another node's heartbeat: it has published `n` message events so far. */
    announced(stamp: SequenceStamp): void {
      const state = stateOf(stamp, stamp.n);
      state.announced = Math.max(state.announced, stamp.n);
      settle(state);
    },

    /**
     * The gaps older than GAP_GRACE_MS, each given up on once (reported, and the origin counted from its highest
     * number on); forgets origins unheard for ORIGIN_FORGET_MS.
     */
    gaps(): SequenceGap[] {
      const now = options.now();
      const found: SequenceGap[] = [];
      for (const [origin, state] of origins) {
        if (state.holeSince === null && now - state.lastHeard > ORIGIN_FORGET_MS) {
          origins.delete(origin);
          continue;
        }
        if (state.holeSince === null || now - state.holeSince < GAP_GRACE_MS) continue;
        const highest = Math.max(state.announced, ...state.above.keys());
        const missed = highest - state.upTo - state.above.size;
        found.push({ origin, missed, since: state.upToAt - RESYNC_MARGIN_MS });
        state.upTo = highest;
        state.upToAt = Math.max(state.upToAt, ...state.above.values());
        state.above.clear();
        state.holeSince = null;
      }
      return found;
    },
  };
}

export type SequenceTracker = ReturnType<typeof createSequenceTracker>;

/** The publisher's side: one counter for this process. */
export function createSequenceCounter(origin: string, startedAt: number) {
  let n = 0;
  return {
    next: (): SequenceStamp => ({ origin, n: ++n, startedAt }),
    current: (): SequenceStamp => ({ origin, n, startedAt }),
  };
}

/** A node's resync after a gap is spread over this long per socket it holds (`sync:needed`'s spreadMs), at most the max. */
export const RESYNC_SPREAD_PER_SOCKET_MS = 4;
export const RESYNC_SPREAD_MAX_MS = 10_000;

/** The `spreadMs` a node asks of its sockets: so many sockets do not all resync at once. */
export const resyncSpreadMs = (sockets: number): number => Math.min(RESYNC_SPREAD_MAX_MS, sockets * RESYNC_SPREAD_PER_SOCKET_MS);

/** The longest a client waits before its `sync:needed` resync, whatever the server asks. */
export const RESYNC_DELAY_MAX_MS = 30_000;

/** A client's wait before a `sync:needed` resync: a random moment within the server's `spreadMs` (nonsense counts as 0). */
export function resyncDelayMs(spreadMs: unknown, random: () => number = Math.random): number {
  return random() * Math.min(Math.max(Number(spreadMs) || 0, 0), RESYNC_DELAY_MAX_MS);
}

/**
 * Where a shown thread's `sync:needed` resync starts: the older of its newest message and the event's `sinceId` (its
 * newest alone when `sinceId` is not a message id); undefined when the thread has no message yet.
 */
export function resyncCursor(newest: string | undefined, sinceId: unknown): string | undefined {
  if (newest === undefined) return undefined;
  return isValidMessageId(sinceId) ? olderId(newest, sinceId) : newest;
}
