// Issue 11 "Safe by default" and "A newcomer's first hour", on one Strapi booted the way a careless deployment
// would run it: listening on every interface (HOST=0.0.0.0) with the demo organisation seeded, behind one proxy.
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Core } from '@strapi/strapi';
import { createStrapi } from '@strapi/strapi';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { defaults } from '@switchboard/config';
import { repoRoot } from '../helpers/strapi';
import { appAccounts, staffAccounts } from '../helpers/accounts';

let strapi: Core.Strapi;
let http: TestAgent;
let warn: jest.SpyInstance;
const saved = { HOST: process.env.HOST, PROXY_TRUST: process.env.PROXY_TRUST };
const limit = defaults.loginRateLimitOutsideProduction.max;

beforeAll(async () => {
  process.env.HOST = '0.0.0.0';
  process.env.PROXY_TRUST = '1';
  const appDir = path.join(repoRoot, 'cms');
  strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist') });
  // The logger exists before load(), so the warning printed during bootstrap is seen.
  warn = jest.spyOn(strapi.log, 'warn');
  await strapi.load();
  await strapi.server.mount();
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  http = request(strapi.server.httpServer);
  expect((strapi.server.httpServer.address() as AddressInfo).port).toBeGreaterThan(0);
});

afterAll(async () => {
  await strapi?.destroy();
  process.env.HOST = saved.HOST;
  if (saved.PROXY_TRUST === undefined) delete process.env.PROXY_TRUST;
  else process.env.PROXY_TRUST = saved.PROXY_TRUST;
});

describe('demo accounts on a non-loopback address (item 3)', () => {
  it('prints one warning line naming the address', () => {
    const lines = warn.mock.calls.map((call) => String(call[0])).filter((line) => line.includes('Demo accounts'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('listens on 0.0.0.0');
  });
});

describe('self-registration (item 6)', () => {
  it('refuses POST /api/auth/local/register and creates no user', async () => {
    const email = `stranger-${Date.now()}@example.test`;
    const res = await http.post('/api/auth/local/register').set('X-Forwarded-For', '203.0.113.80').send({ username: email, email, password: 'Str0ng-Passw0rd!' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await strapi.db.query('plugin::users-permissions.user').count({ where: { email } })).toBe(0);
  });

  it('keeps allow_register off and the register action away from the public role', async () => {
    const advanced = (await strapi.store({ type: 'plugin', name: 'users-permissions' }).get({ key: 'advanced' })) as { allow_register: boolean };
    expect(advanced.allow_register).toBe(false);
    const publicRole = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    const granted = await strapi.db.query('plugin::users-permissions.permission').count({ where: { role: publicRole.id, action: 'plugin::users-permissions.auth.register' } });
    expect(granted).toBe(0);
  });
});

describe('CORS for both loopback spellings outside production (item 16)', () => {
  it.each(['http://127.0.0.1:3002', 'http://localhost:3002'])('allows the web app at %s', async (origin) => {
    const preflight = await http.options('/api/auth/local').set('Origin', origin).set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBe(origin);
    const get = await http.get('/_health').set('Origin', origin);
    expect(get.headers['access-control-allow-origin']).toBe(origin);
  });

  it('still refuses an unknown origin', async () => {
    const res = await http.options('/api/auth/local').set('Origin', 'http://evil.example:3002').set('Access-Control-Request-Method', 'POST');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

// The app-login limit is counted per client address, which is how PROXY_TRUST becomes visible from outside:
// users-permissions answers X-RateLimit-Remaining for the address Strapi believes the caller has.
const wrongLogin = (forwardedFor: string) =>
  http
    .post('/api/auth/local')
    .set('X-Forwarded-For', forwardedFor)
    .send({ identifier: 'nobody-at-all@example.test', password: 'not-a-password' });

describe('PROXY_TRUST=1 (item 7)', () => {
  it('takes the client address from the one trusted hop, so each client has its own count', async () => {
    const first = await wrongLogin('203.0.113.1');
    const second = await wrongLogin('203.0.113.2');
    expect(Number(first.headers['x-ratelimit-remaining'])).toBe(limit - 1);
    expect(Number(second.headers['x-ratelimit-remaining'])).toBe(limit - 1);
  });

  it('ignores addresses a caller adds before the trusted hop', async () => {
    const spoofed = await wrongLogin('198.51.100.9, 203.0.113.1');
    expect(Number(spoofed.headers['x-ratelimit-remaining'])).toBe(limit - 2);
  });
});

describe('app sign-in limit outside production (item 4)', () => {
  it('lets every demo account sign in within a minute from one address', async () => {
    for (const account of appAccounts) {
      const res = await http.post('/api/auth/local').set('X-Forwarded-For', '203.0.113.20').send({ identifier: account.email, password: account.password });
      expect(res.status).toBe(200);
    }
    for (const account of staffAccounts) {
      const res = await http.post('/admin/login').set('X-Forwarded-For', '203.0.113.20').send({ email: account.email, password: account.password });
      expect(res.status).toBe(200);
    }
  });

  it('answers 429 to one address guessing passwords, within the configured number of tries', async () => {
    let tries = 0;
    let status = 0;
    while (tries < limit + 5 && status !== 429) {
      tries += 1;
      status = (await wrongLogin('203.0.113.50')).status;
    }
    expect(status).toBe(429);
    expect(tries).toBe(limit + 1);
    // Another address is not affected.
    expect((await wrongLogin('203.0.113.51')).status).toBe(400);
  });
});
