import type { Core } from '@strapi/strapi';
import { loadEnv } from '@switchboard/config';

// Postgres only. The launcher (npm start) or the test harness always provides DATABASE_URL.
const config = (): Core.Config.Database => {
  const env = loadEnv();
  if (!env.DATABASE_URL) {
    throw new Error('DATABASE_URL is not set; start Switchboard with "npm start", which provides a database, or set DATABASE_URL.');
  }
  const url = new URL(env.DATABASE_URL);
  return {
    connection: {
      client: 'postgres',
      connection: {
        host: url.hostname,
        port: Number(url.port || 5432),
        database: decodeURIComponent(url.pathname.slice(1)),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
        ssl: env.DATABASE_SSL ? { rejectUnauthorized: true } : false,
      },
      pool: { min: env.DATABASE_POOL_MIN, max: env.DATABASE_POOL_MAX },
      acquireConnectionTimeout: 60_000,
    },
  };
};

export default config;
