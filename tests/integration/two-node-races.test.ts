// Cross-node races (issue 25 "Fault runs", the races): two Strapi nodes on one Postgres (A in-process, B a child,
// the Postgres adapter). The same idempotency key sent at once over HTTP to node A and over the socket to node B is
// one message; two people sending at once into one conversation through different nodes leave one order, the same
// for every viewer on either node and for the history. A node that stops listening for a moment (its connection
// cut) tells its sockets to resync from before what it missed.
import { randomUUID } from 'node:crypto';
import { startTwoNodes, type TwoNodes } from '../helpers/two-nodes';
import { adminLogin, appLogin, demo } from '../helpers/accounts';
import { connectSocket, type RecordingSocket } from '../helpers/sockets';
import { until } from '../helpers/until';
import { Client } from 'pg';
import { compareIds, olderId, parseSnowflake } from '../../plugins/messaging/server/src/domain/snowflake';

let nodes: TwoNodes;
const sockets: RecordingSocket[] = [];
const tokens: Record<string, string> = {};
let conversationId: string;

beforeAll(async () => {
  nodes = await startTwoNodes();
  tokens.acme = await appLogin(nodes.nodeA.http, demo.acme);
  tokens.admin = await adminLogin(nodes.nodeA.http, demo.admin);
  tokens.owner = await adminLogin(nodes.nodeA.http, demo.owner);
  conversationId = (await nodes.nodeA.http.post('/api/conversations').set('Authorization', `Bearer ${tokens.acme}`).send({ kind: 'business_admin' })).body.data.id;
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await nodes?.stop();
});

const connect = async (url: string, token: string) => {
  const s = await connectSocket(url, token);
  sockets.push(s);
  return s;
};
const rowsWithKey = async (key: string) => Number((await nodes.nodeA.strapi.db.connection('message').where({ idempotency_key: key }).count({ n: '*' }))[0].n);

it('one idempotency key sent at once over HTTP to node A and over the socket to node B is one message', async () => {
  const acmeOnB = await connect(nodes.nodeBUrl, tokens.acme);
  const ownerOnA = await connect(nodes.nodeA.baseUrl, tokens.owner);
  for (let round = 0; round < 10; round += 1) {
    const body = { idempotencyKey: randomUUID(), routeType: 'BUSINESS_TO_ADMIN', bodyHtml: `race ${round}` };
    const [http, socket] = await Promise.all([
      nodes.nodeA.http.post(`/api/conversations/${conversationId}/messages`).set('Authorization', `Bearer ${tokens.acme}`).send(body),
      acmeOnB.ack('message:send', { conversationId, ...body }),
    ]);
    // One of the two wrote it (201), the other answers it as a replay (200); both name the same message.
    expect([http.status, socket.ok]).toEqual([expect.any(Number), true]);
    expect(socket.message.id).toBe(http.body.data.id);
    expect(await rowsWithKey(body.idempotencyKey)).toBe(1);
    const id = socket.message.id;
    await ownerOnA.waitFor('message:new', (p) => p.message.id === id);
  }
  // Every message was heard once by the Owner on node A, though each was sent twice.
  const heard = ownerOnA.events.filter((e) => e.event === 'message:new' && e.payload.message.bodyText.startsWith('race '));
  expect(heard).toHaveLength(10);
  expect(new Set(heard.map((e) => e.payload.message.id)).size).toBe(10);
});

it('two senders on two nodes sending at once into one conversation leave one order, the same for every viewer and the history', async () => {
  const acmeOnA = await connect(nodes.nodeA.baseUrl, tokens.acme);
  const adminOnB = await connect(nodes.nodeBUrl, tokens.admin);
  const viewers = [await connect(nodes.nodeA.baseUrl, tokens.owner), await connect(nodes.nodeBUrl, tokens.owner), await connect(nodes.nodeBUrl, tokens.acme)];
  const tag = `order-${randomUUID().slice(0, 8)}`;
  // Each person sends one message after another (as a person does), both people at once, through different nodes.
  const sendAll = async (socket: RecordingSocket, who: string, routeType: string) => {
    const answers = [];
    for (let i = 0; i < 20; i += 1) answers.push(await socket.ack('message:send', { conversationId, idempotencyKey: randomUUID(), routeType, bodyHtml: `${tag} ${who} ${i}` }));
    return answers;
  };
  const sends = [sendAll(acmeOnA, 'business', 'BUSINESS_TO_ADMIN'), sendAll(adminOnB, 'admin', 'ADMIN_TO_BUSINESS')];
  const acks = (await Promise.all(sends)).flat();
  expect(acks.every((a) => a.ok)).toBe(true);
  const ids = new Set(acks.map((a) => a.message.id));
  expect(ids.size).toBe(40);

  // Each person's own messages keep the order they sent them in.
  const own = (who: string) => acks.filter((a) => a.message.bodyText.includes(`${tag} ${who} `)).map((a) => a.message);
  for (const who of ['business', 'admin']) {
    const mine = own(who);
    const byKey = [...mine].sort((x, y) => (BigInt(x.orderingKey) < BigInt(y.orderingKey) ? -1 : 1));
    expect(byKey.map((m) => m.bodyText)).toEqual(mine.map((m) => m.bodyText));
  }

  // The history's order: the one every viewer's list must show (clients order by orderingKey).
  const page = await nodes.nodeA.http.get(`/messaging/conversations/${conversationId}/messages`).query({ limit: 100 }).set('Authorization', `Bearer ${tokens.owner}`);
  const history = page.body.data.filter((m: any) => m.bodyText.startsWith(tag)).map((m: any) => m.id);
  expect(history).toHaveLength(40);
  for (const viewer of viewers) {
    await until(async () => viewer.events.filter((e) => e.event === 'message:new' && ids.has(e.payload.message.id)).length >= 40, 10_000);
    const heard = viewer.events.filter((e) => e.event === 'message:new' && ids.has(e.payload.message.id)).map((e) => e.payload.message);
    // Heard once each, and in orderingKey order they are the history's order.
    expect(heard).toHaveLength(40);
    const ordered = [...heard].sort((x, y) => (BigInt(x.orderingKey) < BigInt(y.orderingKey) ? -1 : 1)).map((m) => m.id);
    expect(ordered).toEqual(history);
  }
});

it('a node whose listening connection was cut tells its sockets to resync from before what it missed (issue 25)', async () => {
  const businessOnB = await connect(nodes.nodeBUrl, tokens.acme);
  let disconnected = false;
  businessOnB.socket.on('disconnect', () => (disconnected = true));
  const send = async (text: string) => {
    const sent = await nodes.nodeA.http
      .post(`/messaging/conversations/${conversationId}/messages`)
      .set('Authorization', `Bearer ${tokens.admin}`)
      .send({ idempotencyKey: randomUUID(), routeType: 'ADMIN_TO_BUSINESS', bodyHtml: text });
    expect(sent.status).toBe(201);
    return sent.body.data.id as string;
  };
  const beforeId = await send('heard live');
  await businessOnB.waitFor('message:new', (p) => p.message.id === beforeId);

  // Node B's listening connection ends, as when Postgres restarts or fails over; its adapter listens again by itself
  // a second or three later. What node A publishes meanwhile never reaches B.
  const admin = new Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    const listening = `SELECT pid FROM pg_stat_activity WHERE application_name = 'switchboard-realtime-2' AND query LIKE 'LISTEN%'`;
    const { rows } = await admin.query(listening);
    expect(rows).toHaveLength(1);
    await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
    for (let i = 0; i < 50 && (await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [rows[0].pid])).rowCount! > 0; i++) await new Promise((r) => setTimeout(r, 20));
  } finally {
    await admin.end();
  }
  const missedId = await send('sent while node B was not listening');

  // Node A's next heartbeat tells B how many it published; B finds one missing and asks its sockets to resync.
  const needed = await businessOnB.waitFor('sync:needed', () => true, 15_000);
  expect(businessOnB.events.some((e) => e.event === 'message:new' && e.payload.message.id === missedId)).toBe(false);
  expect(compareIds(needed.sinceId, missedId)).toBeLessThan(0);
  expect(needed.spreadMs).toBeGreaterThanOrEqual(4);
  expect(new Date(needed.since).getTime()).toBeLessThanOrEqual(parseSnowflake(beforeId).timestampMs);
  // The socket was never dropped: the resync is the only way it learns of the missed message, and it works.
  expect(disconnected).toBe(false);
  const synced = await businessOnB.ack('sync', { conversationId, sinceId: olderId(beforeId, needed.sinceId) });
  expect(synced.ok).toBe(true);
  expect(synced.messages.map((m: { id: string }) => m.id)).toContain(missedId);
  // And B hears what comes next live again.
  const afterId = await send('after the cut');
  await businessOnB.waitFor('message:new', (p) => p.message.id === afterId);
  // One gap, one resync request.
  expect(businessOnB.events.filter((e) => e.event === 'sync:needed')).toHaveLength(1);
}, 30_000);
