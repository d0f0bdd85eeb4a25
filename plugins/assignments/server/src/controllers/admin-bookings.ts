import type { Core } from '@strapi/strapi';
import { parseInput } from '@switchboard/kit';
import { bookingListQuerySchema } from '../domain/list-query';
import { getService } from '../get-service';

type Ctx = any;

/** The Assignments page's reads (admin token): thin, parse and call one service. */
const adminBookings = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /assignments/bookings?page&pageSize&clientId&sitterId&status&kind */
  async list(ctx: Ctx) {
    const { clientId, ...query } = parseInput(bookingListQuerySchema, ctx.query ?? {});
    ctx.body = await getService(strapi, 'bookings').list({ ...query, client: clientId });
  },
});

export default adminBookings;
