#!/usr/bin/env node
// `npm test`: build, run every jest suite, and end with one plain line, "N passed, N failed, N skipped", that any CI
// can read. Without arguments it runs two shards side by side, each in band (tests/helpers/sequencer.js splits the
// files so both take about as long; a browser test mostly waits on Chromium and Strapi, so two share two cores well).
// With jest arguments (a file, a project) it runs one jest in band with them.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { chromiumProblem } from './preflight.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
// Before minutes of building: a missing Chromium would only show as twenty failed browser tests at the end.
const problem = chromiumProblem(args);
if (problem) {
  console.error(problem);
  process.exit(1);
}
// The browser tests need the admin panel, so this is the full build (skipping the admin when it is current).
const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--if-stale'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const tmp = path.join(root, 'tests/.tmp');
mkdirSync(tmp, { recursive: true });
const jestBin = path.join(root, 'node_modules/jest/bin/jest.js');

/** One jest in band; resolves with its exit code and the results file it wrote. */
function runJest(name, jestArgs) {
  const resultsFile = path.join(tmp, `jest-results-${name}.json`);
  rmSync(resultsFile, { force: true });
  const child = spawn(process.execPath, [jestBin, '--runInBand', '--json', `--outputFile=${resultsFile}`, ...jestArgs], { cwd: root, stdio: 'inherit' });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ name, code: code ?? 1, resultsFile })));
}

const streams = args.length > 0
  ? [runJest('all', args)]
  : [runJest('shard-1', ['--shard=1/2']), runJest('shard-2', ['--shard=2/2'])];
const finished = await Promise.all(streams);

let passed = 0;
let failed = 0;
let skipped = 0;
for (const run of finished) {
  try {
    const r = JSON.parse(readFileSync(run.resultsFile, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
    skipped += r.numPendingTests;
  } catch {
    console.error(`jest (${run.name}) wrote no results`);
    failed += 1;
  }
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(finished.every((run) => run.code === 0) && failed === 0 ? 0 : 1);
