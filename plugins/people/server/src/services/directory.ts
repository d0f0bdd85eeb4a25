import type { Core } from '@strapi/strapi';
import { PROFILE_FIELDS, profileCompleteness, gatingDecision, type BusinessProfileFields, type Gating } from '../domain/profile';
import { freshCache, preparedRaw } from '@switchboard/kit';
import { isAppRole, type AppRole } from '../domain/roles';
import { BUSINESS_PROFILE_UID, SITTER_PROFILE_UID, USER_UID, VA_PROFILE_UID } from '../constants';

/** An app user as the plugins above see them: role, display name and, for a business, its profile id. */
export interface AppPerson {
  userId: number;
  username: string;
  blocked: boolean;
  role: AppRole;
  displayName: string;
  businessId: number | null;
}

export interface NamedBusiness {
  id: number;
  name: string;
}

export interface NamedVa {
  userId: number;
  displayName: string;
  blocked: boolean;
}

/**
 * How long a node answers a business's name and gating from what it last read of the profile (issue 24: every send
 * asks both). A write on this node forgets it at once (database lifecycles, `watchBusinessWrites`); another node's
 * write shows here within this time, the bound the socket's standing check has too (SOCKET_RECHECK_MS). Profiles in
 * use are read again together, every half of it (kit's freshCache), instead of one by one as each comes of age.
 */
export const BUSINESS_FACTS_TTL_MS = 2_000;
const MAX_CACHED_BUSINESSES = 10_000;

interface BusinessFacts {
  name: string;
  /** Profile completeness, 0–100 (PRD §6.2). */
  percent: number;
}

/** Who people are, read-only: names and lookups the plugins above ask for instead of reading profile tables. */
const directory = ({ strapi }: { strapi: Core.Strapi }) => {
  const factsOf = (row: any): BusinessFacts => ({ name: row.name ?? 'Business', percent: profileCompleteness(row as BusinessProfileFields).percent });

  let factsSql: string | undefined;
  /** readFacts' text, from the column names Strapi's metadata gives (built once). */
  function factsStatement(): string {
    const profile = strapi.db.metadata.get(BUSINESS_PROFILE_UID) as any;
    const column = (attribute: string) => `"${profile.attributes[attribute].columnName ?? attribute}"`;
    const fields = [...new Set(['name', ...PROFILE_FIELDS])];
    return `SELECT id, ${fields.map((f) => `${column(f)} AS "${f}"`).join(', ')} FROM "${profile.tableName}" WHERE id = ANY(?::int[])`;
  }

  /**
   * The profiles' names and completeness (null for an unknown id), read in one named prepared statement of the ten
   * fields (issue 24: through the query engine the read cost several times the statement).
   */
  async function readFacts(ids: number[]): Promise<(BusinessFacts | null)[]> {
    const wanted = ids.filter(Number.isSafeInteger);
    if (wanted.length === 0) return ids.map(() => null);
    const { rows } = await preparedRaw(strapi.db.connection, (factsSql ??= factsStatement()), [`{${wanted.join(',')}}`]);
    const found = new Map(rows.map((r: any) => [Number(r.id), factsOf(r)]));
    return ids.map((id) => found.get(id) ?? null);
  }

  const facts = freshCache<number, BusinessFacts | null>({
    ttlMs: BUSINESS_FACTS_TTL_MS,
    key: String,
    readMany: readFacts,
    limit: MAX_CACHED_BUSINESSES,
    onError: (error) => strapi.log.warn(`[people] business profiles not read again ahead of time: ${error}`),
  });

  /** Business facts by profile id, at most BUSINESS_FACTS_TTL_MS old; unknown ids are absent. */
  async function businessFacts(ids: number[]): Promise<Map<number, BusinessFacts>> {
    const wanted = ids.map(Number);
    const answers = await facts.getMany(wanted);
    return new Map(wanted.flatMap((id, i) => (answers[i] === null ? [] : [[id, answers[i]!] as const])));
  }

  return {
    /** Forgets what this node read of business profiles when one is written, whoever writes it (bootstrap). */
    watchBusinessWrites(): void {
      const forget = (event: any) => {
        const id = event.result?.id ?? event.params?.where?.id;
        if (typeof id === 'number' || typeof id === 'string') facts.forget((key) => key === String(Number(id)));
        else facts.clear();
      };
      const forgetAll = () => facts.clear();
      strapi.db.lifecycles.subscribe({
        models: [BUSINESS_PROFILE_UID],
        afterCreate: forget,
        afterUpdate: forget,
        afterDelete: forget,
        afterUpdateMany: forgetAll,
        afterDeleteMany: forgetAll,
      } as any);
      facts.start();
    },

    /** Stops reading business profiles ahead of time (the plugin's destroy). */
    stopWatching(): void {
      facts.stop();
    },

    /** The app user with their role and profile name; null for an unknown id or a user who is not business, VA or sitter. */
    async appPerson(userId: number): Promise<AppPerson | null> {
      const user = await strapi.db.query(USER_UID).findOne({ where: { id: userId }, populate: ['role'] });
      const role = user?.role?.type;
      if (!user || !isAppRole(role)) return null;
      const base = { userId: user.id as number, username: user.username as string, blocked: Boolean(user.blocked), role };
      if (role === 'business') {
        const business = await strapi.db.query(BUSINESS_PROFILE_UID).findOne({ where: { user: userId }, select: ['id', 'name'] });
        return { ...base, displayName: business?.name || user.username, businessId: business?.id ?? null };
      }
      const profile = await strapi.db.query(role === 'va' ? VA_PROFILE_UID : SITTER_PROFILE_UID).findOne({ where: { user: userId }, select: ['id', 'displayName'] });
      return { ...base, displayName: profile?.displayName || user.username, businessId: null };
    },

    /** Business names by profile id ("Business" when a profile has none); a name may be BUSINESS_FACTS_TTL_MS old. */
    async businessNames(ids: number[]): Promise<Map<number, string>> {
      if (ids.length === 0) return new Map();
      return new Map([...(await businessFacts(ids))].map(([id, f]) => [id, f.name]));
    },

    /** Every business, or those with the given ids, by name. */
    async businesses(ids?: number[]): Promise<NamedBusiness[]> {
      const where = ids ? { id: { $in: ids } } : {};
      const rows = await strapi.db.query(BUSINESS_PROFILE_UID).findMany({ where, select: ['id', 'name'], orderBy: { name: 'asc' } });
      return rows.map((b: any) => ({ id: b.id, name: b.name ?? 'Business' }));
    },

    async business(businessId: number): Promise<NamedBusiness | null> {
      const row = await strapi.db.query(BUSINESS_PROFILE_UID).findOne({ where: { id: businessId }, select: ['id', 'name'] });
      return row ? { id: row.id, name: row.name ?? 'Business' } : null;
    },

    /** PRD §6.2 for a business by profile id: may it compose to the Admin team now (as of BUSINESS_FACTS_TTL_MS)? */
    async businessGating(businessId: number | null): Promise<Gating> {
      const known = businessId === null ? undefined : (await businessFacts([businessId])).get(businessId);
      return gatingDecision('business', known?.percent ?? 0);
    },

    /** VAs by name, with their user ids; `userIds` narrows to those users. */
    async vas(userIds?: number[]): Promise<NamedVa[]> {
      const where = userIds ? { user: { id: { $in: [...new Set(userIds)] } } } : {};
      const rows = await strapi.db.query(VA_PROFILE_UID).findMany({ where, populate: ['user'], orderBy: { displayName: 'asc' } });
      return rows.filter((r: any) => r.user).map((r: any) => ({ userId: r.user.id, displayName: r.displayName ?? r.user.username, blocked: Boolean(r.user.blocked) }));
    },

    /** Business ids and VA user ids whose names contain the text, for the staff search. */
    async matchNames(q: string): Promise<{ businessIds: number[]; vaUserIds: number[] }> {
      const businesses = await strapi.db.query(BUSINESS_PROFILE_UID).findMany({ where: { name: { $containsi: q } }, select: ['id'] });
      const vas = await strapi.db.query(VA_PROFILE_UID).findMany({ where: { displayName: { $containsi: q } }, populate: ['user'] });
      return { businessIds: businesses.map((b: any) => b.id), vaUserIds: vas.filter((v: any) => v.user).map((v: any) => v.user.id) };
    },
  };
};

export type DirectoryService = ReturnType<typeof directory>;
export default directory;
