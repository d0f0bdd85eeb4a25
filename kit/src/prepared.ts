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
