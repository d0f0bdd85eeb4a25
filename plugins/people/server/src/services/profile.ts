import type { Core } from '@strapi/strapi';
import type { AuditLogService } from '@switchboard/audit';
import { ForbiddenError, NotFoundError } from '@switchboard/kit';
import {
  PROFILE_FIELDS,
  gatingDecision,
  profileCompleteness,
  type BusinessProfileFields,
  type Gating,
  type ProfileUpdate,
} from '../domain/profile';
import { isAppRole, type AppRole } from '../domain/roles';
import { AUDIT_ACTIONS, BUSINESS_PROFILE_UID, SITTER_PROFILE_UID, USER_UID, VA_PROFILE_UID } from '../constants';
import { getService } from '../get-service';

export interface ProfileView {
  user: { id: string; displayName: string; role: AppRole };
  business?: { id: string; name: string; profileCompleteness: number; missingFields: string[]; fields: Record<string, string | null> };
  /** A sitter's own: the masked number clients text them on (OPS §4.1), null until they are activated with one. */
  sitter?: { maskedNumber: string | null };
  gating: Gating;
}

/** Told when a business's completeness or gating changed; messaging fills it at bootstrap to emit profile:updated. */
export type ProfileUpdatedListener = (userId: number, profile: ProfileView) => void;

type BusinessRow = BusinessProfileFields & { id: number };

/** The business, VA and sitter profiles: what GET/PUT /api/profile answer, and the one writer of business profiles. */
const profileService = ({ strapi }: { strapi: Core.Strapi }) => {
  const audit = () => strapi.plugin('audit').service('audit-log') as AuditLogService;
  const listeners: ProfileUpdatedListener[] = [];

  async function loadAppUser(userId: number) {
    const user = await strapi.db.query(USER_UID).findOne({ where: { id: userId }, populate: ['role'] });
    const role = user?.role?.type;
    if (!user || !isAppRole(role)) throw new NotFoundError('We could not find your account. Sign in again.');
    return { user, role };
  }

  async function viewFor(userId: number): Promise<ProfileView> {
    const { user, role } = await loadAppUser(userId);
    if (role === 'business') {
      const business = (await strapi.db.query(BUSINESS_PROFILE_UID).findOne({ where: { user: userId } })) as BusinessRow | null;
      const completeness = profileCompleteness(business ?? {});
      return {
        user: { id: String(user.id), displayName: business?.name || user.username, role },
        ...(business
          ? {
              business: {
                id: String(business.id),
                name: business.name ?? '',
                profileCompleteness: completeness.percent,
                missingFields: completeness.missingFields,
                // The saved values, so the dashboard form opens filled in.
                fields: Object.fromEntries(PROFILE_FIELDS.map((f) => [f, ((business as Record<string, unknown>)[f] as string | null | undefined) ?? null])),
              },
            }
          : {}),
        gating: gatingDecision(role, business ? completeness.percent : 0),
      };
    }
    const uid = role === 'va' ? VA_PROFILE_UID : SITTER_PROFILE_UID;
    const profile = await strapi.db.query(uid).findOne({ where: { user: userId } });
    return {
      user: { id: String(user.id), displayName: profile?.displayName || user.username, role },
      ...(role === 'sitter' ? { sitter: { maskedNumber: await getService(strapi, 'sitters').maskedNumberOf(userId) } } : {}),
      gating: gatingDecision(role, null),
    };
  }

  return {
    viewFor,

    /** The port: messaging subscribes at bootstrap, so people never knows sockets exist. */
    onProfileUpdated(listener: ProfileUpdatedListener): void {
      listeners.push(listener);
    },

    /** Applies a validated patch to the caller's business profile and audits which fields changed. */
    async updateBusinessProfile(userId: number, patch: ProfileUpdate): Promise<{ before: ProfileView; after: ProfileView }> {
      const { user, role } = await loadAppUser(userId);
      if (role !== 'business') throw new ForbiddenError('Only a business has a profile to complete.');
      const before = await viewFor(userId);
      await strapi.db.transaction(async () => {
        const business = (await strapi.db.query(BUSINESS_PROFILE_UID).findOne({ where: { user: userId } })) as BusinessRow | null;
        const data = Object.fromEntries(PROFILE_FIELDS.filter((f) => f in patch).map((f) => [f, patch[f] ?? null]));
        const saved = business
          ? await strapi.db.query(BUSINESS_PROFILE_UID).update({ where: { id: business.id }, data })
          : await strapi.db.query(BUSINESS_PROFILE_UID).create({ data: { ...data, user: userId } });
        await audit().record({
          actor: { kind: 'user', id: user.id, displayName: before.user.displayName, role },
          action: AUDIT_ACTIONS.profileUpdate,
          entity: { type: 'business-profile', id: saved.id },
          details: { fields: Object.keys(data) },
        });
      });
      const after = await viewFor(userId);
      // API.md: profile:updated whenever completeness or gating changes, to every open session of the business.
      if (
        before.business?.profileCompleteness !== after.business?.profileCompleteness ||
        before.gating.canCompose !== after.gating.canCompose
      ) {
        for (const listener of listeners) listener(userId, after);
      }
      return { before, after };
    },
  };
};

export type ProfileService = ReturnType<typeof profileService>;
export default profileService;
