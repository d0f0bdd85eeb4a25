import PgBoss from 'pg-boss';

/**
 * The one background-job queue of this process (pg-boss on the shared Postgres): delivery retries,
 * automations and window transitions run here, so any node can pick up any job and none is lost on restart.
 */
let boss: PgBoss | null = null;
let starting: Promise<PgBoss> | null = null;

export async function startJobQueue(connectionString: string): Promise<PgBoss> {
  if (boss) return boss;
  if (!starting) {
    starting = (async () => {
      const instance = new PgBoss({ connectionString, schema: 'pgboss', max: 4 });
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
