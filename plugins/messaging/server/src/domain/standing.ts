/**
 * Whether a person still has the right to use an open socket, decided from what the database says now.
 * A socket is authenticated once, at its handshake; every event after that asks these rules again
 * (through a short cache), so a deactivated admin, a blocked user, a changed role or an ended session
 * stops being served at once, as HTTP with the same token already does.
 */

export type Standing = { ok: true; canSend: boolean } | { ok: false; status: 401 | 403; message: string };

export const SESSION_EXPIRED = 'Your session has expired; sign in again to reconnect.';
export const SESSION_ENDED = 'You signed out or your session was ended; sign in again to continue.';
export const ADMIN_INACTIVE = 'This admin account is not active; ask an owner.';
export const ADMIN_CANNOT_READ = 'Your admin role cannot read conversations; ask an owner for access.';
export const ACCOUNT_BLOCKED = 'Your account cannot use messaging. Ask an owner for access.';
export const ROLE_CHANGED = 'Your role has changed; sign in again to continue.';

/** An admin-panel user: active, with a live session, whose roles still allow reading conversations. */
export function staffStanding(now: {
  exists: boolean;
  isActive: boolean;
  sessionActive: boolean;
  canRead: boolean;
  canSend: boolean;
}): Standing {
  if (!now.sessionActive) return { ok: false, status: 401, message: SESSION_ENDED };
  if (!now.exists || !now.isActive) return { ok: false, status: 401, message: ADMIN_INACTIVE };
  if (!now.canRead) return { ok: false, status: 403, message: ADMIN_CANNOT_READ };
  return { ok: true, canSend: now.canSend };
}

/**
 * An app user (business, VA, sitter): not blocked, still holding the role the socket was opened with (a role
 * change re-shapes everything they may see, so it needs a fresh handshake), and, when the token names one,
 * with its session still alive (signing out ends it).
 */
export function appStanding(now: {
  exists: boolean;
  blocked: boolean;
  role: string | null;
  roleAtHandshake: string;
  /** null when the token names no session (legacy tokens): nothing to check. */
  sessionActive: boolean | null;
}): Standing {
  if (now.sessionActive === false) return { ok: false, status: 401, message: SESSION_ENDED };
  if (!now.exists || now.blocked) return { ok: false, status: 403, message: ACCOUNT_BLOCKED };
  if (now.role !== now.roleAtHandshake) return { ok: false, status: 401, message: ROLE_CHANGED };
  return { ok: true, canSend: true };
}

/** An access token's expiry (ms since the epoch) from its `exp` claim, or null when it has none. */
export function tokenExpiry(token: string): number | null {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof payload.exp === 'number' && Number.isFinite(payload.exp) ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}

export const isExpired = (expiresAt: number | null, nowMs: number): boolean => expiresAt !== null && expiresAt <= nowMs;

/**
 * Whether an update to a person's account takes away the right to their open sockets, and the sentence why:
 * an admin set inactive or given other roles, an app user blocked or given another role. Other edits keep them.
 */
export function rightsLostByUpdate(who: 'admin' | 'app', data: Record<string, unknown>): string | null {
  if (who === 'admin') {
    if (data.isActive === false) return ADMIN_INACTIVE;
    if ('roles' in data) return ROLE_CHANGED;
    return null;
  }
  if (data.blocked === true) return ACCOUNT_BLOCKED;
  if ('role' in data) return ROLE_CHANGED;
  return null;
}
