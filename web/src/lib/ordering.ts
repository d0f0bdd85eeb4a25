/**
 * Merging message lists without duplicates or order errors (DOMAIN.md "Ordering, idempotency, sync"):
 * used for sinceId deltas after a reconnect, socket events, send acknowledgements and local echoes.
 * Pure: inputs are never mutated.
 */

export interface OrderedMessage {
  /** A server id (decimal snowflake string) or a local echo's `local:<idempotencyKey>`. */
  id: string;
  orderingKey: string;
  idempotencyKey?: string;
}

export const LOCAL_ID_PREFIX = 'local:';
export const isLocalEcho = (message: OrderedMessage): boolean => message.id.startsWith(LOCAL_ID_PREFIX);
export const localEchoId = (idempotencyKey: string): string => `${LOCAL_ID_PREFIX}${idempotencyKey}`;

/** Compares decimal id strings numerically (they are 64-bit, beyond Number's exact range). */
export function compareIds(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Server messages ascending by orderingKey, then local echoes in the order they were written.
 * An incoming message replaces the one with the same id (newer state wins); a server message also
 * replaces the local echo with its idempotency key; a local echo whose key already has a server
 * message is dropped.
 */
export function mergeMessages<T extends OrderedMessage>(current: readonly T[], incoming: readonly T[]): T[] {
  const servers = new Map<string, T>();
  const locals = new Map<string, T>(); // by id; Map keeps insertion order
  const confirmedKeys = new Set<string>();

  for (const message of [...current, ...incoming]) {
    if (isLocalEcho(message)) {
      locals.set(message.id, message);
    } else {
      const previous = servers.get(message.id);
      servers.set(message.id, { ...(previous ?? {}), ...message });
      if (message.idempotencyKey) confirmedKeys.add(message.idempotencyKey);
    }
  }
  const ordered = [...servers.values()].sort((a, b) => compareIds(a.orderingKey, b.orderingKey));
  const pending = [...locals.values()].filter((m) => !m.idempotencyKey || !confirmedKeys.has(m.idempotencyKey));
  return [...ordered, ...pending];
}

/** The newest server id in a list: the `sinceId` to resume from after a reconnect. */
export function latestServerId(messages: readonly OrderedMessage[]): string | undefined {
  let latest: string | undefined;
  for (const message of messages) {
    if (isLocalEcho(message)) continue;
    if (latest === undefined || compareIds(message.orderingKey, latest) > 0) latest = message.orderingKey;
  }
  return latest;
}

/**
 * How many messages merging `incoming` into `current` puts before one already shown (PRD §10
 * ordering_repair_events_count): a message that arrived out of order and was sorted into place. A message
 * already there (an update, or the socket echo of an acknowledged send) is no repair.
 */
export function orderRepairs(current: readonly OrderedMessage[], incoming: readonly OrderedMessage[]): number {
  const known = new Set(current.filter((m) => !isLocalEcho(m)).map((m) => m.id));
  let newest = latestServerId(current);
  let repairs = 0;
  for (const message of incoming) {
    if (isLocalEcho(message) || known.has(message.id)) continue;
    known.add(message.id);
    if (newest !== undefined && compareIds(message.orderingKey, newest) < 0) repairs++;
    else newest = message.orderingKey;
  }
  return repairs;
}
