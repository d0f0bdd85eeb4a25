import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';
import { connectSocket, handshakeError, type RecordingSocket } from '../helpers/sockets';

// Issue 11, "Sessions that outlive their rights", and the per-person limits: a socket is checked at every event,
// closes when its token expires, and closes at once when its person is deactivated, blocked, signed out or
// re-roled; sends and typing share one bucket per person across HTTP and the socket.
process.env.SEND_BURST = '3';
process.env.SEND_RATE_PER_MINUTE = '1';
process.env.TYPING_EVENTS_PER_10S = '2';

let app: RunningStrapi;
const tokens: Record<string, string> = {};
const sockets: RecordingSocket[] = [];
const bearer = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
const socketFor = async (token: string) => {
  const s = await connectSocket(app.baseUrl, token);
  sockets.push(s);
  return s;
};
const disconnected = (s: RecordingSocket, timeoutMs = 5_000) =>
  new Promise<string>((resolve, reject) => {
    if (!s.socket.connected) return resolve('already');
    const timer = setTimeout(() => reject(new Error(`still connected after ${timeoutMs} ms`)), timeoutMs);
    s.socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
const userId = async (email: string) => (await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { email } })).id as number;
const adminId = async (email: string) => (await app.strapi.db.query('admin::user').findOne({ where: { email } })).id as number;
const messageCount = async () => Number((await app.strapi.db.connection('message').count({ n: '*' }).first())!.n);

/**
 * Syncs every 200 ms until the server refuses (5 s at most) and answers the last reply: the per-event check is cached
 * for SOCKET_RECHECK_MS (2 s by default), so within that, events may still pass.
 */
async function firstRefusal(s: RecordingSocket): Promise<any> {
  const deadline = Date.now() + 5_000;
  let answer: any;
  do {
    answer = await s.ack('sync', { conversationId: adminVa, sinceId: '0' });
  } while (answer.ok && Date.now() < deadline && (await new Promise((r) => setTimeout(r, 200))) === undefined);
  return answer;
}

let adminVa: string;
let vaUserId: number;

beforeAll(async () => {
  app = await startStrapi();
  tokens.owner = await adminLogin(app.http, demo.owner);
  tokens.admin = await adminLogin(app.http, demo.admin);
  vaUserId = await userId(demo.va.email);
  const created = await app.http.post('/messaging/conversations').set(bearer('admin')).send({ kind: 'admin_va', vaUserId });
  expect(created.status).toBe(201);
  adminVa = created.body.data.id;
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await app?.stop();
});

describe('an open socket loses what its person loses', () => {
  it('closes the sockets of an admin the moment an owner deactivates them, and refuses them afterwards', async () => {
    const token = await adminLogin(app.http, demo.admin2);
    const staff = await socketFor(token);
    expect((await staff.ack('conversation:join', { conversationId: adminVa })).ok).toBe(true);
    const ended = staff.waitFor('session:ended');
    const gone = disconnected(staff);

    const res = await app.http.put(`/admin/users/${await adminId(demo.admin2.email)}`).set(bearer('owner')).send({ isActive: false });
    expect(res.status).toBe(200);

    expect(await gone).toBe('io server disconnect');
    expect((await ended).message).toMatch(/not active/);
    expect(await handshakeError(app.baseUrl, { token })).toMatch(/not active|sign in/i);
  });

  it('closes an admin socket when the admin signs out', async () => {
    // The owner signs out of every session here; no later test uses the owner.
    const token = await adminLogin(app.http, demo.owner);
    const staff = await socketFor(token);
    const gone = disconnected(staff);
    expect((await app.http.post('/admin/logout').set('Authorization', `Bearer ${token}`).send({})).status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    expect(await handshakeError(app.baseUrl, { token })).toMatch(/sign/i);
  });

  it('closes the sockets of an app user who is blocked, and the handshake refuses them', async () => {
    const token = await appLogin(app.http, demo.va2);
    const va2 = await socketFor(token);
    const gone = disconnected(va2);
    await app.strapi.db.query('plugin::users-permissions.user').update({ where: { id: await userId(demo.va2.email) }, data: { blocked: true } });
    expect(await gone).toBe('io server disconnect');
    expect(await handshakeError(app.baseUrl, { token })).toMatch(/cannot use messaging|not valid/);
    await app.strapi.db.query('plugin::users-permissions.user').update({ where: { id: await userId(demo.va2.email) }, data: { blocked: false } });
  });

  it('refuses the next event of a person blocked behind the server’s back (no lifecycle), and closes the socket', async () => {
    tokens.va = await appLogin(app.http, demo.va);
    const va = await socketFor(tokens.va);
    expect((await va.ack('sync', { conversationId: adminVa, sinceId: '0' })).ok).toBe(true);
    // A direct table write fires no lifecycle: only the per-event check can notice it.
    await app.strapi.db.connection('up_users').where({ id: vaUserId }).update({ blocked: true });
    try {
      const gone = disconnected(va);
      const answer = await firstRefusal(va);
      expect(answer.ok).toBe(false);
      expect(answer.error.status).toBe(403);
      expect(await gone).toBe('io server disconnect');
    } finally {
      await app.strapi.db.connection('up_users').where({ id: vaUserId }).update({ blocked: false });
    }
  });

  it('reads the standings of the sockets in use again together, ahead of time, and still refuses only the one blocked', async () => {
    tokens.va = await appLogin(app.http, demo.va);
    const acmeToken = await appLogin(app.http, demo.acme);
    const acmeThread = (await app.http.post('/api/conversations').set('Authorization', `Bearer ${acmeToken}`).send({ kind: 'business_admin' })).body.data.id;
    const [va, acme] = [await socketFor(tokens.va), await socketFor(acmeToken)];
    const acmeUserId = await userId(demo.acme.email);
    // Every standings statement the node runs, with the people it reads.
    const batches: number[][] = [];
    const listen = (q: { sql: string; bindings?: unknown[] }) => {
      if (q.sql.includes('AS p(i integer, user_id integer, session_id text)')) batches.push(JSON.parse(String(q.bindings?.[0])).map((p: { user_id: number }) => p.user_id));
    };
    app.strapi.db.connection.client.on('query', listen);
    try {
      // Both keep asking for a while: their standings are read again in one statement, not one each.
      const until = Date.now() + 2_600;
      while (Date.now() < until) {
        expect((await va.ack('sync', { conversationId: adminVa, sinceId: '0' })).ok).toBe(true);
        expect((await acme.ack('sync', { conversationId: acmeThread, sinceId: '0' })).ok).toBe(true);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(batches.some((people) => people.includes(vaUserId) && people.includes(acmeUserId))).toBe(true);
      await app.strapi.db.connection('up_users').where({ id: vaUserId }).update({ blocked: true });
      const gone = disconnected(va);
      expect((await firstRefusal(va)).error?.status).toBe(403);
      expect(await gone).toBe('io server disconnect');
      expect((await acme.ack('sync', { conversationId: acmeThread, sinceId: '0' })).ok).toBe(true);
    } finally {
      app.strapi.db.connection.client.removeListener('query', listen);
      await app.strapi.db.connection('up_users').where({ id: vaUserId }).update({ blocked: false });
    }
  });

  // The per-event check reads the session in the same statement as the user (issue 24), deciding as Strapi's
  // isSessionActive does: the row exists for the users-permissions origin and has not expired.
  it.each([
    ['has expired', (knex: any, sessionId: string) => knex('strapi_sessions').where({ session_id: sessionId }).update({ expires_at: new Date(Date.now() - 60_000) })],
    ['is gone', (knex: any, sessionId: string) => knex('strapi_sessions').where({ session_id: sessionId }).del()],
    ['belongs to another origin', (knex: any, sessionId: string) => knex('strapi_sessions').where({ session_id: sessionId }).update({ origin: 'admin' })],
  ])('refuses the next event of an app user whose session %s behind the server’s back, as Strapi would', async (_, change) => {
    const token = await appLogin(app.http, demo.va);
    const sessionId = String((jwt.decode(token) as { sessionId: string }).sessionId);
    const sessions = (app.strapi as any).sessionManager('users-permissions');
    expect(await sessions.isSessionActive(sessionId)).toBe(true);
    const va = await socketFor(token);
    expect((await va.ack('sync', { conversationId: adminVa, sinceId: '0' })).ok).toBe(true);
    await change(app.strapi.db.connection, sessionId);
    const gone = disconnected(va);
    const answer = await firstRefusal(va);
    expect(answer).toMatchObject({ ok: false, error: { status: 401 } });
    expect(await gone).toBe('io server disconnect');
    // Strapi agrees (asked last: for an expired session it also deletes the row).
    expect(await sessions.isSessionActive(sessionId)).toBe(false);
  });

  it('closes an app user socket when their role changes', async () => {
    const token = await appLogin(app.http, demo.sitter2);
    const sitter = await socketFor(token);
    const gone = disconnected(sitter);
    const vaRole = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'va' } });
    const sitterRole = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'sitter' } });
    const id = await userId(demo.sitter2.email);
    await app.strapi.db.query('plugin::users-permissions.user').update({ where: { id }, data: { role: vaRole.id } });
    try {
      expect(await gone).toBe('io server disconnect');
    } finally {
      await app.strapi.db.query('plugin::users-permissions.user').update({ where: { id }, data: { role: sitterRole.id } });
    }
  });

  it('closes the socket when its access token expires', async () => {
    const sessions = (app.strapi as any).sessionManager('users-permissions');
    const id = await userId(demo.acme.email);
    const refresh = await sessions.generateRefreshToken(String(id), undefined, { type: 'refresh' });
    // What the session manager signs, with a two-second lifespan.
    const { sessionId } = jwt.decode(refresh.token) as { sessionId: string };
    const shortLived = jwt.sign({ userId: String(id), sessionId, type: 'access' }, process.env.JWT_SECRET!, { algorithm: 'HS256', expiresIn: 2 });
    const acme = await socketFor(shortLived);
    const ended = acme.waitFor('session:ended', () => true, 5_000);
    expect(await disconnected(acme, 5_000)).toBe('io server disconnect');
    expect((await ended).message).toMatch(/expired/);
    expect(await handshakeError(app.baseUrl, { token: shortLived })).toMatch(/expired/);
  });

  it('no longer lets a deactivated admin reply as a business', async () => {
    const directory = app.strapi.plugin('messaging').service('directory');
    const id = await adminId(demo.admin.email);
    expect([...(await directory.masqueradeBusinessIds(id))]).toHaveLength(1);
    await app.strapi.db.connection('admin_users').where({ id }).update({ is_active: false });
    try {
      expect([...(await directory.masqueradeBusinessIds(id))]).toHaveLength(0);
    } finally {
      await app.strapi.db.connection('admin_users').where({ id }).update({ is_active: true });
    }
  });
});

describe('socket payloads are checked as strictly as HTTP bodies', () => {
  it.each([
    ['an array as the id', { conversationId: ['THE_THREAD'] }],
    ['an object as the id', { conversationId: { id: 1 } }],
    ['a negative id', { conversationId: -1 }],
    ['an unknown key', { conversationId: 'THE_THREAD', extra: true }],
    ['no object at all', ['THE_THREAD']],
  ])('conversation:join refuses %s with 400', async (_, payload) => {
    const staff = await socketFor(tokens.admin);
    const answer = await staff.ack('conversation:join', JSON.parse(JSON.stringify(payload).replace('THE_THREAD', adminVa)));
    expect(answer.ok).toBe(false);
    expect(answer.error.status).toBe(400);
    expect(answer.error.message).toMatch(/not valid/);
  });

  it('refuses a send or a sync whose conversation id is an array, and writes nothing', async () => {
    const staff = await socketFor(tokens.admin);
    const before = await messageCount();
    const sent = await staff.ack('message:send', { conversationId: [adminVa], idempotencyKey: randomUUID(), routeType: 'ADMIN_TO_VA_PRIVATE', bodyHtml: 'coerced?' });
    expect(sent.ok).toBe(false);
    expect(sent.error.status).toBe(400);
    const synced = await staff.ack('sync', { conversationId: [adminVa], sinceId: '0' });
    expect(synced.error.status).toBe(400);
    const objectCursor = await staff.ack('sync', { conversationId: adminVa, sinceId: { gt: 0 } });
    expect(objectCursor.error.status).toBe(400);
    expect(await messageCount()).toBe(before);
  });
});

describe('typing never shows app users an internal id', () => {
  it('gives a VA an opaque, stable id for an admin typing in their private thread', async () => {
    tokens.va = await appLogin(app.http, demo.va);
    const va = await socketFor(tokens.va);
    const staff = await socketFor(tokens.admin);
    expect((await va.ack('conversation:join', { conversationId: adminVa })).ok).toBe(true);
    staff.socket.emit('typing', { conversationId: adminVa, typing: true });
    const started = await va.waitFor('typing', (p) => p.conversationId === adminVa && p.typing === true);
    staff.socket.emit('typing', { conversationId: adminVa, typing: false });
    const stopped = await va.waitFor('typing', (p) => p.conversationId === adminVa && p.typing === false);
    expect(started.user.displayName).toBe('Adam Admin');
    expect(started.user.id).toMatch(/^typist:[A-Za-z0-9_-]{16}$/);
    expect(JSON.stringify(started)).not.toMatch(/admin:\d|user:\d/);
    expect(stopped.user.id).toBe(started.user.id);
  });
});

describe('one send budget per person, HTTP and socket together', () => {
  it('refuses the send past the burst with 429 on both transports, writes nothing, and still answers a replay', async () => {
    const token = await appLogin(app.http, demo.acme);
    const conversation = (await app.http.post('/api/conversations').set('Authorization', `Bearer ${token}`).send({ kind: 'business_admin' })).body.data.id;
    const body = () => ({ idempotencyKey: randomUUID(), routeType: 'BUSINESS_TO_ADMIN', bodyHtml: 'hello' });
    const socket = await socketFor(token);
    const first = body();
    expect((await app.http.post(`/api/conversations/${conversation}/messages`).set('Authorization', `Bearer ${token}`).send(first)).status).toBe(201);
    expect((await socket.ack('message:send', { conversationId: conversation, ...body() })).ok).toBe(true);
    expect((await app.http.post(`/api/conversations/${conversation}/messages`).set('Authorization', `Bearer ${token}`).send(body())).status).toBe(201);

    const before = await messageCount();
    const overHttp = await app.http.post(`/api/conversations/${conversation}/messages`).set('Authorization', `Bearer ${token}`).send(body());
    expect(overHttp.status).toBe(429);
    expect(overHttp.body.error.message).toMatch(/too quickly/);
    const overSocket = await socket.ack('message:send', { conversationId: conversation, ...body() });
    expect(overSocket).toMatchObject({ ok: false, error: { status: 429, message: expect.stringMatching(/too quickly/) } });
    expect(await messageCount()).toBe(before);

    const replay = await app.http.post(`/api/conversations/${conversation}/messages`).set('Authorization', `Bearer ${token}`).send(first);
    expect(replay.status).toBe(200);
  });

  it('limits typing per person over HTTP as well', async () => {
    const token = await appLogin(app.http, demo.acme);
    const conversation = (await app.http.post('/api/conversations').set('Authorization', `Bearer ${token}`).send({ kind: 'business_admin' })).body.data.id;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await app.http.post(`/api/conversations/${conversation}/typing`).set('Authorization', `Bearer ${token}`).send({ typing: i % 2 === 0 })).status);
    expect(statuses.slice(0, 2)).toEqual([204, 204]);
    expect(statuses).toContain(429);
  });
});

describe('metrics:report cannot move the service figures', () => {
  const scrape = async () => (await app.http.get('/api/messaging/metrics').set('Authorization', `Bearer ${process.env.METRICS_TOKEN}`)).text;
  const valueOf = (text: string, series: string) => Number(text.split('\n').find((l) => l.startsWith(`${series} `))?.split(' ')[1] ?? 0);

  it('counts no more delivery samples than the socket heard, and limits reports per socket', async () => {
    const staff = await socketFor(tokens.admin);
    const before = await scrape();
    const first = await staff.ack('metrics:report', { deliveryMs: Array.from({ length: 50 }, () => 600_000), sendToAckMs: [600_000] });
    expect(first).toEqual({ ok: true });
    const after = await scrape();
    expect(valueOf(after, 'real_time_delivery_latency_ms_count{source="client"}')).toBe(valueOf(before, 'real_time_delivery_latency_ms_count{source="client"}'));
    expect(valueOf(after, 'optimistic_send_duration_to_ack_ms_count')).toBe(valueOf(before, 'optimistic_send_duration_to_ack_ms_count'));

    expect((await staff.ack('metrics:report', {})).ok).toBe(true);
    const third = await staff.ack('metrics:report', {});
    expect(third.ok).toBe(false);
    expect(third.error.status).toBe(429);
  });
});
