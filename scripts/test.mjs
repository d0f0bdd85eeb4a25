#!/usr/bin/env node
// `npm test`: build, run every jest suite (unit, then integration, then browser, in band),
// and end with one plain line, "N passed, N failed, N skipped", that any CI can read.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumProblem } from './preflight.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Before minutes of building: a missing Chromium would only show as twenty failed browser tests at the end.
const problem = chromiumProblem(process.argv.slice(2));
if (problem) {
  console.error(problem);
  process.exit(1);
}
// The browser tests need the admin panel, so this is the full build (skipping the admin when it is current).
const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--if-stale'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const resultsFile = path.join(root, 'tests/.tmp/jest-results.json');
mkdirSync(path.dirname(resultsFile), { recursive: true });
rmSync(resultsFile, { force: true });
const jestBin = path.join(root, 'node_modules/jest/bin/jest.js');
const jest = spawnSync(process.execPath, [jestBin, '--runInBand', '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});

try {
  const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
  const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
  console.log(`\n${r.numPassedTests} passed, ${failed} failed, ${r.numPendingTests} skipped`);
} catch {
  console.log('\n0 passed, 1 failed (jest wrote no results)');
}
process.exit(jest.status ?? 1);
