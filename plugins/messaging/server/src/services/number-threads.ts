import type { Core } from '@strapi/strapi';
import type { NumberThreads } from '@switchboard/numbers';
import { CONVERSATION_UID as CONVERSATION } from '../constants';
import { phoneDigits } from '../domain/staff-inbox';
import { peopleClients } from '../get-service';

/**
 * What numbers asks about client threads (its port, filled at bootstrap): which threads use a number, moving them
 * to another, and the "Assigned to client" filter. Through strapi.db.query, so inside numbers' transaction every call
 * joins it and a quarantine moves its threads atomically.
 */
const numberThreads = ({ strapi }: { strapi: Core.Strapi }): NumberThreads => ({
  async threadsOn(e164s) {
    const out = new Map<string, { conversationId: string; clientLabel: string }[]>(e164s.map((e) => [e, []]));
    if (e164s.length === 0) return out;
    const rows = (await strapi.db.query(CONVERSATION).findMany({
      where: { kind: 'client', businessNumber: { $in: e164s } },
      select: ['id', 'businessNumber', 'clientPhone', 'clientId'],
      orderBy: { id: 'asc' },
    })) as Array<{ id: number; businessNumber: string; clientPhone: string; clientId: string | null }>;
    // A thread reads as its client's name (issue 14 item 4), its phone until it knows the client.
    const clients = await peopleClients(strapi).byIds(rows.flatMap((r) => (r.clientId ? [r.clientId] : [])));
    for (const r of rows) out.get(r.businessNumber)?.push({ conversationId: String(r.id), clientLabel: (r.clientId && clients.get(r.clientId)?.name) || r.clientPhone });
    return out;
  },

  async moveThreads(moves) {
    for (const move of moves) await strapi.db.query(CONVERSATION).update({ where: { id: Number(move.conversationId) }, data: { businessNumber: move.to } });
  },

  /** The client's name (people's clients) or their phone's digits. */
  async numbersWithClient(text) {
    const clientIds = await peopleClients(strapi).matchIds(text);
    const digits = phoneDigits(text);
    const either = [...(clientIds.length ? [{ clientId: { $in: clientIds } }] : []), ...(digits ? [{ clientPhone: { $contains: digits } }] : [])];
    if (either.length === 0) return [];
    const rows = await strapi.db.query(CONVERSATION).findMany({ where: { kind: 'client', $or: either }, select: ['businessNumber'] });
    return [...new Set(rows.map((r: { businessNumber: string | null }) => r.businessNumber).filter((n): n is string => Boolean(n)))];
  },
});

export type NumberThreadsService = ReturnType<typeof numberThreads>;
export default numberThreads;
