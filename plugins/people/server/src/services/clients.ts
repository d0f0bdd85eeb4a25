import type { Core } from '@strapi/strapi';
import { ConflictError, NotFoundError } from '@switchboard/kit';
import { CLIENT_SENTENCES, clientName, clientNamedAfterNumber, type ClientFields } from '../domain/clients';
import { CLIENT_UID } from '../constants';
import type { ClientList, ClientView } from '../../../shared/contracts';

/** A client as every other plugin sees one (API.md "Admin pickers"): `id` is the documentId. */
export type { ClientView, ClientList, Pagination } from '../../../shared/contracts';

interface ClientRow {
  documentId: string;
  firstName: string;
  lastName?: string | null;
  phone: string;
  notes?: string | null;
}

export const toClientView = (row: ClientRow): ClientView => ({
  id: row.documentId,
  name: clientName(row),
  firstName: row.firstName,
  lastName: row.lastName ?? null,
  phone: row.phone,
  notes: row.notes ?? null,
});

/** The query for a picker search: every word in the first or last name, or the digits in the phone. */
function clientSearch(text: string): Record<string, unknown> {
  const q = text.trim();
  if (!q) return {};
  const digits = q.replace(/\D/g, '');
  const words = q.split(/\s+/).filter(Boolean);
  const byName = { $and: words.map((w) => ({ $or: [{ firstName: { $containsi: w } }, { lastName: { $containsi: w } }] })) };
  return digits.length >= 3 ? { $or: [byName, { phone: { $contains: digits } }] } : byName;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === '23505' || /unique/i.test(String((error as Error)?.message));

/**
 * Clients (DOMAIN.md "Clients, bookings"): reading them for the other plugins, and the one unknown-phone writer.
 * Writes go through Strapi's document service, so the document middleware (validation, uniqueness, audit) holds for
 * the People page, the Content Manager, the REST API and the seed alike. Reads join the caller's transaction.
 */
const clients = ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = () => strapi.db.query(CLIENT_UID);

  return {
    /** A client by documentId; NotFoundError with the sentence when there is none. */
    async get(documentId: string): Promise<ClientView> {
      const row = (await rows().findOne({ where: { documentId } })) as ClientRow | null;
      if (!row) throw new NotFoundError(CLIENT_SENTENCES.notFound);
      return toClientView(row);
    },

    /** Clients by documentId (missing ones are left out). */
    async byIds(documentIds: string[]): Promise<Map<string, ClientView>> {
      if (documentIds.length === 0) return new Map();
      const found = (await rows().findMany({ where: { documentId: { $in: [...new Set(documentIds)] } } })) as ClientRow[];
      return new Map(found.map((r) => [r.documentId, toClientView(r)]));
    },

    /** The client with this E.164 phone, or null. */
    async byPhone(e164: string): Promise<ClientView | null> {
      const row = (await rows().findOne({ where: { phone: e164 } })) as ClientRow | null;
      return row ? toClientView(row) : null;
    },

    /** documentIds of clients whose name or phone contains the text (case-insensitive): the inbox and inventory searches. */
    async matchIds(text: string): Promise<string[]> {
      const q = text.trim();
      if (!q) return [];
      const digits = q.replace(/\D/g, '');
      const found = (await rows().findMany({
        where: { $or: [{ firstName: { $containsi: q } }, { lastName: { $containsi: q } }, ...(digits.length >= 3 ? [{ phone: { $contains: digits } }] : [])] },
        select: ['documentId'],
        limit: 500,
      })) as Array<{ documentId: string }>;
      return found.map((r) => r.documentId);
    },

    /**
     * DOMAIN.md: an SMS from a phone no client has creates a client named after the number. Call it outside a
     * transaction: two first texts from one phone at once both answer the one client.
     */
    async findOrCreateByPhone(e164: string): Promise<ClientView> {
      const existing = await this.byPhone(e164);
      if (existing) return existing;
      try {
        const created = (await strapi.documents(CLIENT_UID as any).create({ data: clientNamedAfterNumber(e164) as any })) as unknown as ClientRow;
        return toClientView(created);
      } catch (error) {
        const raced = isUniqueViolation(error) || error instanceof ConflictError ? await this.byPhone(e164) : null;
        if (raced) return raced;
        throw error;
      }
    },

    /** Creates a client through the document service (validated, unique, audited by the middleware). */
    async create(data: ClientFields): Promise<ClientView> {
      return toClientView((await strapi.documents(CLIENT_UID as any).create({ data: data as any })) as unknown as ClientRow);
    },

    /** Changes a client through the document service (the middleware validates the patch, checks the phone and audits). */
    async update(documentId: string, patch: Partial<ClientFields>): Promise<ClientView> {
      await this.get(documentId);
      return toClientView((await strapi.documents(CLIENT_UID as any).update({ documentId, data: patch as any })) as unknown as ClientRow);
    },

    /**
     * The admin picker (API.md "Admin pickers"): clients whose name has every word of `q`, or whose phone has its
     * digits (three or more), by name.
     */
    async list(query: { q?: string; page: number; pageSize: number }): Promise<ClientList> {
      const where = clientSearch(query.q ?? '');
      const [found, total] = await Promise.all([
        rows().findMany({
          where,
          orderBy: [{ firstName: 'asc' }, { lastName: 'asc' }, { id: 'asc' }],
          offset: (query.page - 1) * query.pageSize,
          limit: query.pageSize,
        }) as Promise<ClientRow[]>,
        rows().count({ where }),
      ]);
      const count = Number(total);
      return { data: found.map(toClientView), meta: { pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(count / query.pageSize), total: count } } };
    },
  };
};

export type ClientsService = ReturnType<typeof clients>;
export default clients;
