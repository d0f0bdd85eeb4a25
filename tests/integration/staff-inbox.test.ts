import { randomUUID } from 'node:crypto';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';
import { connectSocket } from '../helpers/sockets';

// The staff inbox page's server side: what the page is told it may do, the directory, masquerade grants
// (Owners only, audited), and the audit panel's reading of one conversation.
let app: RunningStrapi;
const tokens: Record<string, string> = {};
const ids: { acme?: string; newPaws?: string; va?: string; admin2?: string } = {};
let businessVa: string;

const bearer = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
const masquerade = (who: string, body = '<p>As the business</p>') =>
  app.http
    .post(`/messaging/conversations/${businessVa}/messages`)
    .set(bearer(who))
    .send({ idempotencyKey: randomUUID(), routeType: 'ADMIN_MASQUERADE_TO_VA_AS_BUSINESS', bodyHtml: body, masqueradeForBusinessId: ids.acme });
const auditOf = async (action: string) =>
  (await app.http.get(`/messaging/audit?action=${action}`).set(bearer('owner'))).body.data as any[];

beforeAll(async () => {
  app = await startStrapi();
  for (const who of ['owner', 'admin', 'admin2'] as const) tokens[who] = await adminLogin(app.http, demo[who]);
  for (const who of ['acme', 'newbiz', 'va'] as const) tokens[who] = await appLogin(app.http, demo[who]);
  ids.acme = (await app.http.get('/api/profile').set(bearer('acme'))).body.business.id;
  ids.newPaws = (await app.http.get('/api/profile').set(bearer('newbiz'))).body.business.id;
  ids.va = (await app.http.get('/api/profile').set(bearer('va'))).body.user.id;
  const created = await app.http.post('/messaging/conversations').set(bearer('admin')).send({ kind: 'business_va', vaUserId: ids.va, businessId: ids.acme });
  expect([200, 201]).toContain(created.status);
  businessVa = created.body.data.id;
});

afterAll(async () => {
  await app?.stop();
});

describe('GET /messaging/me', () => {
  it('tells an admin with a grant which business they may reply as', async () => {
    const res = await app.http.get('/messaging/me').set(bearer('admin'));
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      displayName: 'Adam Admin',
      capabilities: { send: true, masquerade: true, manageGrants: false, readAudit: true },
      masqueradeBusinesses: [{ id: ids.acme, name: 'Acme Pets' }],
    });
  });

  it('offers admin2 no business, and the Owner grant management', async () => {
    const admin2 = await app.http.get('/messaging/me').set(bearer('admin2'));
    expect(admin2.body.data.masqueradeBusinesses).toEqual([]);
    expect(admin2.body.data.capabilities.manageGrants).toBe(false);
    const owner = await app.http.get('/messaging/me').set(bearer('owner'));
    expect(owner.body.data.capabilities.manageGrants).toBe(true);
  });

  it('refuses app users and the signed-out', async () => {
    expect((await app.http.get('/messaging/me').set(bearer('va'))).status).toBe(401);
    expect((await app.http.get('/messaging/me')).status).toBe(401);
  });
});

describe('GET /messaging/directory', () => {
  it('lists businesses and VAs by name for staff', async () => {
    const res = await app.http.get('/messaging/directory').set(bearer('admin2'));
    expect(res.status).toBe(200);
    expect(res.body.data.businesses).toEqual(expect.arrayContaining([{ id: ids.acme, name: 'Acme Pets' }, { id: ids.newPaws, name: 'New Paws' }]));
    expect(res.body.data.vas).toEqual(expect.arrayContaining([expect.objectContaining({ id: ids.va })]));
  });
});

describe('masquerade without a grant', () => {
  it('is refused to admin2 with 403 and a sentence, and stores nothing', async () => {
    const before = (await app.http.get(`/messaging/conversations/${businessVa}/messages`).set(bearer('owner'))).body.data.length;
    const res = await masquerade('admin2');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('You do not have permission to reply as Acme Pets. Ask an owner for a masquerade grant.');
    const after = (await app.http.get(`/messaging/conversations/${businessVa}/messages`).set(bearer('owner'))).body.data.length;
    expect(after).toBe(before);
  });
});

describe('masquerade with a grant but without the role permission', () => {
  it('is refused: the grant names the business, the role must still allow masquerade', async () => {
    const knex = app.strapi.db.connection;
    const role = await knex('admin_roles').where({ code: 'switchboard-messaging-admin' }).first('id');
    expect(role).toBeDefined();
    const links = await knex('admin_permissions as p')
      .join('admin_permissions_role_lnk as l', 'l.permission_id', 'p.id')
      .where({ 'p.action': 'plugin::messaging.masquerade', 'l.role_id': role.id })
      .select('p.id');
    expect(links).toHaveLength(1);
    const saved = await knex('admin_permissions_role_lnk').where({ permission_id: links[0].id });
    await knex('admin_permissions_role_lnk').where({ permission_id: links[0].id }).delete();
    try {
      const res = await masquerade('admin', '<p>Without the permission</p>');
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe('You do not have permission to reply as Acme Pets. Ask an owner for a masquerade grant.');
      expect((await app.http.get('/messaging/me').set(bearer('admin'))).body.data.masqueradeBusinesses).toEqual([]);
    } finally {
      await knex('admin_permissions_role_lnk').insert(saved);
    }
    expect((await masquerade('admin', '<p>With it again</p>')).status).toBe(201);
  });
});

describe('masquerade grants (Owner only)', () => {
  it('are refused to Messaging Admins with 403, with or without a grant of their own', async () => {
    for (const who of ['admin', 'admin2']) {
      expect((await app.http.get('/messaging/masquerade-grants').set(bearer(who))).status).toBe(403);
      expect((await app.http.post('/messaging/masquerade-grants').set(bearer(who)).send({ adminUserId: 1, businessId: ids.acme })).status).toBe(403);
      expect((await app.http.delete('/messaging/masquerade-grants/1').set(bearer(who))).status).toBe(403);
    }
  });

  it('lists the demo grant with the people a grant can name', async () => {
    const res = await app.http.get('/messaging/masquerade-grants').set(bearer('owner'));
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(expect.arrayContaining([expect.objectContaining({ admin: expect.objectContaining({ email: 'admin@demo.test' }), business: { id: ids.acme, name: 'Acme Pets' } })]));
    const admin2 = res.body.meta.admins.find((a: any) => a.email === 'admin2@demo.test');
    expect(admin2).toBeDefined();
    ids.admin2 = admin2.id;
    expect(res.body.meta.businesses).toEqual(expect.arrayContaining([{ id: ids.acme, name: 'Acme Pets' }]));
  });

  it('refuses malformed grants with a sentence', async () => {
    const bad = await app.http.post('/messaging/masquerade-grants').set(bearer('owner')).send({ adminUserId: 'someone', businessId: ids.acme });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('adminUserId must be the id of an admin user.');
    const missing = await app.http.post('/messaging/masquerade-grants').set(bearer('owner')).send({ adminUserId: ids.admin2, businessId: '99999' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe('That business does not exist; choose one from the list.');
    expect((await app.http.delete('/messaging/masquerade-grants/99999').set(bearer('owner'))).status).toBe(404);
  });

  it('lets the Owner grant admin2, audited with the Owner as actor; admin2 may then reply as Acme Pets', async () => {
    const granted = await app.http.post('/messaging/masquerade-grants').set(bearer('owner')).send({ adminUserId: ids.admin2, businessId: ids.acme });
    expect(granted.status).toBe(201);
    expect(granted.body.data).toMatchObject({ admin: { id: ids.admin2, email: 'admin2@demo.test' }, business: { id: ids.acme, name: 'Acme Pets' } });
    const again = await app.http.post('/messaging/masquerade-grants').set(bearer('owner')).send({ adminUserId: ids.admin2, businessId: ids.acme });
    expect(again.status).toBe(200);
    expect(again.body.data.id).toBe(granted.body.data.id);

    const [event] = await auditOf('masquerade.grant');
    expect(event).toMatchObject({ action: 'masquerade.grant', actor: { displayName: 'Olivia Owner' }, entity: { type: 'masquerade-grant', id: granted.body.data.id } });
    expect(event.details).toMatchObject({ adminUserId: ids.admin2, businessName: 'Acme Pets' });
    expect((await auditOf('masquerade.grant')).length).toBe(1);

    expect((await app.http.get('/messaging/me').set(bearer('admin2'))).body.data.masqueradeBusinesses).toEqual([{ id: ids.acme, name: 'Acme Pets' }]);
    const sent = await masquerade('admin2', '<p>Granted reply</p>');
    expect(sent.status).toBe(201);
    expect(sent.body.data.masquerade.actor.displayName).toBe('Ada Second');

    const revoked = await app.http.delete(`/messaging/masquerade-grants/${granted.body.data.id}`).set(bearer('owner'));
    expect(revoked.status).toBe(200);
    const [revokeEvent] = await auditOf('masquerade.revoke');
    expect(revokeEvent).toMatchObject({ actor: { displayName: 'Olivia Owner' }, entity: { id: granted.body.data.id }, details: { adminUserId: ids.admin2, businessName: 'Acme Pets' } });
    expect((await app.http.get('/messaging/me').set(bearer('admin2'))).body.data.masqueradeBusinesses).toEqual([]);
    expect((await masquerade('admin2')).status).toBe(403);
    expect((await app.http.delete(`/messaging/masquerade-grants/${granted.body.data.id}`).set(bearer('owner'))).status).toBe(404);
  });
});

describe('a grant revoked while a socket is open', () => {
  it('stops masquerade over that socket at once, without a reconnect', async () => {
    const granted = await app.http.post('/messaging/masquerade-grants').set(bearer('owner')).send({ adminUserId: ids.admin2, businessId: ids.acme });
    expect(granted.status).toBe(201);
    const socket = await connectSocket(app.baseUrl, tokens.admin2);
    try {
      const send = () =>
        socket.ack('message:send', {
          conversationId: businessVa,
          idempotencyKey: randomUUID(),
          routeType: 'ADMIN_MASQUERADE_TO_VA_AS_BUSINESS',
          bodyHtml: '<p>Over the socket, as the business</p>',
          masqueradeForBusinessId: ids.acme,
        });
      expect((await send()).ok).toBe(true);
      expect((await app.http.delete(`/messaging/masquerade-grants/${granted.body.data.id}`).set(bearer('owner'))).status).toBe(200);
      const refused = await send();
      expect(refused).toEqual({ ok: false, error: expect.objectContaining({ status: 403, message: 'You do not have permission to reply as Acme Pets. Ask an owner for a masquerade grant.' }) });
    } finally {
      socket.close();
    }
  });
});

describe("a conversation's audit events (the inbox side panel)", () => {
  it('shows the masquerade send with the real actor, only for that conversation', async () => {
    const sent = await masquerade('admin', '<p>Audit me</p>');
    expect(sent.status).toBe(201);
    const res = await app.http.get(`/messaging/audit?conversationId=${businessVa}`).set(bearer('admin'));
    expect(res.status).toBe(200);
    expect(res.body.data[0]).toMatchObject({ action: 'message.masquerade', effectiveRole: 'business', actor: { displayName: 'Adam Admin' }, messageId: sent.body.data.id });
    expect(res.body.data.every((e: any) => e.conversationId === businessVa)).toBe(true);
  });
});
