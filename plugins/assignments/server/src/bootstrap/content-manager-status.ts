import type { Core } from '@strapi/strapi';
import { BOOKING_UID } from '../constants';
import { BOOKING_STATUSES } from '../domain/booking-input';

/** Where a Content Manager write's booking status waits for the document middleware (ctx.state of the request). */
export const CM_BOOKING_STATUS = 'assignmentsBookingStatus';

const WRITES = new Set(['collection-types.create', 'collection-types.update', 'collection-types.clone', 'collection-types.autoClone']);
const READS = new Set(['collection-types.findOne', 'collection-types.find']);

/**
 * The Content Manager reads a body's `status` as Strapi's draft/published dimension and refuses "confirmed" ("Invalid
 * status") and answers it as `undefined` for a type without drafts, but a booking's `status` is its own field (API.md
 * "Booking"). On the Content Manager's routes for bookings the field is set aside before that check (booking-lifecycle.ts
 * puts it back into the booking's data), and the stored status is put back into the answer, so the form shows it.
 */
export function setAsideBookingStatus(strapi: Core.Strapi): void {
  const routes = (strapi.plugin('content-manager') as unknown as { routes?: { admin?: { routes?: any[] } } } | undefined)?.routes?.admin?.routes;
  if (!Array.isArray(routes)) return;
  const withStoredStatus = async (documents: Array<{ documentId?: string; status?: unknown }>) => {
    const ids = documents.map((d) => d?.documentId).filter((id): id is string => typeof id === 'string');
    if (ids.length === 0) return;
    const rows = (await strapi.db.query(BOOKING_UID as any).findMany({ where: { documentId: { $in: ids } }, select: ['documentId', 'status'] })) as Array<{ documentId: string; status: string }>;
    const statusOf = new Map(rows.map((r) => [r.documentId, r.status]));
    for (const d of documents) if (d?.documentId && statusOf.has(d.documentId)) d.status = statusOf.get(d.documentId);
  };
  const middleware = async (ctx: any, next: () => Promise<unknown>) => {
    if (ctx.params?.model !== BOOKING_UID) return next();
    const body = ctx.request?.body;
    if (body && typeof body === 'object' && (BOOKING_STATUSES as readonly string[]).includes(body.status)) {
      ctx.state[CM_BOOKING_STATUS] = body.status;
      delete body.status;
    }
    await next();
    const answer = ctx.body as { data?: any; results?: any[] } | undefined;
    if (answer?.data && !Array.isArray(answer.data)) await withStoredStatus([answer.data]);
    if (Array.isArray(answer?.results)) await withStoredStatus(answer.results);
  };
  for (const route of routes.filter((r) => WRITES.has(r.handler) || READS.has(r.handler))) {
    route.config = { ...route.config, middlewares: [...(route.config?.middlewares ?? []), middleware] };
  }
}

/** The booking status the Content Manager sent with the request being served, if any. */
export function contentManagerBookingStatus(strapi: Core.Strapi): string | undefined {
  return (strapi.requestContext.get() as { state?: Record<string, unknown> } | undefined)?.state?.[CM_BOOKING_STATUS] as string | undefined;
}
