import type { Core } from '@strapi/strapi';
import { NUMBER_UID } from '../constants';
import { displayNumber, type NumberClass, type NumberStatus } from '../domain/inventory';

/** A business number as the plugins above show it beside a thread: class, status and the one readable form. */
export interface NumberSummary {
  e164: string;
  /** E.164 written for people, as the Number Inventory writes it: +1 (415) 555-0100. */
  display: string;
  numberClass: NumberClass;
  status: NumberStatus;
}

interface NumberRecord {
  e164: string;
  numberClass: NumberClass;
  status: NumberStatus;
}

const summary = (r: NumberRecord): NumberSummary => ({ e164: r.e164, display: displayNumber(r.e164), numberClass: r.numberClass, status: r.status });

/**
 * Reading numbers for the plugins above (messaging's staff inbox, assignments): batch lookups by E.164 and the Front
 * Desk number new client threads start on. Through strapi.db.query, so inside a caller's transaction they join it.
 */
const numberLookup = ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = () => strapi.db.query(NUMBER_UID as any);

  return {
    /** Each known number by E.164 (numbers not in the inventory are left out), in one query. */
    async byE164(e164s: string[]): Promise<Map<string, NumberSummary>> {
      const wanted = [...new Set(e164s)];
      if (wanted.length === 0) return new Map();
      const found = (await rows().findMany({ where: { e164: { $in: wanted } }, select: ['e164', 'numberClass', 'status'] })) as NumberRecord[];
      return new Map(found.map((r) => [r.e164, summary(r)]));
    },

    /** Every number of the inventory, any class or status (E.164): what the business may always say (policy's detector). */
    async allE164(): Promise<string[]> {
      const found = (await rows().findMany({ select: ['e164'] })) as Array<{ e164: string }>;
      return found.map((r) => r.e164);
    },

    /** The active Front Desk number (the oldest, when there are several), or null when there is none. */
    async activeFrontDesk(): Promise<NumberSummary | null> {
      const row = (await rows().findOne({
        where: { numberClass: 'front_desk', status: 'active' },
        select: ['e164', 'numberClass', 'status'],
        orderBy: [{ addedAt: 'asc' }, { id: 'asc' }],
      })) as NumberRecord | null;
      return row ? summary(row) : null;
    },
  };
};

export type NumberLookupService = ReturnType<typeof numberLookup>;
export default numberLookup;
