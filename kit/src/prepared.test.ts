import knexFactory from 'knex';
import pg from 'pg';
import { batchedPrepared, compiledOnce, positioned, preparedName, preparedRaw, quoteLiteral } from './prepared';

/** Real knex, Postgres dialect, no connection: what it compiles a raw text to. */
const realKnex = knexFactory({ client: 'pg' });

describe('prepared statements', () => {
  it('names a statement by its text: the same text the same name, another text another', () => {
    const a = preparedName('SELECT 1 WHERE $1 = $2');
    expect(a).toMatch(/^sb_[0-9a-f]{24}$/);
    expect(preparedName('SELECT 1 WHERE $1 = $2')).toBe(a);
    expect(preparedName('SELECT 2 WHERE $1 = $2')).not.toBe(a);
  });

  it('runs the native text under its name on a pool connection, tells query listeners, and gives the connection back', async () => {
    const events: unknown[] = [];
    const released: unknown[] = [];
    const connection = { query: jest.fn(async () => ({ rows: [{ n: 1 }] })) };
    const knex = {
      raw: (sql: string, bindings: readonly unknown[]) => ({ toSQL: () => ({ toNative: () => ({ sql: sql.replace('?', '$1'), bindings }) }) }),
      client: {
        acquireConnection: async () => connection,
        releaseConnection: async (c: unknown) => released.push(c),
        emit: (_: string, payload: unknown) => events.push(payload),
      },
    };
    expect(await preparedRaw(knex, 'SELECT ? AS n', [1])).toEqual({ rows: [{ n: 1 }] });
    expect(connection.query).toHaveBeenCalledWith({ name: preparedName('SELECT $1 AS n'), text: 'SELECT $1 AS n', values: [1] });
    expect(events).toEqual([expect.objectContaining({ sql: 'SELECT $1 AS n', prepared: true })]);
    expect(released).toEqual([connection]);
  });

  it('positions placeholders exactly as knex does for plain values', () => {
    const texts: [string, unknown[]][] = [
      ['SELECT 1', []],
      ['SELECT ? AS a, ? AS b', [1, 'x']],
      ['SELECT ?::json, ? = ANY(?::int[])', ['{}', 2, '{1,2}']],
      ["SELECT 'a\\?b', ? AS n", [5]],
      ['WITH x AS (SELECT ? AS v) SELECT v, ? FROM x WHERE v IS NOT NULL', [null, new Date(0)]],
    ];
    for (const [sql, bindings] of texts) {
      const native = realKnex.raw(sql, bindings).toSQL().toNative();
      expect(positioned(sql)).toEqual({ sql: native.sql, placeholders: bindings.length });
    }
    expect(positioned('SELECT ?? FROM t')).toBeNull();
  });

  it('compiles through knex only what positioned cannot: identifiers, non-plain values, a count that does not match', async () => {
    const compiled: string[] = [];
    const connection = { query: jest.fn(async () => ({ rows: [] })) };
    const knex = {
      raw: (sql: string, bindings: readonly unknown[]) => {
        compiled.push(sql);
        return realKnex.raw(sql, bindings as any[]);
      },
      client: { acquireConnection: async () => connection, releaseConnection: async () => {}, emit: () => {} },
    };
    await preparedRaw(knex as any, 'SELECT ? AS a', [1]);
    await preparedRaw(knex as any, 'SELECT ?? FROM t', ['col']);
    await preparedRaw(knex as any, 'SELECT ? AS a', [[1, 2]]);
    await expect(preparedRaw(knex as any, 'SELECT ? AS a', [])).rejects.toThrow('Expected 0 bindings, saw 1');
    await expect(preparedRaw(knex as any, 'SELECT ? AS a', [undefined])).rejects.toThrow('Undefined binding');
    expect(compiled).toEqual(['SELECT ?? FROM t', 'SELECT ? AS a', 'SELECT ? AS a', 'SELECT ? AS a']);
    expect(connection.query.mock.calls.map((c: any[]) => c[0].text)).toEqual(['SELECT $1 AS a', 'SELECT "col" FROM t', 'SELECT $1 AS a']);
  });

  it('gives the connection back when the statement fails', async () => {
    const released: unknown[] = [];
    const connection = { query: async () => Promise.reject(new Error('deadlock detected')) };
    const knex = {
      raw: (sql: string, bindings: readonly unknown[]) => ({ toSQL: () => ({ toNative: () => ({ sql, bindings }) }) }),
      client: { acquireConnection: async () => connection, releaseConnection: async (c: unknown) => released.push(c), emit: () => {} },
    };
    await expect(preparedRaw(knex, 'SELECT 1', [])).rejects.toThrow('deadlock detected');
    expect(released).toEqual([connection]);
  });

  it('compiles a query once and puts each call\'s values where its stand-ins were', () => {
    let builds = 0;
    const statement = compiledOnce(['userId', 'sessionId'], ({ userId, sessionId }) => {
      builds += 1;
      return realKnex('users as u')
        .leftJoin('sessions as s', (on: any) => on.on('s.session_id', '=', realKnex.raw('?', [sessionId])).andOn('s.origin', '=', realKnex.raw('?', ['app'])))
        .where('u.id', userId)
        .select('u.blocked')
        .limit(1);
    });
    const first = statement({ userId: 7, sessionId: 'abc' });
    const second = statement({ userId: 8, sessionId: 'def' });
    expect(builds).toBe(1);
    // The same text and bindings knex compiles for the real values, each call.
    for (const [got, userId, sessionId] of [[first, 7, 'abc'], [second, 8, 'def']] as const) {
      const direct = realKnex('users as u')
        .leftJoin('sessions as s', (on: any) => on.on('s.session_id', '=', realKnex.raw('?', [sessionId])).andOn('s.origin', '=', realKnex.raw('?', ['app'])))
        .where('u.id', userId)
        .select('u.blocked')
        .limit(1)
        .toSQL();
      expect(got).toEqual({ sql: direct.sql, bindings: direct.bindings });
    }
    expect(() => compiledOnce(['id'], () => realKnex('t').select('a'))({ id: 1 })).toThrow('never binds id');
  });
});

describe('quoteLiteral', () => {
  it("writes every text exactly as pg's escapeLiteral does", () => {
    const texts = ['', 'plain', "it's", "''", '\\', 'a\\b', "both ' and \\", '$$ dollar $$', 'Привет, мир', 'line\nbreak', '{"json":"with \\"quotes\\" and \'"}', 'ends with \\'];
    // And random texts over the characters that matter, with everything else in between.
    const alphabet = ["'", '\\', 'a', ' ', '"', 'é', '\n', '$', 'E'];
    for (let i = 0; i < 500; i++) texts.push(Array.from({ length: i % 23 }, (_, j) => alphabet[(i * 7 + j * 13 + ((i * j) % 5)) % alphabet.length]).join(''));
    for (const text of texts) expect(quoteLiteral(text)).toBe(pg.escapeLiteral(text));
  });
});

describe('batchedPrepared (group commit)', () => {
  /** A pool of one fake connection whose queries finish when the test says; every text it was sent, in order. */
  function fakePool(answer: (query: any) => any = () => ({ rows: [] })) {
    const sent: any[] = [];
    const pending: { query: any; finish: () => void }[] = [];
    const connection = {
      query: (query: any) =>
        new Promise((resolve, reject) => {
          sent.push(query);
          pending.push({
            query,
            finish: () => {
              try {
                resolve(answer(query));
              } catch (error) {
                reject(error);
              }
            },
          });
        }),
    };
    const knex = {
      raw: () => {
        throw new Error('not used: every binding is plain');
      },
      client: { acquireConnection: async () => connection, releaseConnection: async () => undefined, emit: () => undefined },
    };
    /** Finishes every query sent so far, and lets the promises that follow run. */
    const finishAll = async () => {
      for (let i = 0; i < 5; i++) {
        for (const p of pending.splice(0)) p.finish();
        await new Promise((r) => setImmediate(r));
      }
    };
    /** Finishes the queries sent so far, once, and lets what follows run. */
    const finishOpen = async () => {
      for (const p of pending.splice(0)) p.finish();
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    };
    return { knex: knex as any, sent, finishAll, finishOpen, open: () => pending.length };
  }
  const literal = (v: unknown) => (v === null ? 'NULL' : `'${String(v).replace(/'/g, "''")}'`);
  const settle = () => new Promise((r) => setImmediate(r));

  it('runs statements alone while fewer than maxInFlight run; the rest wait and go together, each answered with its own rows', async () => {
    const runs: [string, number][] = [];
    const pool = fakePool((q) =>
      typeof q === 'string'
        ? q.startsWith('PREPARE')
          ? { rows: [] }
          : q.split(';\n').map((_: string, i: number) => ({ rows: [{ n: `batch ${i}` }] }))
        : { rows: [{ n: `alone ${q.values[0]}` }] },
    );
    const batcher = batchedPrepared(pool.knex, { maxInFlight: 2, maxBatch: 10, literal, onRun: (how, n) => runs.push([how, n]) });
    const answers = [1, 2, 3, 4, 5].map((i) => batcher.run('SELECT ? AS n, ? AS note', [i, i === 4 ? "it's" : null]));
    await settle();
    expect(batcher.waiting()).toBe(3);
    // Two alone, as preparedRaw runs them (a named statement with values).
    expect(pool.sent.slice(0, 2).map((q) => q.values)).toEqual([[1, null], [2, null]]);
    await pool.finishAll();
    const all = await Promise.all(answers);
    expect(all.map((r) => r.rows[0].n)).toEqual(['alone 1', 'alone 2', 'batch 0', 'batch 1', 'batch 2']);
    // The batch: the statement prepared once on that connection, then one text of EXECUTEs with literal values.
    const name = `sbb_${preparedName('SELECT $1 AS n, $2 AS note').slice(3)}`;
    expect(pool.sent[2]).toBe(`PREPARE ${name} AS SELECT $1 AS n, $2 AS note`);
    expect(pool.sent[3]).toBe([`EXECUTE ${name}('3', NULL)`, `EXECUTE ${name}('4', 'it''s')`, `EXECUTE ${name}('5', NULL)`].join(';\n'));
    expect(runs).toEqual([['alone', 1], ['alone', 1], ['batch', 3]]);
    expect(batcher.waiting()).toBe(0);

    // A second batch on the same connection does not prepare again.
    const more = [6, 7, 8, 9].map((i) => batcher.run('SELECT ? AS n, ? AS note', [i, null]));
    await settle();
    await pool.finishAll();
    await Promise.all(more);
    expect(pool.sent.filter((q) => typeof q === 'string' && q.startsWith('PREPARE'))).toHaveLength(1);
    expect(pool.sent.at(-1)).toBe([`EXECUTE ${name}('8', NULL)`, `EXECUTE ${name}('9', NULL)`].join(';\n'));
  });

  it("runs a batch's preamble first, given each statement's locks, and answers each caller with its own statement's rows", async () => {
    const pool = fakePool((q) =>
      typeof q === 'string' && !q.startsWith('PREPARE') ? q.split(';\n').map((text: string) => ({ rows: [{ text }] })) : { rows: [{ text: 'alone' }] },
    );
    const given: unknown[][] = [];
    const preamble = (locks: unknown[]) => {
      given.push(locks);
      return ['SELECT 1 FOR UPDATE', 'SELECT 2 FOR UPDATE'];
    };
    const batcher = batchedPrepared(pool.knex, { maxInFlight: 1, maxBatch: 10, literal, preamble });
    const answers = ['a', 'b', 'c'].map((lock, i) => batcher.run('SELECT ?', [i], { lock }));
    await settle();
    await pool.finishAll();
    const name = `sbb_${preparedName('SELECT $1').slice(3)}`;
    expect((await Promise.all(answers)).map((r) => r.rows[0].text)).toEqual(['alone', `EXECUTE ${name}('1')`, `EXECUTE ${name}('2')`]);
    expect(given).toEqual([[{ lock: 'b' }, { lock: 'c' }]]);
    expect(pool.sent.at(-1)).toBe(['SELECT 1 FOR UPDATE', 'SELECT 2 FOR UPDATE', `EXECUTE ${name}('1')`, `EXECUTE ${name}('2')`].join(';\n'));
  });

  it('never puts more than maxBatch statements in one batch', async () => {
    const pool = fakePool((q) => (typeof q === 'string' && !q.startsWith('PREPARE') ? q.split(';\n').map(() => ({ rows: [] })) : { rows: [] }));
    const batcher = batchedPrepared(pool.knex, { maxInFlight: 1, maxBatch: 3, literal });
    const answers = Array.from({ length: 8 }, (_, i) => batcher.run('SELECT ?', [i]));
    await settle();
    await pool.finishAll();
    await Promise.all(answers);
    const batches = pool.sent.filter((q) => typeof q === 'string' && q.startsWith('EXECUTE')).map((q: string) => q.split(';\n').length);
    // The first alone; of the seven that waited, two batches of three; the last alone.
    expect(batches).toEqual([3, 3]);
    expect(pool.sent.filter((q) => typeof q !== 'string').map((q) => q.values)).toEqual([[0], [7]]);
  });

  it('when a batch fails, runs each of its statements again alone, and each answers for itself', async () => {
    const runs: [string, number][] = [];
    const pool = fakePool((q) => {
      if (typeof q === 'string' && q.startsWith('EXECUTE')) throw new Error('deadlock detected');
      if (typeof q !== 'string' && q.values[0] === 3) throw new Error('statement 3 is wrong');
      return { rows: [{ n: typeof q === 'string' ? 'prepared' : q.values[0] }] };
    });
    const batcher = batchedPrepared(pool.knex, { maxInFlight: 1, maxBatch: 10, literal, onRun: (how, n) => runs.push([how, n]) });
    const answers = [1, 2, 3, 4].map((i) => batcher.run('SELECT ?', [i]).then((r) => r.rows[0].n, (e: Error) => e.message));
    await settle();
    while (pool.open() > 0) await pool.finishOpen();
    expect(await Promise.all(answers)).toEqual([1, 2, 'statement 3 is wrong', 4]);
    expect(runs).toEqual([['alone', 1], ['failed-batch', 3]]);
  });

  it("runs a failed batch's statements again within maxInFlight, one at a time here, ahead of a statement that came later", async () => {
    const runs: [string, number][] = [];
    const pool = fakePool((q) => {
      if (typeof q === 'string' && q.startsWith('EXECUTE')) throw new Error('deadlock detected');
      return { rows: [{ n: typeof q === 'string' ? 'prepared' : q.values[0] }] };
    });
    const batcher = batchedPrepared(pool.knex, { maxInFlight: 1, maxBatch: 10, literal, onRun: (how, n) => runs.push([how, n]) });
    const order: number[] = [];
    const answers = [1, 2, 3, 4].map((i) => batcher.run('SELECT ?', [i]).then((r) => order.push(r.rows[0].n)));
    await settle();
    await pool.finishOpen(); // 1 alone; then 2, 3 and 4 as one batch: its PREPARE goes
    await pool.finishOpen(); // the batch's EXECUTEs go (and will fail)
    const late = batcher.run('SELECT ?', [5]).then((r) => order.push(r.rows[0].n));
    await settle();
    const opens: number[] = [];
    while (pool.open() > 0) {
      opens.push(pool.open());
      await pool.finishOpen();
    }
    await Promise.all([...answers, late]);
    // Never more than one statement at a time: the failing batch, its three again, then the later one, each alone.
    expect(opens).toEqual([1, 1, 1, 1, 1]);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(runs).toEqual([['alone', 1], ['failed-batch', 3], ['alone', 1]]);
  });
});
