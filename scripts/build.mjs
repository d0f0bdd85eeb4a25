#!/usr/bin/env node
// Builds what Strapi needs before it starts: the shared packages and every plugin's server code (tsc),
// the Strapi app's own TypeScript, and, unless --server, the admin panel and the web app.
//   --server    server code only (what the integration tests need)
//   --if-stale  skip the admin and web builds when they are newer than every source (what npm start does)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const plugins = readdirSync(path.join(root, 'plugins')).filter((p) => existsSync(path.join(root, 'plugins', p, 'server/tsconfig.json')));

function run(label, command, commandArgs, cwd = root, env = process.env) {
  const started = Date.now();
  process.stdout.write(`build: ${label}… `);
  const result = spawnSync(command, commandArgs, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env });
  if (result.status !== 0) {
    process.stdout.write('failed\n');
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
run('shared packages and plugin servers (tsc -b)', process.execPath, [
  tsc,
  '-b',
  'config',
  'kit',
  'database',
  ...plugins.map((p) => `plugins/${p}/server`),
]);

if (args.has('--server')) {
  run('Strapi app server code (tsc)', process.execPath, [tsc, '-p', 'cms/tsconfig.json']);
  process.exit(0);
}

// The SvelteKit app (web/): vite build into web/build, served by `node web/build`.
const webEntry = path.join(root, 'web/build/index.js');
const webSources = ['web/src', 'web/static', 'web/svelte.config.js', 'web/vite.config.ts', 'web/package.json', 'package-lock.json'].map((s) => path.join(root, s));
const webBuiltAt = existsSync(webEntry) ? statSync(webEntry).mtimeMs : 0;
const webStale = webBuiltAt === 0 || webSources.some((s) => (existsSync(s) && statSync(s).isFile() ? statSync(s).mtimeMs : newestMtime(s)) > webBuiltAt);
if (args.has('--if-stale') && !webStale) {
  console.log('build: web app is up to date');
} else {
  // web/ has its own vite (npm nests it there, beside Strapi's at the root).
  const vite = path.join(path.dirname(createRequire(path.join(root, 'web/package.json')).resolve('vite/package.json')), 'bin/vite.js');
  run('web app (vite build)', process.execPath, [vite, 'build'], path.join(root, 'web'));
}

const adminIndex = path.join(root, 'cms/dist/build/index.html');
const adminSources = [
  path.join(root, 'cms/src/admin'),
  ...plugins.map((p) => path.join(root, 'plugins', p, 'admin/src')),
  path.join(root, 'package-lock.json'),
];
const adminBuiltAt = existsSync(adminIndex) ? statSync(adminIndex).mtimeMs : 0;
const adminStale = adminBuiltAt === 0 || adminSources.some((s) => (existsSync(s) && statSync(s).isFile() ? statSync(s).mtimeMs : newestMtime(s)) > adminBuiltAt);

if (args.has('--if-stale') && !adminStale) {
  run('Strapi app server code (tsc)', process.execPath, [tsc, '-p', 'cms/tsconfig.json']);
  console.log('build: admin panel is up to date');
} else {
  const strapiBin = path.join(path.dirname(fileURLToPath(import.meta.resolve('@strapi/strapi/package.json'))), 'bin/strapi.js');
  // `strapi build` loads the app's config but never connects or signs anything: throwaway values
  // stand in for the secrets and database of the process that will really run.
  const buildEnv = { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' };
  const { SECRET_NAMES, generateSecret } = await import('@switchboard/config');
  for (const name of SECRET_NAMES) buildEnv[name] ||= generateSecret(name);
  buildEnv.DATABASE_URL ||= 'postgres://build@127.0.0.1:5432/build';
  run('Strapi app and admin panel (strapi build, about a minute)', process.execPath, [strapiBin, 'build'], path.join(root, 'cms'), buildEnv);
}
