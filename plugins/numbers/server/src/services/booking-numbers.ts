import type { Core } from '@strapi/strapi';
import { NUMBER_UID } from '../constants';

/** A pool number a booking may take (OPS §4.4, §4.5). */
export interface PoolNumberInUse {
  e164: string;
  /** When a thread last took it; null when never. */
  lastUsedAt: Date | null;
}

interface Row {
  e164: string;
  lastUsedAt: string | Date | null;
}

const asDate = (v: string | Date | null) => (v === null ? null : v instanceof Date ? v : new Date(v));

/**
 * What assignments asks of the inventory when a booking picks its thread's number (OPS §4.4): the pool numbers in
 * rotation and marking a pool number used (the Front Desk number is `number-lookup.activeFrontDesk()`,
 * a sitter's masked number people's `sitters.maskedNumberOf`). Each call joins the caller's
 * `strapi.db.transaction`, so a booking and the use it makes of a number commit together. Which pool number is free is
 * assignments' rule (its bookings hold them); numbers only says which are in rotation.
 */
const bookingNumbers = ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = () => strapi.db.query(NUMBER_UID);

  return {
    /** Active pool numbers not given to a sitter, with their last use, ordered by E.164. */
    async activePoolNumbers(): Promise<PoolNumberInUse[]> {
      const found = (await rows().findMany({
        where: { numberClass: 'pool', status: 'active', sitterUserId: { $null: true } },
        select: ['e164', 'lastUsedAt'],
        orderBy: { e164: 'asc' },
      })) as Row[];
      return found.map((r) => ({ e164: r.e164, lastUsedAt: asDate(r.lastUsedAt) }));
    },

    /** Records that a thread took this number now: the inventory's "last used" and pool rotation read it. */
    async markUsed(e164: string, at: Date): Promise<void> {
      await rows().update({ where: { e164 }, data: { lastUsedAt: at } });
    },
  };
};

export type BookingNumbersService = ReturnType<typeof bookingNumbers>;
export default bookingNumbers;
