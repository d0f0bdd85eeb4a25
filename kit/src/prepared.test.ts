import knexFactory from 'knex';
import { compiledOnce, positioned, preparedName, preparedRaw } from './prepared';

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
