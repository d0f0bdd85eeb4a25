// `npm start` as a newcomer runs it (database/dist/start.js on an empty .env), then Ctrl+C as a terminal sends it:
// SIGINT to the whole process group. Issue 11 items 3, 7, 9 and 18. Needs `npm run build:server`, not the admin build.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { freePort, LEGACY_PASSWORD } from '@switchboard/database';
import { defaults } from '@switchboard/config';
import { repoRoot } from '../helpers/strapi';

jest.setTimeout(120_000);

const work = path.join(repoRoot, 'tests/.tmp', `launcher-${randomBytes(4).toString('hex')}`);
const envFile = path.join(work, 'switchboard.env');
const dataDir = path.join(work, 'postgres', 'data');
let ports: { strapi: number; web: number; postgres: number };
let launcher: ChildProcess;
let output = '';
let exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

const waitFor = async (what: () => boolean, timeoutMs: number, label: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!what()) {
    if (Date.now() > deadline) throw new Error(`${label} did not happen within ${timeoutMs / 1000} s. Output:\n${output.slice(-3000)}`);
    if (launcher.exitCode !== null) throw new Error(`npm start exited (${launcher.exitCode}) before ${label}. Output:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

const canConnect = async (password: string) => {
  const client = new Client({ host: '127.0.0.1', port: ports.postgres, user: 'switchboard', password, database: 'postgres' });
  try {
    await client.connect();
    return 'connected';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await client.end().catch(() => {});
  }
};

beforeAll(async () => {
  mkdirSync(work, { recursive: true });
  writeFileSync(envFile, '');
  ports = { strapi: await freePort(), web: await freePort(), postgres: await freePort() };
  launcher = spawn(process.execPath, [path.join(repoRoot, 'database/dist/start.js')], {
    // Its own process group, so the test can send SIGINT to the group the way a terminal's Ctrl+C does.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TMPDIR: path.join(repoRoot, 'tests/.tmp'),
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      STRAPI_TELEMETRY_DISABLED: 'true',
      SWITCHBOARD_ENV_FILE: envFile,
      PORT: String(ports.strapi),
      PUBLIC_URL: `http://localhost:${ports.strapi}`,
      WEB_PORT: String(ports.web),
      WEB_PUBLIC_URL: `http://localhost:${ports.web}`,
      EMBEDDED_POSTGRES_PORT: String(ports.postgres),
      EMBEDDED_POSTGRES_DIR: dataDir,
    },
  });
  launcher.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  launcher.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  exit = new Promise((resolve) => launcher.once('exit', (code, signal) => resolve({ code, signal })));
  await waitFor(() => output.includes('Switchboard is running.'), 90_000, 'Strapi answering /_health');
});

afterAll(async () => {
  // Whatever happened above, nothing started here outlives the test.
  if (launcher?.pid && launcher.exitCode === null && launcher.signalCode === null) process.kill(-launcher.pid, 'SIGKILL');
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  rmSync(work, { recursive: true, force: true });
});

describe('the embedded Postgres (item 9)', () => {
  it('gets a generated password, kept in .env, and no longer opens with the old constant', async () => {
    const password = /^EMBEDDED_POSTGRES_PASSWORD=(.+)$/m.exec(readFileSync(envFile, 'utf8'))?.[1];
    expect(password).toMatch(/^[0-9a-f]{48}$/);
    expect(statSync(envFile).mode & 0o077).toBe(0);
    expect(await canConnect(password as string)).toBe('connected');
    expect(await canConnect(LEGACY_PASSWORD)).toBe('28P01');
  });

  it('keeps its data folder 0700 and the folder around it not world-writable', () => {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(path.dirname(dataDir)).mode & 0o002).toBe(0);
  });
});

describe('a start with no configuration (items 3 and 7)', () => {
  it('seeds the demo on its embedded database and listens on loopback only, without the exposure warning', () => {
    expect(output).toContain('Demo logins:');
    expect(output).toMatch(/Listening on: +127\.0\.0\.1/);
    expect(output).not.toContain('Demo accounts with published passwords');
  });

  it('ignores X-Forwarded-For without PROXY_TRUST: every caller counts as the address it connects from', async () => {
    const remaining = async (forwardedFor: string) => {
      const res = await fetch(`http://127.0.0.1:${ports.strapi}/api/auth/local`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor },
        body: JSON.stringify({ identifier: 'nobody-at-all@example.test', password: 'not-a-password' }),
      });
      expect(res.status).toBe(400);
      return Number(res.headers.get('x-ratelimit-remaining'));
    };
    const first = await remaining('203.0.113.1');
    const second = await remaining('203.0.113.2');
    expect(first).toBeLessThan(defaults.loginRateLimitOutsideProduction.max);
    expect(second).toBe(first - 1);
  });
});

describe('Ctrl+C (item 18)', () => {
  it('stops the apps first and Postgres last, without "terminating connection", and exits 0', async () => {
    const started = Date.now();
    process.kill(-(launcher.pid as number), 'SIGINT');
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([exit, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), 45_000)))]);
    clearTimeout(timer);
    if (result === 'timeout' || result.code !== 0) throw new Error(`npm start ended with ${JSON.stringify(result)}. Output:\n${output.slice(-3000)}`);
    expect(Date.now() - started).toBeLessThan(45_000);
    expect(output).not.toMatch(/terminating connection/i);
    expect(output).toContain('Shutting down Strapi');
    const strapiStopped = output.indexOf('Stopped Strapi.');
    expect(strapiStopped).toBeGreaterThan(-1);
    expect(output.indexOf('Stopped Postgres.')).toBeGreaterThan(strapiStopped);
    expect(await canConnect('anything')).toBe('ECONNREFUSED');
  });
});
