import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { StoredMessage } from '../domain/message-view';
import { getService } from '../get-service';
import { MESSAGE_COLUMNS, rowToStoredMessage, type NewMessageRow } from './message-rows';

type Db = Knex | Knex.Transaction;
/** The message columns as an insert's RETURNING names them (the select's, without the table alias). */
const RETURNED_COLUMNS = MESSAGE_COLUMNS.map((c) => c.replace(/^m\./, ''));

/**
 * The message table, read and written one way: every writer (send, a note shared with a business, inbound SMS)
 * appends through `append`, and every reader gets StoredMessages with their masquerade business's name.
 */
const messageStore = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = (): Knex => strapi.db.connection;

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

  return {
    select,
    stored,

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
      const { rows } = await trx.raw(
        `WITH inserted AS (${insert.sql}),
         moved AS (UPDATE conversation SET last_message_id = ?, last_activity_at = ?, updated_at = ? WHERE id = ? AND EXISTS (SELECT 1 FROM inserted))
         SELECT * FROM inserted`,
        [...insert.bindings, id, now, now, conversationId],
      );
      if (rows.length === 0) return null;
      return (await stored(rows))[0];
    },
  };
};

export type MessageStoreService = ReturnType<typeof messageStore>;
export default messageStore;
