/**
 * Who is signed in. The access token lives in memory and in sessionStorage (it survives a reload of
 * this tab, not other tabs); users-permissions keeps the refresh token in an httpOnly cookie on the
 * API's origin, which `renew` spends for a new access token shortly before the old one expires.
 */
import { createApiClient, ApiError, signInProblem, type ApiClient } from './api';
import { apiUrl } from './config';
import { renewalDelay, tokenExpiry } from './token';
import type { Profile } from './types';

const STORAGE_KEY = 'switchboard.session';

class Session {
  token = $state<string | null>(null);
  profile = $state<Profile | null>(null);
  /** Set when the session ended without the person asking (expired, revoked). */
  endedReason = $state<string | null>(null);

  readonly api: ApiClient = createApiClient({ baseUrl: apiUrl, token: () => this.token, renew: () => this.renew() });
  private renewTimer: ReturnType<typeof setTimeout> | null = null;
  private renewing: Promise<boolean> | null = null;
  private listeners = new Set<(token: string | null) => void>();

  get signedIn(): boolean {
    return this.token !== null && this.profile !== null;
  }

  /**
   * Restores the session after a reload (this tab's saved token) or in a new tab (the refresh cookie
   * users-permissions set at sign-in); answers whether someone is signed in.
   */
  async restore(): Promise<boolean> {
    if (this.signedIn) return true;
    const saved = sessionStorage.getItem(STORAGE_KEY);
    if (saved) {
      this.setToken(saved);
      const expiry = tokenExpiry(saved);
      if (expiry !== null && expiry <= Date.now() && !(await this.renew())) return false;
    } else if (!(await this.renew())) {
      this.endedReason = null;
      return false;
    }
    try {
      await this.loadProfile();
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        this.clear();
        return false;
      }
      throw error;
    }
  }

  async signIn(identifier: string, password: string): Promise<void> {
    const answer = await this.api<{ jwt: string }>('POST', '/api/auth/local', { identifier, password }).catch((error: unknown) => {
      throw signInProblem(error);
    });
    this.endedReason = null;
    this.setToken(answer.jwt);
    await this.loadProfile();
  }

  async loadProfile(): Promise<Profile> {
    const profile = await this.api<Profile>('GET', '/api/profile');
    this.profile = profile;
    return profile;
  }

  /** Exchanges the refresh cookie for a new access token; concurrent callers share one request. */
  renew(): Promise<boolean> {
    this.renewing ??= (async () => {
      try {
        const response = await fetch(`${apiUrl}/api/auth/refresh`, {
          method: 'POST',
          credentials: 'include',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        });
        if (response.ok) {
          const { jwt } = (await response.json()) as { jwt: string };
          this.setToken(jwt);
          return true;
        }
        if (response.status === 400 || response.status === 401) {
          this.clear('Your session has ended. Sign in again.');
        }
        return false;
      } catch {
        return false; // offline: keep the session, try again later
      } finally {
        this.renewing = null;
      }
    })();
    return this.renewing;
  }

  async signOut(): Promise<void> {
    try {
      if (this.token) await this.api('POST', '/api/auth/logout', {});
    } catch {
      // Signing out locally matters more than telling the server; the refresh cookie expires anyway.
    }
    this.clear();
  }

  /** Called with the new token (or null) whenever it changes, e.g. to reconnect the socket. */
  onTokenChange(listener: (token: string | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setToken(token: string): void {
    this.token = token;
    sessionStorage.setItem(STORAGE_KEY, token);
    this.scheduleRenewal(token);
    for (const listener of this.listeners) listener(token);
  }

  private scheduleRenewal(token: string): void {
    if (this.renewTimer) clearTimeout(this.renewTimer);
    const delay = renewalDelay(tokenExpiry(token), Date.now());
    if (delay !== null) this.renewTimer = setTimeout(() => void this.renew(), delay);
  }

  private clear(reason: string | null = null): void {
    if (this.renewTimer) clearTimeout(this.renewTimer);
    this.renewTimer = null;
    this.token = null;
    this.profile = null;
    this.endedReason = reason;
    sessionStorage.removeItem(STORAGE_KEY);
    for (const listener of this.listeners) listener(null);
  }
}

export const session = new Session();
