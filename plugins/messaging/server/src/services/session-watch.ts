import type { Core } from '@strapi/strapi';
import { staffKey, userKey } from '../domain/viewer';
import { ACCOUNT_BLOCKED, ADMIN_INACTIVE, SESSION_ENDED, rightsLostByUpdate } from '../domain/standing';
import { getService } from '../get-service';

const ADMIN_USER = 'admin::user';
const APP_USER = 'plugin::users-permissions.user';
// Strapi keeps admin and users-permissions sessions in one table, told apart by `origin`.
const SESSION = 'admin::session';

interface SessionRow {
  sessionId: string;
  userId: string;
  origin: string;
}

const PEOPLE = [
  { model: ADMIN_USER, who: 'admin' as const, key: staffKey, deleted: ADMIN_INACTIVE },
  { model: APP_USER, who: 'app' as const, key: userKey, deleted: ACCOUNT_BLOCKED },
];

const personKey = (row: SessionRow) => (row.origin === 'admin' ? staffKey(row.userId) : userKey(row.userId));
const idOf = (event: any): number | null => {
  const id = event.result?.id ?? event.params?.where?.id;
  return typeof id === 'number' || typeof id === 'string' ? Number(id) : null;
};

/**
 * Closes open sockets the moment a person loses the right to them, whatever changed it (the admin panel, the
 * Content Manager, a sign-out, a script): database lifecycles on admin users, app users and sessions. The
 * adapter carries the disconnect to every node; the per-event check catches anything that bypasses these.
 */
export function watchSessions(strapi: Core.Strapi): void {
  const realtime = () => getService(strapi, 'realtime');
  const endPerson = (key: string, message: string) => realtime().endPerson(key, message);

  for (const { model, who, key, deleted } of PEOPLE) {
    strapi.db.lifecycles.subscribe({
      models: [model],
      afterUpdate(event: any) {
        const id = idOf(event);
        const lost = id === null ? null : rightsLostByUpdate(who, event.params?.data ?? {});
        if (lost) endPerson(key(id!), lost);
      },
      afterDelete(event: any) {
        const id = idOf(event);
        if (id !== null) endPerson(key(id), deleted);
      },
    } as any);
  }

  // A session row is deleted when someone signs out (one device or all), a session is revoked, or it expires.
  const ending = async (event: any) => {
    const rows = (await strapi.db.query(SESSION).findMany({ where: event.params?.where ?? {}, select: ['sessionId', 'userId', 'origin'] })) as SessionRow[];
    event.state = { ...(event.state ?? {}), ending: rows };
  };
  const ended = (event: any) => {
    for (const row of (event.state?.ending ?? []) as SessionRow[]) realtime().endSession(personKey(row), row.sessionId, SESSION_ENDED);
  };
  strapi.db.lifecycles.subscribe({
    models: [SESSION],
    beforeDelete: ending,
    beforeDeleteMany: ending,
    afterDelete: ended,
    afterDeleteMany: ended,
  } as any);
}
