// Two readings the orchestrator and the load process both take: a process's CPU time so far (Linux /proc) and the
// bench database's transactions so far (pg_stat_database). Light on imports: the load process loads this too.
import { readFileSync } from 'node:fs';
import pg from 'pg';

const CLOCK_TICKS_PER_S = 100; // USER_HZ on Linux

/** User + system CPU seconds a process has used so far (throws when it is gone). */
export function processCpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(after[11]) + Number(after[12])) / CLOCK_TICKS_PER_S;
}

/** CPU seconds so far of each named process ({ name: pid } → { name: seconds or null }). */
export function processesCpuSeconds(pids) {
  return Object.fromEntries(
    Object.entries(pids).map(([name, pid]) => {
      try {
        return [name, processCpuSeconds(pid)];
      } catch {
        return [name, null];
      }
    }),
  );
}

/**
 * Transactions committed or rolled back in the bench database so far (pg_stat_database). Backends publish their
 * counts about a second after their work, so a reading lags that much.
 */
export async function databaseTransactions(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await client.query('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()');
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}
