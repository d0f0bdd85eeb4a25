import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from '@switchboard/database';
import path from 'node:path';
import { repoRoot } from './strapi';

export interface RunningWeb {
  /** http://127.0.0.1:<port> */
  url: string;
  stop(): Promise<void>;
}

/**
 * Picks the web app's port and names it in WEB_PUBLIC_URL, so that the Strapi started next lets that
 * origin through CORS. Call before startStrapi().
 */
export async function reserveWebOrigin(): Promise<string> {
  const url = `http://127.0.0.1:${await freePort()}`;
  process.env.WEB_PUBLIC_URL = url;
  return url;
}

/** Starts the built web app (`node web/build`, from `npm run build`) against the given Strapi. */
export async function startWeb(apiUrl: string, webUrl: string): Promise<RunningWeb> {
  const entry = path.join(repoRoot, 'web/build/index.js');
  if (!existsSync(entry)) throw new Error('web/build is missing: run "node scripts/build.mjs" first.');
  const { port, hostname } = new URL(webUrl);
  const child: ChildProcess = spawn(process.execPath, [entry], {
    cwd: path.join(repoRoot, 'web'),
    env: { ...process.env, PORT: port, HOST: hostname, ORIGIN: webUrl, PUBLIC_API_URL: apiUrl },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the web app exited with ${child.exitCode}: ${stderr}`);
    try {
      const response = await fetch(`${webUrl}/login`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the web app did not answer within 20 s: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: webUrl,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
