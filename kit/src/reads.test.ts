import { readAll } from './reads';

describe('readAll', () => {
  /** Reads that finish after a turn, noting how many ran at the same time. */
  function probe() {
    let running = 0;
    let most = 0;
    const read =
      <T>(value: T) =>
      async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((r) => setImmediate(r));
        running -= 1;
        return value;
      };
    return { read, most: () => most };
  }

  it('runs the reads at once outside a transaction, answering in order', async () => {
    const p = probe();
    const [a, b, c] = await readAll(false, [p.read(1), p.read('two'), p.read([3])]);
    expect([a, b, c]).toEqual([1, 'two', [3]]);
    expect(p.most()).toBe(3);
  });

  it('runs them one after another inside one, answering in order', async () => {
    const p = probe();
    const order: string[] = [];
    const answer = await readAll(true, [async () => (order.push('first'), 1), p.read('two'), async () => (order.push('third'), 3)]);
    expect(answer).toEqual([1, 'two', 3]);
    expect(order).toEqual(['first', 'third']);
    expect(p.most()).toBe(1);
  });

  it('stops at the first read that fails inside a transaction, and runs none after it', async () => {
    let after = false;
    await expect(readAll(true, [async () => Promise.reject(new Error('gone')), async () => (after = true)])).rejects.toThrow('gone');
    expect(after).toBe(false);
  });
});
