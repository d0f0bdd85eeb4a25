#!/usr/bin/env node
// What `npm test` checks before it builds anything: that the browser tests, if they would run, have a Chromium.
// Imported by scripts/test.mjs; also runnable alone (`node scripts/preflight.mjs [jest arguments]`): exit 1 and
// one sentence on stderr when something is missing, exit 0 and nothing otherwise.
import { accessSync, constants, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where the browser tests look for Chromium (tests/helpers/browser.ts). */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
// jest options whose next argument is a value, not a test path pattern.
const TAKES_VALUE = new Set(['-t', '--testNamePattern', '--outputFile', '-c', '--config', '-w', '--maxWorkers', '--shard', '--testTimeout', '--seed', '--testPathIgnorePatterns']);

/** Whether jest, given these arguments, would run any browser (e2e) test file. */
export function browserTestsWouldRun(args, e2eFiles) {
  const projects = [];
  const patterns = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--selectProjects') {
      while (i + 1 < args.length && !args[i + 1].startsWith('-')) projects.push(args[++i]);
    } else if (arg.startsWith('--selectProjects=')) {
      projects.push(...arg.slice('--selectProjects='.length).split(','));
    } else if (TAKES_VALUE.has(arg)) {
      i += 1;
    } else if (!arg.startsWith('-')) {
      patterns.push(arg);
    }
  }
  if (projects.length > 0 && !projects.includes('e2e')) return false;
  if (patterns.length === 0) return true;
  return e2eFiles.some((file) => patterns.some((p) => new RegExp(p, 'i').test(file)));
}

/** The sentence to stop with when browser tests would run without a Chromium to drive; null when all is well. */
export function chromiumProblem(args, env = process.env) {
  const e2eDir = path.join(root, 'tests/e2e');
  let e2eFiles = [];
  try {
    e2eFiles = readdirSync(e2eDir).filter((f) => f.endsWith('.test.ts')).map((f) => path.join(e2eDir, f));
  } catch {
    return null;
  }
  if (!browserTestsWouldRun(args, e2eFiles)) return null;
  const chromium = env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  try {
    accessSync(chromium, constants.X_OK);
    return null;
  } catch {
    return (
      `The browser tests need Chromium, and there is none at ${chromium}: install it with "apt-get install -y chromium" ` +
      '(Debian), or set CHROMIUM_PATH to the Chromium to use, or run only "npm run test:unit" and "npm run test:integration".'
    );
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const problem = chromiumProblem(process.argv.slice(2));
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
