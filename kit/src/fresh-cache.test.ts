import { freshCache } from './fresh-cache';

/** A cache over a fake table whose reads are recorded, on a clock the test moves. */
function setup(ttlMs = 2_000) {
  let clock = 0;
  const table = new Map<number, string>([[1, 'one'], [2, 'two'], [3, 'three']]);
  const reads: number[][] = [];
  let failNext = false;
  const cache = freshCache<number, string | null>({
    ttlMs,
    key: String,
    now: () => clock,
    readMany: async (ids) => {
      reads.push([...ids]);
      if (failNext) {
        failNext = false;
        throw new Error('database gone');
      }
      return ids.map((id) => table.get(id) ?? null);
    },
  });
  return { cache, table, reads, tick: (ms: number) => (clock += ms), failOnce: () => (failNext = true) };
}

describe('freshCache', () => {
  it('reads what it lacks in one batch, answers in order, and never answers a value ttlMs old', async () => {
    const { cache, table, reads, tick } = setup();
    expect(await cache.getMany([2, 1, 2, 9])).toEqual(['two', 'one', 'two', null]);
    expect(reads).toEqual([[2, 1, 9]]);
    table.set(1, 'uno');
    tick(1_999);
    expect(await cache.get(1)).toBe('one');
    tick(1);
    expect(await cache.get(1)).toBe('uno');
    expect(reads).toEqual([[2, 1, 9], [1]]);
  });

  it('reads again, together and ahead of time, what was asked since it was read; drops what nobody asked for', async () => {
    const { cache, table, reads, tick } = setup();
    await cache.getMany([1, 2, 3]);
    tick(500);
    await cache.getMany([1, 2]); // 3 is not asked again
    tick(500); // half the ttl: 1 and 2 are due
    table.set(2, 'dos');
    await cache.refresh();
    expect(reads).toEqual([[1, 2, 3], [1, 2]]);
    tick(1_000); // 3 is now too old and unasked: dropped
    await cache.refresh();
    expect(cache.size).toBe(2);
    // 1 and 2 were read again a second ago (nobody asked since, so they were not read once more): still fresh.
    expect(await cache.getMany([1, 2])).toEqual(['one', 'dos']);
    expect(reads).toEqual([[1, 2, 3], [1, 2]]);
  });

  it('keeps the bound when a refresh fails: the failed read is not kept, and the next ask reads', async () => {
    const { cache, reads, tick, failOnce } = setup();
    await cache.get(1);
    await cache.get(1);
    tick(1_000);
    failOnce();
    await cache.refresh();
    expect(cache.size).toBe(0);
    expect(await cache.get(1)).toBe('one');
    expect(reads).toEqual([[1], [1], [1]]);
  });

  it('rejects a failed read to its askers without keeping it', async () => {
    const { cache, reads, failOnce } = setup();
    failOnce();
    await expect(cache.get(1)).rejects.toThrow('database gone');
    expect(await cache.get(1)).toBe('one');
    expect(reads).toEqual([[1], [1]]);
  });

  it('forgets what a write names, and starts again empty at its limit', async () => {
    const { cache, reads } = setup();
    await cache.getMany([1, 2]);
    cache.forget((key) => key === '1');
    await cache.getMany([1, 2]);
    expect(reads).toEqual([[1, 2], [1]]);
    const small = freshCache<number, number>({ ttlMs: 1_000, key: String, limit: 2, readMany: async (ids) => ids });
    await small.getMany([1, 2, 3]);
    expect(small.size).toBeLessThanOrEqual(2);
    expect(await small.getMany([1, 2, 3])).toEqual([1, 2, 3]);
  });
});
