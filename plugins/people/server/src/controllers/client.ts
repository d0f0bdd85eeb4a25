import { factories } from '@strapi/strapi';
import { parseInput, ValidationError } from '@switchboard/kit';
import { clientUpdateSchema } from '../domain/clients';
import { CLIENT_UID } from '../constants';

type Ctx = any;
const MISSING_DATA = 'Send the client inside "data", like {"data": {"firstName": "Casey", "phone": "(415) 555-0161"}}.';

/**
 * The core REST controller of /api/people/clients (API.md "Clients and bookings"): Strapi's own find, findOne,
 * create, update and delete, with its filters, sort and pagination. Input is checked in sentences here (unknown
 * fields, bad values); required fields, the E.164 phone, uniqueness and the audit event are the document
 * middleware's (document-middlewares/client-writes.ts), as for every other writer.
 */
export default factories.createCoreController(CLIENT_UID as any, () => ({
  async validateInput(data: unknown) {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new ValidationError(MISSING_DATA);
    parseInput(clientUpdateSchema, data);
  },
  async create(this: any, ctx: Ctx) {
    if (ctx.request.body?.data === undefined) throw new ValidationError(MISSING_DATA);
    return Object.getPrototypeOf(this).create.call(this, ctx);
  },
  async update(this: any, ctx: Ctx) {
    if (ctx.request.body?.data === undefined) throw new ValidationError(MISSING_DATA);
    return Object.getPrototypeOf(this).update.call(this, ctx);
  },
}));
