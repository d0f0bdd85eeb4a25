// Issue 19 item 3 on a real Strapi, the real twilio SDK and the fake Twilio: a failed SMS opens one delivery failure
// (the provider's error in words, its attempts, audited, a delivery_failure domain event), staff read it beside the
// message and on the thread (flags.failedDeliveries, flag=delivery_failure); a Messaging Admin may not retry or resolve;
// the Owner's retry sends it exactly once more and is audited; a resolution is audited; a send stuck in the provider's
// crash window shows as `stuck` and can be retried; the feed exports to CSV.
import { randomUUID } from 'node:crypto';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, demo } from '../helpers/accounts';
import { startFakeTwilio, type FakeTwilio } from '../fakes/twilio';
import { until } from '../helpers/until';

const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const AUTH_TOKEN = 'fake-auth-token-0123456789abcdef';
const FRONT_DESK = '+14155550100';
const SMS_PATH = '/api/messaging/webhooks/twilio/sms';
const UNREACHABLE = "The message was not delivered because the recipient's phone is switched off or out of signal.";

let app: RunningStrapi;
let fake: FakeTwilio;
const tokens: Record<string, string> = {};
const as = (who: 'owner' | 'admin') => ({ Authorization: `Bearer ${tokens[who]}` });
const knex = () => app.strapi.db.connection;
const events: any[] = [];

async function clientTexts(from: string): Promise<string> {
  const answer = await fake.controls.sendInbound({ from, to: FRONT_DESK, body: 'Hello?', url: `${app.baseUrl}${SMS_PATH}` });
  expect(answer.status).toBe(200);
  return String((await knex()('conversation').where({ kind: 'client', client_phone: from }).first('id')).id);
}

async function staffSends(conversationId: string, text: string): Promise<string> {
  const res = await app.http.post(`/messaging/conversations/${conversationId}/messages`).set(as('owner')).send({ idempotencyKey: randomUUID(), routeType: 'STAFF_TO_CLIENT', bodyHtml: `<p>${text}</p>` });
  expect(res.status).toBe(201);
  return res.body.data.id;
}

const failureOf = async (messageId: string) => (await app.http.get('/compliance/delivery-failures?pageSize=200').set(as('owner'))).body.data.find((f: any) => f.messageId === messageId);
const auditCount = async (action: string, messageId: string) => Number((await knex()('audit_event').where({ action, message_id: messageId }).count({ n: '*' }))[0].n);
const sentTo = (phone: string) => fake.state.messages.filter((m: any) => m.to === phone);

beforeAll(async () => {
  fake = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  fake.controls.ownNumber(FRONT_DESK);
  app = await startStrapi();
  tokens.owner = await adminLogin(app.http, demo.owner);
  tokens.admin = await adminLogin(app.http, demo.admin);
  const connected = await app.strapi
    .plugin('provider')
    .service('settings')
    .connectTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: fake.url, webhookBaseUrl: app.baseUrl, frontDeskNumber: FRONT_DESK }, { id: 1, displayName: 'Olivia Owner' });
  expect(connected.connected).toBe(true);
  // What the setup wizard's finish does (issue 22): sends to clients open on the connected account.
  await app.strapi.plugin('provider').service('readiness').complete({ id: 1, displayName: 'Olivia Owner' });
  app.strapi.eventHub.on('switchboard.delivery_failure', async (event: any) => {
    events.push(event);
  });
});

afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

describe('a failed SMS', () => {
  const PHONE = '+14155550177';
  let thread: string;
  let messageId: string;

  it('opens one delivery failure with the provider’s error in words, audited and published', async () => {
    thread = await clientTexts(PHONE);
    fake.controls.failDeliveryTo(PHONE, 30003);
    messageId = await staffSends(thread, 'Your visit is confirmed.');
    const failure = await until(() => failureOf(messageId));
    expect(failure).toMatchObject({
      errorCode: 30003,
      reason: UNREACHABLE,
      nextStep: 'Try again later, or reach them another way.',
      attempts: 1,
      status: 'failed',
      retryable: true,
      conversationId: thread,
      thread: { clientName: PHONE, recipient: PHONE },
      resolution: null,
    });
    expect(await auditCount('delivery.failed', messageId)).toBe(1);
    await until(async () => events.some((e) => e.subject.id === failure.id));
    expect(events.find((e) => e.subject.id === failure.id)).toMatchObject({ type: 'delivery_failure', conversationId: thread, data: { errorCode: 30003, title: `Delivery failure: ${PHONE} - ${UNREACHABLE}` } });
  });

  it('shows staff the failure beside the message and on the thread, and filters the inbox by it', async () => {
    const failure = await failureOf(messageId);
    const messages = (await app.http.get(`/messaging/conversations/${thread}/messages`).set(as('owner'))).body.data;
    expect(messages.find((m: any) => m.id === messageId)).toMatchObject({ state: 'undelivered', deliveryFailure: { id: failure.id, reason: UNREACHABLE, attempts: 1, retryable: true, status: 'failed', errorCode: 30003 } });
    const flagged = (await app.http.get('/messaging/conversations?flag=delivery_failure').set(as('owner'))).body.data;
    expect(flagged.map((c: any) => c.id)).toContain(thread);
    expect(flagged.find((c: any) => c.id === thread).flags.failedDeliveries).toBe(1);
  });

  it('lets a Messaging Admin read and export the feed, but not retry or resolve', async () => {
    const failure = await failureOf(messageId);
    expect((await app.http.get('/compliance/delivery-failures').set(as('admin'))).status).toBe(200);
    expect((await app.http.get('/compliance/delivery-failures/export.csv').set(as('admin'))).status).toBe(200);
    const retry = await app.http.post(`/compliance/delivery-failures/${failure.id}/retry`).set(as('admin'));
    expect([retry.status, retry.body.error.message]).toEqual([403, 'Only an owner can retry a delivery.']);
    const resolve = await app.http.post(`/compliance/delivery-failures/${failure.id}/resolve`).set(as('admin')).send({});
    expect([resolve.status, resolve.body.error.message]).toEqual([403, 'Only an owner can resolve a delivery failure.']);
    expect((await failureOf(messageId)).status).toBe('failed');
  });

  it('sends it exactly once more on the Owner’s retry, audited, and resolves the failure when it is delivered', async () => {
    const failure = await failureOf(messageId);
    fake.controls.reset();
    const before = sentTo(PHONE).length;
    const retried = await app.http.post(`/compliance/delivery-failures/${failure.id}/retry`).set(as('owner'));
    expect(retried.status).toBe(202);
    expect(retried.body.data).toMatchObject({ status: 'retrying', retryable: false });
    expect(await auditCount('delivery.retry', messageId)).toBe(1);
    const resolved = await until(async () => {
      const f = await failureOf(messageId);
      return f.status === 'resolved' ? f : null;
    });
    expect(resolved.resolution).toMatchObject({ how: 'delivered' });
    await fake.controls.idle();
    expect(sentTo(PHONE).length - before).toBe(1);
    expect(sentTo(PHONE).filter((m: any) => m.status === 'delivered')).toHaveLength(1);
    // Resolved: no longer on the thread, and a second retry is refused.
    const flagged = (await app.http.get('/messaging/conversations?flag=delivery_failure').set(as('owner'))).body.data;
    expect(flagged.map((c: any) => c.id)).not.toContain(thread);
    const again = await app.http.post(`/compliance/delivery-failures/${failure.id}/retry`).set(as('owner'));
    expect([again.status, again.body.error.message]).toEqual([409, 'This delivery failure is already resolved.']);
  });
});

describe('resolving, stuck sends and the export', () => {
  it('lets the Owner mark a failure resolved with a note, audited', async () => {
    const phone = '+14155550178';
    const thread = await clientTexts(phone);
    fake.controls.failDeliveryTo(phone, 30005);
    const messageId = await staffSends(thread, 'Reminder: your visit is tomorrow.');
    const failure = await until(() => failureOf(messageId));
    const res = await app.http.post(`/compliance/delivery-failures/${failure.id}/resolve`).set(as('owner')).send({ note: 'Called the client instead.' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'resolved', retryable: false, resolution: { how: 'manual', by: 'Olivia Owner', note: 'Called the client instead.' } });
    expect(await auditCount('delivery.resolve', messageId)).toBe(1);
    const bad = await app.http.post(`/compliance/delivery-failures/${failure.id}/resolve`).set(as('owner')).send({ note: 'x'.repeat(501) });
    expect([bad.status, bad.body.error.message]).toEqual([400, 'A note is at most 500 characters.']);
    fake.controls.reset();
  });

  it('shows a send stuck in the provider’s crash window as stuck, and retries it', async () => {
    const phone = '+14155550179';
    const thread = await clientTexts(phone);
    const messageId = await staffSends(thread, 'Stuck one');
    await fake.controls.idle();
    // The crash: the provider accepted nothing we know of, and the row has sat in `sending` for 11 minutes.
    const row = await until(async () => {
      const r = await knex()('outbound_message').where({ message_ref: messageId }).first();
      return r?.status === 'delivered' ? r : null;
    });
    await knex()('outbound_message').where({ id: row.id }).update({ status: 'sending', provider_message_id: null, updated_at: new Date(Date.now() - 11 * 60_000) });
    expect(await app.strapi.plugin('compliance').service('delivery-failures').sweepStuck()).toBe(1);
    expect(await app.strapi.plugin('compliance').service('delivery-failures').sweepStuck()).toBe(0);
    const stuck = (await app.http.get('/compliance/delivery-failures?status=stuck').set(as('owner'))).body.data;
    const failure = stuck.find((f: any) => f.messageId === messageId);
    expect(failure).toMatchObject({ status: 'stuck', retryable: true, errorCode: null, reason: 'The message has been waiting to send for over 10 minutes; the provider may never have received it.' });
    const before = sentTo(phone).length;
    expect((await app.http.post(`/compliance/delivery-failures/${failure.id}/retry`).set(as('owner'))).status).toBe(202);
    await until(async () => (await failureOf(messageId)).status === 'resolved');
    await fake.controls.idle();
    expect(sentTo(phone).length - before).toBe(1);
  });

  it('exports the filtered feed to CSV, audited, and refuses bad filters with a sentence', async () => {
    const res = await app.http.get('/compliance/delivery-failures/export.csv?status=resolved').set(as('owner'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe('id,time,client,recipient,thread,message,error code,reason,attempts,status,resolved at,resolved by,note');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines.slice(1)) expect(line).toContain('Resolved');
    expect(lines.some((l) => l.includes('Called the client instead.'))).toBe(true);
    expect(Number((await knex()('audit_event').where({ action: 'compliance.delivery_failures_export' }).count({ n: '*' }))[0].n)).toBeGreaterThanOrEqual(1);

    const bad = await app.http.get('/compliance/delivery-failures?status=lost').set(as('owner'));
    expect([bad.status, bad.body.error.message]).toEqual([400, 'status must be failed, retrying, stuck or resolved.']);
    const missing = await app.http.get('/compliance/delivery-failures/999999').set(as('owner'));
    expect([missing.status, missing.body.error.message]).toEqual([404, 'Delivery failure not found. It may have been resolved.']);
    const unknown = await app.http.post('/compliance/delivery-failures/999999/retry').set(as('owner'));
    expect(unknown.status).toBe(404);
  });
});
