/**
 * A node's cache of what it read from the database, never answering anything read `ttlMs` ago or earlier, whose
 * entries in use are read again ahead of time, together (issue 24: each send asked its sender's standing and its
 * business's facts on its own once they were two seconds old, half a database statement a message).
 *
 * - `getMany(args)` answers each from the cache while younger than `ttlMs`; the others are read now, in one
 *   `readMany`, and kept. A read that fails is not kept (the next ask reads again).
 * - `refresh()` reads again, in one `readMany`, every entry asked since it was read that is at least half `ttlMs` old,
 *   and drops the entries nobody asked for since. `start()` runs it every half `ttlMs`, so entries in use stay young
 *   and a busy node asks the database once per interval instead of once per entry per `ttlMs`; the bound holds even
 *   when a refresh is late or fails, since `getMany` reads whatever is too old.
 * - A write this node knows of calls `forget`; at `limit` entries the cache starts again empty.
 */
export interface FreshCache<A, V> {
  getMany(args: readonly A[]): Promise<V[]>;
  get(arg: A): Promise<V>;
  forget(match: (key: string) => boolean): void;
  clear(): void;
  refresh(): Promise<void>;
  start(): void;
  stop(): void;
  readonly size: number;
}

interface Entry<A, V> {
  arg: A;
  readAt: number;
  value: Promise<V>;
  asked: boolean;
}

export function freshCache<A, V>(options: {
  ttlMs: number;
  key: (arg: A) => string;
  /** One value per argument, in the same order. */
  readMany: (args: A[]) => Promise<V[]>;
  limit?: number;
  now?: () => number;
  onError?: (error: unknown) => void;
}): FreshCache<A, V> {
  const { ttlMs, key, readMany } = options;
  const limit = options.limit ?? 10_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry<A, V>>();
  let timer: NodeJS.Timeout | null = null;
  let refreshing: Promise<void> | null = null;

  /** Reads the arguments in one batch and keeps each answer (unless a newer read replaced it meanwhile). */
  function read(args: A[], at: number, asked: boolean): Entry<A, V>[] {
    const batch = readMany(args);
    return args.map((arg, i) => {
      const k = key(arg);
      const entry: Entry<A, V> = { arg, readAt: at, value: batch.then((values) => values[i]), asked };
      if (!entries.has(k) && entries.size >= limit) entries.clear();
      entries.set(k, entry);
      entry.value.catch(() => entries.get(k) === entry && entries.delete(k));
      return entry;
    });
  }

  const cache: FreshCache<A, V> = {
    async getMany(args) {
      const at = now();
      const answers: (Entry<A, V> | undefined)[] = [];
      const missing: A[] = [];
      const seen = new Set<string>();
      for (const arg of args) {
        const k = key(arg);
        const entry = entries.get(k);
        if (entry && at - entry.readAt < ttlMs) {
          entry.asked = true;
          answers.push(entry);
        } else {
          answers.push(undefined);
          if (!seen.has(k)) missing.push(arg);
        }
        seen.add(k);
      }
      const fetched = new Map(missing.length > 0 ? read(missing, at, false).map((entry) => [key(entry.arg), entry] as const) : []);
      return Promise.all(answers.map((entry, i) => (entry ?? fetched.get(key(args[i])))!.value));
    },

    async get(arg) {
      return (await cache.getMany([arg]))[0];
    },

    forget(match) {
      for (const k of [...entries.keys()]) if (match(k)) entries.delete(k);
    },

    clear() {
      entries.clear();
    },

    refresh() {
      // One refresh at a time: a slow database must not stack them up.
      if (refreshing) return refreshing;
      const at = now();
      const due: A[] = [];
      for (const [k, entry] of entries) {
        if (!entry.asked) {
          // Nobody asked since it was read: not worth reading again (dropped once it is too old to answer).
          if (at - entry.readAt >= ttlMs) entries.delete(k);
          continue;
        }
        if (at - entry.readAt >= ttlMs / 2) due.push(entry.arg);
      }
      if (due.length === 0) return Promise.resolve();
      const batch = read(due, at, false);
      refreshing = Promise.all(batch.map((e) => e.value))
        .then(() => undefined, (error) => options.onError?.(error))
        .finally(() => (refreshing = null));
      return refreshing;
    },

    start() {
      if (timer) return;
      timer = setInterval(() => void cache.refresh(), Math.max(1, Math.floor(ttlMs / 2)));
      timer.unref();
    },

    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },

    get size() {
      return entries.size;
    },
  };
  return cache;
}
