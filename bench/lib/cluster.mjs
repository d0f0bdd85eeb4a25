// The bench's own world: an embedded Postgres in a throwaway folder, Strapi nodes as child processes, the seed.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import database from '@switchboard/database';
import config from '@switchboard/config';
import { processCpuSeconds, processesCpuSeconds } from './measure.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const benchDir = path.join(root, 'bench');
export const resultsDir = path.join(benchDir, 'results');

/** Starts Postgres and returns the environment every Strapi process of this run shares. */
export async function startWorld({ log }) {
  const tmp = path.join(root, '.data/bench');
  mkdirSync(tmp, { recursive: true });
  const dataDir = path.join(tmp, `pg-${randomBytes(4).toString('hex')}`);
  const port = await database.freePort();
  // Kept on disk between a stop and a start (restartPostgres, the fault run); removed by stop().
  const options = { dataDir, port, database: 'switchboard_bench', persistent: true, password: randomBytes(24).toString('hex') };
  let pg = await database.startEmbeddedPostgres(options);
  log(`Postgres ready on 127.0.0.1:${port}`);
  const env = {
    ...process.env,
    TMPDIR: tmp,
    NODE_ENV: 'development',
    STRAPI_TELEMETRY_DISABLED: 'true',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    DATABASE_URL: pg.url,
    SEED_DEMO: 'true',
    // The bench measures delivery, not the per-person send limit (each bench business sends far faster than a person).
    SEND_BURST: '1000000',
    SEND_RATE_PER_MINUTE: '1000000',
  };
  for (const name of config.SECRET_NAMES) env[name] = config.generateSecret(name);
  return {
    env,
    databaseUrl: pg.url,
    /** Stops Postgres and starts it again on the same data, port and password (issue 25's restart); resolves when it answers. */
    async restartPostgres() {
      await pg.stop();
      pg = await database.startEmbeddedPostgres(options);
    },
    async stop() {
      await pg.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs the seed (bench/seed.cjs) and returns its tokens and ids; `staff` bench staff people get admin tokens too. */
export async function seed(world, businesses, { staff = 0 } = {}) {
  const out = path.join(resultsDir, '.seed.json');
  // A booting Strapi re-applies the messaging indexes; next to a busy node that can deadlock (40P01), so try thrice.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await run(process.execPath, [path.join(benchDir, 'seed.cjs'), String(businesses), out, String(staff)], { env: { ...world.env, LOG_LEVEL: 'error' } }, 300_000);
      break;
    } catch (error) {
      if (attempt >= 3) throw error;
      await new Promise((r) => setTimeout(r, 3_000));
    }
  }
  return JSON.parse(readFileSync(out, 'utf8'));
}

/**
 * Starts one Strapi node (or, with `script`, another server that prints "ready <port>", like the floor); resolves
 * once it listens. Its log goes to bench/results/<name>.log.
 */
export async function startNode(world, { name, extraEnv = {}, nodeArgs = [], script = 'server-node.cjs' }) {
  mkdirSync(resultsDir, { recursive: true });
  const logFile = createWriteStream(path.join(resultsDir, `${name}.log`));
  const child = spawn(process.execPath, ['--expose-gc', ...nodeArgs, path.join(benchDir, script)], {
    env: { ...world.env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.pipe(logFile);
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 120 s`)), 120_000);
    const onData = (chunk) => {
      out += chunk;
      const match = /ready (\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stdout.pipe(logFile);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}; see bench/results/${name}.log`)));
  });
  return {
    name,
    url,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([new Promise((r) => child.once('exit', r)), new Promise((r) => setTimeout(r, 20_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** Runs a process to its end within a time limit; rejects on a non-zero exit. */
export function run(command, args, options, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(args[0] ?? command)} did not finish within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(args[0] ?? command)} exited with ${code}`));
    });
  });
}

/** One scrape of a node's metrics endpoint, as { series: value } for the unlabelled and labelled lines. */
export async function scrape(node, token) {
  const res = await fetch(`${node.url}/api/messaging/metrics`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`metrics on ${node.name} answered ${res.status}`);
  const values = {};
  for (const line of (await res.text()).split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    values[line.slice(0, at)] = Number(line.slice(at + 1));
  }
  return values;
}

/** Samples RSS and event-loop delay of the nodes every interval until stopped (prom-client resets the delay histogram per scrape). */
export function sampleServers(nodes, token, intervalMs = 2_000) {
  const samples = Object.fromEntries(nodes.map((n) => [n.name, []]));
  let stopped = false;
  const tick = async () => {
    while (!stopped) {
      await new Promise((r) => setTimeout(r, intervalMs));
      for (const node of nodes) {
        try {
          const v = await scrape(node, token);
          samples[node.name].push({
            rssMb: v.process_resident_memory_bytes / 2 ** 20,
            eventLoopP99Ms: v.nodejs_eventloop_lag_p99_seconds * 1000,
            eventLoopMaxMs: v.nodejs_eventloop_lag_max_seconds * 1000,
            poolPending: v['database_pool_connections{state="pending"}'] ?? null,
          });
        } catch {
          // a missed sample is not a result
        }
      }
    }
  };
  const running = tick();
  return {
    async stop() {
      stopped = true;
      await running;
      return Object.fromEntries(
        Object.entries(samples).map(([name, list]) => [
          name,
          {
            samples: list.length,
            rssMaxMb: list.length ? Math.max(...list.map((s) => s.rssMb)) : null,
            eventLoopDelayP99MaxMs: list.length ? Math.max(...list.map((s) => s.eventLoopP99Ms)) : null,
            eventLoopDelayMaxMs: list.length ? Math.max(...list.map((s) => s.eventLoopMaxMs)) : null,
            // Queries waiting for a pool connection at the scrapes: their mean and maximum.
            databasePoolPendingMean: list.length ? list.reduce((n, s) => n + (s.poolPending ?? 0), 0) / list.length : null,
            databasePoolPendingMax: list.length ? Math.max(...list.map((s) => s.poolPending ?? 0)) : null,
          },
        ]),
      );
    },
  };
}

/** CPU seconds of every process whose command line matches, by pid (the bench's Postgres, the load process). */
function groupCpu(pattern) {
  const byPid = {};
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (pattern.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '))) byPid[pid] = processCpuSeconds(pid);
    } catch {
      // gone already
    }
  }
  return byPid;
}

/** CPU time so far: the whole machine's busy and total jiffies, and each given process's own (Linux /proc). */
export function cpuSnapshot(pids, groups = {}) {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const n = fields.map(Number);
    const idle = n[3] + (n[4] ?? 0);
    const total = n.reduce((a, b) => a + b, 0);
    const processes = processesCpuSeconds(pids);
    return { at: performance.now(), busy: total - idle, total, processes, groups: Object.fromEntries(Object.entries(groups).map(([k, re]) => [k, groupCpu(re)])) };
  } catch {
    return null;
  }
}

/** Machine CPU busy share (all cores) and each process's CPU in cores between two snapshots. */
export function cpuBetween(a, b) {
  if (!a || !b) return null;
  const seconds = (b.at - a.at) / 1000;
  return {
    machineBusyShare: (b.busy - a.busy) / (b.total - a.total),
    cores: os.cpus().length,
    processCores: Object.fromEntries(Object.keys(b.processes).map((k) => [k, a.processes[k] === null || b.processes[k] === null ? null : (b.processes[k] - a.processes[k]) / seconds])),
    // A process that started in between counts from zero.
    groupCores: Object.fromEntries(
      Object.keys(b.groups).map((k) => [k, Object.entries(b.groups[k]).reduce((sum, [pid, s]) => sum + s - (a.groups[k]?.[pid] ?? 0), 0) / seconds]),
    ),
  };
}
