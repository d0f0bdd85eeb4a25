import type { Core } from '@strapi/strapi';
import { SITTER_PROFILE_UID } from '../constants';

/** A sitter as the number inventory sees them (OPS §4.1): who, and whether they are active. */
export interface Sitter {
  userId: number;
  displayName: string;
  active: boolean;
}

/** The port people asks for a sitter's masked number (numbers owns numbers and fills it at bootstrap). */
export type MaskedNumberLookup = (userId: number) => Promise<string | null>;

/** Sitters and their activation state. Inside `strapi.db.transaction(...)` every call joins the caller's transaction. */
const sitters = ({ strapi }: { strapi: Core.Strapi }) => {
  // Until numbers fills the port no sitter has a masked number.
  let maskedNumberLookup: MaskedNumberLookup = async () => null;

  return {
    /** Every sitter with an account, by user id. */
    async byUserId(): Promise<Map<number, Sitter>> {
      const rows = (await strapi.db.query(SITTER_PROFILE_UID).findMany({ populate: ['user'] })) as Array<{ displayName: string; active: boolean; user?: { id: number } }>;
      return new Map(rows.filter((r) => r.user).map((r) => [r.user!.id, { userId: r.user!.id, displayName: r.displayName, active: r.active }]));
    },

    /** Marks the sitter with this user id active or inactive. */
    async setActive(userId: number, active: boolean): Promise<void> {
      await strapi.db.query(SITTER_PROFILE_UID).update({ where: { user: userId }, data: { active } });
    },

    /** Called once by numbers' bootstrap. */
    fillMaskedNumbers(lookup: MaskedNumberLookup): void {
      maskedNumberLookup = lookup;
    },

    /** The sitter's active masked number (E.164), or null while they have none (OPS §4.1). */
    maskedNumberOf: (userId: number): Promise<string | null> => maskedNumberLookup(userId),
  };
};

export type SittersService = ReturnType<typeof sitters>;
export default sitters;
