import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startStrapi, repoRoot, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appAccounts, appLogin, demo, staffAccounts } from '../helpers/accounts';
import { seedDemo } from '../../cms/src/bootstrap/demo-seed';
import { ensureAdminRoles, ensureAppRoles } from '../../cms/src/bootstrap/roles';

let app: RunningStrapi;

beforeAll(async () => {
  app = await startStrapi();
});

afterAll(async () => {
  await app?.stop();
});

describe('boot', () => {
  it('answers /_health', async () => {
    const res = await app.http.get('/_health');
    expect(res.status).toBe(204);
  });
});

describe('demo accounts (API.md "Demo accounts")', () => {
  it.each(appAccounts.map((a) => [a.email, a] as const))('%s signs in with POST /api/auth/local', async (_email, account) => {
    const res = await app.http.post('/api/auth/local').send({ identifier: account.email, password: account.password });
    expect(res.status).toBe(200);
    expect(typeof res.body.jwt).toBe('string');
    expect(res.body.user.email).toBe(account.email);
  });

  it.each(staffAccounts.map((a) => [a.email, a] as const))('%s signs in with POST /admin/login', async (_email, account) => {
    const res = await app.http.post('/admin/login').send({ email: account.email, password: account.password });
    expect(res.status).toBe(200);
    expect(typeof res.body.data.token).toBe('string');
  });

  it('refuses a wrong password', async () => {
    const res = await app.http.post('/api/auth/local').send({ identifier: demo.acme.email, password: 'not-the-password' });
    expect(res.status).toBe(400);
  });

  it('gives each app account its role and each business its stated completeness', async () => {
    const expectations: [typeof appAccounts[number], string, number | undefined][] = [
      [demo.acme, 'business', 90],
      [demo.newbiz, 'business', 40],
      [demo.va, 'va', undefined],
      [demo.va2, 'va', undefined],
      [demo.sitter, 'sitter', undefined],
      [demo.sitter2, 'sitter', undefined],
    ];
    for (const [account, role, completeness] of expectations) {
      const jwt = await appLogin(app.http, account);
      const res = await app.http.get('/api/profile').set('Authorization', `Bearer ${jwt}`);
      expect(res.status).toBe(200);
      expect(res.body.user.role).toBe(role);
      expect(res.body.business?.profileCompleteness).toBe(completeness);
    }
  });

  it('gives the Owner and Messaging Admin roles their plugin actions', async () => {
    const permissionsOf = async (account: { email: string; password: string }) => {
      const token = await adminLogin(app.http, account);
      const res = await app.http.get('/admin/users/me/permissions').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      return new Set<string>(res.body.data.map((p: { action: string }) => p.action));
    };
    const owner = await permissionsOf(demo.owner);
    const admin = await permissionsOf(demo.admin);
    expect(owner.has('plugin::messaging.manage-grants')).toBe(true);
    expect(owner.has('plugin::audit.archive')).toBe(true);
    expect(admin.has('plugin::messaging.read')).toBe(true);
    expect(admin.has('plugin::messaging.masquerade')).toBe(true);
    expect(admin.has('plugin::messaging.manage-grants')).toBe(false);
    expect(admin.has('plugin::audit.archive')).toBe(false);
  });

  it('grants masquerade for Acme Pets to admin@demo.test only', async () => {
    const grants = await app.strapi.db
      .query('plugin::messaging.masquerade-grant')
      .findMany({ populate: ['adminUser', 'business'] });
    expect(grants.map((g: any) => [g.adminUser.email, g.business.name])).toEqual([['admin@demo.test', 'Acme Pets']]);
  });
});

describe('role permissions on plugin routes', () => {
  it('refuses a sitter the business-only PUT /api/profile with 403 and changes nothing', async () => {
    const jwt = await appLogin(app.http, demo.sitter);
    const res = await app.http.put('/api/profile').set('Authorization', `Bearer ${jwt}`).send({ name: 'Not a business' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('Your account is not allowed to do this. Sign in with an account that may, or ask an owner for access.');
    expect(await app.strapi.db.query('plugin::people.business-profile').count({ where: { name: 'Not a business' } })).toBe(0);
  });

  it('refuses an anonymous caller on GET /api/profile', async () => {
    const res = await app.http.get('/api/profile');
    expect(res.status).toBe(403);
  });

  it('lets a business read its profile', async () => {
    const jwt = await appLogin(app.http, demo.acme);
    const res = await app.http.get('/api/profile').set('Authorization', `Bearer ${jwt}`);
    expect(res.status).toBe(200);
    expect(res.body.business.name).toBe('Acme Pets');
  });
});

describe('audit_event is append-only', () => {
  const audit = () => app.strapi.plugin('audit').service('audit-log');
  const knex = () => app.strapi.db.connection;

  it('refuses a raw UPDATE of an audit row', async () => {
    const event = await audit().record({ actor: { kind: 'system' }, action: 'test.update_refused', details: { n: 1 } });
    await expect(knex().raw(`UPDATE audit_event SET action = 'tampered' WHERE id = ?`, [Number(event.id)])).rejects.toThrow(/append-only/);
    const row = await knex()('audit_event').where({ id: Number(event.id) }).first();
    expect(row.action).toBe('test.update_refused');
  });

  it('refuses a raw DELETE and TRUNCATE', async () => {
    const event = await audit().record({ actor: { kind: 'system' }, action: 'test.delete_refused' });
    await expect(knex().raw('DELETE FROM audit_event WHERE id = ?', [Number(event.id)])).rejects.toThrow(/append-only/);
    await expect(knex().raw('TRUNCATE audit_event')).rejects.toThrow(/append-only/);
    expect(await knex()('audit_event').where({ id: Number(event.id) }).first()).toBeTruthy();
  });

  it('allows archiving, and never un-archiving', async () => {
    const event = await audit().record({ actor: { kind: 'system' }, action: 'test.archive' });
    await knex().raw('UPDATE audit_event SET archived = true WHERE id = ?', [Number(event.id)]);
    expect((await knex()('audit_event').where({ id: Number(event.id) }).first()).archived).toBe(true);
    await expect(knex().raw('UPDATE audit_event SET archived = false WHERE id = ?', [Number(event.id)])).rejects.toThrow(/stays archived/);
  });

  it('rolls back its row when the action that wrote it fails in the same transaction', async () => {
    const before = await knex()('audit_event').where({ action: 'test.rolled_back' }).count({ n: '*' });
    await expect(
      app.strapi.db.transaction(async () => {
        await audit().record({ actor: { kind: 'system' }, action: 'test.rolled_back' });
        throw new Error('the action failed after auditing');
      }),
    ).rejects.toThrow('the action failed after auditing');
    const after = await knex()('audit_event').where({ action: 'test.rolled_back' }).count({ n: '*' });
    expect(Number(after[0].n)).toBe(Number(before[0].n));
  });

  it('commits its row with the action when the transaction succeeds', async () => {
    await app.strapi.db.transaction(async () => {
      await audit().record({ actor: { kind: 'system' }, action: 'test.committed' });
    });
    const rows = await knex()('audit_event').where({ action: 'test.committed' });
    expect(rows).toHaveLength(1);
  });
});

describe('demo seed', () => {
  it('changes nothing when it runs again', async () => {
    const tables = ['admin_users', 'admin_roles', 'up_users', 'up_roles', 'up_permissions', 'business_profile', 'va_profile', 'sitter_profile', 'masquerade_grant', 'people_client', 'organisation_setting', 'booking', 'conversation', 'message', 'audit_event'];
    const counts = async () =>
      Object.fromEntries(
        await Promise.all(tables.map(async (t) => [t, Number((await app.strapi.db.connection(t).count({ n: '*' }))[0].n)] as const)),
      );
    const before = await counts();
    expect(before.admin_users).toBe(3);
    expect(before.up_users).toBe(6);
    const roles = { app: await ensureAppRoles(app.strapi), admin: await ensureAdminRoles(app.strapi) };
    await seedDemo(app.strapi, roles);
    await seedDemo(app.strapi, roles);
    expect(await counts()).toEqual(before);
  });
});

describe('start-up configuration', () => {
  const launch = (env: Record<string, string>) =>
    spawnSync(process.execPath, [path.join(repoRoot, 'database/dist/start.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'test',
        SWITCHBOARD_ENV_FILE: path.join(repoRoot, 'tests/.tmp/no-such.env'),
        ...env,
      },
      encoding: 'utf8',
      timeout: 30_000,
    });

  it('stops with a sentence naming DATABASE_URL when it is malformed', () => {
    const result = launch({ DATABASE_URL: 'mysql://someone@db.example/app' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL must start with postgres:// or postgresql://');
  });

  it('stops with a sentence when DATABASE_URL is not a URL at all', () => {
    const result = launch({ DATABASE_URL: 'localhost:5432' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/DATABASE_URL must (be a connection URL|start with postgres)/);
  });

  it('refuses to start in production without its secrets', () => {
    const result = launch({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ADMIN_JWT_SECRET is required in production');
  });
});
