// The fake Twilio (tests/fakes/twilio, TypeScript) for the bench's plain .mjs: bundled once per run with esbuild into
// the git-ignored .data/bench/ (its packages, twilio included, stay imports from node_modules), then imported.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { root } from './cluster.mjs';

/** Resolves with the fake's `startFakeTwilio`. */
export async function loadFakeTwilio() {
  const outDir = path.join(root, '.data/bench');
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, `fake-twilio-${process.pid}.mjs`);
  await build({ entryPoints: [path.join(root, 'tests/fakes/twilio/index.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile, logLevel: 'warning' });
  const { startFakeTwilio } = await import(pathToFileURL(outfile).href);
  // Loaded: the bundle is not needed any more.
  rmSync(outfile, { force: true });
  return startFakeTwilio;
}
