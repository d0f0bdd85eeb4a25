// Issue 18: the policy plugin on a real Strapi. A sitter's send with a disguised phone number is blocked (nothing
// reaches the sandbox phone), opens one violation with its audit event, the owner inbox notice, the sitter's warning
// and the policy_violation domain event; a client's text with contact details reaches its sitter held; a Messaging
// Admin reads violations but may not approve, dismiss, resolve or reveal them (403); the Owner's approval delivers the
// message once; a dismissal leaves it undelivered; staff screens hear a review live; the feed exports to CSV and
// counts repeat senders.
import { randomUUID } from 'node:crypto';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';
import { connectSocket } from '../helpers/sockets';

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

const SAM_NUMBER = '+14155550120';
const staffMessages = async () => (await app.http.get(`/messaging/conversations/${casey}/messages?limit=100`).set(as('owner'))).body.data;
const samMessages = async () => (await app.http.get(`/api/conversations/${casey}/messages?limit=100`).set(as('sam'))).body.data;

it('tells the owner inbox in a staff-only note and warns the sitter in their Admin team thread', async () => {
  const sent = await samSends('call me on 415 555 0177 tonight');
  expect(sent.body.data.state).toBe('blocked');
  const staff = await staffMessages();
  const at = staff.findIndex((m: any) => m.id === sent.body.data.id);
  expect(staff[at].violation).toMatchObject({ type: 'phone_number', status: 'open' });
  expect([staff[at + 1].routeType, staff[at + 1].bodyText]).toEqual([
    'SYSTEM',
    "Policy violation: Sam Sitter's message to Casey Morgan was blocked because it contains a phone number. Review it under Policy violations.",
  ]);
  // Never to the sitter.
  expect((await samMessages()).map((m: any) => m.routeType)).not.toContain('SYSTEM');
  const samThreads = (await app.http.get('/api/conversations').set(as('sam'))).body.data;
  const adminTeam = samThreads.find((c: any) => c.kind === 'admin_sitter');
  const team = (await app.http.get(`/api/conversations/${adminTeam.id}/messages`).set(as('sam'))).body.data;
  expect(team.at(-1).bodyText).toBe(
    'Reminder: keep every conversation with clients on the business number. Your message to Casey was not sent because it contained a phone number, and the owner will review it.',
  );
});

it('holds a client’s text with contact details from the sitter: a placeholder to Sam, redacted to staff, whole once approved', async () => {
  const text = 'Sam, email me directly: casey.morgan@example.com';
  const res = await app.http.post('/provider/sandbox/phone/reply').set(as('owner')).send({ from: CASEY, to: SAM_NUMBER, body: text });
  expect(res.status).toBeLessThan(300);
  const staff = await staffMessages();
  const held = staff.find((m: any) => m.routeType === 'CLIENT_INBOUND' && m.state === 'held');
  expect(held).toMatchObject({
    bodyText: 'Sam, email me directly: [email address]',
    notice: 'This message was held for review because it contains an email address. The sitter sees it only if an owner approves it.',
    routing: { rule: 'sitter_window' },
    violation: { type: 'email', status: 'open' },
  });
  const violation = await violationOf(held.id);
  expect(violation).toMatchObject({ actionTaken: 'held', sender: { role: 'client', displayName: 'Casey Morgan' }, thread: { clientName: 'Casey Morgan', businessNumber: SAM_NUMBER } });
  const forSam = (await samMessages()).find((m: any) => m.id === held.id);
  expect([forSam.state, forSam.bodyText, forSam.bodyHtml, forSam.notice]).toEqual(['held', '', '', undefined]);
  expect(JSON.stringify(await samMessages())).not.toContain('casey.morgan@');

  const approved = await app.http.post(`/policy/violations/${violation.id}/approve`).set(as('owner')).send({ reason: 'Casey asked for receipts by email.' });
  expect(approved.status).toBe(200);
  const released = (await samMessages()).find((m: any) => m.id === held.id);
  expect([released.state, released.bodyText]).toEqual(['received', text]);
  // An inbound message goes out to nobody when released.
  expect(await outboundOf(held.id)).toBe(0);
});

it('reveals the original words to the Owner only, audited', async () => {
  const sent = await samSends('Ping me, my insta is @sam.walks.dogs ok?');
  const violation = await violationOf(sent.body.data.id);
  const refused = await app.http.post(`/policy/violations/${violation.id}/reveal`).set(as('admin'));
  expect([refused.status, refused.body.error.message]).toEqual([403, 'Only an owner can reveal the original message.']);
  const revealed = await app.http.post(`/policy/violations/${violation.id}/reveal`).set(as('owner'));
  expect(revealed.body.data).toEqual({ id: violation.id, originalText: 'Ping me, my insta is @sam.walks.dogs ok?' });
  expect(await knex()('audit_event').where({ action: 'policy.violation_reveal', message_id: sent.body.data.id }).count({ n: '*' })).toEqual([{ n: '1' }]);
  expect((await app.http.get(`/policy/violations/${violation.id}`).set(as('admin'))).body.data.redactedText).toBe('Ping me, my insta is [social handle] ok?');
  expect((await app.http.post('/policy/violations/abc/reveal').set(as('owner'))).status).toBe(404);
});

it('never checks a client’s text that went to the owner inbox', async () => {
  const res = await app.http.post('/provider/sandbox/phone/reply').set(as('owner')).send({ from: '+14155550164', to: '+14155550100', body: 'You can also reach me at priya@example.com' });
  expect(res.status).toBeLessThan(300);
  const stored = await knex()('message').where({ body_text: 'You can also reach me at priya@example.com' }).first('ordering_key', 'state', 'routed_sitter_id');
  expect([stored.state, stored.routed_sitter_id]).toEqual(['received', null]);
  expect(Number((await knex()('policy_violation').where({ message_id: stored.ordering_key }).count({ n: '*' }))[0].n)).toBe(0);
});

it('tells staff screens of a new violation and of its review at once: the message’s badge and the thread’s count', async () => {
  const socket = await connectSocket(app.baseUrl, tokens.owner);
  try {
    const sent = await samSends('reach me at sam@example.org');
    const violation = await violationOf(sent.body.data.id);
    const arrived = await socket.waitFor('message:new', (p) => p.message.id === sent.body.data.id);
    expect(arrived.message).toMatchObject({ state: 'blocked', bodyText: 'reach me at [email address]', violation: { id: violation.id, type: 'email', status: 'open' } });
    const before = (await app.http.get('/messaging/conversations?flag=violation').set(as('owner'))).body.data.find((c: any) => c.id === String(casey)).flags.openViolations;
    await app.http.post(`/policy/violations/${violation.id}/dismiss`).set(as('owner')).send({ reason: 'Spoke with Sam.' });
    const updated = await socket.waitFor('message:updated', (p) => p.message.id === sent.body.data.id && p.message.violation?.status === 'dismissed');
    expect(updated.message).toMatchObject({ state: 'blocked', bodyText: 'reach me at [email address]' });
    const thread = await socket.waitFor('conversation:updated', (p) => p.conversation.id === String(casey) && p.conversation.flags.openViolations === before - 1);
    expect(thread.conversation.flags.openViolations).toBe(before - 1);
  } finally {
    socket.close();
  }
});

it('counts each sender’s and each client’s violations over 30 days, and lists the threads that have any', async () => {
  const res = await app.http.get('/policy/violations/summary').set(as('admin'));
  expect(res.status).toBe(200);
  const sams = Number((await knex()('policy_violation').where({ sender_name: 'Sam Sitter' }).count({ n: '*' }))[0].n);
  const caseys = Number((await knex()('policy_violation').where({ client_phone: CASEY }).count({ n: '*' }))[0].n);
  expect(res.body.data.days).toBe(30);
  expect(res.body.data.bySender).toContainEqual({ role: 'sitter', displayName: 'Sam Sitter', count: sams });
  expect(res.body.data.byClient[0]).toEqual({ clientName: 'Casey Morgan', count: caseys });
  expect(res.body.data.threads).toContainEqual({ conversationId: String(casey), clientName: 'Casey Morgan', businessNumber: SAM_NUMBER, count: caseys });
  // A violation older than 30 days is not counted.
  const [old] = await knex()('policy_violation').insert({ document_id: 'old-one', conversation_id: casey, message_id: '1', client_name: 'Casey Morgan', client_phone: CASEY, business_number: SAM_NUMBER, type: 'url', types: JSON.stringify(['url']), status: 'dismissed', action_taken: 'blocked', redacted_text: '[link]', route_type: 'SITTER_TO_CLIENT', sender_key: 'user:1', sender_role: 'sitter', sender_name: 'Sam Sitter', created_at: new Date(Date.now() - 31 * 86_400_000), updated_at: new Date() }).returning('id');
  const after = (await app.http.get('/policy/violations/summary').set(as('owner'))).body.data;
  expect(after.bySender).toContainEqual({ role: 'sitter', displayName: 'Sam Sitter', count: sams });
  await knex()('policy_violation').where({ id: old.id }).del();
});

it('exports the feed to CSV with its filters, redacted; refuses bad filters and an export over 10,000 rows', async () => {
  const res = await app.http.get(`/policy/violations/export.csv?conversationId=${casey}&type=social_handle`).set(as('admin'));
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(res.headers['content-disposition']).toBe('attachment; filename="policy-violations.csv"');
  const lines = res.text.trim().split('\r\n');
  expect(lines[0]).toBe('Time,Violation,Client,Business number,Thread,Type,Detected content (redacted),Action taken,Sender,Sender role,Status,Reviewed at,Reviewed by,Review reason');
  const expected = (await app.http.get(`/policy/violations?conversationId=${casey}&type=social_handle&pageSize=200`).set(as('owner'))).body.data.map((v: any) => v.id);
  expect(lines.slice(1).map((l: string) => l.split(',')[1])).toEqual(expected);
  expect(res.text).not.toContain('@sam.walks.dogs');
  expect(res.text).toContain('Ping me, my insta is [social handle] ok?');
  expect((await app.http.get('/policy/violations/export.csv?page=2').set(as('owner'))).status).toBe(400);

  // 10,001 violations in one day of 2001 are too many for one export; that day's first hour is not.
  const day = Date.UTC(2001, 0, 1);
  const rows = Array.from({ length: 10_001 }, (_, i) => ({ document_id: `bulk-${i}`, conversation_id: casey, message_id: `bulk-${i}`, client_name: 'Casey Morgan', type: 'url', types: '["url"]', status: 'dismissed', action_taken: 'blocked', redacted_text: '[link]', route_type: 'SITTER_TO_CLIENT', sender_key: 'user:1', sender_role: 'sitter', sender_name: 'Bulk', created_at: new Date(day + i * 1000), updated_at: new Date() }));
  await knex().batchInsert('policy_violation', rows, 1000);
  try {
    const tooMany = await app.http.get('/policy/violations/export.csv?from=2001-01-01T00:00:00Z&to=2001-01-02T00:00:00Z').set(as('owner'));
    expect([tooMany.status, tooMany.body.error.message]).toEqual([400, 'Export exceeds 10,000 events. Narrow date range or filters.']);
    const hour = await app.http.get('/policy/violations/export.csv?from=2001-01-01T00:00:00Z&to=2001-01-01T01:00:00Z').set(as('owner'));
    expect(hour.text.trim().split('\r\n')).toHaveLength(1 + 3600);
  } finally {
    await knex()('policy_violation').where('sender_name', 'Bulk').del();
  }
});
