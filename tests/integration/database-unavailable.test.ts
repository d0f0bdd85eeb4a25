import { randomUUID } from 'node:crypto';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { appLogin, demo } from '../helpers/accounts';
import { connectSocket, type RecordingSocket } from '../helpers/sockets';
import { isDatabaseUnavailable } from '@switchboard/kit';

// Issue 25 "Restart Postgres mid-traffic: sends in flight fail with a retryable error or succeed exactly once".
// A real restart runs in the bench (`npm run bench -- --only=faults`); it would break every other test file sharing
// this server. Here the send's own database work fails the way a restart makes it fail: the connection pool hands out
// nothing, with Postgres's "terminating connection" error (SQLSTATE 57P01), only while the send runs (the sign-in
// before it is unaffected). The answer must be 503 with a sentence and Retry-After, nothing written, and the same
// request sent again must be stored once.
const SENTENCE = 'The service is briefly unavailable and nothing was saved. Try again in a moment; sending the same request again is safe.';

let app: RunningStrapi;
let token: string;
let conversationId: string;
const sockets: RecordingSocket[] = [];

beforeAll(async () => {
  app = await startStrapi();
  token = await appLogin(app.http, demo.acme);
  const created = await app.http.post('/api/conversations').set({ Authorization: `Bearer ${token}` }).send({ kind: 'business_admin' });
  expect([200, 201]).toContain(created.status);
  conversationId = created.body.data.id;
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await app?.stop();
});

/** Runs `work` while the messages service's send finds the database gone (every connection it asks for fails). */
async function whileTheDatabaseIsGone<T>(work: () => Promise<T>): Promise<T> {
  const client = (app.strapi.db.connection as any).client;
  const messages = app.strapi.plugin('messaging').service('messages') as { send: (...args: unknown[]) => Promise<unknown> };
  const acquire = client.acquireConnection;
  const send = messages.send;
  let inSend = 0;
  client.acquireConnection = function (this: unknown, ...args: unknown[]) {
    if (inSend > 0) return Promise.reject(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', severity: 'FATAL' }));
    return acquire.apply(this, args);
  };
  messages.send = async (...args: unknown[]) => {
    inSend += 1;
    try {
      return await send.apply(messages, args);
    } finally {
      inSend -= 1;
    }
  };
  try {
    return await work();
  } finally {
    client.acquireConnection = acquire;
    messages.send = send;
  }
}

const storedWith = async (text: string) => Number((await app.strapi.db.connection('message').where('body_text', text).count({ n: '*' }))[0].n);

describe('a send that meets the database out of reach (issue 25)', () => {
  it('over HTTP answers 503 with a sentence and Retry-After, writes nothing, and the same request again is stored once', async () => {
    const body = { idempotencyKey: randomUUID(), routeType: 'BUSINESS_TO_ADMIN', bodyHtml: `retry me ${randomUUID()}` };
    const send = () => app.http.post(`/api/conversations/${conversationId}/messages`).set({ Authorization: `Bearer ${token}` }).send(body).then((r) => r);

    const refused = await whileTheDatabaseIsGone(send);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.body).toEqual({ data: null, error: { status: 503, name: 'ServiceUnavailableError', message: SENTENCE, details: {} } });
    expect(await storedWith(body.bodyHtml)).toBe(0);

    const again = await send();
    expect(again.status).toBe(201);
    const replay = await send();
    expect(replay.status).toBe(200);
    expect(replay.body.data.id).toBe(again.body.data.id);
    expect(await storedWith(body.bodyHtml)).toBe(1);
  });

  it('over the socket acknowledges 503 with the same sentence, and the same event again is stored once', async () => {
    const socket = await connectSocket(app.baseUrl, token);
    sockets.push(socket);
    const payload = { conversationId, idempotencyKey: randomUUID(), routeType: 'BUSINESS_TO_ADMIN', bodyHtml: `retry me too ${randomUUID()}` };

    const refused = await whileTheDatabaseIsGone(() => socket.ack('message:send', payload));
    expect(refused).toEqual({ ok: false, error: { status: 503, message: SENTENCE, details: {} } });
    expect(await storedWith(payload.bodyHtml)).toBe(0);

    const again = await socket.ack('message:send', payload);
    expect(again.ok).toBe(true);
    expect(await storedWith(payload.bodyHtml)).toBe(1);
  });

  it('still answers 500, without the detail, for a fault that is ours', async () => {
    const messages = app.strapi.plugin('messaging').service('messages') as { send: (...args: unknown[]) => Promise<unknown> };
    const send = messages.send;
    messages.send = async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'id')");
    };
    try {
      const res = await app.http
        .post(`/api/conversations/${conversationId}/messages`)
        .set({ Authorization: `Bearer ${token}` })
        .send({ idempotencyKey: randomUUID(), routeType: 'BUSINESS_TO_ADMIN', bodyHtml: 'ours' });
      expect(res.status).toBe(500);
      expect(res.headers['retry-after']).toBeUndefined();
    } finally {
      messages.send = send;
    }
  });
});

describe('a COMMIT that fails (issue 25)', () => {
  // knex resolves commit() even when COMMIT fails; Strapi's db.transaction awaited only that, so a write that never
  // committed answered as done (an acknowledged message missing from the database in the bench's Postgres restart).
  it('fails the transaction, so nothing that was not stored is answered as done', async () => {
    const knex = app.strapi.db.connection;
    await knex.raw('CREATE TABLE IF NOT EXISTS commit_check_probe (id serial PRIMARY KEY, note text)');
    const killer = await knex.client.acquireRawConnection();
    try {
      const attempt = app.strapi.db.transaction(async ({ trx }: any) => {
        await trx('commit_check_probe').insert({ note: 'never committed' });
        // The connection dies after the last statement and before the COMMIT, as when Postgres restarts.
        const { rows } = await trx.raw('SELECT pg_backend_pid() AS pid');
        await killer.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
        for (let i = 0; i < 100 && (await killer.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [rows[0].pid])).rowCount > 0; i++) await new Promise((r) => setTimeout(r, 10));
        return 'done';
      });
      const outcome = await attempt.then(
        (value) => ({ value }),
        (error) => ({ error }),
      );
      expect(outcome).toHaveProperty('error');
      expect(isDatabaseUnavailable((outcome as { error: unknown }).error)).toBe(true);
      expect(Number((await knex('commit_check_probe').where('note', 'never committed').count({ n: '*' }))[0].n)).toBe(0);
      // The pool carries on: the next transaction commits.
      await app.strapi.db.transaction(async ({ trx }: any) => trx('commit_check_probe').insert({ note: 'committed' }));
      expect(Number((await knex('commit_check_probe').where('note', 'committed').count({ n: '*' }))[0].n)).toBe(1);
    } finally {
      await knex.client.destroyRawConnection(killer);
      await knex.raw('DROP TABLE IF EXISTS commit_check_probe');
    }
  });

  it('leaves a nested transaction to the outer one', async () => {
    const result = await app.strapi.db.transaction(async () => app.strapi.db.transaction(async () => 'inner'));
    expect(result).toBe('inner');
  });
});

describe('a retry of a send still running on this node (issue 25)', () => {
  // A client that gave up waiting for its ack sends again with the same key while the first is still queued (as after
  // a Postgres restart, when every send waits); doing the work twice would only deepen the queue.
  it('waits for the first and answers its message as a replay, doing the work once', async () => {
    const messages = app.strapi.plugin('messaging').service('messages') as { sendNow: (...args: unknown[]) => Promise<unknown> };
    const metrics = app.strapi.plugin('messaging').service('metrics') as { retryJoined: () => void };
    const [sendNow, retryJoined] = [messages.sendNow, metrics.retryJoined];
    let works = 0;
    let joined = 0;
    messages.sendNow = (...args: unknown[]) => ((works += 1), sendNow.apply(messages, args));
    metrics.retryJoined = () => ((joined += 1), retryJoined.call(metrics));
    // The conversation row is held, so the first send waits at its lock as long as this test wants.
    const knex = app.strapi.db.connection;
    const holder = await knex.transaction();
    try {
      await holder('conversation').where('id', conversationId).forUpdate().first('id');
      const body = { idempotencyKey: randomUUID(), routeType: 'BUSINESS_TO_ADMIN', bodyHtml: `once ${randomUUID()}` };
      const send = () => app.http.post(`/api/conversations/${conversationId}/messages`).set({ Authorization: `Bearer ${token}` }).send(body).then((r) => r);
      const first = send();
      for (let i = 0; i < 200 && works === 0; i++) await new Promise((r) => setTimeout(r, 10));
      const retry = send();
      for (let i = 0; i < 200 && joined === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(joined).toBe(1);
      await holder.commit();
      const [a, b] = await Promise.all([first, retry]);
      expect([a.status, b.status]).toEqual([201, 200]);
      expect(b.body.data.id).toBe(a.body.data.id);
      expect(works).toBe(1);
      expect(await storedWith(body.bodyHtml)).toBe(1);
    } finally {
      if (!holder.isCompleted()) await holder.rollback();
      messages.sendNow = sendNow;
      metrics.retryJoined = retryJoined;
    }
  });
});
