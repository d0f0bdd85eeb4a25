import knexFactory, { type Knex } from 'knex';
import { batchedPrepared, quoteLiteral } from '@switchboard/kit';
import { lockFirst, type SendLocks } from '../../plugins/messaging/server/src/services/message-store';
import { until } from '../helpers/until';

// Issue 24: a batch of sends holds every row lock it takes until its one commit. Its preamble (message-store's
// lockFirst) takes them all first, conversations by id, the order every writer takes them in; without it a batch
// takes them in its sends' order and can deadlock with a writer taking the same rows in id order. Plain Postgres
// (this file's copy of the demo database), no Strapi: the batcher runs on a knex pool of its own.
let db: Knex;
let low: number;
let high: number;

beforeAll(async () => {
  db = knexFactory({ client: 'pg', connection: process.env.DATABASE_URL, pool: { min: 0, max: 4 } });
  const ids = (await db('conversation').select('id').orderBy('id').limit(2)).map((r) => Number(r.id));
  expect(ids).toHaveLength(2);
  [low, high] = ids;
});

afterAll(async () => {
  await db?.destroy();
});

const literal = (value: unknown) => (value === null ? 'NULL' : quoteLiteral(String(value)));
const touch = 'UPDATE conversation SET updated_at = now() WHERE id = ?';
/** Sessions of this database (other than the asking one) waiting for a row lock. */
const waitingForLocks = async () =>
  Number((await db.raw("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()")).rows[0].n);

/**
 * A writer holds the lower conversation; a batch comes with a send to the higher one first, then one to the lower;
 * once the batch waits, the writer takes the higher one too (id order) and commits. Answers how the batch ran and
 * what the writer was told.
 */
async function race(preamble?: (locks: SendLocks[]) => string[]) {
  const runs: string[] = [];
  const batcher = batchedPrepared<SendLocks>(db as never, { maxInFlight: 1, maxBatch: 10, literal, preamble, onRun: (how) => runs.push(how) });
  const writer = await db.transaction();
  await writer.raw('SELECT id FROM conversation WHERE id = ? FOR UPDATE', [low]);
  // The one slot is busy for a moment, so the two sends behind it go together, as one batch, in this order.
  const busy = batcher.run('SELECT pg_sleep(0.2)', []);
  const sends = [high, low].map((id) => batcher.run(touch, [id], { conversationId: id, bucketKey: null }));
  await busy;
  await until(async () => (await waitingForLocks()) === 1, 10_000);
  let writerError: string | null = null;
  try {
    await writer.raw(touch, [high]);
    await writer.commit();
  } catch (error) {
    writerError = (error as Error).message;
    await writer.rollback().catch(() => {});
  }
  await Promise.all(sends);
  return { runs, writerError };
}

it('without its preamble, such a batch deadlocks with a writer taking the same rows in id order', async () => {
  const { runs, writerError } = await race();
  // Postgres ends one side of the cycle: the batch (it then runs its sends again, alone) or the writer.
  const deadlocked = runs.includes('failed-batch') || /deadlock detected/.test(writerError ?? '');
  expect(deadlocked).toBe(true);
});

it('with lockFirst, the batch waits without holding anything, the writer commits, and the batch commits after it', async () => {
  const { runs, writerError } = await race(lockFirst);
  expect(writerError).toBeNull();
  expect(runs).toEqual(['alone', 'batch']);
});
