import type { Core } from '@strapi/strapi';
import { loadEnv, postgresConnection } from '@switchboard/config';

// Postgres only. The launcher (npm start) or the test harness always provides DATABASE_URL.
// The connection (TLS included) is the one pg-boss and the socket.io adapter use too.
const config = (): Core.Config.Database => {
  const env = loadEnv();
  const connection = postgresConnection(env);
  return {
    connection: {
      client: 'postgres',
      // Strapi's type lists fewer TLS options than node's (checkServerIdentity, for sslmode=verify-ca); knex passes them all on.
      connection: { ...connection, ssl: connection.ssl as boolean | { rejectUnauthorized?: boolean } },
      pool: { min: env.DATABASE_POOL_MIN, max: env.DATABASE_POOL_MAX },
      acquireConnectionTimeout: 60_000,
    },
  };
};

export default config;
