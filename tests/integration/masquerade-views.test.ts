import { randomUUID } from 'node:crypto';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';
import { connectSocket, type RecordingSocket } from '../helpers/sockets';

// API.md "Viewer shaping": after a masquerade send, what the VA (and a Business, when the thread is shown to it)
// reads about the conversation — the list's lastMessage and conversation:updated, not only the message itself —
// names the business and nothing else: no admin id or name, no field or value containing "masquerade".

let app: RunningStrapi;
const tokens: Record<string, string> = {};
const sockets: RecordingSocket[] = [];
let adminKey: string;
let businessId: string;
let vaUserId: string;
let businessVa: string;

const bearer = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
const socketFor = async (who: string) => {
  const s = await connectSocket(app.baseUrl, tokens[who]);
  sockets.push(s);
  return s;
};

async function masqueradeSend(body: string) {
  const res = await app.http
    .post(`/messaging/conversations/${businessVa}/messages`)
    .set(bearer('admin'))
    .send({ idempotencyKey: randomUUID(), routeType: 'ADMIN_MASQUERADE_TO_VA_AS_BUSINESS', bodyHtml: `<p>${body}</p>`, masqueradeForBusinessId: businessId });
  expect(res.status).toBe(201);
  // The staff view carries the real actor: the data the shaping must keep from everyone else is really there.
  expect(res.body.data.masquerade.actor).toEqual({ id: adminKey, displayName: 'Adam Admin' });
  return res.body.data as { id: string; bodyText: string };
}

/** The masquerade message as a VA or a Business must read it: exactly these fields. */
const asFromTheBusiness = (sent: { id: string }, body: string) => ({
  id: sent.id,
  conversationId: businessVa,
  orderingKey: sent.id,
  createdAt: expect.any(String),
  routeType: 'BUSINESS_TO_VA',
  state: 'sent',
  mine: false,
  sender: { displayName: 'Acme Pets', role: 'business' },
  bodyHtml: `<p>${body}</p>`,
  bodyText: body,
});

function keysOf(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) keysOf(v, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.push(k);
      keysOf(v, into);
    }
  }
  return into;
}

function expectNoLeak(label: string, seen: unknown) {
  const text = JSON.stringify(seen);
  expect([label, text.match(/masquerade/i)?.[0] ?? null]).toEqual([label, null]);
  for (const secret of [adminKey, 'Adam', 'admin@demo.test', 'ADMIN_MASQUERADE']) expect([label, secret, text.includes(secret)]).toEqual([label, secret, false]);
  expect([label, keysOf(seen).filter((k) => /masquerade|actor|admin/i.test(k))]).toEqual([label, []]);
}

beforeAll(async () => {
  app = await startStrapi();
  for (const who of ['acme', 'va'] as const) tokens[who] = await appLogin(app.http, demo[who]);
  tokens.admin = await adminLogin(app.http, demo.admin);
  businessId = (await app.http.get('/api/profile').set(bearer('acme'))).body.business.id;
  vaUserId = (await app.http.get('/api/profile').set(bearer('va'))).body.user.id;
  const admin = await app.strapi.db.connection('admin_users').where({ email: demo.admin.email }).first('id');
  adminKey = `admin:${admin.id}`;
  const created = await app.http.post('/messaging/conversations').set(bearer('admin')).send({ kind: 'business_va', vaUserId, businessId });
  expect(created.status).toBe(201);
  businessVa = created.body.data.id;
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await app?.stop();
});

describe('after a masquerade send', () => {
  it("shows the VA only the business in GET /api/conversations' lastMessage and in conversation:updated", async () => {
    const vaSocket = await socketFor('va');
    const sent = await masqueradeSend('MASQ-VIEW-1');

    const pushed = await vaSocket.waitFor('message:new', (p) => p.message.id === sent.id);
    const updated = await vaSocket.waitFor('conversation:updated', (p) => p.conversation.lastMessage?.id === sent.id);
    const list = await app.http.get('/api/conversations').set(bearer('va'));
    expect(list.status).toBe(200);
    const listed = list.body.data.find((c: any) => c.id === businessVa);
    const expected = {
      id: businessVa,
      kind: 'business_va',
      title: 'Acme Pets',
      businessId,
      lastMessage: asFromTheBusiness(sent, 'MASQ-VIEW-1'),
      unreadCount: 1,
      updatedAt: expect.any(String),
    };
    expect(listed).toEqual(expected);
    expect(updated.conversation).toEqual(expected);
    expect(pushed.message).toEqual(asFromTheBusiness(sent, 'MASQ-VIEW-1'));

    const history = await app.http.get(`/api/conversations/${businessVa}/messages`).set(bearer('va'));
    const synced = await vaSocket.ack('sync', { conversationId: businessVa, sinceId: '0' });
    expect(synced.ok).toBe(true);
    expectNoLeak('GET /api/conversations', list.body);
    expectNoLeak('VA socket events', vaSocket.events);
    expectNoLeak('VA history', history.body);
    expectNoLeak('VA sync', synced);
  });

  it('shows the Business only itself too, when the thread is visible to it', async () => {
    await app.strapi.db.connection('conversation').where('id', Number(businessVa)).update({ visibility_policy: JSON.stringify({ businessVisible: true }) });
    // Nothing in the product shows a thread to its business after it is made, so a node reads such a row once for its
    // sends; this test's write behind the server's back forgets it.
    app.strapi.plugin('messaging').service('conversations').forgetSendTarget(Number(businessVa));
    const acmeSocket = await socketFor('acme');
    const vaSocket = await socketFor('va');
    const sent = await masqueradeSend('MASQ-VIEW-2');

    const pushed = await acmeSocket.waitFor('message:new', (p) => p.message.id === sent.id);
    const updated = await acmeSocket.waitFor('conversation:updated', (p) => p.conversation.lastMessage?.id === sent.id);
    await vaSocket.waitFor('conversation:updated', (p) => p.conversation.lastMessage?.id === sent.id);
    const list = await app.http.get('/api/conversations').set(bearer('acme'));
    const listed = list.body.data.find((c: any) => c.id === businessVa);
    const expected = {
      id: businessVa,
      kind: 'business_va',
      title: 'Vera Assist',
      businessId,
      lastMessage: asFromTheBusiness(sent, 'MASQ-VIEW-2'),
      unreadCount: 2,
      updatedAt: expect.any(String),
    };
    expect(listed).toEqual(expected);
    expect(updated.conversation).toEqual(expected);
    expect(pushed.message).toEqual(asFromTheBusiness(sent, 'MASQ-VIEW-2'));

    const history = await app.http.get(`/api/conversations/${businessVa}/messages`).set(bearer('acme'));
    expect(history.body.data.map((m: any) => m.bodyText)).toEqual(['MASQ-VIEW-1', 'MASQ-VIEW-2']);
    expectNoLeak('Business GET /api/conversations', list.body);
    expectNoLeak('Business socket events', acmeSocket.events);
    expectNoLeak('Business history', history.body);
    expectNoLeak('VA socket events', vaSocket.events);
    expectNoLeak('VA GET /api/conversations', (await app.http.get('/api/conversations').set(bearer('va'))).body);
  });
});
