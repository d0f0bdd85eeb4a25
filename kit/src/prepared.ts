import { createHash } from 'node:crypto';
import { boundedMemo } from './memo';

/** The part of a knex instance `preparedRaw` uses (kit does not depend on knex). */
interface KnexLike {
  raw(sql: string, bindings: readonly unknown[]): { toSQL(): { toNative(): { sql: string; bindings: readonly unknown[] } } };
  client: {
    acquireConnection(): Promise<{ query(config: { name: string; text: string; values: readonly unknown[] }): Promise<{ rows: any[] }> }>;
    releaseConnection(connection: unknown): Promise<unknown>;
    emit(event: string, payload: unknown): void;
  };
}

/** The prepared statement's name for a statement's text: the same text always gets the same name. Pure. */
export const preparedName = boundedMemo(1_000, (text: string): string => `sb_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`);

/**
 * knex's Postgres compilation of a raw text whose bindings are plain values: each `?` becomes `$1`, `$2`… in order and
 * an escaped `\?` becomes `?`, with the number of placeholders; null when the text has `??` (identifiers, which knex
 * expands). Remembered by text: the hot statements are a handful of fixed texts (issue 24: compiling them through
 * knex at every call was about 2 % of a node's CPU). Pure.
 */
export const positioned = boundedMemo(1_000, (sql: string): { sql: string; placeholders: number } | null => {
  if (sql.includes('??')) return null;
  let placeholders = 0;
  const text = sql.replace(/(\\*)(\?)/g, (_match, escapes: string) => (escapes.length % 2 ? '?' : `$${++placeholders}`));
  return { sql: text, placeholders };
});

/** A binding knex passes through unchanged (a value, not a query, a raw fragment, a function, an array or undefined). */
const isPlainValue = (value: unknown): boolean =>
  value === null || ['string', 'number', 'boolean', 'bigint'].includes(typeof value) || value instanceof Date;

/** The native text and values, without knex when every binding is a plain value (the same answer knex gives). */
function toNative(knex: KnexLike, sql: string, bindings: readonly unknown[]): { sql: string; bindings: readonly unknown[] } {
  const known = positioned(sql);
  if (known !== null && known.placeholders === bindings.length && bindings.every(isPlainValue)) return { sql: known.sql, bindings };
  return knex.raw(sql, bindings).toSQL().toNative();
}

/**
 * A hot autocommitted statement (knex `?` placeholders) run as a named prepared statement on whichever pool connection
 * takes it, so Postgres parses and plans it once per connection instead of at every call (issue 24: planning cost more
 * than running a send's statements). Never inside a transaction: it takes its own pool connection. knex's `query`
 * event still fires, for whoever counts statements. Named statements live on a server session, so this needs Postgres
 * sessions held by the pool (as Strapi's knex pool does); a transaction-pooling proxy in between would break it.
 */
export async function preparedRaw(knex: KnexLike, sql: string, bindings: readonly unknown[]): Promise<{ rows: any[] }> {
  const native = toNative(knex, sql, bindings);
  const connection = await knex.client.acquireConnection();
  try {
    knex.client.emit('query', { sql: native.sql, bindings: native.bindings, method: 'raw', prepared: true });
    return await connection.query({ name: preparedName(native.sql), text: native.sql, values: native.bindings });
  } finally {
    await knex.client.releaseConnection(connection);
  }
}

/** A compiled query: its text (knex `?` placeholders) and its bindings. */
interface Compiled {
  sql: string;
  bindings: readonly unknown[];
}

/**
 * A knex query compiled once: `build` gets a stand-in for each named value and returns the query; each later call
 * answers the same text with the real values where the stand-ins were (every other binding as compiled). For a hot
 * statement whose shape never changes (issue 24: building and compiling it at every call cost more than running it).
 */
export function compiledOnce<K extends string>(names: readonly K[], build: (standIns: Record<K, string>) => { toSQL(): Compiled }): (values: Record<K, unknown>) => Compiled {
  let compiled: { sql: string; slots: ({ name: K } | { value: unknown })[] } | null = null;
  return (values) => {
    if (compiled === null) {
      const standIns = Object.fromEntries(names.map((name) => [name, `\u0000stand-in:${name}`])) as Record<K, string>;
      const { sql, bindings } = build(standIns).toSQL();
      const slots = bindings.map((binding) => {
        const name = names.find((n) => standIns[n] === binding);
        return name === undefined ? { value: binding } : { name };
      });
      const missing = names.filter((n) => !slots.some((slot) => 'name' in slot && slot.name === n));
      if (missing.length > 0) throw new Error(`compiledOnce: the query never binds ${missing.join(', ')}`);
      compiled = { sql, slots };
    }
    const { sql, slots } = compiled;
    return { sql, bindings: slots.map((slot) => ('name' in slot ? values[slot.name] : slot.value)) };
  };
}

/**
 * Text as a SQL string literal, exactly as pg's `escapeLiteral` writes it (quotes and backslashes doubled, ` E` before
 * a literal with a backslash), without building it a character at a time: a batch writes every send's row as one JSON
 * literal, and pg's loop made about 20 KB of short-lived strings a message (issue 24, the allocation profile at
 * 1,000 msg/s).
 */
export function quoteLiteral(text: string): string {
  const quote = text.includes("'");
  const backslash = text.includes('\\');
  if (!quote && !backslash) return `'${text}'`;
  let body = quote ? text.replaceAll("'", "''") : text;
  if (backslash) body = body.replaceAll('\\', '\\\\');
  return backslash ? ` E'${body}'` : `'${body}'`;
}

/**
 * How a batch writes one binding into its text: a SQL literal or NULL. The caller converts its values (pg's
 * `prepareValue`: kit has no driver of its own) and quotes the text with `quoteLiteral`.
 */
export type LiteralOf = (value: unknown) => string;

/** A connection a batch runs on: a simple-protocol query of several statements answers one result per statement. */
interface BatchConnection {
  query(text: string): Promise<{ rows: any[] } | { rows: any[] }[]>;
}

/** Options of `batchedPrepared`. */
export interface BatchOptions<L = unknown> {
  /** Statements run alone at the same time before new ones wait to go together (one batch at a time besides). */
  maxInFlight: number;
  /** The most statements one batch holds. */
  maxBatch: number;
  literal: LiteralOf;
  /** Told of each run: a statement alone, a batch committed, or a batch that failed (its statements then run alone). */
  onRun?: (how: 'alone' | 'batch' | 'failed-batch', statements: number) => void;
  /**
   * Statements (whole SQL texts, values written with `literal`) a batch runs first, given each statement's `locks` as
   * passed to `run`: where a batch must take every row lock its statements will take, in one global order, before
   * any of them runs (a batch holds its locks until its commit, so taking them one statement after another could
   * deadlock with a writer taking the same rows in another order).
   */
  preamble?: (locks: L[]) => string[];
}

/** The name a statement is prepared under for batches (SQL `PREPARE`, which the driver's own protocol-level names never use). */
const batchName = (nativeSql: string): string => `sbb_${preparedName(nativeSql).slice(3)}`;

/**
 * Group commit for a hot autocommitted statement (issue 24). Up to `maxInFlight` statements run alone at once, each
 * as `preparedRaw` does; statements that arrive while that many are running wait, and go together when one finishes:
 * one round trip of `EXECUTE`s of the same prepared statements, which Postgres runs in order in one implicit
 * transaction with one commit. A batch's callers are answered after that commit, each with its own statement's rows.
 * When a batch fails (any of its statements, or its connection), its transaction wrote nothing, and each of its
 * statements runs again alone, ahead of the statements waiting and within `maxInFlight`, answering for itself; only a
 * connection lost after the commit leaves them written, so a statement must be safe to run twice (the send's is: its
 * idempotency key answers the second as a replay). At low load nothing ever waits, so nothing changes.
 */
export function batchedPrepared<L = unknown>(knex: KnexLike, options: BatchOptions<L>) {
  /** `again`: a statement of a failed batch, to run alone (ahead of the others waiting, and within maxInFlight). */
  type Waiting = { sql: string; bindings: readonly unknown[]; locks: L; resolve: (rows: { rows: any[] }) => void; reject: (error: unknown) => void; again?: boolean };
  const queue: Waiting[] = [];
  const preparedOn = new WeakMap<object, Set<string>>();
  let inFlight = 0;
  let batching = false;
  const told = (how: 'alone' | 'batch' | 'failed-batch', statements: number) => options.onRun?.(how, statements);

  const alone = (item: Waiting): void => {
    inFlight += 1;
    // A failed batch's statements were told of as 'failed-batch' already.
    if (!item.again) told('alone', 1);
    preparedRaw(knex, item.sql, item.bindings).then(item.resolve, item.reject).finally(() => {
      inFlight -= 1;
      next();
    });
  };

  async function runBatch(items: Waiting[]): Promise<{ rows: any[] }[]> {
    const natives = items.map((item) => toNative(knex, item.sql, item.bindings));
    const connection = (await knex.client.acquireConnection()) as unknown as BatchConnection & object;
    try {
      const prepared = preparedOn.get(connection) ?? new Set<string>();
      preparedOn.set(connection, prepared);
      const missing = [...new Map(natives.map((n) => [batchName(n.sql), n.sql])).entries()].filter(([name]) => !prepared.has(name));
      if (missing.length > 0) {
        await connection.query(missing.map(([name, sql]) => `PREPARE ${name} AS ${sql}`).join(';\n'));
        for (const [name] of missing) prepared.add(name);
      }
      const first = options.preamble?.(items.map((item) => item.locks)) ?? [];
      const text = [
        ...first,
        ...natives.map((n) => `EXECUTE ${batchName(n.sql)}${n.bindings.length ? `(${n.bindings.map(options.literal).join(', ')})` : ''}`),
      ].join(';\n');
      for (const n of natives) knex.client.emit('query', { sql: n.sql, bindings: n.bindings, method: 'raw', prepared: true, batched: natives.length });
      const results = await connection.query(text);
      const list = Array.isArray(results) ? results : [results];
      if (list.length !== first.length + items.length) throw new Error(`A batch of ${first.length + items.length} statements answered ${list.length} results`);
      return list.slice(first.length);
    } finally {
      await knex.client.releaseConnection(connection);
    }
  }

  function next(): void {
    while (queue.length > 0 && inFlight < options.maxInFlight) {
      if (queue.length === 1 || batching || queue[0].again) {
        alone(queue.shift()!);
        continue;
      }
      const items = queue.splice(0, options.maxBatch);
      batching = true;
      inFlight += 1;
      runBatch(items)
        .then(
          (results) => {
            told('batch', items.length);
            items.forEach((item, i) => item.resolve(results[i]));
          },
          () => {
            // Nothing of the batch was written: each statement again, alone, answering for itself. First in the
            // queue, and counted in flight like any other, so a failing batch never takes more connections at once.
            told('failed-batch', items.length);
            queue.unshift(...items.map((item) => ({ ...item, again: true })));
          },
        )
        .finally(() => {
          batching = false;
          inFlight -= 1;
          next();
        });
    }
  }

  return {
    /** Statements waiting for a run now. */
    waiting: () => queue.length,
    /** `preparedRaw`, run alone or in a batch; its rows, after its commit. `locks`: what `preamble` gets for it. */
    run(sql: string, bindings: readonly unknown[], locks?: L): Promise<{ rows: any[] }> {
      return new Promise((resolve, reject) => {
        queue.push({ sql, bindings, locks: locks as L, resolve, reject });
        next();
      });
    },
  };
}
