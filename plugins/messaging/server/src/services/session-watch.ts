import type { Core } from '@strapi/strapi';
import { staffKey, userKey } from '../domain/viewer';
import { ACCOUNT_BLOCKED, ADMIN_INACTIVE, ROLE_CHANGED, SESSION_ENDED } from '../domain/standing';
import type { RealtimeService } from './realtime';

const ADMIN_USER = 'admin::user';
const APP_USER = 'plugin::users-permissions.user';
// Strapi keeps admin and users-permissions sessions in one table, told apart by `origin`.
const SESSION = 'admin::session';

interface SessionRow {
  sessionId: string;
  userId: string;
  origin: string;
}

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
  const realtime = () => strapi.plugin('messaging').service('realtime') as RealtimeService;
  const endPerson = (key: string, message: string) => realtime().endPerson(key, message);

  strapi.db.lifecycles.subscribe({
    models: [ADMIN_USER],
    afterUpdate(event: any) {
      const id = idOf(event);
      const data = event.params?.data ?? {};
      if (id === null) return;
      if (data.isActive === false) endPerson(staffKey(id), ADMIN_INACTIVE);
      else if ('roles' in data) endPerson(staffKey(id), ROLE_CHANGED);
    },
    afterDelete(event: any) {
      const id = idOf(event);
      if (id !== null) endPerson(staffKey(id), ADMIN_INACTIVE);
    },
  } as any);

  strapi.db.lifecycles.subscribe({
    models: [APP_USER],
    afterUpdate(event: any) {
      const id = idOf(event);
      const data = event.params?.data ?? {};
      if (id === null) return;
      if (data.blocked === true) endPerson(userKey(id), ACCOUNT_BLOCKED);
      else if ('role' in data) endPerson(userKey(id), ROLE_CHANGED);
    },
    afterDelete(event: any) {
      const id = idOf(event);
      if (id !== null) endPerson(userKey(id), ACCOUNT_BLOCKED);
    },
  } as any);

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
