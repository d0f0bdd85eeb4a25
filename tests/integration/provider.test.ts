import { randomUUID } from 'node:crypto';
import twilio from 'twilio';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, demo } from '../helpers/accounts';
import { connectSocket, type RecordingSocket } from '../helpers/sockets';
import { startFakeTwilio, type FakeTwilio } from '../fakes/twilio';

// The real TwilioProvider, on the real twilio SDK, against the protocol-faithful fake Twilio.
const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const AUTH_TOKEN = 'fake-auth-token-0123456789abcdef';
const FRONT_DESK = '+14155550100';
const SMS_PATH = '/api/messaging/webhooks/twilio/sms';
const STATUS_PATH = '/api/messaging/webhooks/twilio/status';

let app: RunningStrapi;
let fake: FakeTwilio;
let ownerToken: string;
let staff: RecordingSocket;
const sockets: RecordingSocket[] = [];

const settings = () => app.strapi.plugin('provider').service('settings');
const outbound = () => app.strapi.plugin('provider').service('outbound');
const knex = () => app.strapi.db.connection;
const owner = () => ({ Authorization: `Bearer ${ownerToken}` });

async function connect() {
  return settings().connectTwilio(
    { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: fake.url, webhookBaseUrl: app.baseUrl, frontDeskNumber: FRONT_DESK },
    { id: 1, displayName: 'Olivia Owner' },
  );
}

/** A client texts the business through the fake; resolves with the client thread's id. */
async function clientTexts(from: string, body: string): Promise<string> {
  const answer = await fake.controls.sendInbound({ from, to: FRONT_DESK, body, url: `${app.baseUrl}${SMS_PATH}` });
  expect(answer.status).toBe(200);
  const row = await knex()('conversation').where({ kind: 'client', client_phone: from }).first();
  return String(row.id);
}

async function staffSends(conversationId: string, body: string) {
  const res = await app.http
    .post(`/messaging/conversations/${conversationId}/messages`)
    .set(owner())
    .send({ idempotencyKey: randomUUID(), routeType: 'STAFF_TO_CLIENT', bodyHtml: body });
  expect(res.status).toBe(201);
  return res.body.data;
}

beforeAll(async () => {
  fake = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  fake.controls.ownNumber(FRONT_DESK);
  app = await startStrapi();
  ownerToken = await adminLogin(app.http, demo.owner);
  staff = await connectSocket(app.baseUrl, ownerToken);
  sockets.push(staff);
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await app?.stop();
  await fake?.close();
});

describe('the sandbox provider (the embedded default)', () => {
  it('lets a person play a client on the virtual phone, through the same inbound path, and reads the reply', async () => {
    expect((await settings().publicView()).provider).toBe('sandbox');
    const reply = await app.http.post('/provider/sandbox/phone/reply').set(owner()).send({ from: '+14155550161', body: 'Hello from the virtual phone' });
    expect(reply.status).toBe(202);
    const thread = await knex()('conversation').where({ kind: 'client', client_phone: '+14155550161' }).first();
    expect(thread.business_number).toBe('+14155550100');
    const pushed = await staff.waitFor('message:new', (p) => p.message.conversationId === String(thread.id));
    expect(pushed.message.bodyText).toBe('Hello from the virtual phone');

    const sent = await staffSends(String(thread.id), 'Hi! This is Acme Pets.');
    await staff.waitFor('message:updated', (p) => p.message.id === sent.id && p.message.state === 'delivered', 15_000);
    const phone = await app.http.get('/provider/sandbox/phone?phoneNumber=%2B14155550161').set(owner());
    expect(phone.body.data.map((m: any) => [m.direction, m.body])).toEqual([
      ['from_phone', 'Hello from the virtual phone'],
      ['to_phone', 'Hi! This is Acme Pets.'],
    ]);
  });

  it('refuses a virtual-phone reply without a valid number, with a sentence', async () => {
    const res = await app.http.post('/provider/sandbox/phone/reply').set(owner()).send({ from: '12', body: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Enter the client phone number in international format, like +14155550199.');
  });

  it('never trusts a webhook while the sandbox is in use', async () => {
    const res = await app.http.post(SMS_PATH).set('X-Twilio-Signature', 'anything').type('form').send({ MessageSid: 'SM1', From: '+14155550162', To: FRONT_DESK, Body: 'x' });
    expect(res.status).toBe(403);
  });

  it('keeps provider settings from a Messaging Admin who may only view them', async () => {
    const adminToken = await adminLogin(app.http, demo.admin);
    expect((await app.http.get('/provider/settings').set({ Authorization: `Bearer ${adminToken}` })).status).toBe(200);
    expect((await app.http.post('/provider/settings/twilio').set({ Authorization: `Bearer ${adminToken}` }).send({})).status).toBe(403);
    expect((await app.http.post('/provider/deliveries/1/retry').set({ Authorization: `Bearer ${adminToken}` })).status).toBe(403);
  });
});

describe('connecting the provider', () => {
  it('refuses wrong credentials with a sentence and stays on the sandbox', async () => {
    const result = await settings().connectTwilio({ accountSid: ACCOUNT_SID, authToken: 'wrong-token-0123456789', apiBaseUrl: fake.url }, { id: 1, displayName: 'Olivia Owner' });
    expect(result.connected).toBe(false);
    expect(result.check.problems.join(' ')).toMatch(/\.$/);
    expect((await settings().publicView()).provider).toBe('sandbox');
  });

  it('connects, stores the token encrypted, and shows it only masked', async () => {
    const result = await connect();
    expect(result.connected).toBe(true);
    const row = await knex()('provider_setting').first();
    expect(row.auth_token_encrypted).toMatch(/^v1:/);
    expect(JSON.stringify(row)).not.toContain(AUTH_TOKEN);
    const view = await app.http.get('/provider/settings').set(owner());
    expect(view.status).toBe(200);
    expect(view.body.data.provider).toBe('twilio');
    expect(JSON.stringify(view.body)).not.toContain(AUTH_TOKEN);
    expect(view.body.data.accountSid).not.toBe(ACCOUNT_SID);
  });

  it('searches, buys, imports and installs webhooks through the SDK', async () => {
    const provider = await settings().provider();
    const available = await provider.searchAvailableNumbers({ areaCode: '415', limit: 3 });
    expect(available.length).toBeGreaterThan(0);
    const urls = await settings().webhookUrls();
    const bought = await provider.buyNumber(available[0].e164, urls);
    expect(bought.e164).toBe(available[0].e164);
    const imported = await provider.importNumber({ e164: FRONT_DESK });
    await provider.installWebhooks(imported, urls);
    const installed = fake.state.numbers.find((n: any) => n.phoneNumber === FRONT_DESK || n.phone_number === FRONT_DESK);
    expect(JSON.stringify(installed)).toContain(SMS_PATH);
    await expect(provider.importNumber({ e164: '+14155550177' })).rejects.toThrow('is not a number on your provider account.');
  });
});

describe('inbound webhook', () => {
  it('lands a signed inbound SMS in the owner inbox, once, and tells staff at once', async () => {
    const conversationId = await clientTexts('+14155550181', 'Hi, is Rex booked for Friday?');
    const pushed = await staff.waitFor('message:new', (p) => p.message.conversationId === conversationId);
    expect(pushed.message).toMatchObject({ routeType: 'CLIENT_INBOUND', bodyText: 'Hi, is Rex booked for Friday?', sender: { role: 'client' } });
    const count = async () => Number((await knex()('message').where({ conversation_id: Number(conversationId) }).count({ n: '*' }))[0].n);
    expect(await count()).toBe(1);

    const sid = `SM${'d'.repeat(32)}`;
    const first = await fake.controls.sendInbound({ from: '+14155550181', to: FRONT_DESK, body: 'again', url: `${app.baseUrl}${SMS_PATH}`, messageSid: sid });
    const repeat = await fake.controls.sendInbound({ from: '+14155550181', to: FRONT_DESK, body: 'again', url: `${app.baseUrl}${SMS_PATH}`, messageSid: sid });
    expect([first.status, repeat.status]).toEqual([200, 200]);
    expect(await count()).toBe(2);
  });

  it.each([
    ['forged', { signature: 'forged-signature' }],
    ['missing', { signature: null }],
  ])('refuses a %s signature with 403 and stores nothing', async (_label, override) => {
    const before = Number((await knex()('message').count({ n: '*' }))[0].n);
    const answer = await fake.controls.sendInbound({ from: '+14155550182', to: FRONT_DESK, body: 'let me in', url: `${app.baseUrl}${SMS_PATH}`, ...override });
    expect(answer.status).toBe(403);
    expect(Number((await knex()('message').count({ n: '*' }))[0].n)).toBe(before);
    expect(await knex()('conversation').where({ client_phone: '+14155550182' }).first()).toBeUndefined();
  });

  it('refuses a request signed for another URL or another body', async () => {
    const params = { MessageSid: `SM${'e'.repeat(32)}`, AccountSid: ACCOUNT_SID, From: '+14155550183', To: FRONT_DESK, Body: 'hello' };
    const forOtherUrl = twilio.getExpectedTwilioSignature(AUTH_TOKEN, 'https://elsewhere.example/api/messaging/webhooks/twilio/sms', params);
    const a = await app.http.post(SMS_PATH).set('X-Twilio-Signature', forOtherUrl).type('form').send(params);
    expect(a.status).toBe(403);
    const signedBody = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${app.baseUrl}${SMS_PATH}`, params);
    const b = await app.http.post(SMS_PATH).set('X-Twilio-Signature', signedBody).type('form').send({ ...params, Body: 'tampered' });
    expect(b.status).toBe(403);
    expect(await knex()('conversation').where({ client_phone: '+14155550183' }).first()).toBeUndefined();
  });
});

describe('outbound delivery', () => {
  it('sends through the provider and reports queued → delivered as message:updated', async () => {
    const conversationId = await clientTexts('+14155550184', 'Can you text me back?');
    const sent = await staffSends(conversationId, 'Yes — Rex is booked for Friday.');
    expect(sent.state).toBe('queued');
    const delivered = await staff.waitFor('message:updated', (p) => p.message.id === sent.id && p.message.state === 'delivered', 15_000);
    expect(delivered.message.bodyText).toBe('Yes — Rex is booked for Friday.');
    expect(fake.state.messages.filter((m: any) => m.to === '+14155550184')).toHaveLength(1);
  });

  it('reports undelivered 30003 with its human sentence', async () => {
    fake.controls.failDeliveryTo('+14155550185', 30003);
    const conversationId = await clientTexts('+14155550185', 'My phone is off');
    const sent = await staffSends(conversationId, 'Are you there?');
    await staff.waitFor('message:updated', (p) => p.message.id === sent.id && p.message.state === 'undelivered', 15_000);
    const row = await knex()('outbound_message').where({ message_ref: sent.id }).first();
    expect(row.error_code).toBe(30003);
    expect(row.error_message).toMatch(/\.$/);
    expect(row.error_message).not.toMatch(/twilio/i);
  });

  it('retries through a short outage and sends exactly once', async () => {
    const conversationId = await clientTexts('+14155550186', 'Outage test');
    fake.controls.outage(2, 500);
    const sent = await staffSends(conversationId, 'This should arrive once');
    await staff.waitFor('message:updated', (p) => p.message.id === sent.id && p.message.state === 'delivered', 20_000);
    expect(fake.state.messages.filter((m: any) => m.to === '+14155550186')).toHaveLength(1);
    const row = await knex()('outbound_message').where({ message_ref: sent.id }).first();
    expect(row.attempts).toBe(3);
  });

  it('dead-letters after three failed attempts; an owner sees it and retries it', async () => {
    await settings().saveBreaker({ status: 'closed', consecutiveFailures: 0, openedAt: null });
    const conversationId = await clientTexts('+14155550187', 'Dead letter test');
    fake.controls.outage(3, 500);
    const sent = await staffSends(conversationId, 'Try, try, try again');
    await staff.waitFor('message:updated', (p) => p.message.id === sent.id && p.message.state === 'failed', 20_000);
    const dead = await app.http.get('/provider/deliveries/dead-letters').set(owner());
    const letter = dead.body.data.find((d: any) => d.messageRef === sent.id);
    expect(letter).toMatchObject({ attempts: 3, deadLettered: true });
    expect(fake.state.messages.filter((m: any) => m.to === '+14155550187')).toHaveLength(0);
    await settings().saveBreaker({ status: 'closed', consecutiveFailures: 0, openedAt: null });
    const retried = await app.http.post(`/provider/deliveries/${letter.id}/retry`).set(owner());
    expect(retried.status).toBe(202);
    await staff.waitFor('message:updated', (p) => p.message.id === sent.id && p.message.state === 'delivered', 20_000);
    expect(fake.state.messages.filter((m: any) => m.to === '+14155550187')).toHaveLength(1);
  });

  it('opens the circuit breaker in a long outage, then delivers everything once after recovery', async () => {
    await settings().saveBreaker({ status: 'closed', consecutiveFailures: 0, openedAt: null });
    const conversationId = await clientTexts('+14155550188', 'Breaker test');
    fake.controls.outage(1_000, 503);
    const messages = [await staffSends(conversationId, 'one'), await staffSends(conversationId, 'two')];
    const deadline = Date.now() + 15_000;
    while ((await settings().publicView()).breaker.status !== 'open' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect((await settings().publicView()).breaker.status).toBe('open');
    fake.controls.reset();
    for (const m of messages) {
      const final = await staff.waitFor('message:updated', (p) => p.message.id === m.id && ['delivered', 'failed'].includes(p.message.state), 30_000);
      if (final.message.state === 'failed') {
        // Spent its three attempts during the outage: the owner's retry delivers it.
        const row = await knex()('outbound_message').where({ message_ref: m.id }).first();
        expect((await app.http.post(`/provider/deliveries/${row.id}/retry`).set(owner())).status).toBe(202);
        await staff.waitFor('message:updated', (p) => p.message.id === m.id && p.message.state === 'delivered', 30_000);
      }
    }
    for (const body of ['one', 'two']) expect(fake.state.messages.filter((x: any) => x.to === '+14155550188' && x.body === body)).toHaveLength(1);
    expect((await settings().publicView()).breaker.status).toBe('closed');
  });
});

describe('a restart mid-queue', () => {
  it('loses nothing and sends nothing twice', async () => {
    const conversationId = await clientTexts('+14155550189', 'Restart test');
    // Hold the queue: an open breaker postpones every job without spending attempts.
    await settings().saveBreaker({ status: 'open', consecutiveFailures: 3, openedAt: Date.now() });
    const queued = [await staffSends(conversationId, 'r1'), await staffSends(conversationId, 'r2'), await staffSends(conversationId, 'r3')];
    staff.close();
    // The provider calls back on the public address, which stays the same across a restart.
    const port = Number(new URL(app.baseUrl).port);
    await app.stop();

    app = await startStrapi(port);
    ownerToken = await adminLogin(app.http, demo.owner);
    const deadline = Date.now() + 30_000;
    const states = async () => (await knex()('message').whereIn('ordering_key', queued.map((m) => m.id)).select('state')).map((r: any) => r.state);
    while (!(await states()).every((s: string) => s === 'delivered') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(await states()).toEqual(['delivered', 'delivered', 'delivered']);
    for (const body of ['r1', 'r2', 'r3']) expect(fake.state.messages.filter((x: any) => x.to === '+14155550189' && x.body === body)).toHaveLength(1);
  });
});

describe('going back to the sandbox', () => {
  it('is refused to a Messaging Admin, and lets an owner switch back, forgetting the credentials, audited', async () => {
    const admin2 = await adminLogin(app.http, demo.admin2);
    const refused = await app.http.post('/provider/settings/sandbox').set('Authorization', `Bearer ${admin2}`);
    expect(refused.status).toBe(403);
    expect((await settings().publicView()).provider).toBe('twilio');

    const res = await app.http.post('/provider/settings/sandbox').set(owner());
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ provider: 'sandbox', accountSid: null, authToken: null, frontDeskNumber: '+14155550100' });
    const row = await knex()('provider_setting').first();
    expect(row.auth_token_encrypted).toBeNull();
    const audit = await knex()('audit_event').where({ action: 'provider.use_sandbox' });
    expect(audit).toHaveLength(1);
    expect(typeof audit[0].details === 'string' ? JSON.parse(audit[0].details) : audit[0].details).toMatchObject({ from: 'twilio' });

    // The virtual phone works again.
    const reply = await app.http.post('/provider/sandbox/phone/reply').set(owner()).send({ from: '+14155550162', body: 'Back on the sandbox' });
    expect(reply.status).toBe(202);
  });
});
