import type { ConnectionOptions } from 'node:tls';

/** How every Postgres client of Switchboard connects: Strapi's pool, the pg-boss job queue, the socket.io adapter. */
export interface PostgresConnection {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  /** false: plain TCP; otherwise node's TLS options (node-postgres, knex and pg-boss take them as they are). */
  ssl: false | ConnectionOptions;
}

const SSL_MODES: Record<string, false | ConnectionOptions> = {
  disable: false,
  // node-postgres cannot fall back from TLS to plain TCP as libpq does, so these mean "no TLS" here.
  allow: false,
  prefer: false,
  // libpq's meaning: encrypted, the certificate not checked.
  require: { rejectUnauthorized: false },
  // The chain is checked, the host name is not.
  'verify-ca': { rejectUnauthorized: true, checkServerIdentity: () => undefined },
  'verify-full': { rejectUnauthorized: true },
};

/**
 * The one Postgres connection configuration, read from DATABASE_URL and DATABASE_SSL. An `sslmode` in the URL
 * (disable, require, verify-ca, verify-full) decides TLS; without one, DATABASE_SSL=true means TLS with the
 * server's certificate verified against the system's authorities.
 */
export function postgresConnection(env: { DATABASE_URL?: string; DATABASE_SSL: boolean }): PostgresConnection {
  if (!env.DATABASE_URL) {
    throw new Error('DATABASE_URL is not set; start Switchboard with "npm start", which provides a database, or set DATABASE_URL.');
  }
  const url = new URL(env.DATABASE_URL);
  const sslmode = url.searchParams.get('sslmode');
  let ssl: false | ConnectionOptions;
  if (sslmode !== null) {
    if (!(sslmode in SSL_MODES)) {
      throw new Error(`DATABASE_URL has sslmode=${sslmode}; use disable, require, verify-ca or verify-full.`);
    }
    const chosen = SSL_MODES[sslmode];
    ssl = chosen && { ...chosen };
  } else {
    ssl = env.DATABASE_SSL ? { rejectUnauthorized: true } : false;
  }
  return {
    host: decodeURIComponent(url.hostname).replace(/^\[(.*)\]$/, '$1'),
    port: Number(url.port || 5432),
    database: decodeURIComponent(url.pathname.slice(1)),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    ssl,
  };
}
