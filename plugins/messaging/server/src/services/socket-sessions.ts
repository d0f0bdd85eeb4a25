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
import { ForbiddenError, UnauthorizedError, freshCache, preparedRaw } from '@switchboard/kit';

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
 * blocked, same role, session alive), read through a cache that lives `SOCKET_RECHECK_MS`, whose standings in use
 * are read again together every half of it (kit's freshCache: one statement for every app user's socket in use).
 */
const socketSessions = ({ strapi }: { strapi: Core.Strapi }) => {
  const env = loadEnv();
  const sessions = (origin: SocketSession['origin']) => (strapi as any).sessionManager?.(origin);
  const directory = () => getService(strapi, 'directory');

  async function staffAbility(user: unknown): Promise<{ canRead: boolean; canSend: boolean }> {
    const ability = await strapi.service('admin::permission').engine.generateUserAbility(user);
    return { canRead: ability.can(ACTIONS.read), canSend: ability.can(ACTIONS.send) };
  }

  async function checkStaff(session: SocketSession): Promise<Standing> {
    const sessionActive = session.sessionId !== null && (await sessions('admin').isSessionActive(session.sessionId));
    const user = await strapi.db.query(ADMIN_USER).findOne({ where: { id: session.userId }, populate: ['roles'] });
    const ability = user && user.isActive === true ? await staffAbility(user) : { canRead: false, canSend: false };
    return staffStanding({ exists: Boolean(user), isActive: user?.isActive === true, sessionActive, ...ability });
  }

  /** The standings of several sockets' people: app users in one statement, staff each through Strapi's admin services. */
  async function checkMany(list: SocketSession[]): Promise<Standing[]> {
    const app = list.filter((session) => session.origin !== 'admin');
    const rows = app.length > 0 ? await appUserStandings(app) : [];
    const rowOf = new Map(app.map((session, i) => [session, rows[i]]));
    const now = systemClock.now().getTime();
    return Promise.all(
      list.map(async (session) => {
        if (session.origin === 'admin') return checkStaff(session);
        const user = rowOf.get(session);
        // As Strapi's isSessionActive decides: the session exists for this origin and has not expired.
        const sessionActive = session.sessionId === null ? null : user?.sessionExpiresAt != null && new Date(user.sessionExpiresAt).getTime() > now;
        return appStanding({ exists: Boolean(user), blocked: user?.blocked === true, role: user?.role ?? null, roleAtHandshake: session.role, sessionActive });
      }),
    );
  }

  const check = async (session: SocketSession): Promise<Standing> => (await checkMany([session]))[0];

  /**
   * App users' standing (blocked, role type, and for a session that users-permissions session's expiry), one row per
   * socket session in one named prepared statement through the tables as Strapi's metadata names them (the query
   * engine took three statements a person: the session, the user, the role); undefined for an unknown user.
   */
  async function appUserStandings(list: SocketSession[]): Promise<({ blocked: boolean; role: string | null; sessionExpiresAt: Date | string | null } | undefined)[]> {
    const pairs = list.map((session, i) => ({ i, user_id: session.userId, session_id: session.sessionId }));
    const { rows } = await preparedRaw(strapi.db.connection, (standingsSql ??= standingsStatement()), [JSON.stringify(pairs)]);
    const byIndex = new Map<number, any>(rows.map((r: any) => [Number(r.i), r]));
    return list.map((_, i) => {
      const row = byIndex.get(i);
      return row && row.found ? { blocked: row.blocked, role: row.role, sessionExpiresAt: row.sessionExpiresAt } : undefined;
    });
  }

  let standingsSql: string | undefined;
  /** appUserStandings' text, from the table and column names Strapi's metadata gives (built once). */
  function standingsStatement(): string {
    const user = strapi.db.metadata.get(APP_USER) as any;
    const link = user.attributes.role.joinTable;
    const role = strapi.db.metadata.get(APP_ROLE) as any;
    const stored = strapi.db.metadata.get(SESSION) as any;
    const column = (name: string) => `"${stored.attributes[name].columnName}"`;
    return `SELECT p.i, u.id IS NOT NULL AS found, u."${user.attributes.blocked.columnName}" AS blocked, r.type AS role, s.${column('expiresAt')} AS "sessionExpiresAt"
      FROM json_to_recordset(?::json) AS p(i integer, user_id integer, session_id text)
      LEFT JOIN "${user.tableName}" u ON u.id = p.user_id
      LEFT JOIN LATERAL (SELECT ro."${role.attributes.type.columnName}" AS type FROM "${link.name}" l JOIN "${role.tableName}" ro ON ro.id = l."${link.inverseJoinColumn.name}"
                         WHERE l."${link.joinColumn.name}" = u.id LIMIT 1) r ON true
      LEFT JOIN "${stored.tableName}" s ON p.session_id IS NOT NULL AND s.${column('sessionId')} = p.session_id AND s.${column('origin')} = 'users-permissions'`;
  }

  const cacheKey = (session: SocketSession) => `${session.viewer.key}|${session.sessionId ?? ''}`;
  const standings = freshCache<SocketSession, Standing>({
    ttlMs: env.SOCKET_RECHECK_MS,
    key: cacheKey,
    readMany: checkMany,
    now: () => systemClock.now().getTime(),
    onError: (error) => strapi.log.warn(`[messaging] socket standings not read again ahead of time: ${error}`),
  });

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

    /** Whether the socket's person may still be served now; as read at most SOCKET_RECHECK_MS ago. */
    async standing(session: SocketSession): Promise<Standing> {
      if (isExpired(session.expiresAt, systemClock.now().getTime())) return { ok: false, status: 401, message: SESSION_EXPIRED };
      return standings.get(session);
    },

    /** Forgets what is known of a person (their account or session just changed on this node). */
    forget(viewerKey: string): void {
      standings.forget((key) => key.startsWith(`${viewerKey}|`));
    },

    /** Reads the standings in use again ahead of time, every half SOCKET_RECHECK_MS, until `stopRefreshing` (realtime). */
    startRefreshing(): void {
      standings.start();
    },
    stopRefreshing(): void {
      standings.stop();
    },
  };
};

export type SocketSessionsService = ReturnType<typeof socketSessions>;
export default socketSessions;
