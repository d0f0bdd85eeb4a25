import type { Core } from '@strapi/strapi';
import type { AuditLogService } from '@switchboard/audit';
import { ConflictError, NotFoundError, parseInput } from '@switchboard/kit';
import { CLIENT_SENTENCES, clientCreateSchema, clientName, clientUpdateSchema } from '../domain/clients';
import { AUDIT_ACTIONS, CLIENT_UID } from '../constants';
import { requestActor } from '../request-actor';

/** Keys Strapi itself puts in a document's data (the Content Manager adds createdBy and updatedBy); never a client's. */
const STRAPI_KEYS = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations']);
const CLIENT_KEYS = ['firstName', 'lastName', 'phone', 'notes'] as const;

interface DocumentContext {
  uid: string;
  action: string;
  params: { documentId?: string; data?: Record<string, unknown> } & Record<string, unknown>;
}

interface ClientRow {
  id: number;
  documentId: string;
  firstName: string;
  lastName: string | null;
  phone: string;
  notes: string | null;
}

const isUniqueViolation = (error: unknown) =>
  (error as { code?: string })?.code === '23505' || /must be unique|unique constraint/i.test(String((error as Error)?.message));

/** The data's own fields and Strapi's, apart: only the client's fields are validated. */
function splitData(data: unknown): { fields: Record<string, unknown>; strapiKeys: Record<string, unknown> } {
  const fields: Record<string, unknown> = {};
  const strapiKeys: Record<string, unknown> = {};
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    for (const [key, value] of Object.entries(data)) (STRAPI_KEYS.has(key) ? strapiKeys : fields)[key] = value;
  }
  return { fields, strapiKeys };
}

/**
 * DOMAIN.md "Clients": every write of a client — People page, Content Manager, REST API, seed, an unknown SMS
 * sender — passes here. Validates with the domain schemas (400 naming the field), stores the phone as E.164, refuses
 * a phone another client has (409) and records one audit event per change in the write's transaction.
 */
export const clientWrites =
  (strapi: Core.Strapi) =>
  async (context: DocumentContext, next: () => Promise<unknown>): Promise<unknown> => {
    if (context.uid !== CLIENT_UID) return next();
    switch (context.action) {
      case 'create':
        return create(strapi, context, next);
      case 'update':
        return update(strapi, context, next);
      case 'delete':
        return remove(strapi, context, next);
      case 'clone':
        // A copy would carry the phone number, which belongs to one client only.
        throw new ConflictError(`${CLIENT_SENTENCES.phoneTaken} Create a new client with their own phone number instead.`);
      default:
        return next();
    }
  };

const rows = (strapi: Core.Strapi) => strapi.db.query(CLIENT_UID);
const audit = (strapi: Core.Strapi) => strapi.plugin('audit').service('audit-log') as AuditLogService;

async function refuseTakenPhone(strapi: Core.Strapi, phone: string, documentId: string | null) {
  const holder = (await rows(strapi).findOne({ where: { phone }, select: ['documentId'] })) as { documentId: string } | null;
  if (holder && holder.documentId !== documentId) throw new ConflictError(CLIENT_SENTENCES.phoneTaken);
}

/** The write itself, with a unique violation that raced past the check answered as the same 409. */
async function write(next: () => Promise<unknown>) {
  try {
    return await next();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(CLIENT_SENTENCES.phoneTaken);
    throw error;
  }
}

const withoutUndefined = <T extends Record<string, unknown>>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

async function existing(strapi: Core.Strapi, documentId: string | undefined): Promise<ClientRow> {
  const row = documentId ? ((await rows(strapi).findOne({ where: { documentId } })) as ClientRow | null) : null;
  if (!row) throw new NotFoundError(CLIENT_SENTENCES.notFound);
  return row;
}

async function create(strapi: Core.Strapi, context: DocumentContext, next: () => Promise<unknown>) {
  const { fields, strapiKeys } = splitData(context.params.data);
  const client = withoutUndefined(parseInput(clientCreateSchema, fields)) as ReturnType<typeof clientCreateSchema.parse>;
  const actor = requestActor(strapi);
  return strapi.db.transaction(async () => {
    await refuseTakenPhone(strapi, client.phone, null);
    context.params = { ...context.params, data: { ...strapiKeys, ...client } };
    const created = (await write(next)) as ClientRow;
    await audit(strapi).record({
      actor,
      action: AUDIT_ACTIONS.clientCreate,
      entity: { type: 'client', id: created.documentId },
      details: { name: clientName(client), phone: client.phone },
    });
    return created;
  });
}

async function update(strapi: Core.Strapi, context: DocumentContext, next: () => Promise<unknown>) {
  const before = await existing(strapi, context.params.documentId);
  const { fields, strapiKeys } = splitData(context.params.data);
  const patch = withoutUndefined(parseInput(clientUpdateSchema, fields));
  const actor = requestActor(strapi);
  return strapi.db.transaction(async () => {
    if (patch.phone !== undefined && patch.phone !== before.phone) await refuseTakenPhone(strapi, patch.phone, before.documentId);
    context.params = { ...context.params, data: { ...strapiKeys, ...patch } };
    const updated = (await write(next)) as ClientRow;
    const changes = Object.fromEntries(
      CLIENT_KEYS.filter((key) => patch[key] !== undefined && (patch[key] ?? null) !== (before[key] ?? null)).map((key) => [key, { from: before[key] ?? null, to: patch[key] ?? null }]),
    );
    // Saving a client unchanged (the Content Manager's Save with nothing edited) is not a change.
    if (Object.keys(changes).length > 0) {
      await audit(strapi).record({
        actor,
        action: AUDIT_ACTIONS.clientUpdate,
        entity: { type: 'client', id: before.documentId },
        details: { name: clientName({ ...before, ...patch } as ClientRow), changes },
      });
    }
    return updated;
  });
}

async function remove(strapi: Core.Strapi, context: DocumentContext, next: () => Promise<unknown>) {
  const before = await existing(strapi, context.params.documentId);
  const actor = requestActor(strapi);
  return strapi.db.transaction(async () => {
    const deleted = await next();
    await audit(strapi).record({
      actor,
      action: AUDIT_ACTIONS.clientDelete,
      entity: { type: 'client', id: before.documentId },
      details: { name: clientName(before), phone: before.phone },
    });
    return deleted;
  });
}
