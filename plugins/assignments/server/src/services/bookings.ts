import type { Core } from '@strapi/strapi';
import { getService } from '../get-service';
import type { BookingKind, BookingStatus, Recurrence } from '../../../shared/contracts';
import type { NumberClass, PoolHold } from '../domain/thread-number';
import { poolHoldCutoff } from '../domain/thread-number';
import { BOOKING_UID } from '../constants';

/** A booking as it is stored and answered (API.md "Booking"): `id` is the documentId. */
export interface BookingView {
  id: string;
  kind: BookingKind;
  client: string;
  sitterId: number | null;
  startsAt: string;
  endsAt: string;
  timeZone: string | null;
  recurrence: Recurrence | null;
  status: BookingStatus;
  conversationId: string | null;
  numberE164: string | null;
  numberClass: NumberClass | null;
  createdAt: string;
  updatedAt: string;
}

export interface BookingRow {
  id: number;
  documentId: string;
  kind: BookingKind;
  client: string;
  sitterId: number | null;
  startsAt: string | Date;
  endsAt: string | Date;
  timeZone: string | null;
  recurrence: Recurrence | null;
  status: BookingStatus;
  conversationId: string | null;
  numberE164: string | null;
  numberClass: NumberClass | null;
  createdAt: string | Date;
  updatedAt: string | Date;
}

const iso = (v: string | Date) => (v instanceof Date ? v : new Date(v)).toISOString();

export const toBookingView = (row: BookingRow): BookingView => ({
  id: row.documentId,
  kind: row.kind,
  client: row.client,
  sitterId: row.sitterId ?? null,
  startsAt: iso(row.startsAt),
  endsAt: iso(row.endsAt),
  timeZone: row.timeZone ?? null,
  recurrence: row.recurrence ?? null,
  status: row.status,
  conversationId: row.conversationId ?? null,
  numberE164: row.numberE164 ?? null,
  numberClass: row.numberClass ?? null,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

export interface BookingListQuery {
  page: number;
  pageSize: number;
  client?: string;
  sitterId?: number;
  status?: BookingStatus;
  kind?: BookingKind;
}

/**
 * Reading bookings (this plugin's own table). Writes go through Strapi's document service, whose middleware
 * (services/booking-lifecycle.ts) holds the rules. Every read joins the caller's transaction.
 */
const bookings = ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = () => strapi.db.query(BOOKING_UID);

  return {
    /** One booking by documentId, or null. */
    async stored(documentId: string): Promise<BookingRow | null> {
      return (await rows().findOne({ where: { documentId } })) as BookingRow | null;
    },

    /**
     * The pool numbers other bookings were given and that may still hold them (ended after the grace cutoff); which
     * of them hold is domain/thread-number.ts's rule.
     */
    async poolHolds(now: Date, graceHours: number, exceptDocumentId?: string): Promise<PoolHold[]> {
      const found = (await rows().findMany({
        where: {
          numberClass: 'pool',
          numberE164: { $notNull: true },
          endsAt: { $gt: poolHoldCutoff(now, graceHours) },
          ...(exceptDocumentId ? { documentId: { $ne: exceptDocumentId } } : {}),
        },
        select: ['client', 'numberE164', 'status', 'endsAt'],
      })) as Array<Pick<BookingRow, 'client' | 'numberE164' | 'status' | 'endsAt'>>;
      return found.map((r) => ({ clientId: r.client, numberE164: r.numberE164!, status: r.status, endsAt: new Date(r.endsAt) }));
    },

    /** The bookings page (GET /assignments/bookings): newest start first. */
    async list(query: BookingListQuery) {
      const where = {
        ...(query.client ? { client: query.client } : {}),
        ...(query.sitterId ? { sitterId: query.sitterId } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.kind ? { kind: query.kind } : {}),
      };
      const [found, total] = await Promise.all([
        rows().findMany({ where, orderBy: [{ startsAt: 'desc' }, { id: 'desc' }], offset: (query.page - 1) * query.pageSize, limit: query.pageSize }),
        rows().count({ where }),
      ]);
      return {
        data: (found as BookingRow[]).map(toBookingView),
        meta: { pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(total / query.pageSize), total } },
      };
    },

    /**
     * Whether a booking keeps this thread active at `now` (DOMAIN.md "Pool numbers", API.md "Inbound": until
     * `poolThreadGraceHours` after it ends; a cancelled one never): routing's pool sender check.
     */
    async threadActive(conversationId: string, now: Date): Promise<boolean> {
      const graceHours = (await getService(strapi, 'settings').get()).poolThreadGraceHours;
      const found = await rows().count({
        where: { conversationId: String(conversationId), status: { $ne: 'cancelled' }, endsAt: { $gt: poolHoldCutoff(now, graceHours) } },
      });
      return found > 0;
    },

    /** DOMAIN.md "Pool numbers": how long a pool number stays with its thread after the booking ended. */
    graceHours: async (): Promise<number> => (await getService(strapi, 'settings').get()).poolThreadGraceHours,
  };
};

export type BookingsService = ReturnType<typeof bookings>;
export default bookings;
