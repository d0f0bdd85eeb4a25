import type { Core } from '@strapi/strapi';
import { adminDisplayName, staffActor, type AuditLogService } from '@switchboard/audit';
import type { GrantInput } from '../domain/staff-inbox';
import type { Viewer } from '../domain/viewer';
import type { DirectoryService } from './directory';
import { NotFoundError, ValidationError } from '@switchboard/kit';

export const GRANT_UID = 'plugin::messaging.masquerade-grant';
const ADMIN_USER_UID = 'admin::user';

/** One masquerade grant as the settings page shows it. */
export interface GrantView {
  id: string;
  admin: { id: string; displayName: string; email: string };
  business: { id: string; name: string };
  grantedAt: string;
}

const adminName = adminDisplayName;

/** Masquerade grants (PRD §6.1, §9): who may reply to VAs as which business. Every change is audited. */
const grants = ({ strapi }: { strapi: Core.Strapi }) => {
  const audit = () => strapi.plugin('audit').service('audit-log') as AuditLogService;
  const directory = () => strapi.plugin('messaging').service('directory') as DirectoryService;
  const actorOf = (viewer: Viewer & { kind: 'staff' }) => staffActor({ id: viewer.adminId, displayName: viewer.displayName });

  const toView = (g: any): GrantView => ({
    id: String(g.id),
    admin: { id: String(g.adminUser.id), displayName: adminName(g.adminUser), email: g.adminUser.email ?? '' },
    business: { id: String(g.business.id), name: g.business.name ?? 'Business' },
    grantedAt: new Date(g.createdAt).toISOString(),
  });

  return {
    async list(): Promise<GrantView[]> {
      const rows = await strapi.db.query(GRANT_UID as any).findMany({ populate: ['adminUser', 'business'], orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
      return rows.filter((g: any) => g.adminUser && g.business).map(toView);
    },

    /** The businesses a staff member may reply as, by name, for the inbox page. */
    async businessesFor(viewer: Viewer & { kind: 'staff' }): Promise<{ id: string; name: string }[]> {
      const ids = [...viewer.masqueradeBusinessIds];
      if (ids.length === 0) return [];
      return (await directory().businesses(ids)).map((b) => ({ id: String(b.id), name: b.name }));
    },

    /** The people a grant can name: active admin users, and every business. */
    async candidates() {
      const [admins, businesses] = await Promise.all([
        strapi.db.query(ADMIN_USER_UID).findMany({ where: { isActive: true }, select: ['id', 'firstname', 'lastname', 'email'], orderBy: { id: 'asc' } }),
        directory().businesses(),
      ]);
      return {
        admins: admins.map((a: any) => ({ id: String(a.id), displayName: adminName(a), email: a.email ?? '' })),
        businesses: businesses.map((b) => ({ id: String(b.id), name: b.name })),
      };
    },

    /** Businesses and VAs by name, for filters and for starting a conversation. */
    async directory() {
      const [businesses, vas] = await Promise.all([
        directory().businesses(),
        directory().vas(),
      ]);
      return {
        businesses: businesses.map((b) => ({ id: String(b.id), name: b.name })),
        vas: vas.filter((v) => !v.blocked).map((v) => ({ id: String(v.userId), displayName: v.displayName })),
      };
    },

    async grant(viewer: Viewer & { kind: 'staff' }, input: GrantInput): Promise<{ created: boolean; grant: GrantView }> {
      const admin = await strapi.db.query(ADMIN_USER_UID).findOne({ where: { id: input.adminUserId }, select: ['id', 'firstname', 'lastname', 'email', 'isActive'] });
      if (!admin || admin.isActive !== true) throw new ValidationError('That admin user does not exist or is not active; choose someone from the list.');
      const business = await directory().business(input.businessId);
      if (!business) throw new ValidationError('That business does not exist; choose one from the list.');
      const where = { adminUser: input.adminUserId, business: input.businessId };
      const existing = await strapi.db.query(GRANT_UID as any).findOne({ where, populate: ['adminUser', 'business'] });
      if (existing) return { created: false, grant: toView(existing) };
      const id = await strapi.db.transaction(async () => {
        const created = await strapi.db.query(GRANT_UID as any).create({ data: where });
        await audit().record({
          actor: actorOf(viewer),
          action: 'masquerade.grant',
          entity: { type: 'masquerade-grant', id: created.id },
          details: { adminUserId: String(admin.id), adminName: adminName(admin), businessId: String(business.id), businessName: business.name },
        });
        return created.id;
      });
      const row = await strapi.db.query(GRANT_UID as any).findOne({ where: { id }, populate: ['adminUser', 'business'] });
      return { created: true, grant: toView(row) };
    },

    async revoke(viewer: Viewer & { kind: 'staff' }, id: number): Promise<GrantView> {
      const existing = await strapi.db.query(GRANT_UID as any).findOne({ where: { id }, populate: ['adminUser', 'business'] });
      if (!existing || !existing.adminUser || !existing.business) throw new NotFoundError('That masquerade grant does not exist; it may have been revoked already. Reload the list.');
      const view = toView(existing);
      await strapi.db.transaction(async () => {
        await strapi.db.query(GRANT_UID as any).delete({ where: { id } });
        await audit().record({
          actor: actorOf(viewer),
          action: 'masquerade.revoke',
          entity: { type: 'masquerade-grant', id },
          details: { adminUserId: view.admin.id, adminName: view.admin.displayName, businessId: view.business.id, businessName: view.business.name },
        });
      });
      return view;
    },
  };
};

export type GrantsService = ReturnType<typeof grants>;
export default grants;
