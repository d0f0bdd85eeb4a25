import type { Core } from '@strapi/strapi';
import type { NumberThreads } from '@switchboard/numbers';
import { CONVERSATION_UID as CONVERSATION } from '../constants';

/**
 * What numbers asks about client threads (its port, filled at bootstrap): which threads use a number, moving them
 * to another, and the client-phone filter. Through strapi.db.query, so inside numbers' transaction every call joins it
 * and a quarantine moves its threads atomically.
 */
const numberThreads = ({ strapi }: { strapi: Core.Strapi }): NumberThreads => ({
  async threadsOn(e164s) {
    const out = new Map<string, { conversationId: string; clientLabel: string }[]>(e164s.map((e) => [e, []]));
    if (e164s.length === 0) return out;
    const rows = await strapi.db.query(CONVERSATION).findMany({
      where: { kind: 'client', businessNumber: { $in: e164s } },
      select: ['id', 'businessNumber', 'clientPhone'],
      orderBy: { id: 'asc' },
    });
    for (const r of rows) out.get(r.businessNumber)?.push({ conversationId: String(r.id), clientLabel: r.clientPhone });
    return out;
  },

  async moveThreads(moves) {
    for (const move of moves) await strapi.db.query(CONVERSATION).update({ where: { id: Number(move.conversationId) }, data: { businessNumber: move.to } });
  },

  async numbersWithClient(digits) {
    const rows = await strapi.db.query(CONVERSATION).findMany({ where: { kind: 'client', clientPhone: { $contains: digits } }, select: ['businessNumber'] });
    return [...new Set(rows.map((r: { businessNumber: string | null }) => r.businessNumber).filter((n): n is string => Boolean(n)))];
  },
});

export type NumberThreadsService = ReturnType<typeof numberThreads>;
export default numberThreads;
