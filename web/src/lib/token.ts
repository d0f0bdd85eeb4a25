/** Access tokens are short-lived (API.md "Authentication"); the app renews them shortly before they expire. Pure. */

/** The token's expiry in epoch milliseconds, or null when it carries none or cannot be read. */
export function tokenExpiry(token: string): number | null {
  try {
    const part = token.split('.')[1];
    if (!part) return null;
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const payload = JSON.parse(json);
    return typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
}

/** How long to wait before renewing: a fifth of the token's remaining life before expiry, at least 5 s, at most a minute early. */
export function renewalDelay(expiresAt: number | null, now: number): number | null {
  if (expiresAt === null) return null;
  const remaining = expiresAt - now;
  const margin = Math.min(60_000, Math.max(5_000, remaining / 5));
  return Math.max(0, remaining - margin);
}
