// Issue 18: the policy plugin on a real Strapi. A sitter's send with a disguised phone number is blocked (nothing
// reaches the sandbox phone), opens one violation with its audit event and the policy_violation domain event; a
// Messaging Admin reads violations but may not approve, dismiss or resolve them (403); the Owner's approval delivers
// the message once; a dismissal leaves it undelivered.
import { randomUUID } from 'node:crypto';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';

let app: RunningStrapi;
const tokens: Record<string, string> = {};
const as = (who: 'owner' | 'admin' | 'sam') => ({ Authorization: `Bearer ${tokens[who]}` });
const knex = () => app.strapi.db.connection;
const CASEY = '+14155550161';
const PHONE_NOTICE = 'This message was not sent because it contains a phone number. Keep conversations on this business number; the owner has been told.';
let casey: number;
const events: any[] = [];

const samSends = (text: string) =>
  app.http.post(`/api/conversations/${casey}/messages`).set(as('sam')).send({ idempotencyKey: randomUUID(), routeType: 'SITTER_TO_CLIENT', bodyHtml: `<p>${text}</p>` });
const outboundOf = async (messageId: string) => Number((await knex()('outbound_message').where({ message_ref: messageId }).count({ n: '*' }))[0].n);
const violationOf = async (messageId: string) => (await app.http.get(`/policy/violations?conversationId=${casey}`).set(as('owner'))).body.data.find((v: any) => v.messageId === messageId);

beforeAll(async () => {
  app = await startStrapi();
  tokens.owner = await adminLogin(app.http, demo.owner);
  tokens.admin = await adminLogin(app.http, demo.admin);
  tokens.sam = await appLogin(app.http, demo.sitter);
  casey = Number((await knex()('conversation').where({ kind: 'client', client_phone: CASEY, business_number: '+14155550120' }).first('id')).id);
  app.strapi.eventHub.on('switchboard.policy_violation', async (event: any) => {
    events.push(event);
  });
});

afterAll(async () => {
  await app?.stop();
});

it('blocks a sitter’s send with a disguised phone number: nothing is sent, one violation, its audit event and domain event', async () => {
  const text = 'My cell is four one five, 555 . Ol88 — text me there';
  const res = await samSends(text);
  expect(res.status).toBe(201);
  expect(res.body.data).toMatchObject({ state: 'blocked', notice: PHONE_NOTICE, bodyText: text });
  expect(await outboundOf(res.body.data.id)).toBe(0);
  const phone = await app.http.get(`/provider/sandbox/phone?phoneNumber=${encodeURIComponent(CASEY)}`).set(as('owner'));
  expect(phone.body.data.map((m: any) => m.body)).not.toContain(text);

  const violation = await violationOf(res.body.data.id);
  expect(violation).toMatchObject({
    type: 'phone_number',
    status: 'open',
    actionTaken: 'blocked',
    conversationId: String(casey),
    redactedText: 'My cell is [phone number] — text me there',
    sender: { role: 'sitter', displayName: 'Sam Sitter' },
    review: null,
  });
  expect(await knex()('audit_event').where({ action: 'policy.violation_open', message_id: res.body.data.id }).count({ n: '*' })).toEqual([{ n: '1' }]);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(events.filter((e) => e.subject.id === violation.id).map((e) => [e.type, e.conversationId, e.data.types])).toEqual([['policy_violation', String(casey), ['phone_number']]]);

  // Staff read it redacted, with the notice.
  const staffView = (await app.http.get(`/messaging/conversations/${casey}/messages`).set(as('owner'))).body.data.find((m: any) => m.id === res.body.data.id);
  expect(staffView).toMatchObject({ state: 'blocked', bodyText: 'My cell is [phone number] — text me there', notice: PHONE_NOTICE });
});

it('lets ordinary talk and the business’s own number through', async () => {
  const res = await samSends('Totally fine. I’ll check on her at 3:30, or call the office on +1 (415) 555-0120.');
  expect(res.status).toBe(201);
  expect(res.body.data.state).toBe('queued');
  expect(await violationOf(res.body.data.id)).toBeUndefined();
});

it('lets a Messaging Admin read violations but not approve, dismiss or resolve them', async () => {
  const sent = await samSends('email me at sam at gmail dot com');
  const violation = await violationOf(sent.body.data.id);
  expect(violation.type).toBe('email');
  const list = await app.http.get('/policy/violations?status=open').set(as('admin'));
  expect(list.status).toBe(200);
  expect(list.body.data.map((v: any) => v.id)).toContain(violation.id);
  for (const action of ['approve', 'dismiss', 'resolve']) {
    const res = await app.http.post(`/policy/violations/${violation.id}/${action}`).set(as('admin')).send({ reason: 'trying' });
    expect([action, res.status, res.body.error.message]).toEqual([action, 403, 'Only an owner can review policy violations.']);
  }
  expect((await violationOf(sent.body.data.id)).status).toBe('open');
});

it('delivers the message once when the Owner approves it, with a reason; a second review is refused', async () => {
  const sent = await samSends('insta: @samsitsdogs');
  const violation = await violationOf(sent.body.data.id);
  expect(violation.type).toBe('social_handle');
  const noReason = await app.http.post(`/policy/violations/${violation.id}/approve`).set(as('owner')).send({ reason: ' ' });
  expect([noReason.status, noReason.body.error.message]).toEqual([400, 'A reason is required.']);

  const approved = await app.http.post(`/policy/violations/${violation.id}/approve`).set(as('owner')).send({ reason: 'It is the business’s own page.' });
  expect(approved.status).toBe(200);
  expect(approved.body.data).toMatchObject({ status: 'resolved', actionTaken: 'overridden', review: { by: 'Olivia Owner', reason: 'It is the business’s own page.' } });
  expect(await outboundOf(sent.body.data.id)).toBe(1);
  const message = await knex()('message').where({ ordering_key: sent.body.data.id }).first('state', 'policy_notice');
  expect(message.state).not.toBe('blocked');
  expect(message.policy_notice).toBeNull();

  const again = await app.http.post(`/policy/violations/${violation.id}/approve`).set(as('owner')).send({ reason: 'twice' });
  expect([again.status, again.body.error.message]).toEqual([409, 'This violation is already resolved.']);
  expect(await outboundOf(sent.body.data.id)).toBe(1);
  expect(await knex()('audit_event').where({ action: 'policy.violation_approve', message_id: sent.body.data.id }).count({ n: '*' })).toEqual([{ n: '1' }]);
});

it('leaves the message undelivered when the Owner dismisses it; unknown violations answer 404 and bad queries 400', async () => {
  const sent = await samSends('find me on fb');
  const violation = await violationOf(sent.body.data.id);
  const dismissed = await app.http.post(`/policy/violations/${violation.id}/dismiss`).set(as('owner')).send({ reason: 'A joke; talked to Sam.' });
  expect(dismissed.body.data).toMatchObject({ status: 'dismissed', actionTaken: 'blocked' });
  expect(await outboundOf(sent.body.data.id)).toBe(0);
  expect((await knex()('message').where({ ordering_key: sent.body.data.id }).first('state')).state).toBe('blocked');
  expect((await app.http.post('/policy/violations/999999/resolve').set(as('owner')).send({ reason: 'x' })).status).toBe(404);
  expect((await app.http.get('/policy/violations?status=closed').set(as('owner'))).status).toBe(400);
  const dismissedOnly = await app.http.get('/policy/violations?status=dismissed').set(as('owner'));
  expect(dismissedOnly.body.data.map((v: any) => v.id)).toEqual([violation.id]);
});

it('counts open violations on the thread for staff, finds it by flag=violation, and lets it go once all are reviewed', async () => {
  const flagged = await app.http.get('/messaging/conversations?flag=violation').set(as('owner'));
  expect(flagged.status).toBe(200);
  const thread = flagged.body.data.find((c: any) => c.id === String(casey));
  const open = (await app.http.get(`/policy/violations?conversationId=${casey}&status=open`).set(as('owner'))).body.data;
  expect(open.length).toBeGreaterThan(0);
  expect(thread.flags.openViolations).toBe(open.length);
  for (const v of open) await app.http.post(`/policy/violations/${v.id}/resolve`).set(as('owner')).send({ reason: 'Talked to Sam.' });
  expect((await app.http.get('/messaging/conversations?flag=violation').set(as('owner'))).body.data.map((c: any) => c.id)).not.toContain(String(casey));
  const after = (await app.http.get('/messaging/conversations?kind=client&pageSize=200').set(as('owner'))).body.data.find((c: any) => c.id === String(casey));
  expect(after.flags.openViolations).toBe(0);
});
