import { createHash } from 'node:crypto';

/** The part of a knex instance `preparedRaw` uses (kit does not depend on knex). */
interface KnexLike {
  raw(sql: string, bindings: readonly unknown[]): { toSQL(): { toNative(): { sql: string; bindings: readonly unknown[] } } };
  client: {
    acquireConnection(): Promise<{ query(config: { name: string; text: string; values: readonly unknown[] }): Promise<{ rows: any[] }> }>;
    releaseConnection(connection: unknown): Promise<unknown>;
    emit(event: string, payload: unknown): void;
  };
}

const names = new Map<string, string>();

/** The prepared statement's name for a statement's text: the same text always gets the same name. Pure. */
export function preparedName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `sb_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    if (names.size >= 1_000) names.clear();
    names.set(text, name);
  }
  return name;
}

/**
 * A hot autocommitted statement (knex `?` placeholders) run as a named prepared statement on whichever pool connection
 * takes it, so Postgres parses and plans it once per connection instead of at every call (issue 24: planning cost more
 * than running a send's statements). Never inside a transaction: it takes its own pool connection. knex's `query`
 * event still fires, for whoever counts statements. Named statements live on a server session, so this needs Postgres
 * sessions held by the pool (as Strapi's knex pool does); a transaction-pooling proxy in between would break it.
 */
export async function preparedRaw(knex: KnexLike, sql: string, bindings: readonly unknown[]): Promise<{ rows: any[] }> {
  const native = knex.raw(sql, bindings).toSQL().toNative();
  const connection = await knex.client.acquireConnection();
  try {
    knex.client.emit('query', { sql: native.sql, bindings: native.bindings, method: 'raw', prepared: true });
    return await connection.query({ name: preparedName(native.sql), text: native.sql, values: native.bindings });
  } finally {
    await knex.client.releaseConnection(connection);
  }
}
