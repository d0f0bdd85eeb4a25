import { randomUUID } from 'node:crypto';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';
import { connectSocket, type RecordingSocket } from '../helpers/sockets';
import { createAppUser } from '../helpers/web-pages';

// Issue 13 items 4 and 8, server side: a staff member's unread total (GET /messaging/unread) for the admin panel's
// menu and tab title, and "Seen by Admin team" for app users (seenByStaffUpToId, conversation:seen), which never
// names the staff member who read.
let app: RunningStrapi;
const tokens: Record<string, string> = {};
const sockets: RecordingSocket[] = [];
let acmeThread: string;
let vaThread: string;

const bearer = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
const unreadTotal = async (who: string) => {
  const res = await app.http.get('/messaging/unread').set(bearer(who));
  expect(res.status).toBe(200);
  return res.body.data.total as number;
};
const send = async (who: string, conversationId: string, routeType: string, text: string, staff = false) => {
  const res = await app.http
    .post(`${staff ? '/messaging' : '/api'}/conversations/${conversationId}/messages`)
    .set(bearer(who))
    .send({ idempotencyKey: randomUUID(), routeType, bodyHtml: `<p>${text}</p>` });
  expect(res.status).toBe(201);
  return res.body.data as { id: string };
};
const staffReads = async (who: string, conversationId: string, messageId: string) =>
  expect((await app.http.post(`/messaging/conversations/${conversationId}/read`).set(bearer(who)).send({ lastReadMessageId: messageId })).status).toBe(204);
const appConversation = async (who: string, id: string) =>
  ((await app.http.get('/api/conversations').set(bearer(who))).body.data as any[]).find((c) => c.id === id);

beforeAll(async () => {
  app = await startStrapi();
  tokens.acme = await appLogin(app.http, demo.acme);
  tokens.va = await appLogin(app.http, demo.va);
  tokens.admin = await adminLogin(app.http, demo.admin);
  tokens.admin2 = await adminLogin(app.http, demo.admin2);
  acmeThread = (await app.http.post('/api/conversations').set(bearer('acme')).send({ kind: 'business_admin' })).body.data.id;
  const vaId = (await app.http.get('/api/profile').set(bearer('va'))).body.user.id;
  vaThread = (await app.http.post('/messaging/conversations').set(bearer('admin')).send({ kind: 'admin_va', vaUserId: vaId })).body.data.id;
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await app?.stop();
});

describe('GET /messaging/unread', () => {
  it('also answers by conversation kind (the admin home): each kind’s unread messages and the conversations holding them, as the inbox counts them', async () => {
    const res = await app.http.get('/messaging/unread').set(bearer('admin'));
    const list = (await app.http.get('/messaging/conversations').query({ pageSize: 200 }).set(bearer('admin'))).body.data as any[];
    const expected: Record<string, { messages: number; conversations: number }> = {};
    for (const c of list.filter((x) => x.unreadCount > 0)) {
      const k = (expected[c.kind] ??= { messages: 0, conversations: 0 });
      k.messages += c.unreadCount;
      k.conversations += 1;
    }
    expect(Object.keys(expected).length).toBeGreaterThan(1);
    expect(res.body.data.byKind).toEqual(expected);
    expect(res.body.data.total).toBe(Object.values(expected).reduce((n, k) => n + k.messages, 0));
  });

  it('is the sum of the unread counts the inbox shows this staff member, and never counts their own messages', async () => {
    const list = await app.http.get('/messaging/conversations').query({ pageSize: 200 }).set(bearer('admin'));
    expect(list.body.meta.pagination.total).toBeLessThanOrEqual(200);
    const sum = (list.body.data as any[]).reduce((n, c) => n + c.unreadCount, 0);
    expect(await unreadTotal('admin')).toBe(sum);

    const before = await unreadTotal('admin');
    await send('admin', vaThread, 'ADMIN_TO_VA_PRIVATE', 'My own note', true);
    expect(await unreadTotal('admin')).toBe(before);
    await send('va', vaThread, 'VA_TO_ADMIN', 'From the VA');
    expect(await unreadTotal('admin')).toBe(before + 1);
  });

  it('drops after a read, for that staff member only, and their other tabs hear it', async () => {
    const tab = await connectSocket(app.baseUrl, tokens.admin);
    sockets.push(tab);
    const first = await send('acme', acmeThread, 'BUSINESS_TO_ADMIN', 'Are you there?');
    const second = await send('acme', acmeThread, 'BUSINESS_TO_ADMIN', 'Hello?');
    const [adamBefore, adaBefore] = [await unreadTotal('admin'), await unreadTotal('admin2')];
    await staffReads('admin', acmeThread, second.id);
    const adamAfter = await unreadTotal('admin');
    expect(adamAfter).toBeLessThanOrEqual(adamBefore - 2);
    expect(await unreadTotal('admin2')).toBe(adaBefore);
    // The other tab learns the thread's count fell (it refetches the total on this event).
    await tab.waitFor('conversation:updated', (p) => p.conversation.id === acmeThread && p.conversation.unreadCount === 0);
    expect(BigInt(first.id)).toBeLessThan(BigInt(second.id));
  });

  it('answers 403 to a staff member who may not read messages', async () => {
    const editor = await app.strapi.service('admin::role').create({ name: `No messaging ${randomUUID().slice(0, 8)}`, description: 'Signs in, reads no messages' });
    const email = `editor-${randomUUID().slice(0, 8)}@demo.test`;
    await app.strapi.service('admin::user').create({ email, firstname: 'Eddie', lastname: 'Editor', password: 'Editor-pass-123', isActive: true, registrationToken: null, roles: [editor.id] });
    tokens.editor = await adminLogin(app.http, { email, password: 'Editor-pass-123' });
    const res = await app.http.get('/messaging/unread').set(bearer('editor'));
    expect(res.status).toBe(403);
  });
});

describe('seenByStaffUpToId and conversation:seen', () => {
  it('is absent until staff read, then names only the message, to the business, live', async () => {
    const acme = await connectSocket(app.baseUrl, tokens.acme);
    sockets.push(acme);
    const sent = await send('acme', acmeThread, 'BUSINESS_TO_ADMIN', 'Please confirm Friday');
    const unseen = await appConversation('acme', acmeThread);
    // Not read yet: whatever staff read before, it is older than this message.
    expect(unseen.seenByStaffUpToId === undefined || BigInt(unseen.seenByStaffUpToId) < BigInt(sent.id)).toBe(true);

    await staffReads('admin2', acmeThread, sent.id);
    const event = await acme.waitFor('conversation:seen', (p) => p.conversationId === acmeThread && p.seenByStaffUpToId === sent.id);
    expect(Object.keys(event).sort()).toEqual(['conversationId', 'seenByStaffUpToId']);
    const seen = await appConversation('acme', acmeThread);
    expect(seen.seenByStaffUpToId).toBe(sent.id);
    // Nothing says who read it.
    const text = JSON.stringify([event, seen]);
    for (const name of ['Ada', 'admin:', demo.admin2.email]) expect(text).not.toContain(name);
  });

  it('is absent on a thread no staff member has read, appears for its VA once one has, and is never shown to staff', async () => {
    const fresh = await createAppUser(app.strapi, 'va', 'seen', 'Seen-Va-pass-1!');
    tokens.fresh = await appLogin(app.http, fresh.account);
    const thread = (await app.http.post('/messaging/conversations').set(bearer('admin')).send({ kind: 'admin_va', vaUserId: fresh.userId })).body.data.id;
    const sent = await send('fresh', thread, 'VA_TO_ADMIN', 'First words');
    expect(await appConversation('fresh', thread)).not.toHaveProperty('seenByStaffUpToId');
    await staffReads('admin', thread, sent.id);
    expect((await appConversation('fresh', thread)).seenByStaffUpToId).toBe(sent.id);
    const staffView = ((await app.http.get('/messaging/conversations').query({ pageSize: 200 }).set(bearer('admin'))).body.data as any[]).find((c) => c.id === thread);
    expect(staffView).toBeDefined();
    expect(staffView).not.toHaveProperty('seenByStaffUpToId');
  });
});
