import { randomUUID } from 'node:crypto';
import { CLIENT_UID, type ClientsService } from '@switchboard/people';
import type { ClientThreadsService } from '@switchboard/messaging';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, demo } from '../helpers/accounts';
import { connectSocket, type RecordingSocket } from '../helpers/sockets';

// Client threads know their client (issue 14 items 3 and 4, issue 13 item 7): an inbound SMS names its client, the
// staff inbox shows the client and the business number, opens a client's thread, searches message text, phones and
// client names, and audits a staff reply; bookings get their thread through ensureThread.
let app: RunningStrapi;
let ownerToken: string;
let staffSocket: RecordingSocket;
const owner = () => ({ Authorization: `Bearer ${ownerToken}` });
const knex = () => app.strapi.db.connection;
const clients = () => app.strapi.plugin('people').service('clients') as ClientsService;
const clientThreads = () => app.strapi.plugin('messaging').service('client-threads') as ClientThreadsService;

const FRONT_DESK = '+14155550100';
const SAM_MASKED = '+14155550120';

/** A client texts a business number through the sandbox's virtual phone. */
async function texts(from: string, to: string, body: string) {
  const res = await app.http.post('/provider/sandbox/phone/reply').set(owner()).send({ from, to, body });
  expect(res.status).toBe(202);
}

const threadIdsOf = async (phone: string) =>
  (await knex()('conversation').where({ kind: 'client', client_phone: phone }).orderBy('id').select('id')).map((r: { id: number }) => String(r.id));

/** The staff inbox's rows for a search. */
async function search(q: string): Promise<any[]> {
  const res = await app.http.get('/messaging/conversations').query({ q, pageSize: '200' }).set(owner());
  expect(res.status).toBe(200);
  return res.body.data;
}

async function rename(documentId: string, firstName: string, lastName: string) {
  await app.strapi.documents(CLIENT_UID as any).update({ documentId, data: { firstName, lastName } as any });
}

beforeAll(async () => {
  app = await startStrapi();
  ownerToken = await adminLogin(app.http, demo.owner);
  staffSocket = await connectSocket(app.baseUrl, ownerToken);
});

afterAll(async () => {
  staffSocket?.close();
  await app?.stop();
});

describe('an inbound SMS from a phone no client has', () => {
  const phone = '+14155550181';

  it('creates a client named after the number, and the staff inbox shows the client and the business number', async () => {
    expect(await clients().byPhone(phone)).toBeNull();
    await texts(phone, FRONT_DESK, 'Hello, do you walk dogs in Noe Valley?');

    const client = await clients().byPhone(phone);
    expect(client).toMatchObject({ name: phone, phone });
    const [threadId] = await threadIdsOf(phone);
    const row = (await search(phone)).find((c) => c.id === threadId);
    expect(row).toMatchObject({
      kind: 'client',
      title: phone,
      client: { id: client!.id, name: phone, phone },
      number: { e164: FRONT_DESK, display: '+1 (415) 555-0100', numberClass: 'front_desk', status: 'active' },
    });
    // The same shape reaches staff sockets.
    const live = await staffSocket.waitFor('conversation:updated', (p) => p.conversation.id === threadId);
    expect(live.conversation).toMatchObject({ client: { id: client!.id, name: phone }, number: { e164: FRONT_DESK, numberClass: 'front_desk' } });
  });

  it('a second SMS reuses the client and the thread; once named, the thread reads as the client’s name', async () => {
    const before = await threadIdsOf(phone);
    await texts(phone, FRONT_DESK, 'Also, cats?');
    expect(await threadIdsOf(phone)).toEqual(before);
    expect(await app.strapi.db.query(CLIENT_UID as any).count({ where: { phone } })).toBe(1);

    const client = (await clients().byPhone(phone))!;
    await rename(client.id, 'Quentin', 'Parrot');
    const res = await app.http.get(`/messaging/conversations`).query({ kind: 'client', pageSize: '200' }).set(owner());
    expect(res.body.data.find((c: any) => c.id === before[0])).toMatchObject({ title: 'Quentin Parrot', client: { id: client.id, name: 'Quentin Parrot', phone } });
  });

  it('an inbound message reads with the client’s name once named, and with the number before', async () => {
    const [threadId] = await threadIdsOf(phone);
    await texts(phone, FRONT_DESK, 'See you Tuesday.');
    const res = await app.http.get(`/messaging/conversations/${threadId}/messages`).set(owner());
    expect(res.status).toBe(200);
    const senders = Object.fromEntries(res.body.data.map((m: any) => [m.bodyText, m.sender.displayName]));
    expect(senders['See you Tuesday.']).toBe('Quentin Parrot');
    expect(senders['Also, cats?']).toBe(phone);
  });

  it('fills in the client of a thread that began before clients existed, on its next SMS', async () => {
    const oldPhone = '+14155550182';
    const now = new Date();
    const [inserted] = await knex()('conversation')
      .insert({ kind: 'client', unique_key: `client:${SAM_MASKED}:${oldPhone}`, client_phone: oldPhone, business_number: SAM_MASKED, visibility_policy: '{}', last_activity_at: now, created_at: now, updated_at: now })
      .returning('id');
    const id = String(inserted.id ?? inserted);
    expect((await search(oldPhone)).find((c) => c.id === id)).toMatchObject({ title: oldPhone, client: { name: oldPhone, phone: oldPhone } });
    expect((await search(oldPhone)).find((c) => c.id === id).client.id).toBeUndefined();

    await texts(oldPhone, SAM_MASKED, 'Is Sam coming today?');
    const client = (await clients().byPhone(oldPhone))!;
    expect(await threadIdsOf(oldPhone)).toEqual([id]);
    expect((await search(oldPhone)).find((c) => c.id === id)).toMatchObject({ client: { id: client.id }, number: { e164: SAM_MASKED, numberClass: 'sitter' } });
  });
});

describe('POST /messaging/conversations { kind: "client", clientId }', () => {
  const open = (body: unknown) => app.http.post('/messaging/conversations').set(owner()).send(body as object);

  it('answers the client’s existing thread (200)', async () => {
    const client = (await clients().byPhone('+14155550181'))!;
    const [threadId] = await threadIdsOf('+14155550181');
    const res = await open({ kind: 'client', clientId: client.id });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: threadId, kind: 'client', title: 'Quentin Parrot' });
  });

  it('opens a new thread on the Front Desk for a client who has none (201), then answers it (200)', async () => {
    const client = await clients().create({ firstName: 'Wren', lastName: 'Okafor', phone: '+14155550183' });
    const created = await open({ kind: 'client', clientId: client.id });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      kind: 'client',
      title: 'Wren Okafor',
      client: { id: client.id, name: 'Wren Okafor', phone: '+14155550183' },
      number: { e164: FRONT_DESK, numberClass: 'front_desk', status: 'active' },
    });
    const again = await open({ kind: 'client', clientId: client.id });
    expect(again.status).toBe(200);
    expect(again.body.data.id).toBe(created.body.data.id);
    expect(await threadIdsOf('+14155550183')).toEqual([created.body.data.id]);
    const audited = await knex()('audit_event').where({ action: 'conversation.create', conversation_id: Number(created.body.data.id) });
    expect(audited).toHaveLength(1);
  });

  it('answers 404 with people’s sentence for a client that does not exist', async () => {
    const res = await open({ kind: 'client', clientId: 'nosuchclient0000000000000' });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('Client not found. Check the link or search for the client again.');
  });

  it.each([
    [{ kind: 'client' }, /^clientId must be the id of a client/],
    [{ kind: 'client', clientId: 42 }, /^clientId must be the id of a client/],
    [{ kind: 'client', clientId: 'a b' }, /^clientId must be the id of a client/],
    [{ kind: 'client', clientId: 'abc', businessId: 1 }, /^businessId is not part of a new conversation\.$/],
    [{ kind: 'clients', clientId: 'abc' }, /^kind must be "admin_va", "business_va", "admin_sitter" or "client"\.$/],
  ])('refuses %j with 400 and a sentence, creating nothing', async (body, sentence) => {
    const before = Number((await knex()('conversation').count({ n: '*' }))[0].n);
    const res = await open(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(sentence);
    expect(Number((await knex()('conversation').count({ n: '*' }))[0].n)).toBe(before);
  });
});

describe('staff search (q)', () => {
  const phone = '+14155550184';
  let threadId: string;

  beforeAll(async () => {
    await texts(phone, FRONT_DESK, 'Could you feed our axolotl on the 12th?');
    [threadId] = await threadIdsOf(phone);
    await rename((await clients().byPhone(phone))!.id, 'Marisol', 'Vantongeren');
  });

  it.each([
    ['words of a message', 'feed our AXOLOTL'],
    ['a client phone, written any way', '(415) 555-0184'],
    ['the last digits of a phone', '0184'],
    ['the client’s name', 'vantongeren'],
  ])('finds the thread by %s', async (_what, q) => {
    expect((await search(q)).map((c) => c.id)).toContain(threadId);
  });

  it('treats % and _ in the search as themselves, not as wildcards', async () => {
    expect((await search('axolotl%on')).map((c) => c.id)).not.toContain(threadId);
    expect((await search('feed_our')).map((c) => c.id)).not.toContain(threadId);
  });

  it('finds nothing for text no thread has', async () => {
    expect(await search('zebra quagga okapi')).toEqual([]);
  });
});

describe('a staff reply to a client', () => {
  it('writes one audit event with the conversation and the message', async () => {
    const [threadId] = await threadIdsOf('+14155550184');
    const sent = await app.http
      .post(`/messaging/conversations/${threadId}/messages`)
      .set(owner())
      .send({ idempotencyKey: randomUUID(), routeType: 'STAFF_TO_CLIENT', bodyHtml: '<p>Yes, we can feed the axolotl.</p>' });
    expect(sent.status).toBe(201);
    const listed = await app.http.get('/messaging/audit').query({ action: 'message.staff_to_client', conversationId: threadId }).set(owner());
    expect(listed.status).toBe(200);
    expect(listed.body.data).toHaveLength(1);
    expect(listed.body.data[0]).toMatchObject({ action: 'message.staff_to_client', conversationId: threadId, messageId: sent.body.data.id, actor: { displayName: 'Olivia Owner' } });
  });
});

describe('ensureThread and threadsOfClient (for bookings)', () => {
  it('gets or creates one thread per client per business number, and lists the client’s threads newest first', async () => {
    const client = await clients().create({ firstName: 'Ines', lastName: 'Baptiste', phone: '+14155550185' });
    const spec = { clientId: client.id, clientPhone: client.phone, businessNumber: '+14155550141' };
    const first = await clientThreads().ensureThread(spec);
    expect(first.created).toBe(true);
    expect(await clientThreads().ensureThread(spec)).toEqual({ conversationId: first.conversationId, created: false });
    const onFrontDesk = await clientThreads().ensureThread({ ...spec, businessNumber: FRONT_DESK });
    expect(onFrontDesk.created).toBe(true);

    const threads = await clientThreads().threadsOfClient(client.id);
    expect(threads.map((t) => [t.conversationId, t.businessNumber])).toEqual([
      [onFrontDesk.conversationId, FRONT_DESK],
      [first.conversationId, '+14155550141'],
    ]);
    expect(threads[0].lastActivityAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('joins the caller’s transaction: a transaction that then fails leaves no thread', async () => {
    const client = await clients().create({ firstName: 'Tomas', lastName: 'Lindqvist', phone: '+14155550186' });
    let seenInside: Array<{ conversationId: string }> = [];
    await expect(
      app.strapi.db.transaction(async () => {
        const opened = await clientThreads().ensureThread({ clientId: client.id, clientPhone: client.phone, businessNumber: '+14155550142' });
        expect(opened.created).toBe(true);
        seenInside = await clientThreads().threadsOfClient(client.id);
        throw new Error('the booking failed after its thread was opened');
      }),
    ).rejects.toThrow('the booking failed');
    expect(seenInside).toHaveLength(1);
    expect(await clientThreads().threadsOfClient(client.id)).toEqual([]);
    expect(await threadIdsOf('+14155550186')).toEqual([]);
  });
});

describe('the Number Inventory’s "Assigned to client" filter', () => {
  it('finds the numbers of a client’s threads by the client’s name as well as by phone, and names the threads by client', async () => {
    const byName = await app.http.get('/numbers').query({ client: 'Quentin' }).set(owner());
    expect(byName.status).toBe(200);
    expect(byName.body.data.map((n: any) => n.e164)).toEqual([FRONT_DESK]);
    const byPhone = await app.http.get('/numbers').query({ client: '555-0182' }).set(owner());
    expect(byPhone.body.data.map((n: any) => n.e164)).toEqual([SAM_MASKED]);

    const frontDeskId = byName.body.data[0].id;
    const detail = await app.http.get(`/numbers/${frontDeskId}`).set(owner());
    const [threadId] = await threadIdsOf('+14155550181');
    expect(detail.body.data.threads).toContainEqual({ conversationId: threadId, clientLabel: 'Quentin Parrot' });
  });
});
