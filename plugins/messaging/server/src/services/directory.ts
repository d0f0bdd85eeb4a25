import type { Core } from '@strapi/strapi';
import { adminDisplayName } from '@switchboard/audit';
import type { Viewer } from '../domain/viewer';
import { staffKey, userKey } from '../domain/viewer';
import { isAppRole } from '../domain/roles';
import { BUSINESS_PROFILE_UID, SITTER_PROFILE_UID, VA_PROFILE_UID } from './profile';
import { MessagingError } from './errors';
import { GRANT_UID } from './grants';

const USER_UID = 'plugin::users-permissions.user';

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

/** Who people are: viewers from app users and admin users, and display names for businesses and VAs. */
const directory = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Checked again at every masquerade send: a socket's viewer is built once, a grant can be revoked any time. */
  masqueradeBusinessIds: (adminId: number) => masqueradeBusinessIds(strapi, adminId),

  async appViewer(userId: number): Promise<Viewer> {
    const user = await strapi.db.query(USER_UID).findOne({ where: { id: userId }, populate: ['role'] });
    const role = user?.role?.type;
    if (!user || user.blocked || !isAppRole(role)) throw new MessagingError(403, 'Your account cannot use messaging. Ask an owner for access.');
    if (role === 'business') {
      const business = await strapi.db.query(BUSINESS_PROFILE_UID).findOne({ where: { user: userId } });
      return { kind: 'business', key: userKey(userId), userId, displayName: business?.name || user.username, businessId: business?.id ?? null };
    }
    const profile = await strapi.db.query(role === 'va' ? VA_PROFILE_UID : SITTER_PROFILE_UID).findOne({ where: { user: userId } });
    return { kind: role, key: userKey(userId), userId, displayName: profile?.displayName || user.username };
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

  async businessNames(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await strapi.db.query(BUSINESS_PROFILE_UID).findMany({ where: { id: { $in: [...new Set(ids)] } }, select: ['id', 'name'] });
    return new Map(rows.map((r: any) => [r.id, r.name ?? 'Business']));
  },

  async vaNames(userIds: number[]): Promise<Map<number, string>> {
    if (userIds.length === 0) return new Map();
    const rows = await strapi.db.query(VA_PROFILE_UID).findMany({ where: { user: { id: { $in: [...new Set(userIds)] } } }, populate: ['user'] });
    return new Map(rows.filter((r: any) => r.user).map((r: any) => [r.user.id, r.displayName]));
  },

  /** Business ids and VA user ids whose names contain the text, for the staff search. */
  async matchNames(q: string): Promise<{ businessIds: number[]; vaUserIds: number[] }> {
    const businesses = await strapi.db.query(BUSINESS_PROFILE_UID).findMany({ where: { name: { $containsi: q } }, select: ['id'] });
    const vas = await strapi.db.query(VA_PROFILE_UID).findMany({ where: { displayName: { $containsi: q } }, populate: ['user'] });
    return { businessIds: businesses.map((b: any) => b.id), vaUserIds: vas.filter((v: any) => v.user).map((v: any) => v.user.id) };
  },

  async isVaUser(userId: number): Promise<boolean> {
    const user = await strapi.db.query(USER_UID).findOne({ where: { id: userId }, populate: ['role'] });
    return user?.role?.type === 'va';
  },

  async businessExists(businessId: number): Promise<boolean> {
    return (await strapi.db.query(BUSINESS_PROFILE_UID).count({ where: { id: businessId } })) > 0;
  },

  async businessProfile(businessId: number) {
    return strapi.db.query(BUSINESS_PROFILE_UID).findOne({ where: { id: businessId } });
  },
});

export type DirectoryService = ReturnType<typeof directory>;
export default directory;
