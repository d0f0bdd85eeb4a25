import PgBoss from 'pg-boss';
import { loadEnv, postgresConnection } from '@switchboard/config';

/**
 * The one background-job queue of this process (pg-boss on the shared Postgres): delivery retries,
 * automations and window transitions run here, so any node can pick up any job and none is lost on restart.
 */
let boss: PgBoss | null = null;
let starting: Promise<PgBoss> | null = null;

/**
 * Starts the queue on the database named by databaseUrl (default: DATABASE_URL), connecting exactly as Strapi's
 * pool does (postgresConnection: DATABASE_SSL or the URL's sslmode included).
 */
export async function startJobQueue(databaseUrl?: string): Promise<PgBoss> {
  if (boss) return boss;
  if (!starting) {
    starting = (async () => {
      const env = loadEnv();
      const connection = postgresConnection({ ...env, DATABASE_URL: databaseUrl ?? env.DATABASE_URL });
      const instance = new PgBoss({ ...connection, schema: 'pgboss', max: 4 });
      instance.on('error', (error) => console.error(`[jobs] ${error.message}`));
      await instance.start();
      boss = instance;
      return instance;
    })();
  }
  return starting;
}

export async function stopJobQueue(): Promise<void> {
  const instance = boss ?? (starting ? await starting.catch(() => null) : null);
  boss = null;
  starting = null;
  if (instance) await instance.stop({ graceful: true, wait: true, timeout: 10_000 });
}

export type { PgBoss };
