import { postgresConnection } from './postgres';

describe('postgresConnection', () => {
  it('reads host, port, database and credentials from DATABASE_URL, decoding them', () => {
    expect(postgresConnection({ DATABASE_URL: 'postgres://sw%40ops:p%3Ass%2Fw0rd@db.internal:6543/switch%20board', DATABASE_SSL: false })).toEqual({
      host: 'db.internal',
      port: 6543,
      database: 'switch board',
      user: 'sw@ops',
      password: 'p:ss/w0rd',
      ssl: false,
    });
  });

  it('defaults the port to 5432 and unwraps an IPv6 host', () => {
    expect(postgresConnection({ DATABASE_URL: 'postgresql://u:p@[::1]/db', DATABASE_SSL: false })).toMatchObject({ host: '::1', port: 5432 });
  });

  it.each([
    ['', true, { rejectUnauthorized: true }],
    ['', false, false],
    ['?sslmode=disable', true, false],
    ['?sslmode=require', false, { rejectUnauthorized: false }],
    ['?sslmode=verify-full', false, { rejectUnauthorized: true }],
    ['?sslmode=prefer', false, false],
  ])('URL suffix %j with DATABASE_SSL=%s → ssl %j', (suffix, DATABASE_SSL, ssl) => {
    expect(postgresConnection({ DATABASE_URL: `postgres://u:p@h:5432/db${suffix}`, DATABASE_SSL }).ssl).toEqual(ssl);
  });

  it('checks the chain but not the host name for sslmode=verify-ca', () => {
    const { ssl } = postgresConnection({ DATABASE_URL: 'postgres://u:p@h/db?sslmode=verify-ca', DATABASE_SSL: false });
    expect(ssl && ssl.rejectUnauthorized).toBe(true);
    expect(ssl && ssl.checkServerIdentity?.('h', {} as never)).toBeUndefined();
  });

  it('names an unknown sslmode and a missing DATABASE_URL', () => {
    expect(() => postgresConnection({ DATABASE_URL: 'postgres://u:p@h/db?sslmode=bogus', DATABASE_SSL: false })).toThrow(/sslmode=bogus/);
    expect(() => postgresConnection({ DATABASE_SSL: false })).toThrow(/DATABASE_URL is not set/);
  });
});
