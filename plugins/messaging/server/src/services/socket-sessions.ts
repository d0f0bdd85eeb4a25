import type { Core } from '@strapi/strapi';
import { loadEnv, systemClock } from '@switchboard/config';
import type { Viewer } from '../domain/viewer';
import {
  ADMIN_INACTIVE,
  SESSION_EXPIRED,
  appStanding,
  isExpired,
  staffStanding,
  tokenExpiry,
  type Standing,
} from '../domain/standing';
import { ACTIONS } from '../constants';
import { getService } from '../get-service';
import { ForbiddenError, UnauthorizedError, compiledOnce, preparedRaw } from '@switchboard/kit';

/** A lost standing as the refusal HTTP would answer: 401 (sign in again) or 403 (not allowed). */
const refusal = (standing: Extract<Standing, { ok: false }>) =>
  standing.status === 401 ? new UnauthorizedError(standing.message) : new ForbiddenError(standing.message);

const ADMIN_USER = 'admin::user';
const APP_USER = 'plugin::users-permissions.user';
const APP_ROLE = 'plugin::users-permissions.role';
// Strapi keeps admin and users-permissions sessions in one table, told apart by `origin`.
const SESSION = 'admin::session';

/** Who an open socket belongs to, as its handshake found them; `standing()` says whether that still holds. */
export interface SocketSession {
  viewer: Viewer;
  origin: 'admin' | 'users-permissions';
  userId: number;
  /** The Strapi session the access token belongs to (null for tokens that name none). */
  sessionId: string | null;
  /** The app role at the handshake ('staff' for admins). */
  role: string;
  /** When the access token expires (ms since the epoch); the socket is closed then. */
  expiresAt: number | null;
}


/**
 * Authenticates socket handshakes and answers, for every later event, whether the person may still be served:
 * the same checks HTTP makes on every request (admin: active, session alive, role permissions; app user: not
 * blocked, same role, session alive), read through a cache that lives `SOCKET_RECHECK_MS`.
 */
const socketSessions = ({ strapi }: { strapi: Core.Strapi }) => {
  const env = loadEnv();
  const cache = new Map<string, { checkedAt: number; standing: Promise<Standing> }>();
  const sessions = (origin: SocketSession['origin']) => (strapi as any).sessionManager?.(origin);
  const directory = () => getService(strapi, 'directory');

  async function staffAbility(user: unknown): Promise<{ canRead: boolean; canSend: boolean }> {
    const ability = await strapi.service('admin::permission').engine.generateUserAbility(user);
    return { canRead: ability.can(ACTIONS.read), canSend: ability.can(ACTIONS.send) };
  }

  async function check(session: SocketSession): Promise<Standing> {
    if (session.origin === 'admin') {
      const sessionActive = session.sessionId !== null && (await sessions('admin').isSessionActive(session.sessionId));
      const user = await strapi.db.query(ADMIN_USER).findOne({ where: { id: session.userId }, populate: ['roles'] });
      const ability = user && user.isActive === true ? await staffAbility(user) : { canRead: false, canSend: false };
      return staffStanding({ exists: Boolean(user), isActive: user?.isActive === true, sessionActive, ...ability });
    }
    const user = await appUserStanding(session.userId, session.sessionId);
    // As Strapi's isSessionActive decides: the session exists for this origin and has not expired.
    const sessionActive = session.sessionId === null ? null : user?.sessionExpiresAt != null && new Date(user.sessionExpiresAt).getTime() > systemClock.now().getTime();
    return appStanding({ exists: Boolean(user), blocked: user?.blocked === true, role: user?.role ?? null, roleAtHandshake: session.role, sessionActive });
  }

  /**
   * An app user's blocked flag, role type and (with `sessionId`) that users-permissions session's expiry, in one
   * statement through the tables as Strapi's metadata names them (the query engine took three: the session, the user,
   * the role); undefined for an unknown user. Issue 24: every send past the recheck interval asks this.
   */
  async function appUserStanding(userId: number, sessionId: string | null): Promise<{ blocked: boolean; role: string | null; sessionExpiresAt: Date | string | null } | undefined> {
    const knex = strapi.db.connection;
    // A named prepared statement, compiled once: planned once per connection, not at every recheck.
    const { sql, bindings } = sessionId === null ? standingStatement({ userId }) : standingWithSessionStatement({ userId, sessionId });
    const row = (await preparedRaw(knex, sql, bindings)).rows[0];
    return row && (sessionId === null ? { ...row, sessionExpiresAt: null } : row);
  }

  /** appUserStanding's query: the user and their role's type, and with `sessionId` that users-permissions session's expiry. */
  function standingQuery(userId: string, sessionId: string | null) {
    const user = strapi.db.metadata.get(APP_USER) as any;
    const link = user.attributes.role.joinTable;
    const role = strapi.db.metadata.get(APP_ROLE) as any;
    const knex = strapi.db.connection;
    const query = knex(`${user.tableName} as u`)
      .leftJoin(`${link.name} as l`, `l.${link.joinColumn.name}`, 'u.id')
      .leftJoin(`${role.tableName} as r`, 'r.id', `l.${link.inverseJoinColumn.name}`)
      .where('u.id', userId)
      .limit(1);
    const columns = [`u.${user.attributes.blocked.columnName} as blocked`, `r.${role.attributes.type.columnName} as role`];
    if (sessionId === null) return query.select(...columns);
    const stored = strapi.db.metadata.get(SESSION) as any;
    const column = (name: string) => `s.${stored.attributes[name].columnName}`;
    return query
      .leftJoin(`${stored.tableName} as s`, (on: any) => on.on(column('sessionId'), '=', knex.raw('?', [sessionId])).andOn(column('origin'), '=', knex.raw('?', ['users-permissions'])))
      .select(...columns, `${column('expiresAt')} as sessionExpiresAt`);
  }
  const standingStatement = compiledOnce(['userId'], ({ userId }) => standingQuery(userId, null));
  const standingWithSessionStatement = compiledOnce(['userId', 'sessionId'], ({ userId, sessionId }) => standingQuery(userId, sessionId));

  const cacheKey = (session: SocketSession) => `${session.viewer.key}|${session.sessionId ?? ''}`;

  function prune(now: number): void {
    if (cache.size < 10_000) return;
    for (const [key, entry] of cache) if (now - entry.checkedAt >= env.SOCKET_RECHECK_MS) cache.delete(key);
  }

  return {
    /** The handshake: a valid, unexpired admin or app access token of a person who may use messaging. */
    async authenticate(token: string): Promise<{ session: SocketSession; canSend: boolean }> {
      const expiresAt = tokenExpiry(token);
      if (isExpired(expiresAt, systemClock.now().getTime())) throw new UnauthorizedError(SESSION_EXPIRED);
      const admin = sessions('admin')?.validateAccessToken(token);
      if (admin?.isValid) {
        const sessionId = String(admin.payload.sessionId);
        const user = await strapi.db.query(ADMIN_USER).findOne({ where: { id: Number(admin.payload.userId) }, populate: ['roles'] });
        if (!user || user.isActive !== true) throw new UnauthorizedError(ADMIN_INACTIVE);
        const standing = staffStanding({
          exists: true,
          isActive: true,
          sessionActive: await sessions('admin').isSessionActive(sessionId),
          ...(await staffAbility(user)),
        });
        if (!standing.ok) throw refusal(standing);
        const viewer = await directory().staffViewer(user);
        return { session: { viewer, origin: 'admin', userId: user.id, sessionId, role: 'staff', expiresAt }, canSend: standing.canSend };
      }
      let payload: { id: number; sessionId?: string };
      try {
        payload = await strapi.plugin('users-permissions').service('jwt').verify(token);
      } catch {
        throw new UnauthorizedError('Your session token is not valid; sign in again.');
      }
      const viewer = await directory().appViewer(Number(payload.id));
      const session: SocketSession = {
        viewer,
        origin: 'users-permissions',
        userId: Number(payload.id),
        sessionId: payload.sessionId ? String(payload.sessionId) : null,
        role: viewer.kind,
        expiresAt,
      };
      const standing = await check(session);
      if (!standing.ok) throw refusal(standing);
      return { session, canSend: true };
    },

    /** Whether the socket's person may still be served now; re-read at most every SOCKET_RECHECK_MS. */
    async standing(session: SocketSession): Promise<Standing> {
      const now = systemClock.now().getTime();
      if (isExpired(session.expiresAt, now)) return { ok: false, status: 401, message: SESSION_EXPIRED };
      const key = cacheKey(session);
      const cached = cache.get(key);
      if (cached && now - cached.checkedAt < env.SOCKET_RECHECK_MS) return cached.standing;
      const standing = check(session);
      cache.set(key, { checkedAt: now, standing });
      prune(now);
      // A failed read is not cached: the next event asks again.
      standing.catch(() => cache.delete(key));
      return standing;
    },

    /** Forgets what is known of a person (their account or session just changed on this node). */
    forget(viewerKey: string): void {
      for (const key of cache.keys()) if (key.startsWith(`${viewerKey}|`)) cache.delete(key);
    },
  };
};

export type SocketSessionsService = ReturnType<typeof socketSessions>;
export default socketSessions;
