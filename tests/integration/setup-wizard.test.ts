// The setup wizard and the readiness gate (issue 22; OPS §3.9; API.md "Setup and system settings") on a real Strapi
// and Postgres, from an empty database without the demo, against the fake Twilio that the real twilio SDK talks to:
// wrong credentials fail step 1 with the spec's sentence; a step waits for the one before; a send to a client is
// refused until the finish while an inbound SMS still arrives; a full run buys the Front Desk number, imports two
// sitter numbers, skips pool numbers, installs the webhooks on every number (the fake records them) and proves them
// with a signed round trip, passes readiness and finishes; an interrupted wizard resumes where it stopped.
import { randomUUID } from 'node:crypto';
import { emptyDatabase, startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin } from '../helpers/accounts';
import { startFakeTwilio, type FakeTwilio } from '../fakes/twilio';

emptyDatabase();
process.env.SEED_DEMO = 'false';

const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const AUTH_TOKEN = 'fake-auth-token-0123456789abcdef';
const OWNER = { email: 'first.owner@example.test', password: 'First-Owner-1!' };
const SITTER_A = '+12065550101';
const SITTER_B = '+12065550102';
const CLIENT = '+14155557777';

let app: RunningStrapi;
let fake: FakeTwilio;
let token: string;
const as = () => ({ Authorization: `Bearer ${token}` });
const step = (key: string, body: Record<string, unknown> = {}) => app.http.post(`/setup/steps/${key}`).set(as()).send(body);
const wizard = async () => (await app.http.get('/setup').set(as())).body.data;
const statusOf = (view: any, key: string) => view.steps.find((s: any) => s.key === key).status;

beforeAll(async () => {
  fake = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, numbersPerArea: 40 });
  fake.controls.ownNumber(SITTER_A);
  fake.controls.ownNumber(SITTER_B);
  app = await startStrapi();
  // The first Owner, as an operator creates one on a new install (Strapi's admin users with the Owner role).
  const owner = await app.strapi.service('admin::role').findOne({ code: 'switchboard-owner' });
  await app.strapi.service('admin::user').create({ email: OWNER.email, firstname: 'First', lastname: 'Owner', password: OWNER.password, isActive: true, roles: [owner.id], registrationToken: null });
  token = await adminLogin(app.http, OWNER);
});

afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

it('starts on the sandbox, ready (the sandbox counts as set up), every step pending', async () => {
  const view = await wizard();
  expect(view).toMatchObject({ mode: 'sandbox', ready: true, current: 'connect_provider' });
  expect(view.steps.map((s: any) => [s.n, s.key, s.status, s.required])).toEqual([
    [1, 'connect_provider', 'pending', true],
    [2, 'verify_connectivity', 'pending', true],
    [3, 'front_desk_number', 'pending', true],
    [4, 'sitter_numbers', 'pending', false],
    [5, 'pool_numbers', 'pending', false],
    [6, 'webhooks', 'pending', true],
    [7, 'readiness', 'pending', true],
  ]);
});

it('wrong credentials fail step 1 with the sentence and save it failed; a later step stays closed', async () => {
  const res = await step('connect_provider', { accountSid: ACCOUNT_SID, authToken: 'the-wrong-token-0123456789', apiBaseUrl: fake.url, webhookBaseUrl: app.baseUrl });
  expect([res.status, res.body.error.message]).toEqual([400, 'Unable to connect to Twilio. Check Account SID and Auth Token.']);
  const view = await wizard();
  expect(view.steps[0]).toMatchObject({ status: 'failed', problem: 'Unable to connect to Twilio. Check Account SID and Auth Token.' });
  expect(view.mode).toBe('sandbox');
  const closed = await step('verify_connectivity');
  expect([closed.status, closed.body.error.message]).toEqual([409, 'Complete "Connect provider" first: each step opens once the one before it is done.']);
});

it('connected to a real provider, sends to clients are refused until the finish while inbound SMS arrive; the wizard resumes where it stopped', async () => {
  const connected = await step('connect_provider', { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: fake.url, webhookBaseUrl: app.baseUrl });
  expect(connected.status).toBe(200);
  expect(connected.body.data).toMatchObject({ mode: 'twilio', ready: false, current: 'verify_connectivity' });
  const verified = await step('verify_connectivity');
  expect(verified.body.data.steps[1]).toMatchObject({ status: 'complete', result: { checks: [{ name: 'Account access', ok: true }, { name: 'API permissions', ok: true }, { name: 'Account balance', ok: true }] } });

  const offers = (await app.http.get('/setup/available?areaCode=415').set(as())).body.data;
  expect(offers.length).toBeGreaterThan(0);
  const frontDesk = offers[0].e164;
  expect((await step('front_desk_number', { mode: 'buy', e164: frontDesk })).body.data.steps[2]).toMatchObject({ status: 'complete', result: { frontDesk } });

  // Interrupted here: a new sign-in finds the wizard at step 4.
  token = await adminLogin(app.http, OWNER);
  expect((await wizard()).current).toBe('sitter_numbers');

  // A client texts the new Front Desk number: it arrives (inbound is never gated)…
  const inbound = await fake.controls.sendInbound({ from: CLIENT, to: frontDesk, body: 'Are you open on Sunday?', url: `${app.baseUrl}/api/messaging/webhooks/twilio/sms` });
  expect(inbound.status).toBe(200);
  const thread = await app.strapi.db.connection('conversation').where({ kind: 'client', client_phone: CLIENT }).first('id');
  expect(thread).toBeTruthy();
  // …but the reply is refused until setup is finished, and nothing is written or sent.
  const before = Number((await app.strapi.db.connection('message').count({ n: '*' }))[0].n);
  const sentBefore = fake.state.messages.length;
  const reply = await app.http.post(`/messaging/conversations/${thread.id}/messages`).set(as()).send({ idempotencyKey: randomUUID(), routeType: 'STAFF_TO_CLIENT', bodyHtml: '<p>Yes, from 9 to 5.</p>' });
  expect([reply.status, reply.body.error.message]).toEqual([409, 'Setup incomplete. Complete required steps to continue.']);
  expect(Number((await app.strapi.db.connection('message').count({ n: '*' }))[0].n)).toBe(before);
  expect(fake.state.messages.length).toBe(sentBefore);
  const early = await app.http.post('/setup/finish').set(as()).send({});
  expect([early.status, early.body.error.message]).toEqual([409, 'Setup incomplete. Complete required steps to continue.']);
});

it('imports two sitter numbers, skips pool numbers, installs and proves the webhooks, passes readiness and finishes; then the reply goes out', async () => {
  const sitters = await step('sitter_numbers', { mode: 'import', numbers: [SITTER_A, SITTER_B] });
  expect(sitters.body.data.steps[3]).toMatchObject({ status: 'complete', result: { numbers: [{ number: SITTER_A, ok: true }, { number: SITTER_B, ok: true }] } });
  expect((await step('pool_numbers', { mode: 'skip' })).body.data.steps[4].status).toBe('skipped');

  const hooks = await step('webhooks');
  expect(hooks.status).toBe(200);
  expect(hooks.body.data.steps[5]).toMatchObject({ status: 'complete', result: { verified: true } });
  // The fake records the addresses set on every number.
  const urls = { sms: `${app.baseUrl}/api/messaging/webhooks/twilio/sms`, status: `${app.baseUrl}/api/messaging/webhooks/twilio/status` };
  for (const n of fake.state.numbers) expect([n.phoneNumber, n.smsUrl, n.statusCallback]).toEqual([n.phoneNumber, urls.sms, urls.status]);
  expect(fake.state.numbers).toHaveLength(3);

  const ready = await step('readiness');
  expect(ready.body.data.steps[6].result.checks.every((c: any) => c.ok)).toBe(true);
  const finished = await app.http.post('/setup/finish').set(as()).send({});
  expect(finished.status).toBe(200);
  expect(finished.body.data).toMatchObject({ ready: true, message: 'Messaging system is ready!', current: null });

  const thread = await app.strapi.db.connection('conversation').where({ kind: 'client', client_phone: CLIENT }).first('id');
  const reply = await app.http.post(`/messaging/conversations/${thread.id}/messages`).set(as()).send({ idempotencyKey: randomUUID(), routeType: 'STAFF_TO_CLIENT', bodyHtml: '<p>Yes, from 9 to 5.</p>' });
  expect(reply.status).toBe(201);
  expect(await app.strapi.db.connection('audit_event').where({ action: 'provider.setup_complete' }).count({ n: '*' })).toEqual([{ n: '1' }]);
});

it('refuses a step body with a mistake (400, the step unchanged) and an unknown step (404)', async () => {
  const bad = await step('pool_numbers', { mode: 'buy', areaCode: '41', quantity: 3 });
  expect([bad.status, bad.body.error.message]).toEqual([400, 'An area code is three digits, like 415.']);
  expect(statusOf(await wizard(), 'pool_numbers')).toBe('skipped');
  expect((await step('nonsense')).status).toBe(404);
});

it('a pool batch that partly fails reports each number and keeps the added ones; run again once fixed, it completes without adding twice', async () => {
  const POOL_A = '+12065550201';
  const POOL_B = '+12065550202';
  fake.controls.ownNumber(POOL_A);
  const partly = await step('pool_numbers', { mode: 'import', numbers: [POOL_A, POOL_B] });
  expect([partly.status, partly.body.error.message]).toEqual([400, '1 of 2 numbers were added; 1 failed. Fix them and run this step again: the added ones are kept.']);
  const saved = (await wizard()).steps[4];
  expect(saved.status).toBe('failed');
  expect(saved.result.numbers).toEqual([{ number: POOL_A, ok: true }, { number: POOL_B, ok: false, problem: expect.any(String) }]);
  expect(await app.strapi.db.connection('phone_number').where({ e_164: POOL_A, number_class: 'pool' }).count({ n: '*' })).toEqual([{ n: '1' }]);

  // The account gets the second number; the same batch again completes, the first one counted as already done.
  fake.controls.ownNumber(POOL_B);
  const again = await step('pool_numbers', { mode: 'import', numbers: [POOL_A, POOL_B] });
  expect(again.status).toBe(200);
  expect(again.body.data.steps[4]).toMatchObject({ status: 'complete', result: { numbers: [{ number: POOL_A, ok: true }, { number: POOL_B, ok: true }] } });
  expect(await app.strapi.db.connection('phone_number').whereIn('e_164', [POOL_A, POOL_B]).count({ n: '*' })).toEqual([{ n: '2' }]);
});

it('a bulk batch tells its progress while it runs (GET /setup, from the database, so any node answers), and nothing once it ends', async () => {
  const numbers = ['+12065550211', '+12065550212', '+12065550213'];
  for (const n of numbers) fake.controls.ownNumber(n);
  // Every provider answer takes 150 ms, so the batch is still running while the page asks.
  fake.controls.slowDown(150);
  try {
    // then(): supertest sends a request only once it is awaited or then'd.
    const running = step('pool_numbers', { mode: 'import', numbers }).then((answer) => answer);
    const seen: any[] = [];
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const progress = (await wizard()).progress;
      if (progress) seen.push(progress);
      if (progress?.done >= 2) break;
      await new Promise((r) => setTimeout(r, 30));
    }
    const done = await running;
    expect(done.status).toBe(200);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]).toMatchObject({ step: 'pool_numbers', total: 3 });
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort());
    expect(seen.some((p) => p.done >= 1 && p.done < 3 && p.added === p.done)).toBe(true);
    expect(done.body.data.progress).toBeNull();
    expect((await wizard()).progress).toBeNull();
  } finally {
    fake.controls.slowDown(0);
  }
});

it('a low balance passes the checks with a warning (OPS §3.9 step 2)', async () => {
  fake.controls.setBalance('2.50');
  const checked = await step('verify_connectivity');
  expect(checked.status).toBe(200);
  expect(checked.body.data.steps[1].result).toMatchObject({ warning: 'Your balance is low (2.50 USD). Add funds before going live.' });
  expect(checked.body.data.steps[1].result.checks.find((c: any) => c.name === 'Account balance')).toMatchObject({ ok: true, warning: true, detail: '2.50 USD' });
  fake.controls.setBalance('25.00');
});

/** Steps 2–7 again on the first account, with the numbers the inventory already has (each step re-checks them). */
async function setUpAgain() {
  const frontDesk = (await app.strapi.db.connection('phone_number').where({ number_class: 'front_desk' }).first('e_164')).e_164;
  for (const [key, body] of [
    ['verify_connectivity', {}],
    ['front_desk_number', { mode: 'import', number: frontDesk }],
    ['sitter_numbers', { mode: 'import', numbers: [SITTER_A, SITTER_B] }],
    ['pool_numbers', { mode: 'skip' }],
    ['webhooks', {}],
    ['readiness', {}],
  ] as const) {
    const res = await step(key, body);
    expect([key, res.status]).toEqual([key, 200]);
  }
  expect((await app.http.post('/setup/finish').set(as()).send({})).status).toBe(200);
}

it('new credentials reopen steps 2–7 and close the gate until they pass again on the new account (issue 22 gap 1)', async () => {
  const OTHER_SID = `AC${'fedcba9876543210'.repeat(2)}`;
  const other = await startFakeTwilio({ accountSid: OTHER_SID, authToken: 'other-auth-token-0123456789abcdef' });
  try {
    const moved = await step('connect_provider', { accountSid: OTHER_SID, authToken: other.authToken, apiBaseUrl: other.url, webhookBaseUrl: app.baseUrl });
    expect(moved.status).toBe(200);
    expect(moved.body.data).toMatchObject({ mode: 'twilio', ready: false, current: 'verify_connectivity' });
    expect(moved.body.data.steps.map((s: any) => s.status)).toEqual(['complete', 'pending', 'pending', 'pending', 'pending', 'pending', 'pending']);
    expect(moved.body.data.steps[2]).toMatchObject({ problem: 'The provider account changed: run this step again.' });
    const finish = await app.http.post('/setup/finish').set(as()).send({});
    expect([finish.status, finish.body.error.message]).toEqual([409, 'Setup incomplete. Complete required steps to continue.']);
    expect((await step('verify_connectivity')).status).toBe(200);
  } finally {
    await other.close();
  }

  // Credentials saved outside the wizard (Provider Settings: POST /provider/settings/twilio's service) reopen them too.
  await step('connect_provider', { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: fake.url, webhookBaseUrl: app.baseUrl });
  await setUpAgain();
  expect((await wizard()).current).toBeNull();
  await app.strapi.plugin('provider').service('settings').connectTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: fake.url, webhookBaseUrl: app.baseUrl }, { id: 1, displayName: 'First Owner' });
  const view = await wizard();
  expect(view).toMatchObject({ ready: false, current: 'verify_connectivity' });
  expect(view.steps.map((s: any) => s.status)).toEqual(['complete', 'pending', 'pending', 'pending', 'pending', 'pending', 'pending']);
  await setUpAgain();
  expect(await wizard()).toMatchObject({ ready: true, current: null });
});

it('the finish runs the readiness checks again instead of trusting the saved steps (issue 22 gap 1)', async () => {
  // Every step is saved complete, but the webhook's proof is gone (as a changed webhook address leaves it).
  await app.strapi.db.query('plugin::provider.provider-setting').updateMany({ where: {}, data: { webhookVerifiedAt: null } });
  expect((await wizard()).current).toBeNull();
  const finish = await app.http.post('/setup/finish').set(as()).send({});
  expect([finish.status, finish.body.error.message]).toEqual([409, 'Setup incomplete. Complete required steps to continue.']);
  const saved = (await wizard()).steps[6];
  expect(saved.status).toBe('failed');
  expect(saved.result.checks.find((c: any) => c.name === 'Webhook installed and verified')).toMatchObject({ ok: false });
  expect((await step('webhooks')).status).toBe(200);
  expect((await step('readiness')).status).toBe(200);
  expect((await app.http.post('/setup/finish').set(as()).send({})).status).toBe(200);
});

it('a bulk buy searches page after page past 20 and, cut short, a rerun buys only the shortfall of its target (issue 22 gap 2)', async () => {
  const purchases = () => fake.state.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/IncomingPhoneNumbers.json') && r.status === 201).length;
  const sittersIn212 = async () => Number((await app.strapi.db.connection('phone_number').where({ number_class: 'sitter' }).where('e_164', 'like', '+1212%').count({ n: '*' }))[0].n);
  const before = purchases();
  // The account buys 21 numbers, then every purchase fails: the batch of 25 is cut short on its second search page.
  fake.controls.failBuysAfter(21, 21452);
  const partly = await step('sitter_numbers', { mode: 'buy', areaCode: '212', quantity: 25 });
  expect([partly.status, partly.body.error.message]).toEqual([400, '21 of 25 numbers were added; 4 failed. Fix them and run this step again: the added ones are kept, and only the rest are bought.']);
  const saved = (await wizard()).steps[3];
  expect(saved).toMatchObject({ status: 'failed', result: { target: { areaCode: '212', quantity: 25 } } });
  expect(saved.result.numbers.filter((n: any) => n.ok)).toHaveLength(21);
  expect(saved.result.numbers.filter((n: any) => !n.ok)).toEqual(Array.from({ length: 4 }, () => ({ number: expect.stringMatching(/^\+1212/), ok: false, problem: expect.stringContaining('Unable to purchase number. Check account balance or try different area code.') })));
  expect([purchases() - before, await sittersIn212()]).toEqual([21, 21]);

  // Fixed, the same batch again buys the 4 missing, not 25 more.
  fake.controls.reset();
  const again = await step('sitter_numbers', { mode: 'buy', areaCode: '212', quantity: 25 });
  expect(again.status).toBe(200);
  expect(again.body.data.steps[3]).toMatchObject({ status: 'complete', result: { target: { areaCode: '212', quantity: 25 } } });
  expect(again.body.data.steps[3].result.numbers.filter((n: any) => n.ok)).toHaveLength(25);
  expect([purchases() - before, await sittersIn212()]).toEqual([25, 25]);
  // A batch already complete buys nothing when run again.
  expect((await step('sitter_numbers', { mode: 'buy', areaCode: '212', quantity: 25 })).status).toBe(200);
  expect(purchases() - before).toBe(25);
});

it('step 6 reads every number’s addresses back from the provider and reports one that did not take (issue 22 gap 4)', async () => {
  const frontDesk = (await app.strapi.db.connection('phone_number').where({ number_class: 'front_desk' }).first('e_164')).e_164;
  fake.controls.keepSmsUrl(frontDesk, 'https://elsewhere.example.com/sms');
  const res = await step('webhooks');
  expect([res.status, res.body.error.message]).toEqual([502, 'Unable to install webhook. Check webhook URL or retry.']);
  const saved = (await wizard()).steps[5];
  expect(saved.status).toBe('failed');
  expect(saved.result.numbers.filter((n: any) => !n.ok)).toEqual([
    { number: frontDesk, ok: false, problem: 'Unable to install webhook. Check webhook URL or retry. (the provider kept other addresses: incoming SMS go to https://elsewhere.example.com/sms)' },
  ]);
  expect(saved.result.numbers.filter((n: any) => n.ok).length).toBeGreaterThan(1);

  fake.controls.reset();
  const again = await step('webhooks');
  expect(again.status).toBe(200);
  expect(fake.state.numbers.find((n) => n.phoneNumber === frontDesk)!.smsUrl).toBe(`${app.baseUrl}/api/messaging/webhooks/twilio/sms`);
  expect((await step('readiness')).status).toBe(200);
  expect((await app.http.post('/setup/finish').set(as()).send({})).status).toBe(200);
});

it('step 2 asks the provider for real: API permissions is its own call, a zero balance its own sentence (issue 22 gap 5)', async () => {
  const listed = () => fake.state.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/IncomingPhoneNumbers.json')).length;
  const before = listed();
  expect((await step('verify_connectivity')).status).toBe(200);
  expect(listed()).toBe(before + 1);

  // Credentials that open the account but may not manage its numbers.
  fake.controls.forbid('IncomingPhoneNumbers');
  const denied = await step('verify_connectivity');
  expect(denied.status).toBe(502);
  expect(denied.body.error.message).toMatch(/^These credentials may not manage the account’s phone numbers\. Use the account’s own Auth Token, or give the key that permission, then test the connection again\. \(.+\)$/);
  expect((await wizard()).steps[1]).toMatchObject({ status: 'failed', result: { checks: [{ name: 'Account access', ok: true }, { name: 'API permissions', ok: false }, { name: 'Account balance', ok: true }] } });
  fake.controls.reset();

  // A zero balance: its own sentence, not step 1's credentials one; step 1 itself connects (the credentials are right).
  fake.controls.setBalance('0.00');
  try {
    const empty = await step('verify_connectivity');
    expect([empty.status, empty.body.error.message]).toEqual([502, 'Your provider account has no balance left. Add funds, then test the connection again.']);
    expect((await wizard()).steps[1].result.checks).toMatchObject([{ name: 'Account access', ok: true }, { name: 'API permissions', ok: true }, { name: 'Account balance', ok: false, detail: '0.00 USD' }]);
    const connected = await step('connect_provider', { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: fake.url, webhookBaseUrl: app.baseUrl });
    expect(connected.status).toBe(200);
    const again = await step('verify_connectivity');
    expect([again.status, again.body.error.message]).toEqual([502, 'Your provider account has no balance left. Add funds, then test the connection again.']);
  } finally {
    fake.controls.setBalance('25.00');
  }
  await setUpAgain();
});

it('PUT /provider/settings/webhook sets the custom webhook URL step 6 installs, or clears it: checked, audited, Owner only (issue 22 gap 6)', async () => {
  const SENTENCE = 'webhookBaseUrl must be the public address of this server, like https://messages.example.com (http or https, no query or fragment), or null for the default.';
  const put = (body: Record<string, unknown>, bearer = token) => app.http.put('/provider/settings/webhook').set({ Authorization: `Bearer ${bearer}` }).send(body);
  const audits = async () => (await app.strapi.db.connection('audit_event').where({ action: 'provider.webhook_url' }).orderBy('id', 'asc')).map((r: any) => (typeof r.details === 'string' ? JSON.parse(r.details) : r.details));
  const before = (await audits()).length;

  for (const body of [{ webhookBaseUrl: 'not an address' }, { webhookBaseUrl: 'ftp://hooks.example.com' }, { webhookBaseUrl: 'https://hooks.example.com/?from=twilio' }, { webhookBaseUrl: 42 }, {}]) {
    const res = await put(body);
    expect([JSON.stringify(body), res.status, res.body.error.message, res.body.data]).toEqual([JSON.stringify(body), 400, SENTENCE, null]);
  }
  const extra = await put({ webhookBaseUrl: 'https://hooks.example.com', verified: true });
  expect([extra.status, extra.body.error.message]).toEqual([400, 'Unknown field: verified.']);

  // A Messaging Admin may not change it.
  const role = await app.strapi.service('admin::role').findOne({ code: 'switchboard-messaging-admin' });
  const ADMIN = { email: 'messaging.admin@example.test', password: 'Messaging-Admin-1!' };
  await app.strapi.service('admin::user').create({ email: ADMIN.email, firstname: 'Messaging', lastname: 'Admin', password: ADMIN.password, isActive: true, roles: [role.id], registrationToken: null });
  expect((await put({ webhookBaseUrl: 'https://hooks.example.com' }, await adminLogin(app.http, ADMIN))).status).toBe(403);
  expect((await audits()).length).toBe(before);

  // The Owner's custom URL is what step 6 installs on every number (nothing answers there, so its round trip fails).
  const custom = 'http://127.0.0.1:1';
  const urls = { inboundUrl: `${custom}/api/messaging/webhooks/twilio/sms`, statusUrl: `${custom}/api/messaging/webhooks/twilio/status` };
  const set = await put({ webhookBaseUrl: `${custom}/` });
  expect([set.status, set.body.data]).toEqual([200, { webhookBaseUrl: custom, urls }]);
  expect((await wizard()).webhookUrls).toEqual(urls);
  const hooks = await step('webhooks');
  expect([hooks.status, hooks.body.error.message]).toEqual([502, expect.stringMatching(/^Unable to install webhook\. Check webhook URL or retry\./)]);
  for (const n of fake.state.numbers) expect([n.phoneNumber, n.smsUrl, n.statusCallback]).toEqual([n.phoneNumber, urls.inboundUrl, urls.statusUrl]);

  // Cleared, the default address runs again; each change is audited with before and after.
  const cleared = await put({ webhookBaseUrl: null });
  expect([cleared.status, cleared.body.data.webhookBaseUrl]).toEqual([200, null]);
  expect(cleared.body.data.urls.inboundUrl).not.toContain(custom);
  expect((await audits()).slice(before)).toEqual([
    { before: app.baseUrl, after: custom },
    { before: custom, after: null },
  ]);

  expect((await put({ webhookBaseUrl: app.baseUrl })).status).toBe(200);
  expect((await step('webhooks')).status).toBe(200);
  expect((await step('readiness')).status).toBe(200);
  expect((await app.http.post('/setup/finish').set(as()).send({})).status).toBe(200);
});
