import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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

async function connect(webhookBaseUrl = app.baseUrl) {
  return settings().connectTwilio(
    { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: fake.url, webhookBaseUrl, frontDeskNumber: FRONT_DESK },
    { id: 1, displayName: 'Olivia Owner' },
  );
}

/**
 * Every describe block that needs the fake Twilio connects it itself, so a block run alone (`-t`) tests what it
 * says: a webhook refused while the sandbox is in use proves nothing about signatures (the sandbox refuses them all).
 */
async function connected(webhookBaseUrl = app.baseUrl) {
  const result = await connect(webhookBaseUrl);
  // What the setup wizard's finish does (issue 22): sends to clients open on the connected account.
  if (result.connected) await app.strapi.plugin('provider').service('readiness').complete({ id: 1, displayName: 'Olivia Owner' });
  expect(result.connected).toBe(true);
  expect((await settings().publicView()).provider).toBe('twilio');
}

/** Polls until `done` holds or the time is up; returns whether it held. */
async function until(done: () => Promise<boolean>, timeoutMs: number, everyMs = 200): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await done()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
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
    // A phone no demo client has (the demo's clients have threads of their own).
    const reply = await app.http.post('/provider/sandbox/phone/reply').set(owner()).send({ from: '+14155550193', body: 'Hello from the virtual phone' });
    expect(reply.status).toBe(202);
    const thread = await knex()('conversation').where({ kind: 'client', client_phone: '+14155550193' }).first();
    expect(thread.business_number).toBe('+14155550100');
    const pushed = await staff.waitFor('message:new', (p) => p.message.conversationId === String(thread.id));
    expect(pushed.message.bodyText).toBe('Hello from the virtual phone');

    const sent = await staffSends(String(thread.id), 'Hi! This is Acme Pets.');
    await staff.waitFor('message:updated', (p) => p.message.id === sent.id && p.message.state === 'delivered', 15_000);
    const phone = await app.http.get('/provider/sandbox/phone?phoneNumber=%2B14155550193').set(owner());
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
  beforeAll(() => connected());

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
    // Not vacuous: the provider is connected, so only the signature can be the reason for the 403.
    expect((await settings().publicView()).provider).toBe('twilio');
    const before = Number((await knex()('message').count({ n: '*' }))[0].n);
    const answer = await fake.controls.sendInbound({ from: '+14155550182', to: FRONT_DESK, body: 'let me in', url: `${app.baseUrl}${SMS_PATH}`, ...override });
    expect(answer.status).toBe(403);
    expect(Number((await knex()('message').count({ n: '*' }))[0].n)).toBe(before);
    expect(await knex()('conversation').where({ client_phone: '+14155550182' }).first()).toBeUndefined();
  });

  it('refuses a request signed for another URL or another body', async () => {
    expect((await settings().publicView()).provider).toBe('twilio');
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

describe('status webhook', () => {
  // The public address the provider calls (a TLS proxy in production) is held here: it takes the fake Twilio's
  // own status callbacks and forwards none, so the message stays where the send left it and only the callbacks
  // this test posts can move it.
  let publicAddress: Server;
  let publicUrl: string;
  const held: string[] = [];
  let sent: { id: string };
  let providerMessageId: string;
  const states = async () => {
    const out = await knex()('outbound_message').where({ message_ref: sent.id }).first();
    const msg = await knex()('message').where({ ordering_key: sent.id }).first();
    return { outbound: out.status, message: msg.state };
  };
  const callback = (status: string) => ({ MessageSid: providerMessageId, SmsSid: providerMessageId, AccountSid: ACCOUNT_SID, From: FRONT_DESK, To: '+14155550191', MessageStatus: status, SmsStatus: status, ApiVersion: '2010-04-01' });

  beforeAll(async () => {
    publicAddress = createServer((req, res) => {
      held.push(req.url ?? '');
      req.resume();
      req.on('end', () => res.end());
    });
    await new Promise<void>((resolve) => publicAddress.listen(0, '127.0.0.1', resolve));
    publicUrl = `http://127.0.0.1:${(publicAddress.address() as AddressInfo).port}`;
    await connected();
    const conversationId = await clientTexts('+14155550191', 'Status callback test');
    await connected(publicUrl);
    sent = await staffSends(conversationId, 'Did this arrive?');
    await staff.waitFor('message:updated', (p) => p.message.id === sent.id, 15_000);
    expect(await until(async () => Boolean((await knex()('outbound_message').where({ message_ref: sent.id }).first())?.provider_message_id), 15_000)).toBe(true);
    providerMessageId = (await knex()('outbound_message').where({ message_ref: sent.id }).first()).provider_message_id;
    // The fake has attempted every callback for this message (queued, sent, delivered): all held, none forwarded.
    await fake.controls.idle();
    expect(held.filter((u) => u.endsWith(STATUS_PATH)).length).toBeGreaterThanOrEqual(3);
    expect(await states()).toEqual({ outbound: 'queued', message: 'queued' });
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => publicAddress.close(() => resolve()));
  });

  it.each([
    ['missing', null],
    ['forged', 'forged-signature'],
    ['made with another auth token', 'other'],
    ['made for another URL', 'elsewhere'],
  ])('refuses a callback whose signature is %s with 403 and changes nothing', async (_label, kind) => {
    expect((await settings().publicView()).provider).toBe('twilio');
    const params = callback('delivered');
    const signature =
      kind === 'other'
        ? twilio.getExpectedTwilioSignature('another-auth-token-0123456789ab', `${publicUrl}${STATUS_PATH}`, params)
        : kind === 'elsewhere'
          ? twilio.getExpectedTwilioSignature(AUTH_TOKEN, `https://elsewhere.example${STATUS_PATH}`, params)
          : kind;
    const before = staff.events.length;
    const request = app.http.post(STATUS_PATH).type('form');
    const res = await (signature === null ? request : request.set('X-Twilio-Signature', signature)).send(params);
    expect(res.status).toBe(403);
    expect(await states()).toEqual({ outbound: 'queued', message: 'queued' });
    expect(staff.events.slice(before).filter((e) => e.event === 'message:updated' && e.payload.message.id === sent.id)).toEqual([]);
  });

  it('refuses a correctly signed callback whose body was changed after signing', async () => {
    const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${publicUrl}${STATUS_PATH}`, callback('sent'));
    const res = await app.http.post(STATUS_PATH).type('form').set('X-Twilio-Signature', signature).send(callback('delivered'));
    expect(res.status).toBe(403);
    expect(await states()).toEqual({ outbound: 'queued', message: 'queued' });
  });

  it('applies a correctly signed callback and tells staff', async () => {
    const params = callback('delivered');
    const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${publicUrl}${STATUS_PATH}`, params);
    const res = await app.http.post(STATUS_PATH).type('form').set('X-Twilio-Signature', signature).send(params);
    expect(res.status).toBe(200);
    expect(await states()).toEqual({ outbound: 'delivered', message: 'delivered' });
    await staff.waitFor('message:updated', (p) => p.message.id === sent.id && p.message.state === 'delivered');
  });

  /** Every row a status callback could add to, in any plugin: a replayed callback must add to none of them. */
  const rowCounts = async () => {
    const counts: Record<string, number> = {};
    for (const table of ['outbound_message', 'message', 'audit_event', 'compliance_delivery_failure']) counts[table] = Number((await knex()(table).count({ n: '*' }))[0].n);
    return counts;
  };
  const post = (params: Record<string, string>) =>
    app.http.post(STATUS_PATH).type('form').set('X-Twilio-Signature', twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${publicUrl}${STATUS_PATH}`, params)).send(params);

  it('changes nothing for duplicate and out-of-order callbacks after the final one', async () => {
    const rowsBefore = await rowCounts();
    const before = staff.events.length;
    for (const status of ['delivered', 'sent', 'queued', 'delivered', 'undelivered']) expect((await post(callback(status))).status).toBe(200);
    expect((await Promise.all([post(callback('delivered')), post(callback('sent')), post(callback('delivered'))])).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await states()).toEqual({ outbound: 'delivered', message: 'delivered' });
    expect(await rowCounts()).toEqual(rowsBefore);
    await new Promise((r) => setTimeout(r, 300));
    expect(staff.events.slice(before).filter((e) => e.event === 'message:updated' && e.payload.message.id === sent.id)).toEqual([]);
  });

  it('moves a message forward once when the same callback arrives twice at once, and a late earlier step changes nothing', async () => {
    // A second message, its callbacks held like the first one's: still `queued` here.
    const conversationId = String((await knex()('conversation').where({ kind: 'client', client_phone: '+14155550191' }).first()).id);
    const second = await staffSends(conversationId, 'And this one?');
    expect(await until(async () => Boolean((await knex()('outbound_message').where({ message_ref: second.id }).first())?.provider_message_id), 15_000)).toBe(true);
    await fake.controls.idle();
    const sid = (await knex()('outbound_message').where({ message_ref: second.id }).first()).provider_message_id;
    const params = (status: string) => ({ ...callback(status), MessageSid: sid, SmsSid: sid });
    const rowsBefore = await rowCounts();
    const before = staff.events.length;
    const answers = await Promise.all([post(params('delivered')), post(params('delivered')), post(params('delivered'))]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await post(params('sent'))).status).toBe(200);
    const outboundRow = await knex()('outbound_message').where({ message_ref: second.id }).first();
    const message = await knex()('message').where({ ordering_key: second.id }).first();
    expect([outboundRow.status, message.state]).toEqual(['delivered', 'delivered']);
    expect(await rowCounts()).toEqual(rowsBefore);
    await new Promise((r) => setTimeout(r, 300));
    // One change, told once.
    expect(staff.events.slice(before).filter((e) => e.event === 'message:updated' && e.payload.message.id === second.id).map((e) => e.payload.message.state)).toEqual(['delivered']);
  });
});

describe('outbound delivery', () => {
  beforeAll(() => connected());

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

  it('opens the circuit breaker in a long outage, holds queued sends without spending their attempts, and sends each once after it closes', async () => {
    const conversationId = await clientTexts('+14155550188', 'Breaker test');
    const rowsOf = async (ids: string[]) => {
      const rows = await knex()('outbound_message').whereIn('message_ref', ids).select('id', 'message_ref', 'status', 'attempts', 'dead_lettered');
      return new Map<string, any>(rows.map((r: any) => [String(r.message_ref), r]));
    };
    // How many times the delivery worker has run a job for this row (each hold ends one job and queues the next).
    const jobsRun = async (outboundId: number) =>
      Number((await knex().raw(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'provider-delivery' AND singleton_key = ? AND state = 'completed'`, [`outbound-${outboundId}`])).rows[0].n);

    fake.controls.outage(1_000, 503);
    const early = [await staffSends(conversationId, 'one'), await staffSends(conversationId, 'two'), await staffSends(conversationId, 'three')];
    expect(await until(async () => (await settings().publicView()).breaker.status === 'open', 20_000)).toBe(true);
    // Keep it open while we watch (the test cooldown is short); it closes below by cooling down as usual.
    const opened = (await settings().row()).breaker;
    await settings().saveBreaker({ ...opened, openedAt: Date.now() + 120_000 });
    const requestsAtOpen = fake.state.requests.length;

    // Sends made while the breaker is open are held too.
    const late = [await staffSends(conversationId, 'four'), await staffSends(conversationId, 'five')];
    const all = [...early, ...late];
    const atOpen = await rowsOf(all.map((m) => m.id));
    // A row dead-lettered before the breaker opened spent its three attempts against the provider, not while held.
    const held = all.filter((m) => !atOpen.get(m.id).dead_lettered);
    expect(held.length).toBeGreaterThanOrEqual(all.length - 1);
    for (const m of late) expect(atOpen.get(m.id).attempts).toBe(0);

    // Watch until the worker has taken up every held row's job at least twice while open: no attempt is spent.
    const jobsAtOpen = new Map<string, number>();
    for (const m of held) jobsAtOpen.set(m.id, await jobsRun(atOpen.get(m.id).id));
    const spent = new Set<string>();
    const watched = await until(async () => {
      const now = await rowsOf(held.map((m) => m.id));
      for (const m of held) if (now.get(m.id).attempts !== atOpen.get(m.id).attempts) spent.add(`${m.bodyText}: ${atOpen.get(m.id).attempts} → ${now.get(m.id).attempts}`);
      if ((await settings().publicView()).breaker.status !== 'open') return true;
      for (const m of held) if ((await jobsRun(atOpen.get(m.id).id)) < jobsAtOpen.get(m.id)! + 2) return false;
      return true;
    }, 30_000, 250);
    expect([...spent]).toEqual([]);
    expect(watched).toBe(true);
    expect((await settings().publicView()).breaker.status).toBe('open');
    expect(fake.state.requests.length).toBe(requestsAtOpen);
    for (const m of held) expect(['queued', 'retrying']).toContain((await rowsOf([m.id])).get(m.id).status);

    // The provider recovers; the breaker cools down, lets one probe through, closes, and the held sends go out.
    fake.controls.reset();
    await settings().saveBreaker({ ...opened, openedAt: Date.now() });
    for (const m of held) await staff.waitFor('message:updated', (p) => p.message.id === m.id && p.message.state === 'delivered', 30_000);
    const after = await rowsOf(held.map((m) => m.id));
    // Exactly one more attempt each: the send after the breaker closed.
    for (const m of held) expect([m.bodyText, after.get(m.id).attempts]).toEqual([m.bodyText, atOpen.get(m.id).attempts + 1]);
    for (const m of held) expect(fake.state.messages.filter((x: any) => x.to === '+14155550188' && x.body === m.bodyText)).toHaveLength(1);
    expect((await settings().publicView()).breaker.status).toBe('closed');

    for (const m of all.filter((x) => atOpen.get(x.id).dead_lettered)) {
      // Spent its three attempts before the breaker opened: the owner's retry delivers it.
      expect(atOpen.get(m.id).attempts).toBe(3);
      expect((await app.http.post(`/provider/deliveries/${atOpen.get(m.id).id}/retry`).set(owner())).status).toBe(202);
      await staff.waitFor('message:updated', (p) => p.message.id === m.id && p.message.state === 'delivered', 30_000);
    }
    for (const body of ['one', 'two', 'three', 'four', 'five']) expect(fake.state.messages.filter((x: any) => x.to === '+14155550188' && x.body === body)).toHaveLength(1);
  });
});

describe('a restart mid-queue', () => {
  beforeAll(() => connected());

  it('loses nothing and sends nothing twice', async () => {
    const conversationId = await clientTexts('+14155550189', 'Restart test');
    // Hold the queue: an open breaker postpones every job without spending attempts. It stays open across the
    // restart: the new node starts its delivery worker while Strapi loads, before it listens, and the fake's status
    // callbacks (20 ms after a send) would otherwise find nobody listening if the cooldown ran out during the boot.
    await settings().saveBreaker({ status: 'open', consecutiveFailures: 3, openedAt: Date.now() + 600_000 });
    const queued = [await staffSends(conversationId, 'r1'), await staffSends(conversationId, 'r2'), await staffSends(conversationId, 'r3')];
    staff.close();
    // The provider calls back on the public address, which stays the same across a restart.
    const port = Number(new URL(app.baseUrl).port);
    await app.stop();

    app = await startStrapi(port);
    ownerToken = await adminLogin(app.http, demo.owner);
    expect((await knex()('outbound_message').whereIn('message_ref', queued.map((m) => m.id)).select('attempts')).map((r: any) => r.attempts)).toEqual([0, 0, 0]);
    // Listening again: the breaker cools down as usual and lets the held sends go.
    await settings().saveBreaker({ status: 'open', consecutiveFailures: 3, openedAt: Date.now() });
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
