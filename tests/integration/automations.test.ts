// Automations (issue 20; OPS §3.6, §2.4; API.md "Automations") on a real Strapi and Postgres with the demo
// organisation and its sandbox provider: definitions and their sentences, the mandatory test (which sends and writes
// nothing but its own log row), activation gated on a passing test of exactly the current version, a booking created
// through the REST API running the active automation once, the breaker, the loop limit, quiet hours, the per-client
// cap, a window trigger with an offset, and the Messaging Admin's limits.
import { DateTime } from 'luxon';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, demo } from '../helpers/accounts';
import { until } from '../helpers/until';

let app: RunningStrapi;
let writer: string;
const tokens: Record<string, string> = {};
const as = (who: 'owner' | 'admin') => ({ Authorization: `Bearer ${tokens[who]}` });
const knex = () => app.strapi.db.connection;
const runner = () => app.strapi.plugin('automations').service('runner');
const settings = () => app.strapi.plugin('automations').service('settings');
const events: any[] = [];
const HOUR = 3_600_000;
const ZONE = 'America/Los_Angeles';

let phoneSeq = 0;
async function newClient(firstName: string): Promise<{ id: string; phone: string }> {
  const phone = `+1415556${String(1000 + phoneSeq++).padStart(4, '0')}`;
  const created = await app.strapi.plugin('people').service('clients').create({ firstName, lastName: 'Tester', phone });
  return { id: created.id, phone };
}

const userIdOf = async (email: string): Promise<number> => (await knex()('up_users').where({ email }).first('id')).id;
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();
const count = async (table: string, where: Record<string, unknown> = {}) => Number((await knex()(table).where(where).count({ n: '*' }))[0].n);

const created: string[] = [];
async function restBooking(data: Record<string, unknown>): Promise<any> {
  const res = await app.http.post('/api/assignments/bookings').set({ Authorization: `Bearer ${writer}` }).send({ data });
  expect(res.status).toBe(201);
  created.push(res.body.data.documentId);
  return res.body.data;
}

const oneTime = (client: string, extra: Record<string, unknown> = {}) => ({ kind: 'one_time', client, startsAt: inHours(30), endsAt: inHours(32), ...extra });

const definition = (overrides: Record<string, unknown> = {}) => ({
  name: 'Visit reminder',
  lane: 'front_desk',
  trigger: { type: 'booking.created' },
  conditions: { op: 'and', groups: [{ op: 'and', conditions: [{ field: 'booking.kind', operator: 'eq', value: 'one_time' }] }] },
  actions: [{ type: 'send_sms', template: 'Hi {{ client.firstName }}, see you soon!' }],
  ...overrides,
});

async function create(body: Record<string, unknown>): Promise<any> {
  const res = await app.http.post('/automations').set(as('owner')).send(body);
  expect(res.status).toBe(201);
  return res.body.data;
}

/** Creates, tests (on sample values or the given context) and activates an automation. */
async function activeAutomation(body: Record<string, unknown>, context?: Record<string, unknown>): Promise<any> {
  const created = await create(body);
  const tested = await app.http.post(`/automations/${created.id}/test`).set(as('owner')).send(context ? { context } : {});
  expect(tested.status).toBe(200);
  expect(tested.body.data).toMatchObject({ ok: true, errors: [] });
  const activated = await app.http.post(`/automations/${created.id}/activate`).set(as('owner')).send({});
  expect(activated.status).toBe(200);
  return activated.body.data;
}

const executionsOf = async (automationId: string) => (await app.http.get(`/automations/${automationId}/executions?pageSize=200`).set(as('owner'))).body.data as any[];
const automatedMessages = (conversationId: string | number) => knex()('message').where({ conversation_id: Number(conversationId), route_type: 'AUTOMATION_TO_CLIENT' }).orderBy('id');

beforeAll(async () => {
  app = await startStrapi();
  const actions = ['find', 'findOne', 'create', 'update', 'delete'].map((a) => `plugin::assignments.booking.${a}`);
  writer = (await app.strapi.service('admin::api-token').create({ name: 'automations test', description: 'automations test', type: 'custom', lifespan: null, permissions: actions })).accessKey;
  tokens.owner = await adminLogin(app.http, demo.owner);
  tokens.admin = await adminLogin(app.http, demo.admin);
  // Riley's past booking holds its pool number for the grace period: cancelled, it frees it for these tests.
  await knex()('booking').where({ number_e_164: '+14155550140' }).update({ status: 'cancelled' });
  for (const type of ['automation_failed', 'automation_executed', 'task']) app.strapi.eventHub.on(`switchboard.${type}`, async (event: any) => void events.push(event));
});

// The demo has three pool numbers: each test's bookings are cancelled after it, which frees theirs at once.
afterEach(async () => {
  await runner().settled();
  for (const documentId of created.splice(0)) await app.strapi.documents('plugin::assignments.booking' as any).update({ documentId, data: { status: 'cancelled' } as any });
  await runner().settled();
});

afterAll(async () => {
  await app?.stop();
});

describe('definitions (OPS §3.6 sentences)', () => {
  it('refuses a definition without a trigger, without actions, with an undefined variable or an unknown field, writing nothing', async () => {
    const before = { automations: await count('automation_definition'), audit: await count('audit_event') };
    const cases: Array<[Record<string, unknown>, string]> = [
      [definition({ trigger: undefined }), 'Trigger is required. Configure trigger in Step 2.'],
      [definition({ actions: [] }), 'At least one action is required. Add actions in Step 4.'],
      [definition({ actions: [{ type: 'send_sms', template: 'Hi {{client.nickname}} and {{ pet.name }}' }] }), 'Template uses undefined variables: client.nickname, pet.name. Define variables first.'],
      [definition({ conditions: { op: 'and', groups: [{ op: 'and', conditions: [{ field: 'message.body', operator: 'eq', value: 'x' }] }] } }), 'message.body is not a variable of Booking created. Pick a field from the list in Step 3.'],
      [definition({ trigger: { type: 'booking.created', offsetMinutes: -120 } }), 'Booking created takes no offset; only window triggers do.'],
      [{ ...definition(), colour: 'red' }, 'Unrecognized key: "colour"'],
    ];
    for (const [body, sentence] of cases) {
      const res = await app.http.post('/automations').set(as('owner')).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(sentence);
    }
    expect({ automations: await count('automation_definition'), audit: await count('audit_event') }).toEqual(before);
  });

  it('lists triggers with their variables; previews a template with samples and refuses an undefined variable', async () => {
    const catalogue = (await app.http.get('/automations/catalogue').set(as('owner'))).body.data;
    expect(catalogue.triggers.map((t: any) => t.type)).toEqual(['booking.created', 'booking.status_changed', 'message.received', 'window.starting', 'window.ended']);
    expect(catalogue.triggers.find((t: any) => t.type === 'window.starting').offset).toBe(true);
    const preview = await app.http.post('/automations/templates/preview').set(as('owner')).send({ body: 'Hi {{ client.firstName }} from {{business.name}}', triggerType: 'booking.created', variables: { 'client.firstName': 'Robin' } });
    expect(preview.status).toBe(200);
    expect(preview.body.data.bodyText).toBe('Hi Robin from Acme Pets');
    const jordan = await knex()('booking').where({ number_e_164: '+14155550141' }).first('document_id');
    const real = await app.http.post('/automations/templates/preview').set(as('owner')).send({ body: 'Hi {{ client.firstName }}', triggerType: 'booking.created', context: { bookingId: jordan.document_id } });
    expect(real.body.data).toEqual({ bodyText: 'Hi Jordan', from: { e164: '+14155550141', label: "+1 (415) 555-0141, a pool number of Jordan Lee's thread" } });
    const bad = await app.http.post('/automations/templates/preview').set(as('owner')).send({ body: 'Hi {{ client.nickname }}', triggerType: 'booking.created' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('Template uses undefined variables: client.nickname. Define variables first.');
  });
});

describe('test mode is mandatory', () => {
  it('refuses activation without a test; a test sends and writes nothing but its log; an edit raises the version and pauses', async () => {
    const automation = await create(definition({ name: 'Mandatory test' }));
    expect(automation).toMatchObject({ status: 'draft', version: 1, latestTest: null, triggerText: 'Booking created', conditionTexts: [['Booking kind is One-time visit']] });
    const refused = await app.http.post(`/automations/${automation.id}/activate`).set(as('owner')).send({});
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe("Test automation before activating. Click 'Test' to simulate.");

    const jordanBooking = await knex()('booking').where({ number_e_164: '+14155550141' }).first('document_id', 'conversation_id');
    const before = { messages: await count('message'), outbound: await count('outbound_message'), phone: await count('sandbox_phone_message'), audit: await count('audit_event'), bookings: await count('booking') };
    const test = await app.http.post(`/automations/${automation.id}/test`).set(as('owner')).send({ context: { bookingId: jordanBooking.document_id } });
    expect(test.status).toBe(200);
    expect(test.body.data).toMatchObject({
      ok: true,
      version: 1,
      matched: true,
      errors: [],
      conditions: [{ field: 'booking.kind', actual: 'one_time', passed: true }],
      actions: [{ n: 1, type: 'send_sms', result: 'would_run', wouldSend: { from: '+14155550141', to: '+14155550162', text: 'Hi Jordan, see you soon!' } }],
    });
    expect({ messages: await count('message'), outbound: await count('outbound_message'), phone: await count('sandbox_phone_message'), audit: await count('audit_event'), bookings: await count('booking') }).toEqual(before);
    const log = await executionsOf(automation.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ mode: 'test', status: 'success', version: 1, actor: 'Olivia Owner' });

    const activated = await app.http.post(`/automations/${automation.id}/activate`).set(as('owner')).send({});
    expect(activated.body.data).toMatchObject({ status: 'active', latestTest: { ok: true, current: true, version: 1 } });

    // A rename is not a new definition; a new template is: version 2, paused until it is tested again.
    const renamed = await app.http.put(`/automations/${automation.id}`).set(as('owner')).send(definition({ name: 'Mandatory test, renamed' }));
    expect(renamed.body.data).toMatchObject({ status: 'active', version: 1 });
    const edited = await app.http.put(`/automations/${automation.id}`).set(as('owner')).send(definition({ name: 'Mandatory test, renamed', actions: [{ type: 'send_sms', template: 'Hello {{ client.firstName }}!' }] }));
    expect(edited.body.data).toMatchObject({ status: 'paused', version: 2, pausedReason: 'Edited: test version 2 and activate it again.', latestTest: { version: 1, current: false } });
    expect((await app.http.post(`/automations/${automation.id}/activate`).set(as('owner')).send({})).status).toBe(409);
    await app.http.post(`/automations/${automation.id}/test`).set(as('owner')).send({});
    const again = await app.http.post(`/automations/${automation.id}/activate`).set(as('owner')).send({});
    expect(again.body.data).toMatchObject({ status: 'active', version: 2, pausedReason: null });

    // Delete archives; an archived automation is not listed and cannot be activated.
    const archived = await app.http.delete(`/automations/${automation.id}`).set(as('owner'));
    expect(archived.body.data.status).toBe('archived');
    expect((await app.http.get('/automations').set(as('owner'))).body.data.some((a: any) => a.id === automation.id)).toBe(false);
    expect((await app.http.post(`/automations/${automation.id}/activate`).set(as('owner')).send({})).status).toBe(409);
    expect(await knex()('audit_event').where({ entity_id: automation.id }).orderBy('id').pluck('action')).toEqual([
      'automation.create',
      'automation.activate',
      'automation.update',
      'automation.update',
      'automation.activate',
      'automation.archive',
    ]);
  });

  it('a test on a context its conditions do not match passes, saying a live run would skip it', async () => {
    const automation = await create(definition({ name: 'Weekly only', conditions: { op: 'or', groups: [{ op: 'and', conditions: [{ field: 'booking.kind', operator: 'eq', value: 'weekly' }] }] } }));
    const jordanBooking = await knex()('booking').where({ number_e_164: '+14155550141' }).first('document_id');
    const test = (await app.http.post(`/automations/${automation.id}/test`).set(as('owner')).send({ context: { bookingId: jordanBooking.document_id } })).body.data;
    expect(test).toMatchObject({ ok: true, matched: false, conditions: [{ actual: 'one_time', passed: false, text: 'Booking kind is Weekly visits: no (One-time visit)' }], actions: [{ result: 'skipped' }] });
    const missing = await app.http.post(`/automations/${automation.id}/test`).set(as('owner')).send({ context: { bookingId: 'nosuchbooking' } });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('Booking not found. Pick another booking to test with.');
  });
});

describe('execution', () => {
  it('a booking created through the REST API runs the active Booking confirmation once, from its pool number', async () => {
    const confirmation = (await app.http.get('/automations?status=active').set(as('owner'))).body.data.find((a: any) => a.name === 'Booking confirmation');
    const client = await newClient('Robin');
    const booking = await restBooking(oneTime(client.id));
    const execution = await until(async () => (await executionsOf(confirmation.id)).find((e) => e.trigger.subject.id === booking.documentId && e.status !== 'queued'));
    expect(execution).toMatchObject({ mode: 'live', status: 'success', matched: true, actions: [{ result: 'done' }] });
    const sent = await automatedMessages(booking.conversationId);
    expect(sent).toHaveLength(1);
    expect(sent[0].body_text).toMatch(/^Hi Robin, your visit with Acme Pets is confirmed for \w{3}, \w{3} \d{1,2}, \d{1,2}:\d{2} [AP]M\. Reply here with any questions\.$/);
    expect(sent[0].sender_display_name).toBe('Booking confirmation');
    await until(async () => (await count('sandbox_phone_message', { phone_number: client.phone })) === 1);
    // The same trigger heard again (a repeat, or another node) runs nothing more.
    await runner().enqueue({ type: 'booking.created', subject: { type: 'booking', id: booking.documentId }, at: new Date().toISOString(), data: { bookingId: booking.documentId } }, `booking:${booking.documentId}:created`);
    await runner().settled();
    expect((await executionsOf(confirmation.id)).filter((e) => e.trigger.subject.id === booking.documentId)).toHaveLength(1);
    expect(await automatedMessages(booking.conversationId)).toHaveLength(1);
    expect(events.some((e) => e.type === 'automation_executed' && e.data.executionId === execution.id)).toBe(true);
  });

  it('a paused automation does not run: nothing is queued for it, and a run queued before the pause is skipped', async () => {
    const automation = await activeAutomation(definition({ name: 'Paused soon', conditions: { op: 'and', groups: [] }, actions: [{ type: 'create_task', text: 'Call {{ client.firstName }}' }] }));
    const executions = app.strapi.plugin('automations').service('executions');
    const stored = await app.strapi.plugin('automations').service('automations').stored(automation.id);
    const client = await newClient('Paused');
    const booking = await restBooking(oneTime(client.id));
    await runner().settled();
    // A run that was waiting when the pause came (inserted as the trigger would, not yet run).
    const waiting = await executions.insert({ automationId: automation.id, version: stored.version, definitionHash: stored.definitionHash, mode: 'live', status: 'queued', triggerType: 'booking.created', triggerKey: `booking:${booking.documentId}:again`, subjectType: 'booking', subjectId: booking.documentId, triggerAt: new Date(), triggerData: { bookingId: booking.documentId }, causationId: 'c1', depth: 0, actor: 'system' });
    await app.http.post(`/automations/${automation.id}/pause`).set(as('owner')).send({});
    expect(await runner().run(waiting.documentId)).toBe('skipped');
    const other = await newClient('Later');
    await restBooking(oneTime(other.id));
    await runner().settled();
    const live = (await executionsOf(automation.id)).filter((e) => e.mode === 'live');
    expect(live.map((e) => [e.trigger.subject.id, e.status])).toEqual([
      [booking.documentId, 'skipped'],
      [booking.documentId, 'success'],
    ]);
    expect(live[0].reason).toBe('Not run: the automation is paused (disabled automations never execute).');
  });

  it('create_task, scoped to one client, leaves a note in the owner inbox and publishes a task event; other clients are skipped', async () => {
    const keys = await newClient('Keys');
    const other = await newClient('Other');
    const automation = await activeAutomation(definition({ name: 'Task on booking', scope: { type: 'client', id: keys.id }, conditions: { op: 'and', groups: [] }, actions: [{ type: 'create_task', text: 'Call {{ client.firstName }} about the keys' }] }));
    const skipped = await restBooking(oneTime(other.id));
    const done = await restBooking(oneTime(keys.id));
    await runner().settled();
    const log = (await executionsOf(automation.id)).filter((e) => e.mode === 'live');
    expect(log.find((e) => e.trigger.subject.id === skipped.documentId)).toMatchObject({ status: 'skipped', reason: expect.stringContaining("outside the automation's scope") });
    expect(log.find((e) => e.trigger.subject.id === done.documentId)).toMatchObject({ status: 'success', actions: [{ result: 'done', text: 'Task created: "Call Keys about the keys"' }] });
    const note = await knex()('message').where({ conversation_id: Number(done.conversationId), route_type: 'SYSTEM' }).first('body_text');
    expect(note.body_text).toBe('Task from "Task on booking": Call Keys about the keys');
    expect(events.find((e) => e.type === 'task' && e.subject.id === automation.id)).toMatchObject({ conversationId: done.conversationId, data: { title: 'Task: Call Keys about the keys' } });
  });

  it('an automation that keeps failing pauses itself after failureThreshold failures and publishes automation_failed', async () => {
    await settings().update({ failureThreshold: 3 }, null);
    try {
      // The policy holds this text back on every live run (a test only renders it), so every run fails.
      const automation = await activeAutomation(
        definition({ name: 'Leaky reply', trigger: { type: 'message.received' }, conditions: { op: 'and', groups: [] }, actions: [{ type: 'send_sms', template: 'Text me directly on 415 555 0188' }] }),
      );
      const client = await newClient('Leaky');
      for (let i = 1; i <= 4; i += 1) {
        const res = await app.http.post('/provider/sandbox/phone/reply').set(as('owner')).send({ from: client.phone, to: '+14155550100', body: `Question ${'one two three four'.split(' ')[i - 1]}` });
        expect(res.status).toBeLessThan(300);
        await runner().settled();
      }
      const log = (await executionsOf(automation.id)).filter((e) => e.mode === 'live');
      // Three failures, then paused: the fourth message sets off nothing.
      expect(log.map((e) => e.status)).toEqual(['failed', 'failed', 'failed']);
      expect(log[0].error).toContain('Not sent: the anti-poaching policy held the message back.');
      const now = (await app.http.get(`/automations/${automation.id}`).set(as('owner'))).body.data;
      expect(now).toMatchObject({ status: 'paused', pausedReason: 'Paused after 3 failed executions in a row. Fix the automation, test it and activate it again.' });
      const failures = events.filter((e) => e.type === 'automation_failed' && e.subject.id === automation.id);
      expect(failures.map((e) => e.data.paused)).toEqual([false, false, true]);
      expect(failures[2].data.title).toBe('Automation paused: Leaky reply');
      expect(await count('audit_event', { action: 'automation.self_pause', entity_id: automation.id })).toBe(1);
    } finally {
      await settings().update({ failureThreshold: 5 }, null);
    }
  });

  it('automations setting each other off are cut at the depth limit', async () => {
    const client = await newClient('Loop');
    const booking = await restBooking(oneTime(client.id));
    await runner().settled();
    const onStatus = (name: string, when: string, then: string) =>
      definition({ name, scope: { type: 'client', id: client.id }, trigger: { type: 'booking.status_changed' }, conditions: { op: 'and', groups: [{ op: 'and', conditions: [{ field: 'booking.status', operator: 'eq', value: when }] }] }, actions: [{ type: 'update_booking_status', status: then }] });
    const a = await activeAutomation(onStatus('Ping', 'completed', 'confirmed'), { bookingId: booking.documentId });
    const b = await activeAutomation(onStatus('Pong', 'confirmed', 'completed'), { bookingId: booking.documentId });
    await app.strapi.documents('plugin::assignments.booking' as any).update({ documentId: booking.documentId, data: { status: 'completed' } as any });
    await until(async () => {
      await runner().settled();
      return (await executionsOf(a.id)).concat(await executionsOf(b.id)).some((e) => e.status === 'skipped' && e.reason?.startsWith('Loop stopped'));
    });
    await runner().settled();
    // Every change sets off both; the one whose condition matches acts (the other's run is skipped on its condition,
    // read as the change set it, not as it is by the time the run starts).
    const all = [...(await executionsOf(a.id)), ...(await executionsOf(b.id))].filter((e) => e.mode === 'live');
    expect(all.filter((e) => e.reason === 'Skipped: the conditions did not match.')).toHaveLength(4);
    const label = (e: any) => (e.automationId === a.id ? 'Ping' : 'Pong');
    const live = all.filter((e) => e.reason !== 'Skipped: the conditions did not match.').sort((x, y) => x.causation.depth - y.causation.depth || label(x).localeCompare(label(y)));
    expect(live.map((e) => [e.causation.depth, label(e), e.status])).toEqual([
      [0, 'Ping', 'success'],
      [1, 'Pong', 'success'],
      [2, 'Ping', 'success'],
      [3, 'Pong', 'success'],
      [4, 'Ping', 'skipped'],
      [4, 'Pong', 'skipped'],
    ]);
    expect(new Set(all.map((e) => e.causation.id)).size).toBe(1);
    expect(live[4].reason).toBe('Loop stopped: this run was set off by a chain of 4 automation runs (the limit is 3). Check their triggers and actions.');
    // Four changes went through: completed → confirmed → completed → confirmed → completed.
    expect((await knex()('booking').where({ document_id: booking.documentId }).first('status')).status).toBe('completed');
  });

  it('quiet hours hold an automated SMS until they end; the per-client cap skips the next one', async () => {
    const local = DateTime.now().setZone(ZONE);
    await settings().update({ quietHours: { start: local.minus({ hours: 1 }).toFormat('HH:mm'), end: local.plus({ hours: 1 }).toFormat('HH:mm') } }, null);
    const confirmation = (await app.http.get('/automations?status=active').set(as('owner'))).body.data.find((a: any) => a.name === 'Booking confirmation');
    try {
      const quiet = await newClient('Quiet');
      const booking = await restBooking(oneTime(quiet.id));
      const held = await until(async () => (await executionsOf(confirmation.id)).find((e) => e.trigger.subject.id === booking.documentId && e.reason));
      expect(held).toMatchObject({ status: 'queued', reason: expect.stringMatching(/^Waiting for the end of quiet hours/) });
      expect(await automatedMessages(booking.conversationId)).toHaveLength(0);
    } finally {
      await settings().update({ quietHours: null }, null);
    }
    await settings().update({ clientDailyCap: 1 }, null);
    try {
      const capped = await newClient('Capped');
      const first = await restBooking(oneTime(capped.id));
      await until(async () => (await executionsOf(confirmation.id)).find((e) => e.trigger.subject.id === first.documentId && e.status === 'success'));
      const second = await restBooking(oneTime(capped.id, { startsAt: inHours(50), endsAt: inHours(52) }));
      const skipped = await until(async () => (await executionsOf(confirmation.id)).find((e) => e.trigger.subject.id === second.documentId && e.status !== 'queued'));
      expect(skipped).toMatchObject({ status: 'skipped', reason: 'Skipped: this client already received 1 automated messages in the last 24 hours (the limit is 1).' });
      expect(await automatedMessages(first.conversationId)).toHaveLength(1);
    } finally {
      await settings().update({ clientDailyCap: 5 }, null);
    }
    expect(await count('audit_event', { action: 'settings.update' })).toBeGreaterThanOrEqual(4);
  });

  it('a window trigger two hours before a window starts runs once, when the sweep reaches that instant (moved clock)', async () => {
    const sky = await userIdOf(demo.sitter2.email);
    const automation = await activeAutomation(
      definition({
        name: 'Visit heads-up',
        trigger: { type: 'window.starting', offsetMinutes: -120 },
        conditions: { op: 'and', groups: [] },
        actions: [{ type: 'send_sms', template: '{{ sitter.firstName }} visits {{ client.firstName }} at {{ window.startsAtLocal }}.' }],
      }),
    );
    expect(automation.triggerText).toBe('2 hours before a window starts');
    const client = await newClient('Early');
    const startsAt = new Date(Date.now() + 125 * 60_000);
    const booking = await restBooking(oneTime(client.id, { sitterId: sky, startsAt: startsAt.toISOString(), endsAt: new Date(+startsAt + HOUR).toISOString() }));
    await runner().settled();
    const heads = () => knex()('message').where({ conversation_id: Number(booking.conversationId), route_type: 'AUTOMATION_TO_CLIENT', sender_display_name: 'Visit heads-up' });
    expect(await runner().sweep(new Date())).toBe(0); // five minutes early
    expect(await runner().sweep(new Date(Date.now() + 6 * 60_000))).toBe(1);
    expect(await runner().sweep(new Date(Date.now() + 7 * 60_000))).toBe(0); // once
    await runner().settled();
    const sent = await heads();
    expect(sent).toHaveLength(1);
    expect(sent[0].body_text).toBe(`Sky visits Early at ${DateTime.fromJSDate(startsAt, { zone: ZONE }).toFormat('ccc, LLL d, h:mm a')}.`);
  });
});

describe('permissions (OPS §3.6: the Messaging Admin views and enables or disables only)', () => {
  it('a Messaging Admin lists, pauses and activates a tested automation, and may not create, edit, test or archive', async () => {
    const confirmation = (await app.http.get('/automations').set(as('admin'))).body.data.find((a: any) => a.name === 'Booking confirmation');
    expect(confirmation.status).toBe('active');
    expect((await app.http.post(`/automations/${confirmation.id}/pause`).set(as('admin')).send({})).body.data.status).toBe('paused');
    expect((await app.http.post(`/automations/${confirmation.id}/activate`).set(as('admin')).send({})).body.data.status).toBe('active');
    expect((await app.http.post('/automations').set(as('admin')).send(definition())).status).toBe(403);
    expect((await app.http.put(`/automations/${confirmation.id}`).set(as('admin')).send(definition())).status).toBe(403);
    expect((await app.http.post(`/automations/${confirmation.id}/test`).set(as('admin')).send({})).status).toBe(403);
    expect((await app.http.delete(`/automations/${confirmation.id}`).set(as('admin'))).status).toBe(403);
    expect((await app.http.get(`/automations/nosuch/executions`).set(as('admin'))).status).toBe(404);
  });
});
