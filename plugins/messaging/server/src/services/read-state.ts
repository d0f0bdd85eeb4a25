import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { STAFF_READER_PATTERN, showsSeenByStaff } from '../domain/seen-by-staff';
import type { ConversationRecord, Viewer } from '../domain/viewer';
import type { ConversationKind } from '../domain/route-matrix';
import { getService } from '../get-service';
import { UNREAD_COUNT_CAP, unreadBy } from './conversations';

/**
 * Read state beyond one conversation's unread count (issue 13 items 4 and 8): a staff member's unread total for the
 * admin panel's menu and tab title, and how far the Admin team has read a thread, told to its app users as
 * "Seen by Admin team" without ever saying which staff member read it.
 */
const readState = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = (): Knex => strapi.db.connection;

  /** The newest message any staff member has read, per conversation: `conversationId` → message id. */
  async function staffSeenUpTo(conversationIds: number[]): Promise<Map<number, string>> {
    if (conversationIds.length === 0) return new Map();
    const rows = await knex()('conversation_read')
      .select('conversation_id')
      .max({ seen: 'last_read_message_id' })
      .whereIn('conversation_id', conversationIds)
      .andWhere('reader_key', 'like', STAFF_READER_PATTERN)
      .groupBy('conversation_id');
    return new Map(rows.map((r: any) => [Number(r.conversation_id), String(r.seen)]));
  }

  return {
    staffSeenUpTo,

    /**
     * GET /messaging/unread: every message this staff member has not read, across the conversations they see (staff
     * see every conversation, domain/viewer.ts), by the one unread definition the inbox's per-thread counts use.
     */
    async unreadTotal(viewer: Viewer): Promise<number> {
      return (await this.unread(viewer)).total;
    },

    /**
     * The same, by conversation kind: unread messages and the conversations holding them (the admin home's widget).
     * A conversation counts at most UNREAD_COUNT_CAP.
     */
    async unread(viewer: Viewer): Promise<{ total: number; byKind: Partial<Record<ConversationKind, { messages: number; conversations: number }>> }> {
      // Each conversation's count stops at UNREAD_COUNT_CAP (its badge reads "99+"): the cost follows the number of
      // conversations, not of messages nobody read.
      const { rows } = await knex().raw(
        `SELECT c.kind, sum(u.n) AS n, count(*) AS threads FROM conversation c
           CROSS JOIN LATERAL (SELECT count(*) AS n FROM (SELECT 1 FROM message m WHERE ${unreadBy('c.id', 'CAST(? AS text)')} LIMIT ${UNREAD_COUNT_CAP}) capped) u
          WHERE u.n > 0 GROUP BY c.kind`,
        [viewer.key, viewer.key],
      );
      const byKind: Partial<Record<ConversationKind, { messages: number; conversations: number }>> = {};
      let total = 0;
      for (const r of rows as Array<{ kind: ConversationKind; n: string; threads: string }>) {
        byKind[r.kind] = { messages: Number(r.n), conversations: Number(r.threads) };
        total += Number(r.n);
      }
      return { total, byKind };
    },

    /** The field a conversation carries for this viewer, if they are told how far the Admin team has read. */
    seenField(viewer: Viewer, record: Pick<ConversationRecord, 'kind'>, seen: string | undefined): { seenByStaffUpToId?: string } {
      return seen !== undefined && viewer.kind !== 'staff' && showsSeenByStaff(record.kind, viewer.kind) ? { seenByStaffUpToId: seen } : {};
    },

    /** After a staff member's read mark: the thread's app users hear how far the Admin team has now read. */
    async staffRead(record: ConversationRecord): Promise<void> {
      const seen = (await staffSeenUpTo([record.id])).get(record.id);
      if (seen !== undefined) getService(strapi, 'realtime').staffSeen(record, seen);
    },
  };
};

export type ReadStateService = ReturnType<typeof readState>;
export default readState;
