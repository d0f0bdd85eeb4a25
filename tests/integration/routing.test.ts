// Issue 17: inbound SMS go through the routing engine (API.md "Routing"): one decision per message, recorded with
// its trace; the simulator changes nothing; owner overrides (Owner only) win while they last and expire on their own.
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';
import { NO_ROUTING } from '@switchboard/messaging';
import { Client } from 'pg';

let app: RunningStrapi;
const tokens: Record<string, string> = {};
const as = (who: 'owner' | 'admin') => ({ Authorization: `Bearer ${tokens[who]}` });
const knex = () => app.strapi.db.connection;

const CASEY = '+14155550161';
const SAMS_NUMBER = '+14155550120';
const POOL = '+14155550140';
/** A pool number with no thread on it, quarantined by one test. */
const QUARANTINED = '+14155550142';
let casey: number;
let samId: number;

async function texts(from: string, to: string, body: string) {
  const res = await app.http.post('/provider/sandbox/phone/reply').set(as('owner')).send({ from, to, body });
  expect([res.status, res.status === 202 ? null : res.body]).toEqual([202, null]);
  return (await knex()('message').where({ body_text: body }).orderBy('id', 'desc').first('ordering_key', 'conversation_id', 'routed_sitter_id'))!;
}

const decisionOf = async (messageId: string) => knex()('routing_decision').where({ message_id: String(messageId) }).first();
const counts = async () =>
  Object.fromEntries(await Promise.all(['routing_decision', 'routing_override', 'message', 'audit_event', 'conversation'].map(async (t) => [t, Number((await knex()(t).count({ n: '*' }))[0].n)] as const)));

beforeAll(async () => {
  app = await startStrapi();
  tokens.owner = await adminLogin(app.http, demo.owner);
  tokens.admin = await adminLogin(app.http, demo.admin);
  tokens.sam = await appLogin(app.http, demo.sitter);
  casey = Number((await knex()('conversation').where({ kind: 'client', client_phone: CASEY, business_number: SAMS_NUMBER }).first('id')).id);
  samId = Number((await knex()('up_users').where({ email: demo.sitter.email }).first('id')).id);
});

afterAll(async () => {
  await app?.stop();
});

describe('the rules and the simulator', () => {
  it('lists the five rules in their order, in words', async () => {
    const res = await app.http.get('/routing/rules').set(as('admin'));
    expect(res.status).toBe(200);
    expect(res.body.data.map((r: any) => [r.priority, r.id, r.status])).toEqual([
      [1, 'number_in_service', 'active'],
      [2, 'pool_sender_check', 'active'],
      [3, 'owner_override', 'active'],
      [4, 'sitter_window', 'active'],
      [5, 'default_owner_inbox', 'active'],
    ]);
    expect(res.body.data[3].description).toBe('If thread has assigned sitter and assignment window is active, route to sitter.');
  });

  it('previews Casey’s thread step by step (Sam’s window is active) and writes nothing', async () => {
    const before = await counts();
    const res = await app.http.post('/routing/simulate').set(as('admin')).send({ conversationId: casey });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ target: { type: 'sitter', sitterId: samId, label: 'Sam Sitter' }, matchedRule: 'sitter_window', overridden: false, timeZone: 'America/Los_Angeles' });
    expect(res.body.data.steps.map((s: any) => s.check)).toEqual(['Check number', 'Check override', 'Check thread assignment', 'Check assignment window', 'Evaluate routing']);
    expect(res.body.data.steps[3].result).toMatch(/^Window active: Yes \(12:00 AM – 12:00 AM [A-Z][a-z]{2} \d{1,2}\)$/);
    expect(res.body.data.reason).toMatch(/^Routed to Sam Sitter because: Assignment window active from 12:00 AM to 12:00 AM/);
    // By client phone and number, outbound: the client, from the thread's number.
    const outbound = await app.http.post('/routing/simulate').set(as('owner')).send({ clientPhone: CASEY, number: SAMS_NUMBER, direction: 'outbound' });
    expect(outbound.body.data).toMatchObject({ target: { type: 'client', label: 'Casey Morgan' }, matchedRule: null });
    expect(await counts()).toEqual(before);
  });

  it('answers a thread that does not exist with 404, and bad bodies with a sentence', async () => {
    expect((await app.http.post('/routing/simulate').set(as('owner')).send({ conversationId: 999999 })).body.error.message).toBe('Thread not found. Create thread first?');
    const bad = await app.http.post('/routing/simulate').set(as('owner')).send({ clientPhone: CASEY });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('Pick a thread (conversationId), or give a client phone and a business number (clientPhone and number).');
    expect((await app.http.post('/routing/simulate').set(as('owner')).send({ conversationId: casey, at: 'tomorrow' })).status).toBe(400);
    expect((await app.http.get('/routing/history?rule=nope').set(as('owner'))).status).toBe(400);
  });
});

describe('inbound SMS', () => {
  it('reads one query at a time on the receive transaction’s connection (pg queues overlapping ones; pg 9 refuses them)', async () => {
    const query = Client.prototype.query;
    let overlapping = 0;
    Client.prototype.query = function (this: { _activeQuery: unknown; _queryQueue: unknown[] }, ...args: unknown[]) {
      if (this._activeQuery || this._queryQueue.length > 0) overlapping += 1;
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    try {
      const message = await texts(CASEY, SAMS_NUMBER, 'Is Miso asleep already?');
      expect(Number(message.routed_sitter_id)).toBe(samId);
    } finally {
      Client.prototype.query = query;
    }
    expect(overlapping).toBe(0);
  });

  it('inside Sam’s window routes to Sam, records one decision, and shows on the message to staff and to Sam', async () => {
    const message = await texts(CASEY, SAMS_NUMBER, 'Miso ate breakfast, all good?');
    expect(Number(message.conversation_id)).toBe(casey);
    expect(Number(message.routed_sitter_id)).toBe(samId);
    const decision = await decisionOf(message.ordering_key);
    expect(decision).toMatchObject({ matched_rule: 'sitter_window', target_type: 'sitter', target_sitter_id: samId, overridden: false });
    expect(decision.ruleset_hash).toMatch(/^[0-9a-f]{12}$/);
    const staff = (await app.http.get(`/messaging/conversations/${casey}/messages`).set(as('owner'))).body.data.find((m: any) => m.id === String(message.ordering_key));
    expect(staff.routing).toEqual({ decisionId: String(decision.id), target: { type: 'sitter', sitterId: samId, label: 'Sam Sitter' }, rule: 'sitter_window', overridden: false });
    const sams = (await app.http.get(`/api/conversations/${casey}/messages`).set({ Authorization: `Bearer ${tokens.sam}` })).body.data;
    expect(sams.map((m: any) => m.bodyText)).toContain('Miso ate breakfast, all good?');
    expect(sams.every((m: any) => m.routing === undefined)).toBe(true);
    const history = await app.http.get(`/routing/history?conversationId=${casey}&rule=sitter_window`).set(as('admin'));
    expect(history.body.data[0]).toMatchObject({ id: String(decision.id), messageId: String(message.ordering_key), matchedRule: 'sitter_window', target: { type: 'sitter', label: 'Sam Sitter' } });
    const rules = (await app.http.get('/routing/rules').set(as('owner'))).body.data;
    expect(rules.find((r: any) => r.id === 'sitter_window').evaluations24h).toBeGreaterThanOrEqual(1);
  });

  it('an unmapped sender on a pool number lands in the owner inbox, flagged, and gets the auto-response from that number', async () => {
    const stranger = '+14155550177';
    const message = await texts(stranger, POOL, 'Is this the dog walker?');
    expect(message.routed_sitter_id).toBeNull();
    expect(await decisionOf(message.ordering_key)).toMatchObject({ matched_rule: 'pool_sender_check', target_type: 'owner_inbox' });
    const thread = (await app.http.get(`/messaging/conversations?kind=client&q=${encodeURIComponent('0177')}`).set(as('owner'))).body.data[0];
    expect(thread.flags).toMatchObject({ unmappedPoolSender: true, openViolations: 0, failedDeliveries: 0 });
    const messages = (await app.http.get(`/messaging/conversations/${thread.id}/messages`).set(as('owner'))).body.data;
    expect(messages.map((m: any) => [m.routeType, m.bodyText])).toEqual([
      ['CLIENT_INBOUND', 'Is this the dog walker?'],
      ['AUTOMATION_TO_CLIENT', "Thanks for your message. We'll get back to you shortly."],
    ]);
  });

  it('filters the inbox by flag=quarantined and refuses flags that do not exist', async () => {
    const res = await app.http.get('/messaging/conversations?flag=quarantined').set(as('owner'));
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
    const refused = await app.http.get('/messaging/conversations?flag=failed').set(as('owner'));
    expect([refused.status, refused.body.error.message]).toEqual([400, 'flag must be quarantined, violation or delivery_failure.']);
  });

  it('a text to a quarantined number lands in the owner inbox, in a thread flagged as such, found by flag=quarantined', async () => {
    const number = await knex()('phone_number').where({ e_164: QUARANTINED }).first('id');
    const quarantine = await app.http.post(`/numbers/${number.id}/quarantine`).set(as('owner')).send({ reason: 'manual_review' });
    expect(quarantine.status).toBe(200);
    const message = await texts(CASEY, QUARANTINED, 'Is this still the pet sitter number?');
    expect(message.routed_sitter_id).toBeNull();
    expect(await decisionOf(message.ordering_key)).toMatchObject({ matched_rule: 'number_in_service', target_type: 'owner_inbox' });
    const flagged = (await app.http.get('/messaging/conversations?flag=quarantined').set(as('owner'))).body.data;
    expect(flagged.map((c: any) => [c.title, c.number?.e164, c.flags.viaQuarantinedNumber])).toEqual([['Casey Morgan', QUARANTINED, true]]);
  });

  it('a routing failure inside the receive transaction still stores the message, in the owner inbox, with no decision', async () => {
    const port = app.strapi.plugin('routing').service('port');
    const messagingRouting = app.strapi.plugin('messaging').service('routing');
    // A port whose query fails in Postgres inside the receive transaction (Strapi hands a nested transaction the
    // caller's): that transaction is poisoned unless messaging runs the port under a savepoint.
    messagingRouting.fill({ ...NO_ROUTING, routeInbound: async () => app.strapi.db.transaction(({ trx }: any) => trx.raw('SELECT no_such_column FROM routing_decision')) });
    try {
      const before = await counts();
      const message = await texts(CASEY, SAMS_NUMBER, 'Routing is broken but I am here');
      expect(message.conversation_id).toBe(casey);
      expect(message.routed_sitter_id).toBeNull();
      expect(await decisionOf(message.ordering_key)).toBeUndefined();
      const after = await counts();
      expect([after.message - before.message, after.routing_decision - before.routing_decision]).toEqual([1, 0]);
    } finally {
      port.fill();
    }
    // Routing is back: the next text is decided again.
    const next = await texts(CASEY, SAMS_NUMBER, 'And now?');
    expect(await decisionOf(next.ordering_key)).toMatchObject({ matched_rule: 'sitter_window' });
  });
});

describe('overrides (Owner only)', () => {
  let overrideId: string;

  it('refuses a Messaging Admin with the sentence; they still read the list', async () => {
    const res = await app.http.post('/routing/overrides').set(as('admin')).send({ conversationId: casey, target: { type: 'owner_inbox' }, duration: '1h', reason: 'Sam is at the vet' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('Only an owner can override routing.');
    expect((await app.http.get('/routing/overrides').set(as('admin'))).status).toBe(200);
  });

  it('previews without writing, needs a reason, then routes Casey’s texts to the owner inbox and refuses a second', async () => {
    const before = await counts();
    const preview = await app.http.post('/routing/overrides?preview=true').set(as('owner')).send({ conversationId: casey, target: { type: 'owner_inbox' }, duration: '1h', reason: 'Sam is at the vet' });
    expect(preview.status).toBe(200);
    expect(preview.body.data.impact[0]).toBe('Override routing for Casey Morgan? Messages will route to the owner inbox for 1 hour.');
    expect(await counts()).toEqual(before);
    const noReason = await app.http.post('/routing/overrides').set(as('owner')).send({ conversationId: casey, target: { type: 'owner_inbox' }, duration: '1h', reason: ' ' });
    expect([noReason.status, noReason.body.error.message]).toEqual([400, 'A reason is required.']);

    const created = await app.http.post('/routing/overrides').set(as('owner')).send({ conversationId: casey, target: { type: 'owner_inbox' }, duration: '1h', reason: 'Sam is at the vet' });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ conversationId: String(casey), target: { type: 'owner_inbox' }, duration: '1h', status: 'active', confirmation: 'Routing override active. Messages will route to the owner inbox for 1 hour.' });
    overrideId = created.body.data.id;
    const second = await app.http.post('/routing/overrides').set(as('owner')).send({ conversationId: casey, target: { type: 'sitter', sitterId: samId }, duration: '4h', reason: 'Again' });
    expect([second.status, second.body.error.message]).toEqual([409, 'Override already exists. Remove existing override first?']);

    const message = await texts(CASEY, SAMS_NUMBER, 'Is Sam around today?');
    expect(message.routed_sitter_id).toBeNull();
    expect(await decisionOf(message.ordering_key)).toMatchObject({ matched_rule: 'owner_override', target_type: 'owner_inbox', overridden: true, override_id: overrideId });
    // Overrides never touch windows: Sam still has the thread, but not the text routed away from him.
    const sams = (await app.http.get(`/api/conversations/${casey}/messages`).set({ Authorization: `Bearer ${tokens.sam}` })).body.data.map((m: any) => m.bodyText);
    expect(sams).toContain('Miso ate breakfast, all good?');
    expect(sams).not.toContain('Is Sam around today?');
    const thread = (await app.http.get('/messaging/conversations?kind=client&q=Casey').set(as('owner'))).body.data.find((c: any) => c.id === String(casey));
    expect(thread.flags.override).toMatchObject({ id: overrideId, target: { type: 'owner_inbox' } });
  });

  it('expires on a moved clock exactly once, and routing is normal again; removing it then answers 409', async () => {
    const overrides = app.strapi.plugin('routing').service('overrides');
    expect(await overrides.expireDue(new Date(Date.now() + 30 * 60 * 1000))).toEqual([]);
    // Two nodes' jobs at once: the conditional update lets exactly one of them expire it.
    const at = new Date(Date.now() + 61 * 60 * 1000);
    expect((await Promise.all([overrides.expireDue(at), overrides.expireDue(at)])).flat()).toEqual([overrideId]);
    expect(await overrides.expireDue(new Date(Date.now() + 62 * 60 * 1000))).toEqual([]);
    expect(await knex()('audit_event').where({ action: 'routing.override_expire' }).count({ n: '*' })).toEqual([{ n: '1' }]);
    // Its end time has not come on the real clock, but it is expired: the next text routes by the window again.
    const message = await texts(CASEY, SAMS_NUMBER, 'Back to normal?');
    expect(await decisionOf(message.ordering_key)).toMatchObject({ matched_rule: 'sitter_window', overridden: false });
    const removed = await app.http.delete(`/routing/overrides/${overrideId}`).set(as('owner'));
    expect([removed.status, removed.body.error.message]).toEqual([409, 'Override expired. Routing returned to normal rules.']);
  });

  it('a sitter override gives Sky Casey’s thread until it is removed', async () => {
    const skyId = Number((await knex()('up_users').where({ email: demo.sitter2.email }).first('id')).id);
    const sky = await appLogin(app.http, demo.sitter2);
    expect((await app.http.get(`/api/conversations/${casey}/messages`).set({ Authorization: `Bearer ${sky}` })).status).toBe(404);
    const created = await app.http.post('/routing/overrides').set(as('owner')).send({ conversationId: casey, target: { type: 'sitter', sitterId: skyId }, duration: 'until_removed', reason: 'Sky covers this week' });
    expect(created.status).toBe(201);
    const message = await texts(CASEY, SAMS_NUMBER, 'Hi Sky!');
    expect(Number(message.routed_sitter_id)).toBe(skyId);
    const skys = await app.http.get(`/api/conversations/${casey}/messages`).set({ Authorization: `Bearer ${sky}` });
    expect(skys.status).toBe(200);
    expect(skys.body.data.map((m: any) => m.bodyText)).toEqual(['Hi Sky!']);
    const removed = await app.http.delete(`/routing/overrides/${created.body.data.id}`).set(as('owner'));
    expect(removed.body.data.status).toBe('removed');
    expect((await app.http.get(`/api/conversations/${casey}/messages`).set({ Authorization: `Bearer ${sky}` })).status).toBe(404);
  });
});
