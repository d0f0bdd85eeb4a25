import type { Core } from '@strapi/strapi';
import { adminDisplayName } from '@switchboard/audit';
import { ForbiddenError } from '@switchboard/kit';
import type { DirectoryService as PeopleDirectory, ProfileService, ProfileView, SittersService } from '@switchboard/people';
import type { Viewer } from '../domain/viewer';
import { staffKey, userKey } from '../domain/viewer';
import { GRANT_UID } from './grants';

/**
 * The businesses an admin may reply as, read now: a grant names the business, and the admin's role must also hold
 * the masquerade action (OPS §2.2). The role is read only for an admin who holds a grant.
 */
async function masqueradeBusinessIds(strapi: Core.Strapi, adminId: number): Promise<Set<number>> {
  const held = await strapi.db.query(GRANT_UID as any).findMany({ where: { adminUser: adminId }, populate: ['business'] });
  const ids = held.filter((g: any) => g.business).map((g: any) => g.business.id as number);
  if (ids.length === 0) return new Set();
  // The role must hold the action for this admin, and the admin must still be active.
  const permitted = await strapi.db
    .query('admin::permission')
    .count({ where: { action: 'plugin::messaging.masquerade', role: { users: { id: adminId, isActive: true } } } });
  return new Set(permitted > 0 ? ids : []);
}

/**
 * Who people are: viewers from app users and admin users, and names for businesses and VAs. The one place in
 * messaging that asks the people plugin (through its services; never its tables).
 */
const directory = ({ strapi }: { strapi: Core.Strapi }) => {
  const people = () => strapi.plugin('people').service('directory') as PeopleDirectory;
  const profiles = () => strapi.plugin('people').service('profile') as ProfileService;
  const sitters = () => strapi.plugin('people').service('sitters') as SittersService;

  return {
    /** Checked again at every masquerade send: a socket's viewer is built once, a grant can be revoked any time. */
    masqueradeBusinessIds: (adminId: number) => masqueradeBusinessIds(strapi, adminId),

    async appViewer(userId: number): Promise<Viewer> {
      const person = await people().appPerson(userId);
      if (!person || person.blocked) throw new ForbiddenError('Your account cannot use messaging. Ask an owner for access.');
      if (person.role === 'business') {
        return { kind: 'business', key: userKey(userId), userId, displayName: person.displayName, businessId: person.businessId };
      }
      return { kind: person.role, key: userKey(userId), userId, displayName: person.displayName };
    },

    async staffViewer(admin: { id: number; firstname?: string | null; lastname?: string | null; email?: string }): Promise<Viewer> {
      return {
        kind: 'staff',
        key: staffKey(admin.id),
        adminId: admin.id,
        displayName: adminDisplayName(admin),
        masqueradeBusinessIds: await masqueradeBusinessIds(strapi, admin.id),
      };
    },

    /** GET /api/profile's answer for an app user: role, display name, gating. */
    profileView: (userId: number): Promise<ProfileView> => profiles().viewFor(userId),

    businessNames: (ids: number[]): Promise<Map<number, string>> => people().businessNames(ids),

    async vaNames(userIds: number[]): Promise<Map<number, string>> {
      if (userIds.length === 0) return new Map();
      return new Map((await people().vas(userIds)).map((v) => [v.userId, v.displayName]));
    },

    async sitterNames(userIds: number[]): Promise<Map<number, string>> {
      if (userIds.length === 0) return new Map();
      const all = await sitters().byUserId();
      return new Map(userIds.flatMap((id) => (all.has(id) ? [[id, all.get(id)!.displayName] as const] : [])));
    },

    /** Every business, or those with the given ids, by name. */
    businesses: (ids?: number[]) => people().businesses(ids),

    /** Every VA with an account, by name. */
    vas: () => people().vas(),

    business: (businessId: number) => people().business(businessId),

    /** Business ids and VA user ids whose names contain the text, for the staff search. */
    matchNames: (q: string) => people().matchNames(q),

    async isVaUser(userId: number): Promise<boolean> {
      return (await people().appPerson(userId))?.role === 'va';
    },

    async isSitterUser(userId: number): Promise<boolean> {
      return (await people().appPerson(userId))?.role === 'sitter';
    },

    async businessExists(businessId: number): Promise<boolean> {
      return (await people().business(businessId)) !== null;
    },

    /** PRD §6.2: may this business compose to the Admin team now? */
    businessGating: (businessId: number | null) => people().businessGating(businessId),
  };
};

export type DirectoryService = ReturnType<typeof directory>;
export default directory;
