/**
 * The fake Twilio must be indistinguishable from Twilio for the real SDK: these tests drive it only through
 * `twilio` (via createTwilioClient) and check what Twilio's own helpers accept (signatures, error shapes).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { createRewritingHttpClient, createTwilioClient } from '../../plugins/provider/server/src/services/twilio-http-client';
import { startFakeTwilio, type FakeTwilio } from '../fakes/twilio';

interface ReceivedWebhook {
  path: string;
  url: string;
  signature: string | undefined;
  params: Record<string, string>;
}

/** A stand-in for our public webhook endpoint: records every form Twilio posts and answers 200. */
async function startWebhookListener() {
  const received: ReceivedWebhook[] = [];
  const waiters: { count: number; match: (w: ReceivedWebhook) => boolean; resolve: (ws: ReceivedWebhook[]) => void }[] = [];
  const settle = () => {
    for (const w of [...waiters]) {
      const matching = received.filter(w.match);
      if (matching.length >= w.count) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(matching);
      }
    }
  };
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = `${base}${req.url}`;
      const signature = req.headers['x-twilio-signature'];
      received.push({ path: new URL(url).pathname, url, signature: typeof signature === 'string' ? signature : undefined, params: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) });
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      res.end('<Response/>');
      settle();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    received,
    url: (path: string) => `${base}${path}`,
    /** Resolves with the first `count` webhooks that match, waiting for them if needed. */
    waitFor(count: number, match: (w: ReceivedWebhook) => boolean = () => true, timeoutMs = 5_000): Promise<ReceivedWebhook[]> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`fewer than ${count} matching webhooks within ${timeoutMs} ms (got ${received.filter(match).length})`)), timeoutMs);
        waiters.push({ count, match, resolve: (ws) => { clearTimeout(timer); resolve(ws.slice(0, count)); } });
        settle();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Listener = Awaited<ReturnType<typeof startWebhookListener>>;

describe('fake Twilio, driven by the real twilio SDK', () => {
  let listener: Listener;
  let fake: FakeTwilio;
  let client: ReturnType<typeof createTwilioClient>;
  const account = () => client.api.v2010.accounts(fake.accountSid);

  beforeAll(async () => {
    listener = await startWebhookListener();
  });
  afterAll(async () => {
    await listener.close();
  });
  beforeEach(async () => {
    listener.received.length = 0;
    fake = await startFakeTwilio({ balance: '12.34', friendlyName: 'Acme Pets' });
    client = createTwilioClient({ accountSid: fake.accountSid, authToken: fake.authToken, apiBaseUrl: fake.url });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('answers the account and its balance at the paths the SDK asks for', async () => {
    const fetched = await account().fetch();
    const balance = await account().balance.fetch();

    expect(fetched).toMatchObject({ sid: fake.accountSid, status: 'active', type: 'Full', friendlyName: 'Acme Pets', ownerAccountSid: fake.accountSid });
    expect(fetched.dateCreated).toBeInstanceOf(Date);
    expect(balance).toMatchObject({ accountSid: fake.accountSid, balance: '12.34', currency: 'USD' });
    expect(fake.state.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `GET /2010-04-01/Accounts/${fake.accountSid}.json 200`,
      `GET /2010-04-01/Accounts/${fake.accountSid}/Balance.json 200`,
    ]);
  });

  it('rejects a wrong auth token with 401/20003 and another account with 404/20404', async () => {
    const wrong = createTwilioClient({ accountSid: fake.accountSid, authToken: 'not-the-token', apiBaseUrl: fake.url });
    const refused = await wrong.api.v2010.accounts(fake.accountSid).fetch().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(twilio.RestException);
    expect(refused).toMatchObject({ status: 401, code: 20003, message: 'Authenticate', moreInfo: 'https://www.twilio.com/docs/errors/20003' });

    const other = await client.api.v2010.accounts('AC' + 'a'.repeat(32)).fetch().catch((e: unknown) => e);
    expect(other).toMatchObject({ status: 404, code: 20404 });
  });

  it('offers deterministic numbers in a known area code and none in an unknown one', async () => {
    const found = await account().availablePhoneNumbers('US').local.list({ areaCode: 415, smsEnabled: true, limit: 5 });
    const none = await account().availablePhoneNumbers('US').local.list({ areaCode: 533, limit: 5 });

    expect(found.map((n) => n.phoneNumber)).toEqual(['+14155550100', '+14155550101', '+14155550102', '+14155550103', '+14155550104']);
    expect(found[0]).toMatchObject({ friendlyName: '(415) 555-0100', locality: 'San Francisco', region: 'CA', isoCountry: 'US' });
    expect(none).toEqual([]);
    expect(fake.state.requests[0].params).toMatchObject({ AreaCode: '415', SmsEnabled: 'true', PageSize: '5' });
  });

  it('buys an available number with its webhooks, and refuses one that is not available (21422)', async () => {
    const bought = await account().incomingPhoneNumbers.create({ phoneNumber: '+14155550101', smsUrl: 'https://app.test/sms', smsMethod: 'POST', statusCallback: 'https://app.test/status' });
    expect(bought.sid).toMatch(/^PN[0-9a-f]{32}$/);
    expect(bought).toMatchObject({ phoneNumber: '+14155550101', smsUrl: 'https://app.test/sms', smsMethod: 'POST', statusCallback: 'https://app.test/status', accountSid: fake.accountSid });
    expect(bought.capabilities).toMatchObject({ sms: true, mms: true, voice: true });

    const again = await account().incomingPhoneNumbers.create({ phoneNumber: '+14155550101' }).catch((e: unknown) => e);
    expect(again).toMatchObject({ status: 400, code: 21422, moreInfo: 'https://www.twilio.com/docs/errors/21422' });
    const unknown = await account().incomingPhoneNumbers.create({ phoneNumber: '+14155550199' }).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ status: 400, code: 21422 });

    const stillAvailable = await account().availablePhoneNumbers('US').local.list({ areaCode: 415 });
    expect(stillAvailable.map((n) => n.phoneNumber)).not.toContain('+14155550101');

    fake.controls.failBuyWith(21404);
    await expect(account().incomingPhoneNumbers.create({ phoneNumber: '+14155550102' })).rejects.toMatchObject({ status: 400, code: 21404 });
    fake.controls.reset();
    await expect(account().incomingPhoneNumbers.create({ phoneNumber: '+14155550102' })).resolves.toMatchObject({ phoneNumber: '+14155550102' });
    expect(fake.state.numbers.map((n) => n.phoneNumber)).toEqual(['+14155550101', '+14155550102']);
  });

  it('lists, fetches and updates an owned number, following next_page_uri through the rewrite', async () => {
    const imported = fake.controls.ownNumber('+15125550142');
    fake.controls.ownNumber('+12125550100');

    const byNumber = await account().incomingPhoneNumbers.list({ phoneNumber: '+15125550142', limit: 1 });
    expect(byNumber.map((n) => n.sid)).toEqual([imported.sid]);
    const all = await account().incomingPhoneNumbers.list({ pageSize: 1 });
    expect(all.map((n) => n.phoneNumber)).toEqual(['+15125550142', '+12125550100']);
    expect(fake.state.requests.filter((r) => r.path.endsWith('/IncomingPhoneNumbers.json')).map((r) => r.params.Page ?? '0')).toEqual(['0', '0', '1']);

    const updated = await account().incomingPhoneNumbers(imported.sid).update({ smsUrl: 'https://app.test/sms', smsMethod: 'POST', statusCallback: 'https://app.test/status' });
    expect(updated).toMatchObject({ sid: imported.sid, smsUrl: 'https://app.test/sms', statusCallback: 'https://app.test/status' });
    expect(fake.state.numbers[0]).toMatchObject({ smsUrl: 'https://app.test/sms', smsMethod: 'POST', statusCallback: 'https://app.test/status' });
    await expect(account().incomingPhoneNumbers(imported.sid).fetch()).resolves.toMatchObject({ phoneNumber: '+15125550142', smsUrl: 'https://app.test/sms' });
    await expect(account().incomingPhoneNumbers('PN' + '0'.repeat(32)).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
  });

  it('accepts a message once and posts signed status callbacks queued → sent → delivered', async () => {
    fake.controls.ownNumber('+14155550100');
    const statusUrl = listener.url('/api/messaging/webhooks/twilio/status?tenant=acme');

    const sent = await account().messages.create({ from: '+14155550100', to: '+15005550006', body: 'Your sitter is on the way', statusCallback: statusUrl });
    expect(sent.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(sent).toMatchObject({ status: 'queued', direction: 'outbound-api', numSegments: '1', from: '+14155550100', to: '+15005550006', errorCode: null });
    expect(sent.dateCreated).toBeInstanceOf(Date);

    const callbacks = await listener.waitFor(3, (w) => w.params.MessageSid === sent.sid);
    expect(callbacks.map((c) => c.params.MessageStatus)).toEqual(['queued', 'sent', 'delivered']);
    for (const c of callbacks) {
      expect(c.url).toBe(statusUrl);
      expect(c.params).toMatchObject({ SmsSid: sent.sid, AccountSid: fake.accountSid, From: '+14155550100', To: '+15005550006', SmsStatus: c.params.MessageStatus, ApiVersion: '2010-04-01' });
      expect(c.params.ErrorCode).toBeUndefined();
      expect(twilio.validateRequest(fake.authToken, c.signature!, statusUrl, c.params)).toBe(true);
      expect(twilio.validateRequest('another-token', c.signature!, statusUrl, c.params)).toBe(false);
    }
    await fake.controls.idle();
    expect(fake.state.callbacks.map((c) => [c.messageStatus, c.status])).toEqual([['queued', 200], ['sent', 200], ['delivered', 200]]);
    expect(fake.state.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/Messages.json'))).toHaveLength(1);
    expect(fake.state.messages[0]).toMatchObject({ body: 'Your sitter is on the way', statusCallback: statusUrl, statusHistory: ['queued', 'sent', 'delivered'] });
    await expect(account().messages(sent.sid).fetch()).resolves.toMatchObject({ status: 'delivered', dateSent: expect.any(Date) });
  });

  it('refuses messages Twilio would refuse, with its error codes, and accepts none of them', async () => {
    fake.controls.ownNumber('+14155550100');
    await expect(account().messages.create({ from: '+14155550199', to: '+15005550006', body: 'hi' })).rejects.toMatchObject({ status: 400, code: 21606 });
    await expect(account().messages.create({ from: '+14155550100', to: 'not-a-number', body: 'hi' })).rejects.toMatchObject({ status: 400, code: 21211 });
    await expect(account().messages.create({ from: '+14155550100', to: '+15005550006', body: '' })).rejects.toMatchObject({ status: 400, code: 21602 });
    expect(fake.state.messages).toEqual([]);
  });

  it('ends a message undelivered with the carrier error a failing handset gives', async () => {
    fake.controls.ownNumber('+14155550100');
    fake.controls.failDeliveryTo('+15005550009', 30003);
    const statusUrl = listener.url('/status');

    const sent = await account().messages.create({ from: '+14155550100', to: '+15005550009', body: 'Hello', statusCallback: statusUrl });
    const callbacks = await listener.waitFor(3, (w) => w.params.MessageSid === sent.sid);

    expect(callbacks.map((c) => c.params.MessageStatus)).toEqual(['queued', 'sent', 'undelivered']);
    expect(callbacks[2].params).toMatchObject({ ErrorCode: '30003', ErrorMessage: 'Unreachable destination handset' });
    expect(twilio.validateRequest(fake.authToken, callbacks[2].signature!, statusUrl, callbacks[2].params)).toBe(true);
    await expect(account().messages(sent.sid).fetch()).resolves.toMatchObject({ status: 'undelivered', errorCode: 30003 });
  });

  it('fails the next N calls during an outage or rate limit, then recovers', async () => {
    fake.controls.outage(2);
    await expect(account().fetch()).rejects.toMatchObject({ status: 500, code: 20500 });
    await expect(account().balance.fetch()).rejects.toMatchObject({ status: 500, code: 20500 });
    await expect(account().fetch()).resolves.toMatchObject({ status: 'active' });

    fake.controls.rateLimit(1);
    await expect(account().fetch()).rejects.toMatchObject({ status: 429, code: 20429 });
    await expect(account().fetch()).resolves.toMatchObject({ status: 'active' });
    expect(fake.state.requests.map((r) => r.status)).toEqual([500, 500, 200, 429, 200]);
  });

  it('stays down for every call until told it is up, answering 503 or dropping the connection', async () => {
    fake.controls.ownNumber('+14155550100');
    fake.controls.down();
    for (let i = 0; i < 3; i++) await expect(account().fetch()).rejects.toMatchObject({ status: 503, code: 20503 });
    await expect(account().messages.create({ from: '+14155550100', to: '+15005550006', body: 'held' })).rejects.toMatchObject({ status: 503, code: 20503 });
    fake.controls.up();
    await expect(account().fetch()).resolves.toMatchObject({ status: 'active' });

    fake.controls.down('reset');
    await expect(account().fetch()).rejects.toMatchObject({ message: expect.stringMatching(/socket hang up|ECONNRESET/) });
    fake.controls.reset();
    await expect(account().messages.create({ from: '+14155550100', to: '+15005550006', body: 'sent' })).resolves.toMatchObject({ status: 'queued' });
    expect(fake.state.requests.map((r) => r.status)).toEqual([503, 503, 503, 503, 200, 0, 201]);
    expect(fake.state.messages.map((m) => m.body)).toEqual(['sent']);
    expect(() => fake.controls.down(200)).toThrow();
  });

  it('replays a message’s status callbacks duplicated and out of order, signed, one by one or all at once', async () => {
    fake.controls.ownNumber('+14155550100');
    const statusUrl = listener.url('/api/messaging/webhooks/twilio/status');
    const sent = await account().messages.create({ from: '+14155550100', to: '+15005550006', body: 'Replay me', statusCallback: statusUrl });
    await listener.waitFor(3, (w) => w.params.MessageSid === sent.sid);
    await fake.controls.idle();

    const replayed = await fake.controls.replayCallbacks(sent.sid, ['delivered', 'sent', 'delivered']);
    expect(replayed.map((c) => [c.messageStatus, c.status, c.replayed])).toEqual([['delivered', 200, true], ['sent', 200, true], ['delivered', 200, true]]);
    const atOnce = await fake.controls.replayCallbacks(sent.sid, ['delivered', 'delivered'], { atOnce: true });
    expect(atOnce.map((c) => c.status)).toEqual([200, 200]);
    const received = await listener.waitFor(8, (w) => w.params.MessageSid === sent.sid);
    expect(received.map((w) => w.params.MessageStatus)).toEqual(['queued', 'sent', 'delivered', 'delivered', 'sent', 'delivered', 'delivered', 'delivered']);
    for (const w of received) expect(twilio.validateRequest(fake.authToken, w.signature!, statusUrl, w.params)).toBe(true);
    expect(fake.state.callbacks.filter((c) => c.replayed)).toHaveLength(5);
    // The carrier's own progress is untouched: the message was delivered once.
    expect(fake.state.messages[0].statusHistory).toEqual(['queued', 'sent', 'delivered']);
    await expect(fake.controls.replayCallbacks('SM' + '0'.repeat(32), ['sent'])).rejects.toThrow(/no message/);
  });

  it('posts signed inbound SMS to the number’s SmsUrl, and a forged or missing signature does not validate', async () => {
    const smsUrl = listener.url('/api/messaging/webhooks/twilio/sms');
    fake.controls.ownNumber('+14155550100', { smsUrl });

    const delivered = await fake.controls.sendInbound({ from: '+15005550006', to: '+14155550100', body: 'Is Rex OK?' });
    expect(delivered).toMatchObject({ status: 200, body: '<Response/>', messageSid: expect.stringMatching(/^SM[0-9a-f]{32}$/) });
    const [genuine] = await listener.waitFor(1, (w) => w.params.MessageSid === delivered.messageSid);
    expect(genuine.params).toMatchObject({ AccountSid: fake.accountSid, From: '+15005550006', To: '+14155550100', Body: 'Is Rex OK?', NumMedia: '0', SmsStatus: 'received', ApiVersion: '2010-04-01' });
    expect(twilio.validateRequest(fake.authToken, genuine.signature!, smsUrl, genuine.params)).toBe(true);

    const forged = await fake.controls.sendInbound({ from: '+15005550006', to: '+14155550100', body: 'Is Rex OK?', signature: 'forged', messageSid: delivered.messageSid });
    const unsigned = await fake.controls.sendInbound({ from: '+15005550006', to: '+14155550100', body: 'Is Rex OK?', signature: null });
    const [, replayed] = await listener.waitFor(2, (w) => w.params.MessageSid === delivered.messageSid);
    expect(forged.messageSid).toBe(delivered.messageSid);
    expect(replayed.signature).toBe('forged');
    expect(twilio.validateRequest(fake.authToken, replayed.signature!, smsUrl, replayed.params)).toBe(false);
    const [missing] = await listener.waitFor(1, (w) => w.params.MessageSid === unsigned.messageSid);
    expect(missing.signature).toBeUndefined();
  });

  it('releases a number: it is gone from the account and available again', async () => {
    const bought = await account().incomingPhoneNumbers.create({ phoneNumber: '+12065550103' });

    await expect(account().incomingPhoneNumbers(bought.sid).remove()).resolves.toBe(true);
    await expect(account().incomingPhoneNumbers(bought.sid).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    expect(fake.state.numbers).toEqual([]);
    const available = await account().availablePhoneNumbers('US').local.list({ areaCode: 206 });
    expect(available.map((n) => n.phoneNumber)).toContain('+12065550103');
    expect(fake.state.requests.find((r) => r.method === 'DELETE')).toMatchObject({ path: `/2010-04-01/Accounts/${fake.accountSid}/IncomingPhoneNumbers/${bought.sid}.json`, status: 204 });
  });

  it('answers unknown routes and wrong methods with Twilio-shaped JSON errors', async () => {
    const auth = `Basic ${Buffer.from(`${fake.accountSid}:${fake.authToken}`).toString('base64')}`;
    const unknown = await fetch(`${fake.url}/2010-04-01/Accounts/${fake.accountSid}/Calls/CA123.json`, { headers: { Authorization: auth } });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/json');
    expect(await unknown.json()).toEqual({ code: 20404, message: `The requested resource /2010-04-01/Accounts/${fake.accountSid}/Calls/CA123.json was not found`, more_info: 'https://www.twilio.com/docs/errors/20404', status: 404 });

    const unauthenticated = await fetch(`${fake.url}/2010-04-01/Accounts/${fake.accountSid}.json`);
    expect(unauthenticated.status).toBe(401);
    expect(await unauthenticated.json()).toEqual({ code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });

    const wrongMethod = await fetch(`${fake.url}/2010-04-01/Accounts/${fake.accountSid}/Balance.json`, { method: 'DELETE', headers: { Authorization: auth } });
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.json()).toMatchObject({ code: 20004, status: 405 });
  });

  it('rewrites only Twilio hosts and keeps basic auth', async () => {
    const unreachable = createRewritingHttpClient('http://127.0.0.1:9');
    const direct = await unreachable.request({ method: 'get', uri: `${fake.url}/2010-04-01/Accounts/${fake.accountSid}.json`, username: fake.accountSid, password: fake.authToken });
    expect(direct.statusCode).toBe(200);

    const rewritten = createRewritingHttpClient(`${fake.url}/`);
    const viaTwilioHost = await rewritten.request({ method: 'get', uri: `https://api.twilio.com/2010-04-01/Accounts/${fake.accountSid}/Balance.json`, username: fake.accountSid, password: fake.authToken });
    expect(viaTwilioHost).toMatchObject({ statusCode: 200, body: { balance: '12.34', currency: 'USD' } });
  });
});
