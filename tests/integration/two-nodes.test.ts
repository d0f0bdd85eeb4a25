import { randomUUID } from 'node:crypto';
import type { RunningStrapi } from '../helpers/strapi';
import { startTwoNodes, type TwoNodes } from '../helpers/two-nodes';
import { adminLogin, appLogin, demo } from '../helpers/accounts';
import { connectSocket, type RecordingSocket } from '../helpers/sockets';
import { Client } from 'pg';
import { MessageType } from 'socket.io-adapter';

// Two Strapi processes on one Postgres, fan-out through @socket.io/postgres-adapter (REALTIME_ADAPTER=postgres).
let nodeA: RunningStrapi;
let nodeBUrl: string;
let nodes: TwoNodes;
const sockets: RecordingSocket[] = [];

beforeAll(async () => {
  // A small send budget, so the test below can show it is one budget per person across both nodes.
  nodes = await startTwoNodes({ SEND_BURST: '3', SEND_RATE_PER_MINUTE: '1' });
  ({ nodeA, nodeBUrl } = nodes);
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await nodes?.stop();
});

const closedByServer = (s: RecordingSocket, timeoutMs = 5_000) =>
  new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still connected after ${timeoutMs} ms`)), timeoutMs);
    s.socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });

it('delivers a message sent on node A to sockets connected to node B, shaped for each', async () => {
  const vaToken = await appLogin(nodeA.http, demo.va2);
  const adminToken = await adminLogin(nodeA.http, demo.admin);
  const vaUserId = (await nodeA.http.get('/api/profile').set('Authorization', `Bearer ${vaToken}`)).body.user.id;
  const created = await nodeA.http.post('/messaging/conversations').set('Authorization', `Bearer ${adminToken}`).send({ kind: 'admin_va', vaUserId });
  const conversationId = created.body.data.id;

  const vaOnB = await connectSocket(nodeBUrl, vaToken);
  const staffOnB = await connectSocket(nodeBUrl, adminToken);
  sockets.push(vaOnB, staffOnB);

  const sent = await nodeA.http
    .post(`/messaging/conversations/${conversationId}/messages`)
    .set('Authorization', `Bearer ${adminToken}`)
    .send({ idempotencyKey: randomUUID(), routeType: 'ADMIN_TO_VA_PRIVATE', bodyHtml: 'across nodes' });
  expect(sent.status).toBe(201);

  const toVa = await vaOnB.waitFor('message:new', (p) => p.message.id === sent.body.data.id);
  expect(toVa.message).toMatchObject({ bodyText: 'across nodes', mine: false, sender: { displayName: 'Adam Admin', role: 'admin' } });
  const toSenderOnB = await staffOnB.waitFor('message:new', (p) => p.message.id === sent.body.data.id);
  expect(toSenderOnB.message.mine).toBe(true);
  const updated = await vaOnB.waitFor('conversation:updated', (p) => p.conversation.lastMessage?.id === sent.body.data.id);
  expect(updated.conversation.unreadCount).toBe(1);

  // And back: a VA send over node B's socket reaches a staff socket on node A.
  const staffOnA = await connectSocket(nodeA.baseUrl, adminToken);
  sockets.push(staffOnA);
  const reply = await vaOnB.ack('message:send', { conversationId, idempotencyKey: randomUUID(), routeType: 'VA_TO_ADMIN', bodyHtml: 'back again' });
  expect(reply.ok).toBe(true);
  const onA = await staffOnA.waitFor('message:new', (p) => p.message.id === reply.message.id);
  expect(onA.message.sender).toEqual({ displayName: 'Victor Assist', role: 'va' });
});

it('a message crosses to the other node as one event, which shapes it for each of its sockets once (issue 24)', async () => {
  // What the nodes tell each other through Postgres (the adapter's channel), heartbeats aside.
  const listener = new Client({ connectionString: process.env.DATABASE_URL });
  await listener.connect();
  const heard: { type: number; event?: string }[] = [];
  listener.on('notification', (n) => {
    const m = JSON.parse(n.payload ?? '{}');
    if (m.type === MessageType.HEARTBEAT || m.type === MessageType.INITIAL_HEARTBEAT) return;
    const event = Array.isArray(m.data?.packet) ? m.data.packet[0] : undefined;
    // Each node's own heartbeat, how many message events it has published (issue 25), is not per message.
    if (event === 'sb:seq') return;
    heard.push({ type: m.type, event });
  });
  await listener.query('LISTEN "socket.io#/"');
  try {
    const businessToken = await appLogin(nodeA.http, demo.acme);
    const [ownerToken, adminToken] = [await adminLogin(nodeA.http, demo.owner), await adminLogin(nodeA.http, demo.admin)];
    const conversationId = (await nodeA.http.post('/api/conversations').set('Authorization', `Bearer ${businessToken}`).send({ kind: 'business_admin' })).body.data.id;
    const ownerOnB = await connectSocket(nodeBUrl, ownerToken);
    const adminOnB = await connectSocket(nodeBUrl, adminToken);
    const businessOnB = await connectSocket(nodeBUrl, businessToken);
    sockets.push(ownerOnB, adminOnB, businessOnB);
    // Quiet the conversation's update window (a fresh window emits at once), then listen from here.
    await new Promise((resolve) => setTimeout(resolve, 400));
    heard.length = 0;

    const sent = await nodeA.http
      .post(`/messaging/conversations/${conversationId}/messages`)
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ idempotencyKey: randomUUID(), routeType: 'ADMIN_TO_BUSINESS', bodyHtml: 'one event' });
    expect(sent.status).toBe(201);
    const id = sent.body.data.id;
    const isIt = (p: any) => p.message.id === id;
    const [toOwner, toBusiness, toSender] = await Promise.all([ownerOnB.waitFor('message:new', isIt), businessOnB.waitFor('message:new', isIt), adminOnB.waitFor('message:new', isIt)]);
    expect(toOwner.message).toMatchObject({ mine: false, sender: { displayName: 'Adam Admin', role: 'admin' } });
    expect(toBusiness.message).toMatchObject({ mine: false, sender: { displayName: 'Admin team', role: 'admin' } });
    expect(toSender.message.mine).toBe(true);
    const [ownerUpdate, businessUpdate] = await Promise.all([
      ownerOnB.waitFor('conversation:updated', (p) => p.conversation.lastMessage?.id === id),
      businessOnB.waitFor('conversation:updated', (p) => p.conversation.lastMessage?.id === id),
    ]);
    expect(ownerUpdate.conversation.lastMessage.mine).toBe(false);
    expect(businessUpdate.conversation.unreadCount).toBeGreaterThanOrEqual(1);
    // Past the update window: nothing more crosses for this send.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(heard).toEqual([{ type: MessageType.SERVER_SIDE_EMIT, event: 'sb:message' }]);
    // And each socket heard the message once.
    for (const s of [ownerOnB, adminOnB, businessOnB]) expect(s.events.filter((e) => e.event === 'message:new' && e.payload.message.id === id)).toHaveLength(1);
    // Nothing was missed, so no socket is asked to resync.
    for (const s of [ownerOnB, adminOnB, businessOnB]) expect(s.events.filter((e) => e.event === 'sync:needed')).toEqual([]);
  } finally {
    await listener.end();
  }
});

it('closes sockets on node B when their person is blocked or signs out through node A', async () => {
  const vaToken = await appLogin(nodeA.http, demo.va);
  const adminToken = await adminLogin(nodeA.http, demo.admin2);
  const vaOnB = await connectSocket(nodeBUrl, vaToken);
  const staffOnB = await connectSocket(nodeBUrl, adminToken);
  sockets.push(vaOnB, staffOnB);

  const vaGone = closedByServer(vaOnB);
  const va = await nodeA.strapi.db.query('plugin::users-permissions.user').findOne({ where: { email: demo.va.email } });
  await nodeA.strapi.db.query('plugin::users-permissions.user').update({ where: { id: va.id }, data: { blocked: true } });
  try {
    expect(await vaGone).toBe('io server disconnect');
  } finally {
    await nodeA.strapi.db.query('plugin::users-permissions.user').update({ where: { id: va.id }, data: { blocked: false } });
  }

  const staffGone = closedByServer(staffOnB);
  expect((await nodeA.http.post('/admin/logout').set('Authorization', `Bearer ${adminToken}`).send({})).status).toBe(200);
  expect(await staffGone).toBe('io server disconnect');
});

it('keeps one send budget per person across both nodes', async () => {
  const token = await appLogin(nodeA.http, demo.acme);
  const conversationId = (await nodeA.http.post('/api/conversations').set('Authorization', `Bearer ${token}`).send({ kind: 'business_admin' })).body.data.id;
  const body = () => ({ idempotencyKey: randomUUID(), routeType: 'BUSINESS_TO_ADMIN', bodyHtml: 'budget' });
  const onB = await connectSocket(nodeBUrl, token);
  sockets.push(onB);

  expect((await nodeA.http.post(`/api/conversations/${conversationId}/messages`).set('Authorization', `Bearer ${token}`).send(body())).status).toBe(201);
  expect((await onB.ack('message:send', { conversationId, ...body() })).ok).toBe(true);
  expect((await nodeA.http.post(`/api/conversations/${conversationId}/messages`).set('Authorization', `Bearer ${token}`).send(body())).status).toBe(201);
  // The burst of three is spent, two on node A and one on node B: both nodes now refuse.
  expect((await onB.ack('message:send', { conversationId, ...body() })).error?.status).toBe(429);
  expect((await nodeA.http.post(`/api/conversations/${conversationId}/messages`).set('Authorization', `Bearer ${token}`).send(body())).status).toBe(429);
});

it("counts another node's messages on from the last count, and counts afresh after a read on either node (issue 24)", async () => {
  const scrapeB = async () => (await fetch(`${nodeBUrl}/api/messaging/metrics`, { headers: { Authorization: `Bearer ${process.env.METRICS_TOKEN}` } })).text();
  const valueOf = (exposition: string, source: string) => {
    const series = `conversation_unread_counts_total{source="${source}"}`;
    const line = exposition.split('\n').find((l) => l.startsWith(`${series} `));
    return line ? Number(line.slice(series.length + 1)) : 0;
  };
  const quiet = () => new Promise((resolve) => setTimeout(resolve, 400));
  const businessToken = await appLogin(nodeA.http, demo.acme);
  const [adminToken, ownerToken, admin2Token] = [await adminLogin(nodeA.http, demo.admin), await adminLogin(nodeA.http, demo.owner), await adminLogin(nodeA.http, demo.admin2)];
  const conversationId = (await nodeA.http.post('/api/conversations').set('Authorization', `Bearer ${businessToken}`).send({ kind: 'business_admin' })).body.data.id;
  const businessOnB = await connectSocket(nodeBUrl, businessToken);
  const adminOnB = await connectSocket(nodeBUrl, adminToken);
  sockets.push(businessOnB, adminOnB);
  // Staff on node A send; every viewer is on node B, which counts for them.
  const sendAs = async (token: string) => {
    const sent = await nodeA.http
      .post(`/messaging/conversations/${conversationId}/messages`)
      .set('Authorization', `Bearer ${token}`)
      .send({ idempotencyKey: randomUUID(), routeType: 'ADMIN_TO_BUSINESS', bodyHtml: 'counted on B' });
    expect(sent.status).toBe(201);
    const id = sent.body.data.id as string;
    const of = (p: any) => p.conversation.lastMessage?.id === id;
    const [business, admin] = await Promise.all([businessOnB.waitFor('conversation:updated', of), adminOnB.waitFor('conversation:updated', of)]);
    return { id, business: business.conversation.unreadCount as number, admin: admin.conversation.unreadCount as number };
  };

  await quiet();
  const first = await sendAs(ownerToken);
  // Start where the earlier tests left the thread, below the "99+" cap.
  expect(first.business).toBeLessThan(99);
  await quiet();
  const before = await scrapeB();
  const second = await sendAs(ownerToken);
  const after = await scrapeB();
  expect([second.business, second.admin]).toEqual([first.business + 1, first.admin + 1]);
  // Node B took them from its counts of the message before, without asking the database.
  expect(valueOf(after, 'tally') - valueOf(before, 'tally')).toBe(1);
  expect(valueOf(after, 'database') - valueOf(before, 'database')).toBe(0);

  // The business reads on node B: its next count starts from nothing, not from the counts kept before the read.
  await quiet();
  const read = await fetch(`${nodeBUrl}/api/conversations/${conversationId}/read`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${businessToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ lastReadMessageId: second.id }),
  });
  expect(read.status).toBe(204);
  await quiet();
  const third = await sendAs(admin2Token);
  expect([third.business, third.admin]).toEqual([1, second.admin + 1]);

  // The admin reads through node A: node B hears of it and drops its counts too.
  await quiet();
  const readOnA = await nodeA.http.post(`/messaging/conversations/${conversationId}/read`).set('Authorization', `Bearer ${adminToken}`).send({ lastReadMessageId: third.id });
  expect(readOnA.status).toBe(204);
  await adminOnB.waitFor('conversation:updated', (p) => p.conversation.lastMessage?.id === third.id && p.conversation.unreadCount === 0);
  await quiet();
  const fourth = await sendAs(admin2Token);
  expect([fourth.business, fourth.admin]).toEqual([2, 1]);
});
