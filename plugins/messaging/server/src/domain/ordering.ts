/**
 * Client/server merge of message lists (DOMAIN.md "Ordering, idempotency, sync"): used when a
 * reconnecting client merges a `sinceId` delta, when a socket event or a send acknowledgement
 * arrives, and by the web app (web/src/lib/ordering.ts) and the staff inbox for their optimistic local echoes.
 *
 * Pure: no I/O, inputs are never mutated.
 */
import { compareIds } from './snowflake';

export interface OrderedMessage {
  /** Server id (decimal snowflake string) or a pending local echo's temporary id `local:<uuid>`. */
  id: string;
  /** Server messages: equal to `id`. Local echoes: anything, it is not used for ordering. */
  orderingKey: string;
  idempotencyKey?: string;
}

export interface MergeResult<T> {
  messages: T[];
  /** Incoming server messages, new to `current`, that sort before its newest server message. */
  repaired: number;
}

export const LOCAL_ID_PREFIX = 'local:';

export const isLocalMessage = (message: OrderedMessage): boolean => message.id.startsWith(LOCAL_ID_PREFIX);

/** The id of the local echo of a send, until the server's message with that idempotency key replaces it. */
export const localEchoId = (idempotencyKey: string): string => `${LOCAL_ID_PREFIX}${idempotencyKey}`;

/**
 * Merges `incoming` into `current` and returns a new array:
 *
 * - server messages ascending by `orderingKey` (numeric, via `compareIds`), then pending local
 *   echoes in their relative order (existing ones first, new ones after);
 * - no duplicate ids: an incoming message replaces the entry with the same id (newer state wins),
 *   and a later duplicate within `incoming` wins over an earlier one;
 * - an incoming server message also replaces any entry carrying the same `idempotencyKey` under a
 *   different id (the local echo of that send);
 * - an incoming local echo whose `idempotencyKey` already belongs to a server message is dropped
 *   (the canonical message is already there; likewise for such leftovers in `current`), and one
 *   matching another local echo by id or `idempotencyKey` replaces it in place.
 *
 * `repaired` counts the incoming server messages whose id was not already in `current` and whose
 * `orderingKey` is below the greatest server `orderingKey` of `current` (for
 * `ordering_repair_events_count`). Re-merging the same batch yields the same list and `repaired: 0`.
 *
 * Server `orderingKey`s must be decimal strings; `compareIds` throws otherwise.
 */
export function mergeMessages<T extends OrderedMessage>(current: readonly T[], incoming: readonly T[]): MergeResult<T> {
  const servers = new Map<string, T>();
  /** idempotencyKey → id of the server message holding it. */
  const serverByKey = new Map<string, string>();
  let locals: T[] = [];

  const putServer = (message: T): void => {
    const previous = servers.get(message.id);
    if (previous?.idempotencyKey !== undefined && serverByKey.get(previous.idempotencyKey) === message.id) {
      serverByKey.delete(previous.idempotencyKey);
    }
    servers.set(message.id, message);
    if (message.idempotencyKey !== undefined) serverByKey.set(message.idempotencyKey, message.id);
  };

  const putLocal = (message: T): void => {
    const key = message.idempotencyKey;
    const matches = (entry: T) => entry.id === message.id || (key !== undefined && entry.idempotencyKey === key);
    const next: T[] = [];
    let placed = false;
    for (const entry of locals) {
      if (!matches(entry)) next.push(entry);
      else if (!placed) {
        next.push(message); // takes the place of the first entry it replaces
        placed = true;
      }
    }
    if (!placed) next.push(message);
    locals = next;
  };

  for (const message of current) {
    if (isLocalMessage(message)) putLocal(message);
    else putServer(message);
  }
  // A local echo whose send is already confirmed in `current` is a leftover duplicate.
  locals = locals.filter((entry) => entry.idempotencyKey === undefined || !serverByKey.has(entry.idempotencyKey));

  const tail = latestServerId(current);
  let repaired = 0;

  for (const message of incoming) {
    const key = message.idempotencyKey;
    if (isLocalMessage(message)) {
      if (key !== undefined && serverByKey.has(key)) continue;
      putLocal(message);
      continue;
    }

    const isNew = !servers.has(message.id);
    if (key !== undefined) {
      locals = locals.filter((entry) => entry.idempotencyKey !== key);
      const holder = serverByKey.get(key);
      if (holder !== undefined && holder !== message.id) {
        servers.delete(holder);
        serverByKey.delete(key);
      }
    }
    if (isNew && tail !== undefined && compareIds(message.orderingKey, tail) < 0) repaired += 1;
    putServer(message);
  }

  const ordered = [...servers.values()].sort((a, b) => compareIds(a.orderingKey, b.orderingKey));
  return { messages: [...ordered, ...locals], repaired };
}

/** Greatest server `orderingKey` (local echoes ignored): the `sinceId` to resume from. */
export function latestServerId(messages: readonly OrderedMessage[]): string | undefined {
  let latest: string | undefined;
  for (const message of messages) {
    if (isLocalMessage(message)) continue;
    if (latest === undefined || compareIds(message.orderingKey, latest) > 0) latest = message.orderingKey;
  }
  return latest;
}
