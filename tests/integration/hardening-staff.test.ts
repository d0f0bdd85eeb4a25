import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';

// Issue 11 "Safe by default", items 10 and 11: the virtual phone's client replies are audited and refused in
// production; profiles cannot be written around the profile API through Strapi's Content Manager.
let app: RunningStrapi;
let ownerToken: string;
const owner = () => ({ Authorization: `Bearer ${ownerToken}` });
const knex = () => app.strapi.db.connection;

beforeAll(async () => {
  app = await startStrapi();
  // Strapi rate-limits /admin/login per e-mail: sign the Owner in once for the whole file.
  ownerToken = await adminLogin(app.http, demo.owner);
});

afterAll(async () => {
  await app?.stop();
});

describe('the virtual phone’s client replies (item 10)', () => {
  const REPLY = '/provider/sandbox/phone/reply';
  const auditOf = () => knex()('audit_event').where({ action: 'provider.sandbox_phone_reply' }).orderBy('id');
  const phoneRows = async () => Number((await knex()('sandbox_phone_message').count({ n: '*' }))[0].n);

  it('writes one audit event naming the staff member who typed the reply', async () => {
    const ownerRow = await knex()('admin_users').where({ email: demo.owner.email }).first();
    const before = (await auditOf()).length;
    const res = await app.http.post(REPLY).set(owner()).send({ from: '+14155550163', body: 'Is Pepper booked for Friday?' });
    expect(res.status).toBe(202);
    const events = await auditOf();
    expect(events).toHaveLength(before + 1);
    const event = events[events.length - 1];
    expect(event).toMatchObject({
      actor_id: `admin:${ownerRow.id}`,
      actor_display_name: 'Olivia Owner',
      actor_role: 'staff',
      entity_type: 'sandbox_phone_message',
    });
    expect(typeof event.details === 'string' ? JSON.parse(event.details) : event.details).toMatchObject({ from: '+14155550163', to: '+14155550100', providerMessageId: res.body.data.providerMessageId });

    const listed = await app.http.get('/messaging/audit?action=provider.sandbox_phone_reply').set(owner());
    expect(listed.body.data[0]).toMatchObject({ action: 'provider.sandbox_phone_reply', actor: { displayName: 'Olivia Owner', role: 'staff' } });
  });

  it('writes no audit event for a refused reply', async () => {
    const before = (await auditOf()).length;
    const res = await app.http.post(REPLY).set(owner()).send({ from: '12', body: 'x' });
    expect(res.status).toBe(400);
    expect(await auditOf()).toHaveLength(before);
  });

  it('is refused in production with a sentence, and writes nothing', async () => {
    const [rowsBefore, auditBefore] = [await phoneRows(), (await auditOf()).length];
    const messagesBefore = Number((await knex()('message').count({ n: '*' }))[0].n);
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production'; // the harness sets every secret, so production's checks pass
    let res;
    try {
      res = await app.http.post(REPLY).set(owner()).send({ from: '+14155550163', body: 'Hello from production' });
    } finally {
      process.env.NODE_ENV = previous;
    }
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      status: 403,
      name: 'ForbiddenError',
      message:
        'The virtual phone is for trying Switchboard out and is switched off in production. Real clients text your business numbers, and their messages arrive in Messages.',
    });
    expect(await phoneRows()).toBe(rowsBefore);
    expect(await auditOf()).toHaveLength(auditBefore);
    expect(Number((await knex()('message').count({ n: '*' }))[0].n)).toBe(messagesBefore);
  });
});

describe('profiles in Strapi’s Content Manager (item 11)', () => {
  const PROFILE_UIDS = ['plugin::people.business-profile', 'plugin::people.va-profile', 'plugin::people.sitter-profile'];
  const cm = (uid: string, rest = '') => `/content-manager/collection-types/${uid}${rest}`;
  const rowsOf = (uid: string) => app.strapi.db.query(uid).findMany({ orderBy: { id: 'asc' } });

  it('does not list business, VA or sitter profiles in the Content Manager or the Content-Type Builder', async () => {
    const types = await app.http.get('/content-manager/content-types').set(owner());
    expect(types.status).toBe(200);
    for (const uid of PROFILE_UIDS) expect(types.body.data.find((t: any) => t.uid === uid)).toMatchObject({ isDisplayed: false });
    const builder = await app.http.get('/content-type-builder/content-types').set(owner());
    expect(builder.status).toBe(200);
    for (const uid of PROFILE_UIDS) expect(builder.body.data.find((t: any) => t.uid === uid)?.schema.visible).toBe(false);
  });

  it.each(PROFILE_UIDS)('refuses the Owner a create, an update and a delete of %s there, and changes nothing', async (uid) => {
    const before = await rowsOf(uid);
    expect(before.length).toBeGreaterThan(0);
    const target = before[0];
    const name = uid.endsWith('business-profile') ? { name: 'Renamed in the Content Manager' } : { displayName: 'Renamed in the Content Manager' };

    const created = await app.http.post(cm(uid)).set(owner()).send(name);
    const updated = await app.http.put(cm(uid, `/${target.documentId}`)).set(owner()).send(name);
    const deleted = await app.http.delete(cm(uid, `/${target.documentId}`)).set(owner());
    const bulkDeleted = await app.http.post(cm(uid, '/actions/bulkDelete')).set(owner()).send({ documentIds: [target.documentId] });
    for (const res of [created, updated, deleted, bulkDeleted]) {
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/^Your account is not allowed to do this\./);
    }
    expect(await rowsOf(uid)).toEqual(before);
  });

  it('leaves the profile API working for the business itself', async () => {
    const token = await appLogin(app.http, demo.newbiz);
    const res = await app.http.put('/api/profile').set('Authorization', `Bearer ${token}`).send({ serviceArea: 'Oakland' });
    expect(res.status).toBe(200);
    const row = await app.strapi.db.query('plugin::people.business-profile').findOne({ where: { name: 'New Paws' } });
    expect(row.serviceArea).toBe('Oakland');
  });
});
