import {
  ACCOUNT_BLOCKED,
  ADMIN_CANNOT_READ,
  ADMIN_INACTIVE,
  ROLE_CHANGED,
  SESSION_ENDED,
  appStanding,
  isExpired,
  rightsLostByUpdate,
  staffStanding,
  tokenExpiry,
} from './standing';

const staff = { exists: true, isActive: true, sessionActive: true, canRead: true, canSend: true };
const app = { exists: true, blocked: false, role: 'va', roleAtHandshake: 'va', sessionActive: true as boolean | null };

describe('staffStanding: an admin keeps a socket while active, signed in and allowed to read', () => {
  it.each([
    ['everything in order', staff, { ok: true, canSend: true }],
    ['send taken away, read kept', { ...staff, canSend: false }, { ok: true, canSend: false }],
    ['signed out', { ...staff, sessionActive: false }, { ok: false, status: 401, message: SESSION_ENDED }],
    ['deactivated', { ...staff, isActive: false }, { ok: false, status: 401, message: ADMIN_INACTIVE }],
    ['deleted', { ...staff, exists: false }, { ok: false, status: 401, message: ADMIN_INACTIVE }],
    ['role no longer reads conversations', { ...staff, canRead: false }, { ok: false, status: 403, message: ADMIN_CANNOT_READ }],
  ])('%s', (_, now, expected) => {
    expect(staffStanding(now)).toEqual(expected);
  });
});

describe('appStanding: an app user keeps a socket while not blocked, in the same role, and signed in', () => {
  it.each([
    ['everything in order', app, { ok: true, canSend: true }],
    ['a token that names no session', { ...app, sessionActive: null }, { ok: true, canSend: true }],
    ['signed out', { ...app, sessionActive: false }, { ok: false, status: 401, message: SESSION_ENDED }],
    ['blocked', { ...app, blocked: true }, { ok: false, status: 403, message: ACCOUNT_BLOCKED }],
    ['deleted', { ...app, exists: false, role: null }, { ok: false, status: 403, message: ACCOUNT_BLOCKED }],
    ['given another role', { ...app, role: 'business' }, { ok: false, status: 401, message: ROLE_CHANGED }],
  ])('%s', (_, now, expected) => {
    expect(appStanding(now)).toEqual(expected);
  });
});

describe('rightsLostByUpdate', () => {
  it.each([
    ['admin', { isActive: false }, ADMIN_INACTIVE],
    ['admin', { isActive: true }, null],
    ['admin', { roles: [2] }, ROLE_CHANGED],
    ['admin', { firstname: 'Ada' }, null],
    ['app', { blocked: true }, ACCOUNT_BLOCKED],
    ['app', { blocked: false }, null],
    ['app', { role: 3 }, ROLE_CHANGED],
    ['app', { username: 'x' }, null],
  ] as const)('%s updated with %j → %s', (who, data, expected) => {
    expect(rightsLostByUpdate(who, data)).toBe(expected);
  });
});

describe('token expiry', () => {
  const token = (payload: unknown) => `h.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.s`;
  it('reads exp as milliseconds, and nothing from a token without one or not a token at all', () => {
    expect(tokenExpiry(token({ exp: 1_700_000_000 }))).toBe(1_700_000_000_000);
    expect(tokenExpiry(token({ sub: 1 }))).toBeNull();
    expect(tokenExpiry('nonsense')).toBeNull();
  });
  it.each([
    [null, 5, false],
    [10, 5, false],
    [10, 10, true],
    [10, 11, true],
  ])('expiresAt %p at %p → expired %p', (expiresAt, now, expected) => {
    expect(isExpired(expiresAt, now)).toBe(expected);
  });
});
