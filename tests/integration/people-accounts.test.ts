import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, demo } from '../helpers/accounts';

// Accounts and sitter activation from People (issue 14 items 2 and 5, 6; API.md "Admin pickers"; OPS §4.1, §4.2).
let app: RunningStrapi;
let ownerToken: string;
const owner = () => ({ Authorization: `Bearer ${ownerToken}` });
const knex = () => app.strapi.db.connection;
const auditOf = (action: string) => knex()('audit_event').where({ action }).orderBy('id');
const numberOf = (e164: string) => knex()('phone_number').where({ e_164: e164 }).first('status', 'sitter_user_id', 'number_class');
const unique = () => Math.random().toString(36).slice(2, 8);

/** The Owner creates a sitter account; resolves with its user id and one-time password. */
async function newSitter(displayName: string): Promise<{ id: number; email: string; password: string }> {
  const email = `sitter-${unique()}@example.com`;
  const res = await app.http.post('/people/accounts').set(owner()).send({ role: 'sitter', email, displayName });
  expect(res.status).toBe(201);
  return { id: res.body.data.user.id, email, password: res.body.data.invitation.oneTimePassword };
}

beforeAll(async () => {
  app = await startStrapi();
  ownerToken = await adminLogin(app.http, demo.owner);
});

afterAll(async () => {
  await app?.stop();
});

describe('POST /people/accounts (Owner)', () => {
  it('creates a sitter who signs in with the one-time password shown once, inactive until activated', async () => {
    const email = `Nia-${unique()}@Example.com`;
    const res = await app.http.post('/people/accounts').set(owner()).send({ role: 'sitter', email, displayName: 'Nia Sitter' });
    expect(res.status).toBe(201);
    const { user, invitation } = res.body.data;
    expect(user).toEqual({ id: expect.any(Number), email: email.toLowerCase(), role: 'sitter' });
    expect(invitation).toEqual({ oneTimePassword: expect.stringMatching(/^[A-Za-z2-9]{16}$/) });

    const signIn = await app.http.post('/api/auth/local').send({ identifier: email.toLowerCase(), password: invitation.oneTimePassword });
    expect(signIn.status).toBe(200);
    const profile = await app.http.get('/api/profile').set({ Authorization: `Bearer ${signIn.body.jwt}` });
    expect(profile.body.user).toMatchObject({ displayName: 'Nia Sitter', role: 'sitter' });

    const sitters = (await app.http.get('/people/sitters?active=false').set(owner())).body.data;
    expect(sitters).toEqual([{ id: user.id, displayName: 'Nia Sitter', active: false }]);

    // Never stored or recorded in plain text.
    const row = await knex()('up_users').where({ id: user.id }).first('password');
    expect(row.password).not.toContain(invitation.oneTimePassword);
    const [event] = await auditOf('account.create').where({ entity_id: String(user.id) });
    expect(JSON.stringify(event)).not.toContain(invitation.oneTimePassword);
    expect(event.actor_display_name).toBe('Olivia Owner');
  });

  it('creates a business with its business name and a VA with their name', async () => {
    const business = await app.http.post('/people/accounts').set(owner()).send({ role: 'business', email: `biz-${unique()}@example.com`, displayName: 'Bo Owner', businessName: 'Bo Pets' });
    expect(business.status).toBe(201);
    const signIn = await app.http.post('/api/auth/local').send({ identifier: business.body.data.user.email, password: business.body.data.invitation.oneTimePassword });
    const profile = await app.http.get('/api/profile').set({ Authorization: `Bearer ${signIn.body.jwt}` });
    expect(profile.body.business).toMatchObject({ name: 'Bo Pets' });
    expect(profile.body.user.role).toBe('business');

    const va = await app.http.post('/people/accounts').set(owner()).send({ role: 'va', email: `va-${unique()}@example.com`, displayName: 'Vic Assist' });
    expect(va.status).toBe(201);
    expect(va.body.data.user.role).toBe('va');
  });

  it('refuses an e-mail already in use (any case) with 409 and creates nothing', async () => {
    const res = await app.http.post('/people/accounts').set(owner()).send({ role: 'va', email: 'SITTER@demo.test', displayName: 'Copy' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('An account with this e-mail already exists.');
    expect(await knex()('va_profile').where({ display_name: 'Copy' })).toHaveLength(0);
  });

  it.each([
    [{ role: 'owner', email: 'o@example.com', displayName: 'O' }, 'Role must be business, va or sitter.'],
    [{ role: 'business', email: 'b2@example.com', displayName: 'B' }, 'Business name is required for a business account.'],
    [{ role: 'sitter', email: 'nope', displayName: 'N' }, 'E-mail must be an e-mail address, like sam@example.com.'],
  ])('refuses %j with a 400 sentence', async (body, sentence) => {
    const res = await app.http.post('/people/accounts').set(owner()).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(sentence);
    expect(await knex()('up_users').where({ email: body.email })).toHaveLength(0);
  });

  it('sends an invitation link instead when an e-mail provider is configured, and answers no password', async () => {
    const email = app.strapi.plugin('email').service('email');
    const realSend = email.send;
    const sent: any[] = [];
    app.strapi.config.set('plugin::email.provider', 'nodemailer');
    email.send = async (message: unknown) => void sent.push(message);
    try {
      const address = `invited-${unique()}@example.com`;
      const res = await app.http.post('/people/accounts').set(owner()).send({ role: 'va', email: address, displayName: 'Ivy Invited' });
      expect(res.status).toBe(201);
      const link: string = res.body.data.invitation.link;
      expect(res.body.data.invitation).toEqual({ link: expect.stringMatching(/\/reset-password\?code=[0-9a-f]{128}$/) });
      expect(sent).toEqual([expect.objectContaining({ to: address, text: expect.stringContaining(link) })]);
      // The code is users-permissions' own: it sets the password.
      const code = new URL(link).searchParams.get('code');
      const reset = await app.http.post('/api/auth/reset-password').send({ code, password: 'Ivy-Chosen-1!', passwordConfirmation: 'Ivy-Chosen-1!' });
      expect(reset.status).toBe(200);
      expect((await app.http.post('/api/auth/local').send({ identifier: address, password: 'Ivy-Chosen-1!' })).status).toBe(200);

      // A failed send creates no account.
      email.send = async () => {
        throw new Error('SMTP refused');
      };
      const failed = await app.http.post('/people/accounts').set(owner()).send({ role: 'va', email: `lost-${unique()}@example.com`, displayName: 'Lost' });
      expect(failed.status).toBe(502);
      expect(failed.body.error.message).toMatch(/^The invitation e-mail could not be sent, so no account was created\./);
      expect(await knex()('va_profile').where({ display_name: 'Lost' })).toHaveLength(0);
    } finally {
      email.send = realSend;
      app.strapi.config.set('plugin::email.provider', 'sendmail');
    }
  });
});

describe('activating and deactivating a sitter from People (OPS §4.1, §4.2)', () => {
  it('previews the activation without changing anything, then does what it said', async () => {
    const sitter = await newSitter('Nova Sitter');
    const preview = await app.http.post(`/people/sitters/${sitter.id}/activate?preview=true`).set(owner());
    expect(preview.status).toBe(200);
    expect(preview.body.data.preview).toBe(true);
    const [first] = preview.body.data.impact as string[];
    const e164 = first.match(/^Masked number (\+\d+) will be assigned to Nova Sitter\.$/)![1];
    expect(preview.body.data.impact).toContain(`Then you will see: "Sitter Nova Sitter activated. Masked number ${e164} assigned."`);
    const before = await numberOf(e164);
    expect(before.sitter_user_id).toBeNull();
    expect((await app.http.get('/people/sitters?active=false').set(owner())).body.data.map((s: any) => s.id)).toContain(sitter.id);

    const done = await app.http.post(`/people/sitters/${sitter.id}/activate`).set(owner());
    expect(done.status).toBe(200);
    expect(done.body.data.message).toBe(`Sitter Nova Sitter activated. Masked number ${e164} assigned.`);
    expect(await numberOf(e164)).toMatchObject({ status: 'active', sitter_user_id: sitter.id });
    const listed = (await app.http.get('/people/sitters?active=true').set(owner())).body.data.find((s: any) => s.id === sitter.id);
    expect(listed).toEqual({ id: sitter.id, displayName: 'Nova Sitter', active: true, maskedNumber: e164 });

    // Activating twice says so.
    const again = await app.http.post(`/people/sitters/${sitter.id}/activate?preview=true`).set(owner());
    expect(again.status).toBe(409);
  });

  it('previews the deactivation (number quarantined, threads moving) without changing anything, then does it', async () => {
    const sitter = await newSitter('Remy Sitter');
    const on = await app.http.post(`/people/sitters/${sitter.id}/activate`).set(owner());
    const e164 = on.body.data.message.match(/Masked number (\+\d+) assigned/)[1];
    // A client texts the sitter's number: one thread uses it.
    expect((await app.http.post('/provider/sandbox/phone/reply').set(owner()).send({ from: '+14155550188', to: e164, body: 'Hi Remy!' })).status).toBe(202);

    // The number came from the pool, so the demo's earlier threads on it move too.
    const onNumber = Number((await knex()('conversation').where({ kind: 'client', business_number: e164 }).count({ n: '*' }).first()).n);
    expect(onNumber).toBeGreaterThanOrEqual(1);
    const threads = `${onNumber} ${onNumber === 1 ? 'thread' : 'threads'}`;
    const preview = await app.http.post(`/people/sitters/${sitter.id}/deactivate?preview=true`).set(owner());
    expect(preview.status).toBe(200);
    expect(preview.body.data).toEqual({
      preview: true,
      impact: [
        `Number ${e164} will be quarantined for 90 days.`,
        `${threads} will be reassigned to the owner inbox.`,
        'Remy Sitter will no longer be able to message clients.',
        `Then you will see: "Sitter Remy Sitter deactivated. Number ${e164} quarantined. ${threads} reassigned."`,
      ],
    });
    expect(await numberOf(e164)).toMatchObject({ status: 'active', sitter_user_id: sitter.id });
    expect((await app.http.get('/people/sitters?active=true').set(owner())).body.data.map((s: any) => s.id)).toContain(sitter.id);

    const done = await app.http.post(`/people/sitters/${sitter.id}/deactivate`).set(owner());
    expect(done.status).toBe(200);
    expect(done.body.data.message).toBe(`Sitter Remy Sitter deactivated. Number ${e164} quarantined. ${threads} reassigned.`);
    expect(await numberOf(e164)).toMatchObject({ status: 'quarantined', sitter_user_id: null });
    expect(await knex()('conversation').where({ kind: 'client', business_number: e164 })).toHaveLength(0);
    expect((await app.http.get('/people/sitters?active=false').set(owner())).body.data.map((s: any) => s.id)).toContain(sitter.id);
  });

  it('is the Owner’s alone, and a sitter that does not exist is a 404', async () => {
    const sitter = await newSitter('Quinn Sitter');
    const adminToken = await adminLogin(app.http, demo.admin);
    const res = await app.http.post(`/people/sitters/${sitter.id}/activate`).set({ Authorization: `Bearer ${adminToken}` });
    expect(res.status).toBe(403);
    expect((await app.http.post('/people/sitters/999999/activate?preview=true').set(owner())).status).toBe(404);
    expect((await app.http.post(`/people/sitters/${sitter.id}/activate?preview=perhaps`).set(owner())).body.error.message).toBe('preview must be true or false.');
  });

  it('keeps numbers’ own activation routes working', async () => {
    const sitter = await newSitter('Uma Sitter');
    const res = await app.http.post(`/numbers/sitters/${sitter.id}/activate`).set(owner());
    expect(res.status).toBe(200);
    expect(res.body.data.message).toMatch(/^Sitter Uma Sitter activated\. Masked number \+\d+ assigned\.$/);
  });
});
