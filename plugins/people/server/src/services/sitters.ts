import type { Core } from '@strapi/strapi';
import { SITTER_PROFILE_UID } from '../constants';

/** A sitter as the number inventory sees them (OPS §4.1): who, and whether they are active. */
export interface Sitter {
  userId: number;
  displayName: string;
  active: boolean;
}

/** Sitters and their activation state. Inside `strapi.db.transaction(...)` every call joins the caller's transaction. */
const sitters = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Every sitter with an account, by user id. */
  async byUserId(): Promise<Map<number, Sitter>> {
    const rows = (await strapi.db.query(SITTER_PROFILE_UID).findMany({ populate: ['user'] })) as Array<{ displayName: string; active: boolean; user?: { id: number } }>;
    return new Map(rows.filter((r) => r.user).map((r) => [r.user!.id, { userId: r.user!.id, displayName: r.displayName, active: r.active }]));
  },

  /** Marks the sitter with this user id active or inactive. */
  async setActive(userId: number, active: boolean): Promise<void> {
    await strapi.db.query(SITTER_PROFILE_UID).update({ where: { user: userId }, data: { active } });
  },
});

export type SittersService = ReturnType<typeof sitters>;
export default sitters;
