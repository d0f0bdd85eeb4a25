import type { Core } from '@strapi/strapi';
import { adminDisplayName, staffActor, type AuditActor } from '@switchboard/audit';

interface AuthState {
  strategy?: { name?: string };
  credentials?: { id?: number | string; name?: string } | null;
}

/**
 * Who is writing, from the request being served: an admin-panel user (People page, Content Manager), an integrator's
 * API token, an app user; `system` outside a request (the seed, an SMS from an unknown phone).
 */
export function requestActor(strapi: Core.Strapi): AuditActor {
  const ctx = strapi.requestContext.get() as { state?: { auth?: AuthState; user?: any } } | undefined;
  const auth = ctx?.state?.auth;
  const user = ctx?.state?.user;
  switch (auth?.strategy?.name) {
    case 'admin':
      return user ? staffActor({ id: user.id, displayName: adminDisplayName(user) }) : { kind: 'system' };
    case 'content-api-token':
    case 'admin-token':
    case 'api-token':
      // An integrator has no login of their own: the token is the actor, named as the Owner named it.
      return auth.credentials?.id !== undefined
        ? { kind: 'user', id: `api-token:${auth.credentials.id}`, displayName: `API token "${auth.credentials.name ?? auth.credentials.id}"`, role: 'api-token' }
        : { kind: 'system' };
    case 'users-permissions':
      return user ? { kind: 'user', id: user.id, displayName: user.username ?? `User ${user.id}`, role: user.role?.type ?? 'user' } : { kind: 'system' };
    default:
      return { kind: 'system' };
  }
}
