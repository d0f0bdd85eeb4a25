// One throwaway Postgres database per test run: an embedded server by default, or a fresh database
// on the server named by DATABASE_URL. Torn down (dropped) by global-teardown.mjs.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import database from '@switchboard/database';
import config from '@switchboard/config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default async function globalSetup() {
  // Jest calls this once per project (integration, e2e) in one process: the server is started once.
  if (globalThis.__switchboardTestDb) return;
  const tmp = path.join(root, 'tests/.tmp');
  mkdirSync(tmp, { recursive: true });
  process.env.TMPDIR = tmp;
  process.env.NODE_ENV = 'test';
  // Tests call the alerts and automations sweeps themselves, with a moved clock (config env TIMED_SWEEPS).
  process.env.TIMED_SWEEPS = 'false';
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  process.env.LOG_LEVEL ??= 'error';
  process.env.HOST = '127.0.0.1';
  // Every suite signs in as the demo accounts (API.md "Demo accounts"); outside npm start they are seeded only on request.
  process.env.SEED_DEMO = 'true';
  // Short enough that the expiry test waits a moment, not the production six seconds.
  process.env.TYPING_EXPIRY_MS ??= '800';
  // Delivery retries and the circuit breaker on a test's time scale (production: 2 s base, 5 failures, 30 s).
  process.env.DELIVERY_RETRY_BASE_MS ??= '100';
  process.env.DELIVERY_RETRY_MAX_MS ??= '400';
  process.env.BREAKER_FAILURE_THRESHOLD ??= '3';
  process.env.BREAKER_COOLDOWN_MS ??= '1500';
  // Suites send quickly as one person (concurrency and idempotency races); the send-limit suite sets its own.
  process.env.SEND_BURST ??= '10000';
  process.env.SEND_RATE_PER_MINUTE ??= '100000';
  for (const name of config.SECRET_NAMES) process.env[name] = config.generateSecret(name);

  const name = `switchboard_test_${randomBytes(4).toString('hex')}`;
  // Every test file gets a database of its own, named after this one (setup-integration.ts).
  process.env.SWITCHBOARD_TEST_DB_PREFIX = name;
  if (process.env.DATABASE_URL) {
    const admin = new URL(process.env.DATABASE_URL);
    admin.pathname = '/postgres';
    await database.ensureDatabase(admin.toString(), name);
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    globalThis.__switchboardTestDb = { adminUrl: admin.toString(), name };
    process.env.SWITCHBOARD_TEST_ADMIN_URL = admin.toString();
  } else {
    const port = await database.freePort();
    const pg = await database.startEmbeddedPostgres({
      dataDir: path.join(tmp, `pg-${randomBytes(4).toString('hex')}`),
      port,
      database: name,
      persistent: false,
    });
    process.env.DATABASE_URL = pg.url;
    globalThis.__switchboardTestDb = { embedded: pg };
    const admin = new URL(pg.url);
    admin.pathname = '/postgres';
    process.env.SWITCHBOARD_TEST_ADMIN_URL = admin.toString();
  }
  await prepareTemplate(`${name}_template`);
}

/**
 * Booting on an empty database spends most of its time creating the schema and seeding the demo organisation, the
 * same for every file. It is done once here, in a database each test file's own is copied from
 * (setup-integration.ts); a file that must see the very first start asks for an empty one instead (emptyDatabase()).
 */
async function prepareTemplate(template) {
  const adminUrl = process.env.SWITCHBOARD_TEST_ADMIN_URL;
  await database.ensureDatabase(adminUrl, template);
  const url = new URL(adminUrl);
  url.pathname = `/${template}`;
  const child = spawn(process.execPath, [path.join(root, 'tests/helpers/strapi-node.js'), '--prepare-only'], {
    env: { ...process.env, DATABASE_URL: url.toString() },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0 || !out.includes('prepared')) {
    throw new Error(`The test template database could not be prepared: Strapi exited with ${code} (its error is above; a missing server build reads "Cannot find module": run node scripts/build.mjs --server).`);
  }
  process.env.SWITCHBOARD_TEST_TEMPLATE_DB = template;
  process.env.SWITCHBOARD_TEST_TEMPLATE_AT = String(Date.now());
}
