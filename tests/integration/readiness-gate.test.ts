// The readiness gate beyond a staff send (issue 22; API.md "Setup and system settings", "Readiness gate") on a real
// Strapi and Postgres with the demo organisation: connected to a real provider (the fake Twilio) without finishing
// setup, a sitter's send and an automation's send to a client are refused with the spec's sentence and write nothing;
// the Owner's approval of a blocked message is refused too (it would send an SMS to a client) and goes through once the
// gate opens. The wizard's permissions: a Messaging Admin views it but may not run a step or finish; a sitter's app
// token is refused on every /setup route.
import { randomUUID } from 'node:crypto';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';
import { startFakeTwilio, type FakeTwilio } from '../fakes/twilio';
import { until } from '../helpers/until';

const SETUP_INCOMPLETE = 'Setup incomplete. Complete required steps to continue.';
const CASEY = '+14155550161';
const SAM_NUMBER = '+14155550120';

let app: RunningStrapi;
let fake: FakeTwilio;
let writer: string;
let casey: number;
const tokens: Record<string, string> = {};
const as = (who: 'owner' | 'admin' | 'sam') => ({ Authorization: `Bearer ${tokens[who]}` });
const knex = () => app.strapi.db.connection;
const count = async (table: string, where: Record<string, unknown> = {}) => Number((await knex()(table).where(where).count({ n: '*' }))[0].n);
const samSends = (text: string) => app.http.post(`/api/conversations/${casey}/messages`).set(as('sam')).send({ idempotencyKey: randomUUID(), routeType: 'SITTER_TO_CLIENT', bodyHtml: `<p>${text}</p>` });
const owner = { id: 1, displayName: 'Olivia Owner' };

beforeAll(async () => {
  fake = await startFakeTwilio();
  app = await startStrapi();
  const actions = ['find', 'findOne', 'create', 'update', 'delete'].map((a) => `plugin::assignments.booking.${a}`);
  writer = (await app.strapi.service('admin::api-token').create({ name: 'readiness gate test', description: 'readiness gate test', type: 'custom', lifespan: null, permissions: actions })).accessKey;
  tokens.owner = await adminLogin(app.http, demo.owner);
  tokens.admin = await adminLogin(app.http, demo.admin);
  tokens.sam = await appLogin(app.http, demo.sitter);
  casey = Number((await knex()('conversation').where({ kind: 'client', client_phone: CASEY, business_number: SAM_NUMBER }).first('id')).id);
  // Riley's past booking holds its pool number for the grace period: cancelled, it frees it for the booking below.
  await knex()('booking').where({ number_e_164: '+14155550140' }).update({ status: 'cancelled' });
});

afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

it('a Messaging Admin views the wizard but may not run a step or finish (403); a sitter’s app token is refused on every /setup route', async () => {
  expect((await app.http.get('/setup').set(as('admin'))).status).toBe(200);
  const stepped = await app.http.post('/setup/steps/connect_provider').set(as('admin')).send({ accountSid: fake.accountSid, authToken: fake.authToken, apiBaseUrl: fake.url });
  expect(stepped.status).toBe(403);
  expect((await app.http.post('/setup/steps/pool_numbers').set(as('admin')).send({ mode: 'skip' })).status).toBe(403);
  expect((await app.http.post('/setup/finish').set(as('admin')).send({})).status).toBe(403);
  expect(fake.state.requests).toHaveLength(0);

  const routes: Array<[string, string]> = [['get', '/setup'], ['post', '/setup/steps/connect_provider'], ['post', '/setup/finish'], ['get', '/setup/settings'], ['put', '/setup/settings'], ['get', '/setup/status'], ['get', '/setup/available?areaCode=415']];
  for (const [method, path] of routes) {
    const res = await (app.http as any)[method](path).set(as('sam')).send({});
    expect([method, path, res.status]).toEqual([method, path, 401]);
  }
  expect(await knex()('audit_event').where('action', 'like', 'setup.%').count({ n: '*' })).toEqual([{ n: '0' }]);
});

describe('connected to a real provider, setup not finished', () => {
  let blocked: string;

  beforeAll(async () => {
    // On the demo's sandbox (set up), Sam's send with a phone number is blocked and waits for the Owner's review…
    const sent = await samSends('My cell is four one five, 555 . Ol88 — text me there');
    expect(sent.body.data.state).toBe('blocked');
    blocked = sent.body.data.id;
    // …then the Owner connects a Twilio account (Provider Settings' service): the gate closes until the wizard finishes.
    const connected = await app.strapi.plugin('provider').service('settings').connectTwilio({ accountSid: fake.accountSid, authToken: fake.authToken, apiBaseUrl: fake.url, webhookBaseUrl: app.baseUrl }, owner);
    expect(connected.connected).toBe(true);
    expect((await app.http.get('/setup').set(as('owner'))).body.data).toMatchObject({ mode: 'twilio', ready: false });
  });

  it('refuses a sitter’s send to a client (SITTER_TO_CLIENT) with 409, writing and sending nothing', async () => {
    const before = await count('message', { conversation_id: casey });
    const res = await samSends('See you at 3.');
    expect([res.status, res.body.error.message, res.body.data]).toEqual([409, SETUP_INCOMPLETE, null]);
    expect(await count('message', { conversation_id: casey })).toBe(before);
    expect(fake.state.messages).toHaveLength(0);
  });

  it('refuses an automation’s send to a client (AUTOMATION_TO_CLIENT): the run fails with the sentence, nothing is written or sent', async () => {
    const confirmation = (await app.http.get('/automations?status=active').set(as('owner'))).body.data.find((a: any) => a.name === 'Booking confirmation');
    const client = await app.strapi.plugin('people').service('clients').create({ firstName: 'Gated', lastName: 'Tester', phone: '+14155569001' });
    const res = await app.http
      .post('/api/assignments/bookings')
      .set({ Authorization: `Bearer ${writer}` })
      .send({ data: { kind: 'one_time', client: client.id, startsAt: new Date(Date.now() + 30 * 3_600_000).toISOString(), endsAt: new Date(Date.now() + 32 * 3_600_000).toISOString() } });
    expect(res.status).toBe(201);
    const booking = res.body.data;
    const execution = await until(async () => (await app.http.get(`/automations/${confirmation.id}/executions?pageSize=200`).set(as('owner'))).body.data.find((e: any) => e.trigger.subject.id === booking.documentId && e.status !== 'queued'));
    expect(execution).toMatchObject({ status: 'failed', error: expect.stringContaining(SETUP_INCOMPLETE) });
    expect(await count('message', { conversation_id: Number(booking.conversationId), route_type: 'AUTOMATION_TO_CLIENT' })).toBe(0);
    expect(fake.state.messages).toHaveLength(0);
    await app.strapi.documents('plugin::assignments.booking' as any).update({ documentId: booking.documentId, data: { status: 'cancelled' } as any });
  });

  it('refuses the Owner’s approval of a blocked message (its release is an SMS to a client); it goes through once the gate opens', async () => {
    const violation = (await app.http.get(`/policy/violations?conversationId=${casey}`).set(as('owner'))).body.data.find((v: any) => v.messageId === blocked);
    const refused = await app.http.post(`/policy/violations/${violation.id}/approve`).set(as('owner')).send({ reason: 'It is the office line.' });
    expect([refused.status, refused.body.error.message]).toEqual([409, SETUP_INCOMPLETE]);
    expect(await knex()('message').where({ ordering_key: blocked }).first('state')).toEqual({ state: 'blocked' });
    expect(await count('outbound_message', { message_ref: blocked })).toBe(0);
    expect((await app.http.get(`/policy/violations?conversationId=${casey}`).set(as('owner'))).body.data.find((v: any) => v.id === violation.id).status).toBe('open');

    // Back on the sandbox (set up), the same approval releases it once.
    expect((await app.http.post('/provider/settings/sandbox').set(as('owner')).send({})).status).toBe(200);
    const approved = await app.http.post(`/policy/violations/${violation.id}/approve`).set(as('owner')).send({ reason: 'It is the office line.' });
    expect(approved.status).toBe(200);
    expect(await count('outbound_message', { message_ref: blocked })).toBe(1);
  });
});
