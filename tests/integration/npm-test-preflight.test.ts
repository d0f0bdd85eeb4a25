// Issue 11 item 17: `npm test` on a machine without Chromium stops at once, before building, with one sentence.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../helpers/strapi';

const run = (script: string, args: string[], env: Record<string, string>) => {
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.join(repoRoot, script), ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    encoding: 'utf8',
    // Far more than the check needs, far less than a build: if it builds, this fails rather than waiting.
    timeout: 15_000,
  });
  return { ...result, ms: Date.now() - started };
};

describe('npm test without Chromium', () => {
  it('stops before building with one sentence naming apt-get and CHROMIUM_PATH', () => {
    const result = run('scripts/test.mjs', [], { CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(result.status).toBe(1);
    expect(result.stdout).not.toContain('build:');
    const sentence = result.stderr.trim();
    expect(sentence.split('\n')).toHaveLength(1);
    expect(sentence).toContain('/nonexistent/chromium');
    expect(sentence).toContain('apt-get install -y chromium');
    expect(sentence).toContain('CHROMIUM_PATH');
    expect(result.ms).toBeLessThan(5_000);
  });

  it.each([
    [['--selectProjects', 'unit', 'integration'], 0],
    [['--selectProjects=unit'], 0],
    [['foundation'], 0],
    [['--selectProjects', 'e2e'], 1],
    [['web-chat'], 1],
    [[], 1],
  ])('asks for Chromium only when browser tests would run: jest %j → exit %s', (args, status) => {
    expect(run('scripts/preflight.mjs', args, { CHROMIUM_PATH: '/nonexistent/chromium' }).status).toBe(status);
  });

  it('passes when CHROMIUM_PATH names an executable', () => {
    expect(run('scripts/preflight.mjs', [], { CHROMIUM_PATH: process.execPath }).status).toBe(0);
  });
});
