import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startStrapi, repoRoot, type RunningStrapi } from './strapi';

/** Two Strapi nodes on one Postgres: A in this process (its `strapi` at hand), B a child process (only its URL). */
export interface TwoNodes {
  nodeA: RunningStrapi;
  nodeB: ChildProcess;
  /** http://127.0.0.1:<port> of node B, for HTTP and socket.io clients. */
  nodeBUrl: string;
  /** Stops B, then A, and puts back the environment as it was. */
  stop(): Promise<void>;
}

/**
 * Starts node A in-process and node B as tests/helpers/strapi-node.js, both with REALTIME_ADAPTER=postgres (socket.io
 * events cross nodes through Postgres) plus `env`, which both nodes read at boot; resolves once B says "ready <port>".
 */
export async function startTwoNodes(env: Record<string, string> = {}): Promise<TwoNodes> {
  const vars = { REALTIME_ADAPTER: 'postgres', ...env };
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  const nodeA = await startStrapi();
  const nodeB = spawn(process.execPath, [path.join(repoRoot, 'tests/helpers/strapi-node.js')], {
    env: { ...process.env, NODE_ID: '2' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = async () => {
    if (nodeB.exitCode === null) {
      nodeB.kill('SIGTERM');
      await new Promise((resolve) => nodeB.once('exit', resolve));
    }
    await nodeA.stop();
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  try {
    const nodeBUrl = await new Promise<string>((resolve, reject) => {
      let out = '';
      nodeB.stdout!.on('data', (chunk) => {
        out += chunk;
        const match = /ready (\d+)/.exec(out);
        if (match) resolve(`http://127.0.0.1:${match[1]}`);
      });
      nodeB.once('exit', (code) => reject(new Error(`node B exited with ${code}`)));
    });
    return { nodeA, nodeB, nodeBUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
