import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { StoredMessage } from '../domain/message-view';
import { getService } from '../get-service';
import { batchedPrepared, quoteLiteral } from '@switchboard/kit';
import pg from 'pg';
import { MESSAGE_COLUMNS, rowToStoredMessage, type NewMessageRow } from './message-rows';

type Db = Knex | Knex.Transaction;
/** The message columns as an insert's RETURNING names them (the select's, without the table alias). */
const RETURNED_COLUMNS = MESSAGE_COLUMNS.map((c) => c.replace(/^m\./, ''));

/**
 * The message table, read and written one way: every writer (send, a note shared with a business, inbound SMS)
 * appends through `append`, and every reader gets StoredMessages with their masquerade business's name.
 */
/**
 * The common table expression that makes the row in `inserted` (when there is one: a replayed key inserts none) its
 * conversation's last message, and its bindings: the one statement of a send moves the conversation on with its insert.
 */
function movedOn(id: string, conversationId: number, now: Date): { sql: string; bindings: unknown[] } {
  return {
    sql: 'moved AS (UPDATE conversation SET last_message_id = ?, last_activity_at = ?, updated_at = ? WHERE id = ? AND EXISTS (SELECT 1 FROM inserted))',
    bindings: [id, now, now, conversationId],
  };
}

/** A binding as the SQL literal a batch writes it as: pg's own conversion of the value (a date as pg sends it), quoted. */
const { prepareValue } = (pg as unknown as { utils: { prepareValue(value: unknown): unknown } }).utils;
const literal = (value: unknown): string => {
  const prepared = prepareValue(value);
  return prepared === null || prepared === undefined ? 'NULL' : quoteLiteral(String(prepared));
};

/** The row locks a send's statement takes: its conversation's, then its sender's token bucket's. */
export interface SendLocks {
  conversationId: number;
  bucketKey: string | null;
}

/**
 * What a batch of sends runs first: the row locks of all its sends, every conversation (by id) and then every bucket
 * (by key), the order in which a send alone or in a transaction takes its one conversation and then its one bucket
 * (rate-limits.takeSend). With one global order no writer can wait for a batch that waits for it.
 */
export function lockFirst(all: SendLocks[]): string[] {
  const conversations = [...new Set(all.map((l) => l.conversationId))].sort((a, b) => a - b);
  if (!conversations.every((id) => Number.isSafeInteger(id))) throw new Error('A conversation id is not an integer');
  const buckets = [...new Set(all.flatMap((l) => (l.bucketKey === null ? [] : [l.bucketKey])))].sort();
  return [
    `SELECT id FROM conversation WHERE id = ANY(ARRAY[${conversations.join(', ')}]::bigint[]) ORDER BY id FOR UPDATE`,
    ...(buckets.length ? [`SELECT bucket_key FROM rate_limit_bucket WHERE bucket_key = ANY(ARRAY[${buckets.map(literal).join(', ')}]::text[]) ORDER BY bucket_key FOR UPDATE`] : []),
  ];
}

/**
 * Sends that arrive while this many run wait and go together, in one round trip and one commit (issue 24): at 800
 * msg/s on one node, where sends one by one fell behind (529-550 acknowledged a second, 7-15 s delivery), batches kept
 * up (800 a second, 1.0-1.2 transactions a message). Two at once, not one, so one slow send does not hold up the rest.
 */
export const SEND_BATCH = { maxInFlight: 2, maxBatch: 32 };

const messageStore = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = (): Knex => strapi.db.connection;
  let batcher: ReturnType<typeof batchedPrepared<SendLocks>> | null = null;
  const sends = () => (batcher ??= batchedPrepared<SendLocks>(knex() as never, { ...SEND_BATCH, literal, preamble: lockFirst, onRun: (how, n) => getService(strapi, 'metrics').sendStatements(how, n) }));

  /** Rows as StoredMessages; the names of masquerade businesses are asked of people only when a row carries one. */
  async function stored(rows: any[]): Promise<StoredMessage[]> {
    const businessIds = rows.flatMap((r) => (r.masquerade_for_business_id === null ? [] : [Number(r.masquerade_for_business_id)]));
    const names = businessIds.length ? await getService(strapi, 'directory').businessNames(businessIds) : new Map<number, string>();
    return rows.map((r) => rowToStoredMessage(r, names));
  }

  const select = (db: Db = knex()) => db('message as m').select(MESSAGE_COLUMNS);

  async function first(query: Knex.QueryBuilder): Promise<StoredMessage | null> {
    const row = await query.first();
    return row ? (await stored([row]))[0] : null;
  }

  /** Why `appendAtomically` wrote nothing; the caller then takes its transactional path, which answers each. */
  type NotAppended = 'missing' | 'stale' | 'replayed' | 'limited';

  return {
    select,
    stored,

    /** Sends waiting to be written (they go together when one running finishes). */
    sendsWaiting: () => batcher?.waiting() ?? 0,

    findById: (id: string, db?: Db) => first(select(db).where('m.ordering_key', id)),

    findBySenderKey: (senderKey: string, idempotencyKey: string) => first(select().where({ 'm.sender_key': senderKey, 'm.idempotency_key': idempotencyKey })),

    async findByIds(ids: string[]): Promise<Map<string, StoredMessage>> {
      if (ids.length === 0) return new Map();
      return new Map((await stored(await select().whereIn('m.ordering_key', ids))).map((m) => [m.id, m]));
    },

    /**
     * Writes a message and makes it its conversation's last one. The caller holds the conversation's row lock, so
     * ids follow commit order within a conversation. Null when the sender already sent this idempotency key.
     */
    async append(trx: Knex.Transaction, conversationId: number, message: NewMessageRow, now: Date): Promise<string | null> {
      return (await this.appendRow(trx, conversationId, message, now))?.id ?? null;
    },

    /** `append`, answering the stored message as written (from the insert's RETURNING, not read back). */
    async appendRow(trx: Knex.Transaction, conversationId: number, message: NewMessageRow, now: Date): Promise<StoredMessage | null> {
      const id = getService(strapi, 'ids').next();
      const insert = trx('message')
        .insert({ ...message, ordering_key: id, conversation_id: conversationId, created_at: now, updated_at: now })
        .onConflict(['sender_key', 'idempotency_key'])
        .ignore()
        .returning(RETURNED_COLUMNS)
        .toSQL();
      // One round trip (issue 24): the conversation moves on only when the row went in (not for a replayed key).
      const moved = movedOn(id, conversationId, now);
      const { rows } = await trx.raw(
        `WITH inserted AS (${insert.sql}),
         ${moved.sql}
         SELECT * FROM inserted`,
        [...insert.bindings, ...moved.bindings],
      );
      if (rows.length === 0) return null;
      return (await stored(rows))[0];
    },

    /**
     * `appendRow` for a send that needs nothing else in its transaction, as one autocommitted statement (issue 24: one
     * round trip instead of four). In it: the conversation's row lock; the sender's token (`tokenFor(guard)`, taken
     * only when the message will go in); the insert; the conversation's move. The id must be newer than the
     * conversation's last message as read under the lock, so ids still follow commit order: when another writer
     * committed a newer id after this one was taken, or this key was sent before, or the bucket is empty, nothing is
     * written and the reason comes back.
     */
    async appendAtomically(
      conversationId: number,
      message: NewMessageRow,
      now: Date,
      tokenFor: (guard: string) => { sql: string; bindings: unknown[]; bucketKey?: string },
      counting?: { sql: string; bindings: unknown[] },
    ): Promise<{ stored: StoredMessage; counted: any[] | null; previous: string | null } | { stored: null; reason: NotAppended }> {
      const id = getService(strapi, 'ids').next();
      const row: Record<string, unknown> = { ...message, ordering_key: id, conversation_id: conversationId, created_at: now, updated_at: now };
      const columns = Object.keys(row).map((c) => {
        if (!/^[a-z_]+$/.test(c)) throw new Error(`Not a message column: ${c}`);
        return `"${c}"`;
      }).join(', ');
      const token = tokenFor('EXISTS (SELECT 1 FROM newer) AND EXISTS (SELECT 1 FROM unsent)');
      const moved = movedOn(id, conversationId, now);
      // `counting` (conversations' countedPairs) runs on the statement's snapshot, which a send that waited for the
      // lock took before the writer it waited for committed: it counts only when the conversation's last message under
      // the lock is the one the snapshot sees, so no message is missing from it; otherwise it is null. Ids travel as
      // text (a JSON number would lose a snowflake's low digits).
      const counted = counting
        ? {
            sql: `snap AS MATERIALIZED (SELECT last_message_id FROM conversation WHERE id = ?),
         counted AS MATERIALIZED (SELECT json_agg(json_build_object('conversation_id', c.conversation_id, 'reader_key', c.reader_key, 'n', c.n, 'seen', c.seen::text)) AS rows FROM (${counting.sql}) c
           WHERE EXISTS (SELECT 1 FROM inserted) AND (SELECT last_message_id FROM snap) IS NOT DISTINCT FROM (SELECT last_message_id FROM locked)),`,
            bindings: [conversationId, ...counting.bindings],
            column: ', (SELECT rows FROM counted) AS "_counted"',
          }
        : { sql: '', bindings: [], column: '' };
      const { rows } = await sends().run(
        `WITH locked AS MATERIALIZED (SELECT last_message_id FROM conversation WHERE id = ? FOR UPDATE),
         newer AS MATERIALIZED (SELECT 1 FROM locked WHERE last_message_id IS NULL OR last_message_id < ?::bigint),
         unsent AS MATERIALIZED (SELECT 1 WHERE ?::text IS NULL OR NOT EXISTS (SELECT 1 FROM message WHERE sender_key = ? AND idempotency_key = ?)),
         token AS (${token.sql}),
         inserted AS (
           INSERT INTO message (${columns}) SELECT ${columns} FROM json_populate_record(NULL::message, ?::json)
           WHERE EXISTS (SELECT 1 FROM token)
           ON CONFLICT (sender_key, idempotency_key) DO NOTHING
           RETURNING ${RETURNED_COLUMNS.map((c) => `"${c}"`).join(', ')}),
         ${counted.sql}
         ${moved.sql}
         SELECT EXISTS (SELECT 1 FROM locked) AS "_locked", EXISTS (SELECT 1 FROM newer) AS "_newer", EXISTS (SELECT 1 FROM unsent) AS "_unsent",
           EXISTS (SELECT 1 FROM token) AS "_taken", (SELECT last_message_id::text FROM locked) AS "_previous"${counted.column}, inserted.*
         FROM (VALUES (1)) AS one (x) LEFT JOIN inserted ON true`,
        [
          conversationId,
          id,
          message.idempotency_key ?? null,
          message.sender_key,
          message.idempotency_key ?? null,
          ...token.bindings,
          JSON.stringify(row),
          ...counted.bindings,
          ...moved.bindings,
        ],
        { conversationId, bucketKey: token.bucketKey ?? null },
      );
      const answer = rows[0];
      if (answer.ordering_key !== null && answer.ordering_key !== undefined) {
        // `previous`: the conversation's last message under the lock, the one this message follows (domain/unread-tally.ts).
        return { stored: (await stored([answer]))[0], counted: answer._counted ?? null, previous: answer._previous ?? null };
      }
      const reason: NotAppended = !answer._locked ? 'missing' : !answer._newer ? 'stale' : !answer._unsent ? 'replayed' : !answer._taken ? 'limited' : 'replayed';
      return { stored: null, reason };
    },
  };
};

export type MessageStoreService = ReturnType<typeof messageStore>;
export default messageStore;
