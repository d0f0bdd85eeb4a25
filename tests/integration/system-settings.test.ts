// The settings page's server side and integration status (issue 23 items 1 and 2; OPS §3.8; API.md "Setup and system
// settings") on a real Strapi and Postgres with the demo organisation: every section read with its ranges and written
// through the plugin that owns it; a cooldown under 30 days refused with the spec's sentence and nothing changed; a
// multi-section change with one bad value changes nothing; every section's change audited with old and new values; the
// changed pool auto-response and cooldown used by the next pool send and quarantine; a Messaging Admin reads but may
// not change; /setup/status; and, against the fake Twilio, a number re-pointed in the provider's console reported by
// the drift check (one provider_error alert per number) and repaired.
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';
import { startFakeTwilio, type FakeTwilio } from '../fakes/twilio';

const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const AUTH_TOKEN = 'fake-auth-token-0123456789abcdef';
const POOL = '+14155550140';
const COOLDOWN_REFUSED = 'Invalid setting value. Cooldown period cannot be shorter than 30 days. Use valid range: 30–365.';

let app: RunningStrapi;
let fake: FakeTwilio;
const tokens: Record<string, string> = {};
const as = (who: 'owner' | 'admin') => ({ Authorization: `Bearer ${tokens[who]}` });
const knex = () => app.strapi.db.connection;
const read = async (who: 'owner' | 'admin' = 'owner') => app.http.get('/setup/settings').set(as(who));
const put = (body: unknown, who: 'owner' | 'admin' = 'owner') => app.http.put('/setup/settings').set(as(who)).send(body as object);
// People's audit rows only: timed work (system, automations) may audit at any moment.
const auditCount = async () => Number((await knex()('audit_event').whereNotIn('actor_role', ['system', 'automation']).count({ n: '*' }))[0].n);
const settingsAudits = async () => (await knex()('audit_event').where({ action: 'settings.update' }).orWhere({ action: 'organisation.update' }).orderBy('id', 'asc')).map((r: any) => ({ entityId: r.entity_id, details: typeof r.details === 'string' ? JSON.parse(r.details) : r.details }));

beforeAll(async () => {
  fake = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  app = await startStrapi();
  tokens.owner = await adminLogin(app.http, demo.owner);
  tokens.admin = await adminLogin(app.http, demo.admin);
});

afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

describe('GET /setup/settings', () => {
  it('answers every section from its owner with the defaults, and each range', async () => {
    const res = await read();
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      organisation: { name: 'Acme Pets', timeZone: 'America/Los_Angeles' },
      routing: { poolAutoResponse: "Thanks for your message. We'll get back to you shortly.", poolThreadGraceHours: 24 },
      numbers: { cooldownDays: 90, healthWarningErrors: 1, healthCriticalErrors: 3 },
      policy: { warnSender: true },
      automations: { failureThreshold: 5, maxDepth: 3, clientDailyCap: 5, quietHours: null },
      alerts: { slaMinutes: 15 },
      templates: { reassignment: 'Hi {{client.firstName}}, from now on {{sitter.firstName}} is your sitter. Keep texting this number.' },
      delivery: { retries: 2 },
    });
    expect(res.body.meta.ranges).toMatchObject({
      'numbers.cooldownDays': { min: 30, max: 365 },
      'routing.poolThreadGraceHours': { min: 0, max: 168 },
      'alerts.slaMinutes': { min: 1, max: 1440 },
      'automations.failureThreshold': { min: 1, max: 20 },
      'delivery.retries': { min: 0, max: 3 },
    });
  });
});

describe('PUT /setup/settings refusals', () => {
  it('refuses a cooldown of 20 days with the spec sentence and changes nothing', async () => {
    const audits = await auditCount();
    const res = await put({ numbers: { cooldownDays: 20 } });
    expect([res.status, res.body.error.message]).toEqual([400, COOLDOWN_REFUSED]);
    expect((await read()).body.data.numbers.cooldownDays).toBe(90);
    expect(await auditCount()).toBe(audits);
  });

  it('a change of several sections with one bad value changes none of them', async () => {
    const before = (await read()).body.data;
    const audits = await auditCount();
    const res = await put({ routing: { poolAutoResponse: 'Changed?' }, alerts: { slaMinutes: 30 }, delivery: { retries: 4 } });
    expect([res.status, res.body.error.message]).toEqual([400, 'Invalid setting value. Retry attempts cannot be above 3. Use valid range: 0–3.']);
    expect((await read()).body.data).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('refuses an organisation name or time zone out of range with the settings sentence and changes nothing', async () => {
    const audits = await auditCount();
    const zone = await put({ organisation: { timeZone: 'Mars/Olympus_Mons' } });
    expect([zone.status, zone.body.error.message]).toEqual([
      400,
      'Invalid setting value. The time zone must be an IANA time zone name, like America/Los_Angeles. Use valid range: a Region/City name from the IANA time zone database, or UTC.',
    ]);
    const name = await put({ organisation: { name: '   ' } });
    expect([name.status, name.body.error.message]).toEqual([400, 'Invalid setting value. The organisation name cannot be empty or longer than 200 characters. Use valid range: 1–200 characters.']);
    const settings = await read();
    expect(settings.body.data.organisation).toEqual({ name: 'Acme Pets', timeZone: 'America/Los_Angeles' });
    expect(settings.body.meta.ranges['organisation.name']).toEqual({ min: 1, max: 200 });
    expect(await auditCount()).toBe(audits);
  });

  it('a sitter (an app user) reaches none of the settings or status routes', async () => {
    const sitter = { Authorization: `Bearer ${await appLogin(app.http, demo.sitter)}` };
    const answers = await Promise.all([
      app.http.get('/setup/settings').set(sitter),
      app.http.put('/setup/settings').set(sitter).send({ alerts: { slaMinutes: 20 } }),
      app.http.get('/setup/status').set(sitter),
      app.http.post('/setup/test-integration').set(sitter).send({}),
      app.http.post('/setup/status/repair').set(sitter).send({}),
    ]);
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    expect((await read()).body.data.alerts.slaMinutes).toBe(15);
  });

  it('refuses a section or setting no plugin owns (enforcement cannot be switched off)', async () => {
    const res = await put({ policy: { enforcement: false } });
    expect([res.status, res.body.error.message]).toEqual([400, 'Unknown setting: policy.enforcement.']);
  });

  it('a Messaging Admin reads the settings and the status but may not change, test or repair (403)', async () => {
    expect((await read('admin')).status).toBe(200);
    expect((await app.http.get('/setup/status').set(as('admin'))).status).toBe(200);
    const res = await put({ alerts: { slaMinutes: 20 } }, 'admin');
    expect(res.status).toBe(403);
    expect((await app.http.post('/setup/test-integration').set(as('admin')).send({})).status).toBe(403);
    expect((await app.http.post('/setup/status/repair').set(as('admin')).send({})).status).toBe(403);
    expect((await read()).body.data.alerts.slaMinutes).toBe(15);
  });
});

describe('PUT /setup/settings changes', () => {
  it('writes every section through its owner and audits each with its old and new values', async () => {
    const before = await settingsAudits();
    const res = await put({
      organisation: { name: 'Acme Pets & Co' },
      routing: { poolAutoResponse: 'Hello from Acme! A person will answer soon.', poolThreadGraceHours: 12 },
      numbers: { cooldownDays: 45 },
      policy: { warnSender: false },
      automations: { clientDailyCap: 4 },
      alerts: { slaMinutes: 20, failureRatePercent: 10 },
      templates: { reassignment: 'Hi {{client.firstName}}, {{sitter.firstName}} looks after you now.' },
      delivery: { retries: 1, timeoutMinutes: 20 },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      organisation: { name: 'Acme Pets & Co', timeZone: 'America/Los_Angeles' },
      routing: { poolAutoResponse: 'Hello from Acme! A person will answer soon.', poolThreadGraceHours: 12 },
      numbers: { cooldownDays: 45 },
      policy: { warnSender: false },
      automations: { clientDailyCap: 4, failureThreshold: 5 },
      alerts: { slaMinutes: 20, failureRatePercent: 10 },
      templates: { reassignment: 'Hi {{client.firstName}}, {{sitter.firstName}} looks after you now.' },
      delivery: { retries: 1, timeoutMinutes: 20 },
    });
    const added = (await settingsAudits()).slice(before.length);
    const change = (id: string) => added.find((a) => a.entityId === id)?.details;
    expect(change('organisation')).toMatchObject({ before: { name: 'Acme Pets' }, after: { name: 'Acme Pets & Co' } });
    expect(change('routing')).toMatchObject({ before: { poolAutoResponse: "Thanks for your message. We'll get back to you shortly." }, after: { poolAutoResponse: 'Hello from Acme! A person will answer soon.' } });
    expect(change('assignments')).toMatchObject({ before: { poolThreadGraceHours: 24 }, after: { poolThreadGraceHours: 12, reassignmentTemplate: 'Hi {{client.firstName}}, {{sitter.firstName}} looks after you now.' } });
    expect(change('numbers')).toMatchObject({ before: { cooldownDays: 90 }, after: { cooldownDays: 45 } });
    expect(change('policy')).toMatchObject({ before: { warnSender: true }, after: { warnSender: false } });
    expect(change('automations')).toMatchObject({ before: { clientDailyCap: 5 }, after: { clientDailyCap: 4 } });
    expect(change('messaging')).toMatchObject({ before: { slaMinutes: 15 }, after: { slaMinutes: 20 } });
    expect(change('alerts')).toMatchObject({ before: { failureRatePercent: 5 }, after: { failureRatePercent: 10 } });
    expect(change('delivery')).toMatchObject({ before: { retries: 2, timeoutMinutes: 10 }, after: { retries: 1, timeoutMinutes: 20 } });
    // The SLA is one value: compliance's analytics reads the same one as alerts.
    const week = `from=${new Date(Date.now() - 7 * 86_400_000).toISOString()}&to=${new Date().toISOString()}`;
    const analytics = await app.http.get(`/compliance/analytics/response-times?${week}`).set(as('owner'));
    expect([analytics.status, analytics.body.data?.slaMinutes]).toEqual([200, 20]);
  });

  it('the new pool auto-response is what an unmapped sender on a pool number is told', async () => {
    const stranger = '+14155550178';
    const res = await app.http.post('/provider/sandbox/phone/reply').set(as('owner')).send({ from: stranger, to: POOL, body: 'Who is this?' });
    expect(res.status).toBe(202);
    const thread = await knex()('conversation').where({ kind: 'client', client_phone: stranger }).first('id');
    const bodies = (await knex()('message').where({ conversation_id: thread.id }).orderBy('id', 'asc')).map((m: any) => [m.route_type, m.body_text]);
    expect(bodies).toEqual([
      ['CLIENT_INBOUND', 'Who is this?'],
      ['AUTOMATION_TO_CLIENT', 'Hello from Acme! A person will answer soon.'],
    ]);
  });

  it('the new cooldown is the next quarantine’s', async () => {
    const number = await knex()('phone_number').where({ number_class: 'pool', status: 'active' }).orderBy('id', 'desc').first('id');
    const res = await app.http.post(`/numbers/${number.id}/quarantine`).set(as('owner')).send({ reason: 'manual_review' });
    expect(res.status).toBe(200);
    expect(res.body.data.message).toContain('Available in 45 days.');
    const row = await knex()('phone_number').where({ id: number.id }).first();
    expect((new Date(row.cooldown_until).getTime() - new Date(row.quarantined_at).getTime()) / 86_400_000).toBe(45);
  });

  it('the health thresholds decide each number’s colour; red at or below yellow is refused and changes nothing', async () => {
    const inventory = async () => (await app.http.get('/numbers').set(as('owner'))).body.data as Array<{ e164: string; status: string; health: string; deliveryErrors7d: number }>;
    const withErrors = (await inventory()).find((n) => n.status === 'active' && n.deliveryErrors7d > 0)!;
    expect(withErrors).toBeDefined();
    const errors = withErrors.deliveryErrors7d;
    // Red from exactly this number's errors, then yellow from one more than it has: critical, then healthy.
    expect((await put({ numbers: { healthWarningErrors: 1, healthCriticalErrors: Math.max(2, errors) } })).status).toBe(200);
    expect((await inventory()).find((n) => n.e164 === withErrors.e164)!.health).toBe(errors >= 2 ? 'critical' : 'warning');
    expect((await put({ numbers: { healthWarningErrors: errors + 1, healthCriticalErrors: errors + 2 } })).status).toBe(200);
    expect((await inventory()).find((n) => n.e164 === withErrors.e164)!.health).toBe('healthy');

    const before = (await read()).body.data.numbers;
    const refused = await put({ numbers: { healthCriticalErrors: before.healthWarningErrors } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^Invalid setting value\. A number turns red at more delivery errors than it turns yellow/);
    expect((await read()).body.data.numbers).toEqual(before);
    expect((await put({ numbers: { healthWarningErrors: 1, healthCriticalErrors: 3 } })).status).toBe(200);
  });
});

describe('integration status', () => {
  it('GET /setup/status answers the provider, the database, the webhooks and the drift check', async () => {
    const res = await app.http.get('/setup/status').set(as('owner'));
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      provider: { mode: 'sandbox', status: 'connected' },
      database: { status: 'ok' },
      webhooks: { urls: { inboundUrl: expect.stringMatching(/\/api\/messaging\/webhooks\/twilio\/sms$/), statusUrl: expect.stringMatching(/\/api\/messaging\/webhooks\/twilio\/status$/) }, inbound: { lastReceivedAt: null, received: 0 }, status: { lastReceivedAt: null, received: 0 } },
      drift: { applies: false, checked: 0, drifted: [] },
    });
    expect(typeof res.body.data.database.latencyMs).toBe('number');
    const test = await app.http.post('/setup/test-integration').set(as('owner')).send({});
    expect(test.body.data).toMatchObject({ ok: true, checks: [{ name: 'provider', ok: true }, { name: 'webhook', ok: true }, { name: 'database', ok: true }] });
  });

  it('a number re-pointed at the provider is reported (one provider_error alert per number), and repair points it back', async () => {
    const staff = { id: 1, displayName: 'Olivia Owner' };
    const connected = await app.strapi.plugin('provider').service('settings').connectTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: fake.url, webhookBaseUrl: app.baseUrl }, staff);
    expect(connected.connected).toBe(true);
    const urls = await app.strapi.plugin('provider').service('settings').webhookUrls();
    // Test Integration on a real provider: the account is asked, and the webhook proved by a signed round trip.
    const roundTrips = () => fake.state.requests.filter((r) => /Accounts\/AC[0-9a-f]+\.json$/.test(r.path)).length;
    const accountReadsBefore = roundTrips();
    const tested = await app.http.post('/setup/test-integration').set(as('owner')).send({});
    expect(tested.body.data).toMatchObject({ ok: true, checks: [{ name: 'provider', ok: true }, { name: 'webhook', ok: true, detail: urls.statusUrl }, { name: 'database', ok: true }] });
    expect(roundTrips()).toBeGreaterThan(accountReadsBefore);
    const drifting = '+12065550105';
    const steady = '+12065550106';
    for (const e164 of [drifting, steady]) fake.controls.ownNumber(e164, { smsUrl: urls.inboundUrl, statusCallback: urls.statusUrl });
    await app.strapi.plugin('numbers').service('purchasing').import({ numbers: [{ e164: drifting }, { e164: steady }], numberClass: 'pool' }, staff);

    const clean = await app.strapi.plugin('numbers').service('webhook-drift').check();
    expect(clean.applies).toBe(true);
    expect(clean.drifted).toEqual([]);

    // Someone re-points one number in the provider's console. Reading the status answers the last check (clean) and
    // asks the provider nothing; "Check again" (fresh=true) asks it now and finds the drift.
    fake.state.numbers.find((n) => n.phoneNumber === drifting)!.smsUrl = 'https://elsewhere.example.com/sms';
    const asked = () => fake.state.requests.filter((r) => /IncomingPhoneNumbers/.test(r.path)).length;
    const askedBefore = asked();
    const stored = (await app.http.get('/setup/status').set(as('owner'))).body.data;
    expect(stored.drift).toMatchObject({ checkedAt: clean.checkedAt, drifted: [] });
    expect(asked()).toBe(askedBefore);
    expect((await app.http.get('/setup/status?fresh=maybe').set(as('owner'))).body.error.message).toBe('fresh is true or false.');
    const status = (await app.http.get('/setup/status?fresh=true').set(as('owner'))).body.data;
    expect(asked()).toBeGreaterThan(askedBefore);
    expect(status.provider).toMatchObject({ mode: 'twilio', status: 'connected' });
    expect(status.drift.drifted).toEqual([
      { e164: drifting, actual: { inboundUrl: 'https://elsewhere.example.com/sms', statusUrl: urls.statusUrl }, expected: urls, differ: ['inboundUrl'] },
    ]);
    await app.strapi.plugin('numbers').service('webhook-drift').check();
    await app.strapi.plugin('alerts').service('sources').settled();
    const alerts = (await app.http.get('/alerts?type=provider_error&pageSize=200').set(as('owner'))).body.data.filter((a: any) => a.related?.number === drifting);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ severity: 'critical', status: 'open' });

    const repaired = await app.http.post('/setup/status/repair').set(as('owner')).send({});
    expect(repaired.status).toBe(200);
    expect(repaired.body.data).toMatchObject({ repaired: [drifting], failed: [] });
    const number = fake.state.numbers.find((n) => n.phoneNumber === drifting)!;
    expect([number.smsUrl, number.statusCallback]).toEqual([urls.inboundUrl, urls.statusUrl]);
    expect((await app.strapi.plugin('numbers').service('webhook-drift').check()).drifted).toEqual([]);
    const audit = await knex()('audit_event').where({ action: 'number.webhooks_repaired' }).first();
    expect(audit).toBeTruthy();
  });

  it('records the last signed webhook per endpoint in the database', async () => {
    const inbound = await fake.controls.sendInbound({ from: '+14155557001', to: '+12065550106', body: 'Hello?' });
    expect(inbound.status).toBe(200);
    const status = (await app.http.get('/setup/status').set(as('owner'))).body.data;
    expect(status.webhooks.inbound.received).toBe(1);
    expect(new Date(status.webhooks.inbound.lastReceivedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const row = await knex()('provider_webhook_receipt').where({ endpoint: 'inbound' }).first();
    expect(Number(row.received)).toBe(1);
  });
});

describe('the SLA saved in alerts before it moved to messaging', () => {
  it('goes to messaging once, audited, and leaves alerts’ store; a value out of range is dropped', async () => {
    const alertsStore = app.strapi.store({ type: 'plugin', name: 'alerts', key: 'settings' });
    const kept = (await alertsStore.get({})) ?? {};
    await alertsStore.set({ value: { ...kept, slaMinutes: 42 } });
    await app.strapi.plugin('alerts').service('settings').moveSlaToMessaging();
    expect((await app.strapi.plugin('messaging').service('settings').get()).slaMinutes).toBe(42);
    expect((await alertsStore.get({})).slaMinutes).toBeUndefined();
    const audit = await knex()('audit_event').where({ action: 'settings.update' }).orderBy('id', 'desc').first();
    expect(typeof audit.details === 'string' ? JSON.parse(audit.details) : audit.details).toMatchObject({ after: { slaMinutes: 42 } });
    expect((await app.http.get('/setup/settings').set(as('owner'))).body.data.alerts.slaMinutes).toBe(42);

    await alertsStore.set({ value: { ...kept, slaMinutes: 100_000 } });
    await app.strapi.plugin('alerts').service('settings').moveSlaToMessaging();
    expect((await app.strapi.plugin('messaging').service('settings').get()).slaMinutes).toBe(42);
    expect((await alertsStore.get({})).slaMinutes).toBeUndefined();
  });
});
