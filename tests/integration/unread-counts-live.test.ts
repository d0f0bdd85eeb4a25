import { randomUUID } from 'node:crypto';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';
import { connectSocket, type RecordingSocket } from '../helpers/sockets';

// conversation:updated after a send carries each recipient's own unread count and the last message shaped for them
// (computed for all recipients at once since the delivery benchmark; this pins what each one sees).
let app: RunningStrapi;
const tokens: Record<string, string> = {};
const sockets: RecordingSocket[] = [];
let conversationId: string;

const bearer = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
const sendAsAcme = (bodyHtml: string) =>
  app.http.post(`/api/conversations/${conversationId}/messages`).set(bearer('acme')).send({ idempotencyKey: randomUUID(), routeType: 'BUSINESS_TO_ADMIN', bodyHtml });

beforeAll(async () => {
  app = await startStrapi();
  tokens.acme = await appLogin(app.http, demo.acme);
  tokens.admin = await adminLogin(app.http, demo.admin);
  tokens.admin2 = await adminLogin(app.http, demo.admin2);
  conversationId = (await app.http.post('/api/conversations').set(bearer('acme')).send({ kind: 'business_admin' })).body.data.id;
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await app?.stop();
});

it('gives each staff member their own unread count and the business none for its own messages', async () => {
  const first = await sendAsAcme('first');
  const second = await sendAsAcme('second');
  expect(second.status).toBe(201);
  // Adam has read up to the first message, Ada and Acme up to the second (earlier suites may have left history here).
  expect((await app.http.post(`/messaging/conversations/${conversationId}/read`).set(bearer('admin')).send({ lastReadMessageId: first.body.data.id })).status).toBe(204);
  expect((await app.http.post(`/messaging/conversations/${conversationId}/read`).set(bearer('admin2')).send({ lastReadMessageId: second.body.data.id })).status).toBe(204);
  expect((await app.http.post(`/api/conversations/${conversationId}/read`).set(bearer('acme')).send({ lastReadMessageId: second.body.data.id })).status).toBe(204);

  const adam = await connectSocket(app.baseUrl, tokens.admin);
  const ada = await connectSocket(app.baseUrl, tokens.admin2);
  const acme = await connectSocket(app.baseUrl, tokens.acme);
  sockets.push(adam, ada, acme);

  const third = await sendAsAcme('third');
  const isThird = (p: any) => p.conversation.id === conversationId && p.conversation.lastMessage?.id === third.body.data.id;
  const [toAdam, toAda, toAcme] = await Promise.all([adam, ada, acme].map((s) => s.waitFor('conversation:updated', isThird)));
  expect(toAdam.conversation.unreadCount).toBe(2);
  expect(toAda.conversation.unreadCount).toBe(1);
  expect(toAcme.conversation.unreadCount).toBe(0);
  expect(toAdam.conversation.lastMessage).toMatchObject({ bodyText: 'third', mine: false, sender: { displayName: 'Acme Pets', role: 'business' } });
  expect(toAcme.conversation.lastMessage).toMatchObject({ bodyText: 'third', mine: true });
  expect(toAdam.conversation.title).toBe(toAda.conversation.title);
});

it('stops counting at 100 unread (every badge reads "99+"), live and in the lists, so a thread nobody reads does not make sends slower', async () => {
  // Ada reads everything so far, then Acme sends 99, the 100th, and 20 more.
  const list = async (who: string) => (await app.http.get('/messaging/conversations').query({ pageSize: 200 }).set(bearer(who))).body.data.find((c: any) => c.id === conversationId);
  const last = (await list('admin2')).lastMessage.id;
  expect((await app.http.post(`/messaging/conversations/${conversationId}/read`).set(bearer('admin2')).send({ lastReadMessageId: last })).status).toBe(204);
  for (let i = 0; i < 99; i += 1) expect((await sendAsAcme(`backlog ${i}`)).status).toBe(201);
  expect((await list('admin2')).unreadCount).toBe(99);
  const ada = await connectSocket(app.baseUrl, tokens.admin2);
  sockets.push(ada);
  const hundredth = await sendAsAcme('backlog 99');
  const live = await ada.waitFor('conversation:updated', (p: any) => p.conversation.id === conversationId && p.conversation.lastMessage?.id === hundredth.body.data.id);
  expect(live.conversation.unreadCount).toBe(100);
  for (let i = 0; i < 20; i += 1) expect((await sendAsAcme(`more ${i}`)).status).toBe(201);
  const after = await ada.waitFor('conversation:updated', (p: any) => p.conversation.id === conversationId && p.conversation.lastMessage?.bodyText === 'more 19');
  expect(after.conversation.unreadCount).toBe(100);
  expect((await list('admin2')).unreadCount).toBe(100);
  const unread = (await app.http.get('/messaging/unread').set(bearer('admin2'))).body.data;
  expect(unread.byKind.business_admin.messages).toBeGreaterThanOrEqual(100);
  // The thread adds exactly 100 to the total, however many more are unread.
  const others = (await app.http.get('/messaging/conversations').query({ pageSize: 200 }).set(bearer('admin2'))).body.data.filter((c: any) => c.id !== conversationId).reduce((n: number, c: any) => n + c.unreadCount, 0);
  expect(unread.total).toBe(others + 100);
});

it('folds a burst of sends into a few conversation:updated per window, the last one current (issue 24 coalescing)', async () => {
  const before = await sendAsAcme('before the burst');
  expect((await app.http.post(`/messaging/conversations/${conversationId}/read`).set(bearer('admin')).send({ lastReadMessageId: before.body.data.id })).status).toBe(204);
  const adam = await connectSocket(app.baseUrl, tokens.admin);
  sockets.push(adam);
  const started = Date.now();
  const sent = await Promise.all(Array.from({ length: 30 }, (_, i) => sendAsAcme(`burst ${i}`)));
  expect(sent.map((r) => r.status)).toEqual(Array(30).fill(201));
  const lastId = sent.map((r) => r.body.data.id).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))[29];
  const final = await adam.waitFor('conversation:updated', (p: any) => p.conversation.id === conversationId && p.conversation.lastMessage?.id === lastId);
  const elapsed = Date.now() - started;
  expect(final.conversation.unreadCount).toBe(30);
  // Every message reached the socket; the conversation's updates were one per 200 ms window at most (the first at once).
  const heard = adam.events.filter((e) => e.event === 'message:new' && e.payload.message.conversationId === conversationId && /^burst /.test(e.payload.message.bodyText));
  expect(heard).toHaveLength(30);
  const updates = adam.events.filter((e) => e.event === 'conversation:updated' && e.payload.conversation.id === conversationId);
  expect(updates.length).toBeLessThanOrEqual(Math.ceil(elapsed / 200) + 1);
  expect(updates.length).toBeLessThan(30);
});

it('a late publish of an older message never shows it as the conversation’s last one', async () => {
  const older = await sendAsAcme('older');
  const newer = await sendAsAcme('newer');
  const ada = await connectSocket(app.baseUrl, tokens.admin2);
  sockets.push(ada);
  await new Promise((r) => setTimeout(r, 300));
  // The older message's fan-out arrives late (a slow node), after the newer one's window has closed.
  const messaging = app.strapi.plugin('messaging');
  const record = await messaging.service('conversations').findRecord(Number(conversationId));
  const stored = await messaging.service('message-store').findById(older.body.data.id);
  const from = ada.events.length;
  await messaging.service('realtime').publishMessage(record, stored);
  const late = (e: { event: string; payload: any }) => e.event === 'conversation:updated' && e.payload.conversation.id === conversationId;
  const deadline = Date.now() + 5_000;
  while (!ada.events.slice(from).some(late) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const update = ada.events.slice(from).find(late)!;
  expect(update.payload.conversation.lastMessage.id).toBe(newer.body.data.id);
});
