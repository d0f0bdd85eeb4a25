// Alerts & escalation (issue 21; OPS §3.7; API.md "Alerts") on a real Strapi and Postgres with the demo organisation
// and its sandbox provider (every send to +14155550197 fails with 30003): deduplication with a count, the provider's
// failure rate, SLA breaches, Resolve and Dismiss with their refusals, escalation rules with their target check, a
// chain escalating on a moved clock exactly once, live alert events on the staff socket, and a Messaging Admin's limits.
import { randomUUID } from 'node:crypto';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';
import { connectSocket, type RecordingSocket } from '../helpers/sockets';
import { until } from '../helpers/until';

let app: RunningStrapi;
const tokens: Record<string, string> = {};
const as = (who: 'owner' | 'admin') => ({ Authorization: `Bearer ${tokens[who]}` });
const knex = () => app.strapi.db.connection;
const sources = () => app.strapi.plugin('alerts').service('sources');
const escalations = () => app.strapi.plugin('alerts').service('escalations');
const sockets: RecordingSocket[] = [];
const AVERY = '+14155550197';
const MINUTE = 60_000;

const list = async (query = '') => (await app.http.get(`/alerts${query}`).set(as('owner'))).body;
const openOfType = async (type: string) => (await list(`?type=${type}&pageSize=200`)).data as any[];
const averyThread = async () => String((await knex()('conversation').where({ kind: 'client', client_phone: AVERY }).first('id')).id);

async function staffSends(conversationId: string, text: string): Promise<void> {
  const res = await app.http.post(`/messaging/conversations/${conversationId}/messages`).set(as('owner')).send({ idempotencyKey: randomUUID(), routeType: 'STAFF_TO_CLIENT', bodyHtml: `<p>${text}</p>` });
  expect(res.status).toBe(201);
}

beforeAll(async () => {
  app = await startStrapi();
  tokens.owner = await adminLogin(app.http, demo.owner);
  tokens.admin = await adminLogin(app.http, demo.admin);
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await app?.stop();
});

describe('the demo (API.md "What the first start shows": alerts, two critical, open)', () => {
  it('opens the policy violation and Avery’s delivery failure as critical alerts, and the escalation rule', async () => {
    const body = await list('?severity=critical');
    expect(body.data.map((a: any) => a.title).sort()).toEqual(['Delivery failure: Avery Stone - The message was not delivered because the recipient\'s phone is switched off or out of signal.', 'Policy violation: Casey Morgan - Phone number']);
    expect(body.meta.open.critical).toBe(2);
    const violation = body.data.find((a: any) => a.type === 'policy_violation');
    expect(violation).toMatchObject({ severity: 'critical', status: 'open', count: 1, causeCleared: false, related: { clientName: 'Casey Morgan' } });
    const rules = (await app.http.get('/alerts/escalation-rules').set(as('owner'))).body.data;
    expect(rules.map((r: any) => [r.name, r.active, r.when, r.target, r.text])).toEqual([
      ['Critical alerts to owners', true, { severity: 'critical', unresolvedMinutes: 15 }, { type: 'owners' }, 'Critical alerts unresolved for 15 minutes → Owners'],
    ]);
  });
});

describe('deduplication', () => {
  it('ten delivery failures on one thread are one critical alert with a count of ten, told live to staff', async () => {
    const thread = await averyThread();
    // The demo's alert on Avery's thread is resolved first, so the ten failures below open a new one.
    const demoAlert = (await openOfType('delivery_failure')).find((a) => a.related.conversationId === thread);
    expect((await app.http.post(`/alerts/${demoAlert.id}/resolve`).set(as('owner')).send({ note: 'Called Avery.' })).status).toBe(200);
    const socket = await connectSocket(app.baseUrl, tokens.owner);
    sockets.push(socket);
    for (let i = 0; i < 10; i += 1) await staffSends(thread, `Reminder number ${'abcdefghij'[i]}`);
    const alert = await until(async () => (await openOfType('delivery_failure')).find((a) => a.related.conversationId === thread && a.count === 10));
    await new Promise((r) => setTimeout(r, 500));
    expect((await openOfType('delivery_failure')).filter((a) => a.related.conversationId === thread)).toEqual([expect.objectContaining({ id: alert.id, count: 10, severity: 'critical' })]);
    expect(socket.events.filter((e) => e.event === 'alert:new' && e.payload.alert.id === alert.id)).toHaveLength(1);
    expect(socket.events.filter((e) => e.event === 'alert:updated' && e.payload.alert.id === alert.id).length).toBeGreaterThanOrEqual(9);
  });

  it('a failure rate over the threshold raises one provider_error, however many times it is checked', async () => {
    await app.strapi.plugin('alerts').service('settings').update({ failureRateMinSends: 5 }, null);
    expect(await openOfType('provider_error')).toEqual([]);
    await sources().checkProvider();
    await sources().checkProvider();
    const raised = await openOfType('provider_error');
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ severity: 'critical', count: 2, title: expect.stringMatching(/^Provider error: \d+% of messages failed in the last 60 minutes$/) });
  });

  it('a number in red health raises one critical number_health alert; a quarantine cooldown ending soon, then ended, raises its warning and its info once each', async () => {
    // Avery's ten failures above went out from the Front Desk number: red health.
    await sources().checkNumbers();
    await sources().checkNumbers();
    const health = await openOfType('number_health');
    expect(health.map((a) => [a.severity, a.related.number])).toEqual([['critical', '+14155550100']]);
    // A pool number quarantined for the minimum 30 days: 24 days on, its cooldown ends within a week; 31 days on, it has ended.
    const pool = await knex()('phone_number').where({ e_164: '+14155550142' }).first('id');
    const quarantined = await app.http.post(`/numbers/${pool.id}/quarantine`).set(as('owner')).send({ reason: 'manual_review', cooldownDays: 30 });
    expect(quarantined.status).toBeLessThan(300);
    await sources().checkNumbers(new Date(Date.now() + 20 * 86_400_000));
    expect(await openOfType('cooldown_ending')).toEqual([]);
    await sources().checkNumbers(new Date(Date.now() + 24 * 86_400_000));
    await sources().checkNumbers(new Date(Date.now() + 25 * 86_400_000));
    expect((await openOfType('cooldown_ending')).map((a) => [a.severity, a.related.number])).toEqual([['warning', '+14155550142']]);
    await sources().checkNumbers(new Date(Date.now() + 31 * 86_400_000));
    expect((await list('?severity=info&type=cooldown_complete')).data.map((a: any) => a.title)).toEqual(['Cooldown complete: +1 (415) 555-0142 can be released from quarantine']);
  });

  it('webhooks refused for their signature past the threshold raise one provider_error', async () => {
    await app.strapi.plugin('alerts').service('settings').update({ webhookRefusalsMax: 2 }, null);
    for (let i = 0; i < 3; i += 1) {
      const forged = await app.http.post('/api/messaging/webhooks/twilio/sms').type('form').send({ MessageSid: `SM${i}`, From: '+14155550999', To: '+14155550100', Body: 'hi' });
      expect(forged.status).toBe(403);
    }
    await sources().checkProvider();
    expect((await openOfType('provider_error')).map((a) => a.title)).toContain('Provider error: 3 webhooks refused for their signature in the last 60 minutes');
  });

  it('a delivery queue backlog past the threshold raises one provider_error naming it; under it, none', async () => {
    await app.strapi.plugin('alerts').service('settings').update({ deliveryBacklogMax: 2 }, null);
    const title = /^Provider error: \d+ SMS waiting in the delivery queue$/;
    const backlogAlerts = async () => (await openOfType('provider_error')).filter((a) => title.test(a.title));
    const waiting = async () => Number((await knex()('outbound_message').whereIn('status', ['queued', 'retrying']).count({ n: '*' }))[0].n);
    expect(await waiting()).toBeLessThanOrEqual(2);
    await sources().checkProvider();
    expect(await backlogAlerts()).toEqual([]);
    // Three SMS left waiting for a retry (as while the provider refuses): over the threshold of two.
    const rows = (await knex()('outbound_message').whereNotIn('status', ['queued', 'retrying']).orderBy('id').limit(3).select('id', 'status')) as Array<{ id: number; status: string }>;
    expect(rows).toHaveLength(3);
    await knex()('outbound_message').whereIn('id', rows.map((r) => r.id)).update({ status: 'retrying' });
    try {
      await sources().checkProvider();
      await sources().checkProvider();
      const raised = await backlogAlerts();
      expect(raised).toHaveLength(1);
      expect(raised[0]).toMatchObject({ severity: 'critical', count: 2, title: `Provider error: ${await waiting()} SMS waiting in the delivery queue` });
    } finally {
      for (const r of rows) await knex()('outbound_message').where({ id: r.id }).update({ status: r.status });
    }
  });

  it('PRD §10: real sends are counted for the SLOs across nodes; an hour of slow deliveries, or failing sends, raises one provider_error each', async () => {
    const stats = app.strapi.plugin('messaging').service('stats');
    const metrics = app.strapi.plugin('messaging').service('metrics');
    const hourAgo = () => new Date(Date.now() - 60 * MINUTE);
    const before = await stats.sloSince(hourAgo());
    await staffSends(await averyThread(), 'Counted for the SLO');
    await staffSends(await averyThread(), 'Counted again');
    const after = await stats.sloSince(hourAgo());
    expect(after.sendAttempts - before.sendAttempts).toBe(2);
    expect(after.sendFailures).toBe(before.sendFailures);
    const sloAlerts = async () => (await openOfType('provider_error')).filter((a) => a.title.startsWith('SLO missed'));
    await sources().checkProvider();
    expect(await sloAlerts()).toEqual([]);

    // Deliveries a second after their commit, many more than the fast ones so far: both percentiles miss.
    for (let i = 0; i < after.deliveries + 200; i += 1) metrics.deliveredAfterCommit(performance.now() - 1_000);
    await sources().checkProvider();
    await sources().checkProvider();
    expect((await sloAlerts()).map((a) => [a.title, a.count, a.severity])).toEqual([['SLO missed: real-time delivery p50 over 300 ms and p95 over 800 ms in the last 60 minutes', 2, 'critical']]);

    // Sends that fail on the server (not a caller's 4xx), past the 0.5% target.
    const viewer = { kind: 'staff', userId: 1 } as any;
    for (let i = 0; i < 60; i += 1) await metrics.measureSend(viewer, 'http', 1, () => Promise.reject(new Error('the database went away'))).catch(() => undefined);
    await sources().checkProvider();
    const errors = (await sloAlerts()).find((a) => a.title.includes('of sends failed'));
    expect(errors.title).toMatch(/^SLO missed: \d+(\.\d)?% of sends failed in the last 60 minutes$/);
    const figures = await stats.sloSince(hourAgo());
    expect(figures.sendFailures - before.sendFailures).toBe(60);
  });

  it('a new client thread raises an info alert', async () => {
    const res = await app.http.post('/provider/sandbox/phone/reply').set(as('owner')).send({ from: '+14155556123', to: '+14155550100', body: 'Hello, new here' });
    expect(res.status).toBeLessThan(300);
    await sources().settled();
    const created = await until(async () => (await list('?severity=info&type=thread_created')).data.find((a: any) => a.description === 'A client texted for the first time on this number.'));
    expect(created).toMatchObject({ severity: 'info', related: { number: '+14155550100' } });
  });

  it('a client question unanswered past the SLA raises one warning per thread', async () => {
    // Priya asked the demo's Front Desk at seed time and nobody answered: fifteen minutes later it is a breach.
    await sources().checkSla(new Date(Date.now() + 16 * MINUTE));
    await sources().checkSla(new Date(Date.now() + 17 * MINUTE));
    const breaches = await openOfType('sla_breach');
    // Priya's enquiry (and the new client's first text above), one warning each, however often it is checked.
    expect(breaches.filter((a) => a.title === 'Response time SLA breached: Priya Patel').map((a) => a.severity)).toEqual(['warning']);
    expect(breaches.every((a) => a.severity === 'warning')).toBe(true);
    expect(new Set(breaches.map((a) => a.related.conversationId)).size).toBe(breaches.length);
  });
});

describe('resolve and dismiss (OPS §3.7)', () => {
  it('refuses to dismiss a critical alert, dismisses a warning into the archive, 404s an unknown alert', async () => {
    const critical = (await list('?severity=critical')).data[0];
    const refused = await app.http.post(`/alerts/${critical.id}/dismiss`).set(as('owner')).send({});
    expect([refused.status, refused.body.error.message]).toEqual([409, 'Critical alerts cannot be dismissed. Resolve the alert instead.']);
    const warning = (await openOfType('sla_breach')).find((a) => a.title === 'Response time SLA breached: Priya Patel');
    const dismissed = await app.http.post(`/alerts/${warning.id}/dismiss`).set(as('owner')).send({ note: 'Priya was called back.' });
    expect(dismissed.body.data).toMatchObject({ status: 'dismissed', resolvedBy: 'Olivia Owner', note: 'Priya was called back.' });
    expect((await list('?status=dismissed')).data.map((a: any) => a.id)).toContain(warning.id);
    expect((await app.http.post(`/alerts/${warning.id}/resolve`).set(as('owner')).send({})).status).toBe(409);
    const unknown = await app.http.post('/alerts/999999/resolve').set(as('owner')).send({});
    expect([unknown.status, unknown.body.error.message]).toEqual([404, 'Alert not found. It may have been resolved or dismissed.']);
    expect(await knex()('audit_event').where({ action: 'alert.dismiss', entity_id: warning.id }).count({ n: '*' })).toEqual([{ n: '1' }]);
  });

  it('an open alert whose cause cleared says so: the violation was reviewed', async () => {
    const alert = (await openOfType('policy_violation'))[0];
    const res = await app.http.post(`/policy/violations/${alert.related.violationId}/dismiss`).set(as('owner')).send({ reason: 'Talked to Sam.' });
    expect(res.status).toBe(200);
    expect((await app.http.get(`/alerts/${alert.id}`).set(as('owner'))).body.data).toMatchObject({ status: 'open', causeCleared: true });
  });
});

describe('escalation', () => {
  it('lists who a rule may name: every active Owner and Messaging Admin, once each, with their role', async () => {
    const res = await app.http.get('/alerts/escalation-targets').set(as('owner'));
    expect(res.status).toBe(200);
    const staff = (await app.strapi.db.query('admin::user').findMany({ where: { isActive: true, blocked: false }, populate: ['roles'] })) as Array<{ id: number; roles: Array<{ code: string }> }>;
    const expected = staff.filter((u) => u.roles.some((r) => ['switchboard-owner', 'switchboard-messaging-admin'].includes(r.code))).map((u) => u.id).sort((a, b) => a - b);
    expect(res.body.data.map((p: any) => p.id).sort((a: number, b: number) => a - b)).toEqual(expected);
    expect(res.body.data.find((p: any) => p.name === 'Ada Second')).toMatchObject({ role: 'Messaging Admin' });
    expect(res.body.data.find((p: any) => p.name === 'Olivia Owner')).toMatchObject({ role: 'Owner' });
    expect((await app.http.get('/alerts/escalation-targets').set(as('admin'))).status).toBe(403);
  });

  it('refuses a rule whose target names nobody, with the spec sentence', async () => {
    for (const target of [{ type: 'admin_user' }, { type: 'admin_user', adminUserId: 99999 }, { type: 'everyone' }]) {
      const res = await app.http.post('/alerts/escalation-rules').set(as('owner')).send({ name: 'Broken', active: true, when: { unresolvedMinutes: 5 }, target });
      expect([res.status, res.body.error.message]).toEqual([400, 'Escalation failed. Check target configuration.']);
    }
  });

  it('a chain escalates an unresolved critical alert to the owners after 15 minutes and to Ada Admin after 30, once across two sweeps at once', async () => {
    const ada = await knex()('admin_users').where({ email: demo.admin.email }).first('id');
    const next = await app.http.post('/alerts/escalation-rules').set(as('owner')).send({ name: 'Still critical: Ada', active: true, when: { severity: 'critical', unresolvedMinutes: 30 }, target: { type: 'admin_user', adminUserId: ada.id } });
    expect(next.status).toBe(201);
    const test = await app.http.post(`/alerts/escalation-rules/${next.body.data.id}/test`).set(as('owner')).send({});
    expect(test.body.data.recipients.map((r: any) => r.id)).toEqual([ada.id]);
    expect(test.body.data.alertsDueNow).toEqual([]); // nothing has been open 30 minutes yet; nothing was sent
    expect(await knex()('ops_alert_escalation').count({ n: '*' })).toEqual([{ n: '0' }]);

    const open = (await list('?severity=critical&pageSize=200')).data;
    // Sixteen minutes on: every open critical alert goes to the owners, once, even with two sweeps at once.
    const [a, b] = await Promise.all([escalations().sweep(new Date(Date.now() + 16 * MINUTE)), escalations().sweep(new Date(Date.now() + 16 * MINUTE))]);
    expect(a + b).toBe(open.length);
    let history = (await app.http.get('/alerts/escalations').set(as('owner'))).body.data;
    expect(history.map((e: any) => e.rule.name)).toEqual(open.map(() => 'Critical alerts to owners'));
    expect(history[0]).toMatchObject({ status: 'sent', recipients: [expect.objectContaining({ name: 'Olivia Owner' })] });
    // Thirty-one minutes on: the next rule of the chain, once.
    expect(await escalations().sweep(new Date(Date.now() + 31 * MINUTE))).toBe(open.length);
    expect(await escalations().sweep(new Date(Date.now() + 32 * MINUTE))).toBe(0);
    history = (await app.http.get('/alerts/escalations').set(as('owner'))).body.data;
    expect(history.filter((e: any) => e.rule.name === 'Still critical: Ada')).toHaveLength(open.length);
    // The thread of an escalated alert carries a staff-only notice.
    const withThread = open.find((x: any) => x.related.conversationId);
    const notes = await knex()('message').where({ conversation_id: Number(withThread.related.conversationId), route_type: 'SYSTEM' }).pluck('body_text');
    expect(notes.some((t: string) => t.startsWith('Escalated to Olivia Owner by "Critical alerts to owners"'))).toBe(true);
    expect((await app.http.get(`/alerts/${withThread.id}`).set(as('owner'))).body.data.escalatedTo).toEqual(['Critical alerts to owners', 'Still critical: Ada']);
  });
});

describe('the inventory’s changes', () => {
  it('releasing a sitter’s number to the pool raises an info alert', async () => {
    const sky = await knex()('phone_number').where({ e_164: '+14155550121' }).first('id');
    const released = await app.http.post(`/numbers/${sky.id}/release`).set(as('owner')).send({});
    expect(released.status).toBe(200);
    await sources().settled();
    const alert = await until(async () => (await list('?severity=info&type=number_assigned')).data.find((a: any) => a.related.number === '+14155550121'));
    expect(alert.title).toBe('Number released: +1 (415) 555-0121 back to the pool');
  });
});

describe('permissions (OPS §3.7: the Messaging Admin views and resolves, no configuration)', () => {
  it('a Messaging Admin lists and resolves, and may not dismiss or configure', async () => {
    expect((await app.http.get('/alerts').set(as('admin'))).status).toBe(200);
    const info = (await app.http.get('/alerts?severity=info&pageSize=1').set(as('admin'))).body.data[0];
    expect((await app.http.post(`/alerts/${info.id}/dismiss`).set(as('admin')).send({})).status).toBe(403);
    expect((await app.http.post(`/alerts/${info.id}/resolve`).set(as('admin')).send({})).status).toBe(200);
    expect((await app.http.get('/alerts/escalation-rules').set(as('admin'))).status).toBe(403);
    expect((await app.http.post('/alerts/escalation-rules').set(as('admin')).send({ name: 'x', when: { unresolvedMinutes: 5 }, target: { type: 'owners' } })).status).toBe(403);
  });
});

describe('the provider’s circuit breaker, and what a sitter hears (OPS §3.7: sitters nothing)', () => {
  it('an open breaker raises one provider_error, told live to staff and to no sitter; a sitter may not read alerts', async () => {
    const provider = app.strapi.plugin('provider').service('settings');
    const title = 'Provider error: sending is paused (circuit breaker open)';
    const owner = await connectSocket(app.baseUrl, tokens.owner);
    const sitterToken = await appLogin(app.http, demo.sitter);
    const sitter = await connectSocket(app.baseUrl, sitterToken);
    sockets.push(owner, sitter);
    expect((await openOfType('provider_error')).filter((a) => a.title === title)).toEqual([]);
    await provider.saveBreaker({ status: 'open', consecutiveFailures: 5, openedAt: new Date().toISOString() });
    try {
      await sources().checkProvider();
      await sources().checkProvider();
      const raised = (await openOfType('provider_error')).filter((a) => a.title === title);
      expect(raised).toEqual([expect.objectContaining({ severity: 'critical', description: expect.stringContaining('refused 5 sends in a row') })]);
      await owner.waitFor('alert:new', (p: any) => p.alert.id === raised[0].id);
      await new Promise((r) => setTimeout(r, 300));
      expect(sitter.events.filter((e) => e.event.startsWith('alert:'))).toEqual([]);
    } finally {
      await provider.saveBreaker({ status: 'closed', consecutiveFailures: 0, openedAt: null });
    }
    const asSitter = await app.http.get('/alerts').set({ Authorization: `Bearer ${sitterToken}` });
    expect(asSitter.status).toBe(401);
    expect(asSitter.body.data).toBeNull();
  });
});
