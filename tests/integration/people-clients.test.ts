import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';

// Clients (issue 14 items 2, 3, 7; API.md "Clients and bookings", "Admin pickers"): the REST API integrators use with
// an API token, the admin pickers, and the one document middleware that holds whoever writes.
let app: RunningStrapi;
let ownerToken: string;
let adminToken: string;
let writer: string;
let reader: string;
const owner = () => ({ Authorization: `Bearer ${ownerToken}` });
const admin = () => ({ Authorization: `Bearer ${adminToken}` });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const knex = () => app.strapi.db.connection;
const clientRows = (phone: string) => knex()('people_client').where({ phone });
const auditOf = (action: string) => knex()('audit_event').where({ action }).orderBy('id');
const details = (row: any) => (typeof row.details === 'string' ? JSON.parse(row.details) : row.details);

/** A custom API token made the way an Owner makes one in Settings → API Tokens; resolves with its access key. */
async function apiToken(name: string, actions: string[]): Promise<string> {
  const res = await app.http
    .post('/admin/api-tokens')
    .set(owner())
    .send({ name, description: 'integration test', type: 'custom', lifespan: null, permissions: actions.map((a) => `plugin::people.client.${a}`) });
  expect(res.status).toBe(201);
  return res.body.data.accessKey;
}

beforeAll(async () => {
  app = await startStrapi();
  ownerToken = await adminLogin(app.http, demo.owner);
  adminToken = await adminLogin(app.http, demo.admin);
  writer = await apiToken('Bookings integration', ['find', 'findOne', 'create', 'update', 'delete']);
  reader = await apiToken('Read-only reports', ['find', 'findOne']);
});

afterAll(async () => {
  await app?.stop();
});

describe('/api/people/clients with an API token', () => {
  let documentId: string;

  it('creates a client from a phone in any common format, stored as E.164, and audits it as the token', async () => {
    const res = await app.http.post('/api/people/clients').set(bearer(writer)).send({ data: { firstName: 'Morgan', lastName: 'Reyes', phone: '(415) 555-0170', notes: 'Two dogs.' } });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ firstName: 'Morgan', lastName: 'Reyes', phone: '+14155550170', notes: 'Two dogs.' });
    documentId = res.body.data.documentId;
    expect(await clientRows('+14155550170')).toHaveLength(1);
    const [event] = await auditOf('client.create').where({ entity_id: documentId });
    expect(event.actor_role).toBe('api-token');
    expect(event.actor_display_name).toBe('API token "Bookings integration"');
    expect(details(event)).toEqual({ name: 'Morgan Reyes', phone: '+14155550170' });
  });

  it('lists with Strapi filters, sort and pagination', async () => {
    const res = await app.http
      .get('/api/people/clients')
      .query({ 'filters[lastName][$eq]': 'Reyes', sort: 'firstName:asc', 'pagination[pageSize]': 10 })
      .set(bearer(reader));
    expect(res.status).toBe(200);
    expect(res.body.data.map((c: any) => c.phone)).toEqual(['+14155550170']);
    expect(res.body.meta.pagination).toMatchObject({ page: 1, pageSize: 10, total: 1 });
    const all = await app.http.get('/api/people/clients').query({ sort: 'phone:asc', 'pagination[pageSize]': 2 }).set(bearer(reader));
    expect(all.body.data).toHaveLength(2);
    expect(all.body.meta.pagination.total).toBeGreaterThanOrEqual(6);
  });

  it('updates a client, tidying the new phone, and records what changed', async () => {
    const res = await app.http.put(`/api/people/clients/${documentId}`).set(bearer(writer)).send({ data: { phone: '415.555.0171', notes: '' } });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ phone: '+14155550171', notes: null, firstName: 'Morgan' });
    const [event] = await auditOf('client.update').where({ entity_id: documentId });
    expect(details(event).changes).toEqual({ phone: { from: '+14155550170', to: '+14155550171' }, notes: { from: 'Two dogs.', to: null } });
  });

  it.each([
    ['a bad phone', { firstName: 'Pat', phone: 'call me maybe' }, /^Phone must be a phone number/],
    ['no first name', { phone: '(415) 555-0172' }, /^First name is required\./],
    ['a first name of only spaces', { firstName: '  ', phone: '+14155550180' }, /^First name is required\.$/],
    ['a blank phone', { firstName: 'Pat', phone: ' ' }, /^Phone is required\.$/],
    ['an unknown field', { firstName: 'Pat', phone: '(415) 555-0172', email: 'pat@example.com' }, /^email is not a client field/],
  ])('refuses %s with a 400 sentence naming the field, and writes nothing', async (_, data, sentence) => {
    const before = await knex()('people_client').count({ n: '*' }).first();
    const res = await app.http.post('/api/people/clients').set(bearer(writer)).send({ data });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(sentence);
    expect(await knex()('people_client').count({ n: '*' }).first()).toEqual(before);
  });

  it('refuses a body without "data" with a sentence', async () => {
    const res = await app.http.post('/api/people/clients').set(bearer(writer)).send({ firstName: 'Pat', phone: '(415) 555-0172' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Send the client inside "data"/);
  });

  it('refuses a phone another client has, in any format, with 409, on create and on update', async () => {
    const created = await app.http.post('/api/people/clients').set(bearer(writer)).send({ data: { firstName: 'Casey', phone: '415-555-0161' } });
    expect(created.status).toBe(409);
    expect(created.body.error.message).toBe('Another client already has this phone number.');
    const moved = await app.http.put(`/api/people/clients/${documentId}`).set(bearer(writer)).send({ data: { phone: '+1 415 555 0161' } });
    expect(moved.status).toBe(409);
    expect(await clientRows('+14155550161')).toHaveLength(1);
    expect(await clientRows('+14155550171')).toHaveLength(1);
  });

  it('refuses a token without the create permission with 403', async () => {
    const res = await app.http.post('/api/people/clients').set(bearer(reader)).send({ data: { firstName: 'Pat', phone: '(415) 555-0173' } });
    expect(res.status).toBe(403);
    expect(await clientRows('+14155550173')).toHaveLength(0);
  });

  it('refuses an app user (a business) with 403, reading or writing', async () => {
    const jwt = await appLogin(app.http, demo.acme);
    expect((await app.http.get('/api/people/clients').set(bearer(jwt))).status).toBe(403);
    expect((await app.http.post('/api/people/clients').set(bearer(jwt)).send({ data: { firstName: 'Pat', phone: '(415) 555-0174' } })).status).toBe(403);
    expect(await clientRows('+14155550174')).toHaveLength(0);
    // No users-permissions role (public, authenticated, business, VA, sitter) holds a client action: tokens only.
    expect(await knex()('up_permissions').where('action', 'like', 'plugin::people.client.%')).toEqual([]);
  });

  it('deletes a client and audits it', async () => {
    const res = await app.http.delete(`/api/people/clients/${documentId}`).set(bearer(writer));
    expect(res.status).toBe(204);
    expect(await clientRows('+14155550171')).toHaveLength(0);
    expect(await auditOf('client.delete').where({ entity_id: documentId })).toHaveLength(1);
  });
});

describe('the admin pickers and client routes', () => {
  it('finds clients by name and by the digits of their phone, however typed', async () => {
    const byName = await app.http.get('/people/clients').query({ q: 'casey mor' }).set(admin());
    expect(byName.status).toBe(200);
    expect(byName.body.data).toEqual([{ id: expect.any(String), name: 'Casey Morgan', firstName: 'Casey', lastName: 'Morgan', phone: '+14155550161', notes: 'Two cats, Miso and Tofu.' }]);
    const byPhone = await app.http.get('/people/clients').query({ q: '(415) 555-0162' }).set(admin());
    expect(byPhone.body.data.map((c: any) => c.name)).toEqual(['Jordan Lee']);
    const paged = await app.http.get('/people/clients').query({ pageSize: 2, page: 2 }).set(admin());
    expect(paged.body.data).toHaveLength(2);
    expect(paged.body.meta.pagination).toMatchObject({ page: 2, pageSize: 2 });
    expect((await app.http.get('/people/clients').query({ pageSize: 500 }).set(admin())).body.error.message).toBe('pageSize must be a whole number from 1 to 200.');
  });

  it('lets a Messaging Admin create, read and change a client, through the same rules', async () => {
    const created = await app.http.post('/people/clients').set(admin()).send({ firstName: 'Dana', phone: '(415) 555-0175' });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ name: 'Dana', phone: '+14155550175', lastName: null });
    const id = created.body.data.id;
    expect((await app.http.get(`/people/clients/${id}`).set(admin())).body.data.phone).toBe('+14155550175');
    const changed = await app.http.put(`/people/clients/${id}`).set(admin()).send({ lastName: 'Fox' });
    expect(changed.status).toBe(200);
    expect(changed.body.data.name).toBe('Dana Fox');
    const [event] = await auditOf('client.update').where({ entity_id: id });
    expect(event.actor_display_name).toBe('Adam Admin');
    const taken = await app.http.put(`/people/clients/${id}`).set(admin()).send({ phone: '4155550161' });
    expect(taken.status).toBe(409);
    const bad = await app.http.post('/people/clients').set(admin()).send({ firstName: 'Eve', phone: '12' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Phone must be a phone number/);
    expect((await app.http.get('/people/clients/nosuchclient').set(admin())).status).toBe(404);
  });

  it('refuses a Messaging Admin account creation with 403', async () => {
    const res = await app.http.post('/people/accounts').set(admin()).send({ role: 'sitter', email: 'nope@example.com', displayName: 'Nope' });
    expect(res.status).toBe(403);
    expect(await knex()('up_users').where({ email: 'nope@example.com' })).toHaveLength(0);
  });

  it('lists sitters with their state and masked number, filtered by active', async () => {
    const all = await app.http.get('/people/sitters').set(admin());
    expect(all.status).toBe(200);
    expect(all.body.data).toEqual([
      { id: expect.any(Number), displayName: 'Sam Sitter', active: true, maskedNumber: '+14155550120' },
      { id: expect.any(Number), displayName: 'Sky Sitter', active: true, maskedNumber: '+14155550121' },
    ]);
    expect((await app.http.get('/people/sitters?active=false').set(admin())).body.data).toEqual([]);
    expect((await app.http.get('/people/sitters?active=maybe').set(admin())).body.error.message).toBe('active must be true or false.');
  });
});

describe('the Content Manager', () => {
  const CM = '/content-manager/collection-types/plugin::people.client';

  it('obeys the same rules: the phone stored as E.164, a bad one refused with the sentence, a taken one 409, audited as the admin', async () => {
    const created = await app.http.post(CM).set(owner()).send({ firstName: 'Gale', lastName: 'Ortiz', phone: '(415) 555-0177' });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ firstName: 'Gale', phone: '+14155550177' });
    const [event] = await auditOf('client.create').where({ entity_id: created.body.data.documentId });
    expect(event.actor_display_name).toBe('Olivia Owner');

    const bad = await app.http.put(`${CM}/${created.body.data.documentId}`).set(owner()).send({ ...created.body.data, phone: 'soon' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Phone must be a phone number/);
    const taken = await app.http.post(CM).set(owner()).send({ firstName: 'Copy', phone: '+14155550161' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toBe('Another client already has this phone number.');
    expect(await clientRows('+14155550177')).toHaveLength(1);
  });
});

describe('clients written from inside the server', () => {
  it('an SMS from an unknown phone makes a client named after the number, through the same writer', async () => {
    const res = await app.http.post('/provider/sandbox/phone/reply').set(owner()).send({ from: '+14155550176', body: 'Hello?' });
    expect(res.status).toBe(202);
    const [row] = await clientRows('+14155550176');
    expect(row).toMatchObject({ first_name: '+14155550176', last_name: null });
    // The sandbox's phone is worked by the Owner, so the request's admin is the actor (a real webhook has none: system).
    expect(await auditOf('client.create').where({ entity_id: row.document_id })).toHaveLength(1);
  });

  it('the seed’s clients went through the same writer', async () => {
    expect((await auditOf('client.create').where({ actor_role: 'system' })).length).toBeGreaterThanOrEqual(5);
  });
});

describe('organisation settings', () => {
  it('answers the demo organisation, takes a valid IANA zone and refuses anything else', async () => {
    const got = await app.http.get('/people/organisation').set(admin());
    expect(got.body.data).toEqual({ name: 'Acme Pets', timeZone: 'America/Los_Angeles' });
    const bad = await app.http.put('/people/organisation').set(owner()).send({ timeZone: 'Pacific Time' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('Time zone must be an IANA time zone, like America/Los_Angeles.');
    expect((await app.http.get('/people/organisation').set(owner())).body.data.timeZone).toBe('America/Los_Angeles');
    const saved = await app.http.put('/people/organisation').set(owner()).send({ timeZone: 'america/new_york' });
    expect(saved.status).toBe(200);
    expect(saved.body.data).toEqual({ name: 'Acme Pets', timeZone: 'America/New_York' });
    const [event] = await auditOf('organisation.update');
    expect(details(event)).toEqual({ before: { name: 'Acme Pets', timeZone: 'America/Los_Angeles' }, after: { name: 'Acme Pets', timeZone: 'America/New_York' } });
    await app.http.put('/people/organisation').set(owner()).send({ timeZone: 'America/Los_Angeles' });
  });

  it('answers the defaults before anyone saved settings', async () => {
    const saved = await knex()('organisation_setting').select('*');
    await knex()('organisation_setting').delete();
    try {
      expect((await app.http.get('/people/organisation').set(admin())).body.data).toEqual({ name: 'My business', timeZone: 'UTC' });
    } finally {
      await knex()('organisation_setting').insert(saved);
    }
  });

  it('refuses a blank organisation name with a sentence', async () => {
    const res = await app.http.put('/people/organisation').set(owner()).send({ name: '  ' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Organisation name cannot be only spaces; leave it empty to clear it.');
  });
});
