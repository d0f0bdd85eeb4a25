import { preparedName, preparedRaw } from './prepared';

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
});
