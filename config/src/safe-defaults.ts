/**
 * The decisions that keep a start with no configuration off the network: when the demo organisation is seeded,
 * which address Strapi and the web app listen on, which browser origins are accepted, and how many proxies are
 * trusted. Pure functions of the environment, so each rule has a table test beside it.
 */

/** Whether Strapi seeds the demo organisation (published passwords): asked for, and never in production. */
export function seedsDemo(env: { NODE_ENV: string; SEED_DEMO: boolean }): boolean {
  return env.SEED_DEMO && env.NODE_ENV !== 'production';
}

/**
 * The SEED_DEMO the launcher hands Strapi: the user's own setting when there is one; otherwise on only when the
 * launcher started the embedded Postgres itself (a database nobody else uses), and off for a server named by
 * DATABASE_URL.
 */
export function launcherSeedDemo(setting: string | undefined, embeddedDatabase: boolean): string | undefined {
  if (setting !== undefined && setting !== '') return setting;
  return embeddedDatabase ? 'true' : undefined;
}

/** 127.0.0.1, ::1, localhost and the rest of 127.0.0.0/8: addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

/**
 * The address a server listens on: an explicit HOST (or WEB_HOST) wins; otherwise loopback while the demo
 * organisation is seeded, so its published passwords never reach a network, and every interface when it is not.
 */
export function listenHost(explicit: string | undefined, env: { NODE_ENV: string; SEED_DEMO: boolean }): string {
  if (explicit !== undefined && explicit !== '') return explicit;
  return seedsDemo(env) ? '127.0.0.1' : '0.0.0.0';
}

/** The line Strapi prints when demo accounts exist and it listens beyond this machine; null when all is well. */
export function demoExposureWarning(host: string, demoAccountsExist: boolean): string | null {
  if (!demoAccountsExist || isLoopbackHost(host)) return null;
  return (
    `Demo accounts with published passwords (owner@demo.test, …) exist and Strapi listens on ${host}, which other ` +
    'machines can reach. Delete them, or listen on loopback (unset HOST or set HOST=127.0.0.1).'
  );
}

/**
 * The origins accepted for a configured one: exactly it in production; elsewhere also the other loopback
 * spellings of the same scheme and port, so http://127.0.0.1:3002 works when WEB_PUBLIC_URL says localhost.
 */
export function acceptedOrigins(origin: string, production: boolean): string[] {
  const url = new URL(origin);
  if (production || !isLoopbackHost(url.hostname)) return [url.origin];
  const aliases = ['localhost', '127.0.0.1', '[::1]'].map((host) => {
    const alias = new URL(url.origin);
    alias.hostname = host;
    return alias.origin;
  });
  return [...new Set([url.origin, ...aliases])];
}

/** Strapi's `server.proxy` for PROXY_TRUST hops: 0 trusts no X-Forwarded-* header at all. */
export function proxySettings(hops: number): { koa: boolean; maxIpsCount?: number } {
  return hops > 0 ? { koa: true, maxIpsCount: hops } : { koa: false };
}
