import { randomUUID } from 'node:crypto';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';
import { connectSocket, type RecordingSocket } from '../helpers/sockets';

// Issue 11 "Bad input that still gets through": a body the server cannot read, an unknown conversation kind,
// and sinceId=0. Each answers as API.md says, with a sentence, never a 500.
let app: RunningStrapi;
const tokens: Record<string, string> = {};
const sockets: RecordingSocket[] = [];
const bearer = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });

beforeAll(async () => {
  app = await startStrapi();
  for (const who of ['acme', 'va', 'sitter'] as const) tokens[who] = await appLogin(app.http, demo[who]);
  tokens.admin = await adminLogin(app.http, demo.admin);
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await app?.stop();
});

describe('a request body the server cannot read (item 12)', () => {
  const MULTIPART_SENTENCE =
    'The request body is not valid multipart form data: its boundary is missing or it is cut short. Send the body again as JSON (Content-Type: application/json) or as complete multipart form data.';
  const JSON_SENTENCE = 'The request body is not valid JSON. Check the JSON and send it again.';
  const routes = [
    ['the app login', '/api/auth/local', false],
    ['a content API route', '/api/conversations', true],
    ['the admin login', '/admin/login', false],
    ['a staff route', '/messaging/conversations', true],
    ['the provider webhook', '/api/messaging/webhooks/twilio/sms', false],
  ] as const;
  const bodies = [
    ['garbage multipart', 'multipart/form-data; boundary=x', 'garbage', MULTIPART_SENTENCE],
    ['multipart without a boundary', 'multipart/form-data', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n', MULTIPART_SENTENCE],
    ['multipart cut short', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb', MULTIPART_SENTENCE],
    ['broken JSON', 'application/json', '{"identifier":', JSON_SENTENCE],
  ] as const;

  describe.each(routes)('on %s (%s)', (_label, path, signedIn) => {
    it.each(bodies)('answers %s with 400 and a sentence', async (_kind, contentType, body, sentence) => {
      let req = app.http.post(path).set('Content-Type', contentType);
      if (signedIn) req = req.set(bearer(path.startsWith('/api') ? 'acme' : 'admin'));
      const res = await req.send(body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ data: null, error: { status: 400, name: 'ValidationError', message: sentence, details: {} } });
    });
  });

  it('answers a body that does not decompress with 400 and a sentence', async () => {
    const res = await app.http.post('/api/auth/local').set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send('{"identifier":"a"}');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'The request body is compressed in a way the server cannot read. Send it again uncompressed, or compressed with gzip, deflate or br.',
    );
  });

  it('answers a body over the size limit with 413 and a sentence', async () => {
    const res = await app.http
      .post('/api/conversations')
      .set(bearer('acme'))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ kind: 'x'.repeat(1_100_000) }));
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ status: 413, name: 'PayloadTooLargeError', message: 'The request body is too large. Send less data at once.' });
  });

  it('reads a JSON body with a wrong charset as UTF-8 and answers the route’s own 400, not a 500', async () => {
    const res = await app.http
      .post('/api/conversations')
      .set(bearer('acme'))
      .set('Content-Type', 'application/json; charset=klingon')
      .send(JSON.stringify({ kind: 'nope' }));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^kind must be "business_admin"/);
  });

  it('creates nothing from an unreadable body', async () => {
    const before = Number((await app.strapi.db.connection('conversation').count({ n: '*' }))[0].n);
    await app.http.post('/api/conversations').set(bearer('acme')).set('Content-Type', 'multipart/form-data; boundary=x').send('garbage');
    const after = Number((await app.strapi.db.connection('conversation').count({ n: '*' }))[0].n);
    expect(after).toBe(before);
  });

  it('still answers a readable multipart body through the route', async () => {
    const res = await app.http.post('/api/conversations').set(bearer('va')).field('kind', 'nope');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^kind must be "business_admin"/);
  });
});

describe('POST /api/conversations with an unknown kind (item 13)', () => {
  const KIND_SENTENCE = 'kind must be "business_admin" (a business writing to the Admin team) or "admin_sitter" (a sitter writing to the Admin team).';

  it.each([
    ['acme', { kind: 'nope' }],
    ['acme', { kind: 5 }],
    ['acme', {}],
    ['va', { kind: 'nope' }],
    ['va', { kind: 5 }],
    ['va', {}],
    ['sitter', { kind: 'nope' }],
    ['sitter', { kind: 5 }],
    ['sitter', {}],
  ])('answers %s posting %j with 400 before any permission check', async (who, body) => {
    const res = await app.http.post('/api/conversations').set(bearer(who)).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError', message: KIND_SENTENCE });
  });

  it('answers a Sitter asking for admin_sitter with their Admin team thread (issue 13 item 14), not a 400 or a 500', async () => {
    const res = await app.http.post('/api/conversations').set(bearer('sitter')).send({ kind: 'admin_sitter' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ kind: 'admin_sitter', title: 'Admin team' });
  });

  it('still refuses a valid kind to a VA and a Sitter with 403, and creates it for a business', async () => {
    for (const who of ['va', 'sitter']) {
      const res = await app.http.post('/api/conversations').set(bearer(who)).send({ kind: 'business_admin' });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe('Only a business starts a conversation with the Admin team.');
    }
    expect((await app.http.get('/api/conversations').set(bearer('va'))).body.data).toEqual([]);
    const created = await app.http.post('/api/conversations').set(bearer('acme')).send({ kind: 'business_admin' });
    expect(created.status).toBe(201);
    const again = await app.http.post('/api/conversations').set(bearer('acme')).send({ kind: 'business_admin' });
    expect(again.status).toBe(200);
    expect(again.body.data.id).toBe(created.body.data.id);
  });
});

describe('sinceId=0 reads from the first message (item 15)', () => {
  let conversationId: string;
  const sent: string[] = [];

  beforeAll(async () => {
    const profile = await app.http.get('/api/profile').set(bearer('va'));
    const created = await app.http.post('/messaging/conversations').set(bearer('admin')).send({ kind: 'admin_va', vaUserId: profile.body.user.id });
    expect([200, 201]).toContain(created.status);
    conversationId = created.body.data.id;
    for (let i = 0; i < 5; i++) {
      const res = await app.http
        .post(`/api/conversations/${conversationId}/messages`)
        .set(bearer('va'))
        .send({ idempotencyKey: randomUUID(), routeType: 'VA_TO_ADMIN', bodyHtml: `<p>m${i}</p>` });
      expect(res.status).toBe(201);
      sent.push(res.body.data.id);
    }
  });

  it.each([
    ['the app route', '/api', 'va'],
    ['the staff route', '/messaging', 'admin'],
  ])('over %s, answers the first messages ascending with hasMore', async (_label, base, who) => {
    const first = await app.http.get(`${base}/conversations/${conversationId}/messages?sinceId=0&limit=3`).set(bearer(who));
    expect(first.status).toBe(200);
    expect(first.body.data.map((m: any) => m.id)).toEqual(sent.slice(0, 3));
    expect(first.body.meta.hasMore).toBe(true);
    const all = await app.http.get(`${base}/conversations/${conversationId}/messages?sinceId=0`).set(bearer(who));
    expect(all.body.data.map((m: any) => m.id)).toEqual(sent);
    expect(all.body.meta.hasMore).toBe(false);
  });

  it('over the socket, sync with sinceId "0" answers every message from the first', async () => {
    const socket = await connectSocket(app.baseUrl, tokens.va);
    sockets.push(socket);
    const synced = await socket.ack('sync', { conversationId, sinceId: '0' });
    expect(synced.ok).toBe(true);
    expect(synced.messages.map((m: any) => m.id)).toEqual(sent);
    expect(synced.hasMore).toBe(false);
  });

  it.each(['-1', 'abc', '1.5', '0x10', '00', '12345678901234567890'])('still refuses sinceId=%s with 400', async (sinceId) => {
    const res = await app.http.get(`/api/conversations/${conversationId}/messages?sinceId=${encodeURIComponent(sinceId)}`).set(bearer('va'));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^sinceId must be a message id/);
  });
});
