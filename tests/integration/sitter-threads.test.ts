import { randomUUID } from 'node:crypto';
import { systemClock } from '@switchboard/config';
import type { ClientsService } from '@switchboard/people';
import type { ClientThreadsService, RoutingPort, SitterAccessPort, SitterAccessService, SitterStanding, SitterThreadAccess } from '@switchboard/messaging';
import { NO_ROUTING } from '@switchboard/messaging';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';
import { connectSocket, type RecordingSocket } from '../helpers/sockets';

// Issue 15, messaging side (API.md "Sitters in the app", "Real-time (additions)"): a sitter sees a client thread only
// through the sitter-access port. Here the port is a stub the test controls, filled in-process as assignments would.
let app: RunningStrapi;
const tokens: Record<string, string> = {};
const sockets: RecordingSocket[] = [];
const bearer = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
const knex = () => app.strapi.db.connection;
const sitterAccess = () => app.strapi.plugin('messaging').service('sitter-access') as SitterAccessService;
const clientThreads = () => app.strapi.plugin('messaging').service('client-threads') as ClientThreadsService;

const FRONT_DESK = '+14155550100';
const CLIENT_PHONE = '+14155550193';
const LABEL = 'Quinn · Weekly visits';
const LATER = 'You can message Quinn again from Thu, Dec 10, 9:00 AM PST.';
const NO_WINDOW = 'You have no upcoming window with Quinn. Ask the owner to schedule one.';
const now = () => new Date();
const activeWindow = () => ({ id: 'win-active', startsAt: new Date(Date.now() - 3_600_000), endsAt: new Date(Date.now() + 3_600_000) });
const nextWindow = { id: 'win-next', startsAt: new Date('2026-12-10T17:00:00.000Z'), endsAt: new Date('2026-12-10T19:00:00.000Z') };

let sam: number;
let sky: number;
let thread: number;

/** The controllable port: each sitter's standing on the thread, as assignments would answer it. */
const standings = new Map<number, 'active' | 'later' | 'later-none' | 'none'>();
const accessOf = (sitterUserId: number, conversationId: number): SitterThreadAccess => ({
  conversationId,
  sitterUserId,
  clientDisplayName: LABEL,
  clientFirstName: 'Quinn',
  window: activeWindow(),
});
const stub: SitterAccessPort = {
  async activeThreads(sitterUserId) {
    return standings.get(sitterUserId) === 'active' ? [accessOf(sitterUserId, thread)] : [];
  },
  async standing(sitterUserId, conversationId): Promise<SitterStanding> {
    const s = conversationId === thread ? standings.get(sitterUserId) ?? 'none' : 'none';
    if (s === 'active') return { kind: 'active', access: accessOf(sitterUserId, conversationId) };
    if (s === 'later') return { kind: 'later', clientFirstName: 'Quinn', message: LATER, nextWindow };
    if (s === 'later-none') return { kind: 'later', clientFirstName: 'Quinn', message: NO_WINDOW, nextWindow: null };
    return { kind: 'none' };
  },
  async activeSitters(conversationId) {
    return conversationId === thread ? [...standings].filter(([, s]) => s === 'active').map(([id]) => accessOf(id, conversationId)) : [];
  },
  // Issue 17: what a sitter reads is what was sent during their windows: the stub's active window spans every test.
  async windowPeriods(sitterUserId, conversationId) {
    return conversationId === thread && standings.get(sitterUserId) === 'active' ? [{ startsAt: new Date(0), endsAt: new Date(Date.now() + 3_600_000) }] : [];
  },
};

/** Routing as the stub's windows dictate (issue 17): a client's SMS goes to the sitter whose window is active, else the owner inbox. */
const routingStub: RoutingPort = {
  ...NO_ROUTING,
  async routeInbound(inbound) {
    const active = inbound.conversationId === thread ? [...standings].find(([, s]) => s === 'active') : undefined;
    if (!active) return NO_ROUTING.routeInbound(inbound);
    return { decisionId: '', target: { type: 'sitter', sitterId: active[0], label: 'Sitter' }, rule: 'sitter_window', overridden: false, flags: {}, autoResponse: null };
  },
};

/** Every way a payload could carry the client's number or the business number. */
const leaksAPhone = (payload: unknown) => {
  const text = JSON.stringify(payload);
  return [CLIENT_PHONE, FRONT_DESK].some((n) => text.includes(n.slice(2)) || text.includes(n.slice(5)));
};

async function socketOf(who: string) {
  const s = await connectSocket(app.baseUrl, tokens[who]);
  sockets.push(s);
  return s;
}

async function texts(body: string) {
  const res = await app.http.post('/provider/sandbox/phone/reply').set(bearer('owner')).send({ from: CLIENT_PHONE, to: FRONT_DESK, body });
  expect(res.status).toBe(202);
}

const send = (who: string, base: '/api' | '/messaging', routeType: string, text: string, conversationId: number = thread) =>
  app.http.post(`${base}/conversations/${conversationId}/messages`).set(bearer(who)).send({ idempotencyKey: randomUUID(), routeType, bodyHtml: `<p>${text}</p>` });

const listOf = async (who: string) => {
  const res = await app.http.get('/api/conversations').set(bearer(who));
  expect(res.status).toBe(200);
  return res.body.data as any[];
};

/** Staff write in the sitter's Admin team thread: once their socket hears it, it heard everything published before it. */
async function barrier(socket: RecordingSocket, who: 'sitter' | 'sitter2' = 'sitter') {
  const own = (await listOf(who)).find((c) => c.kind === 'admin_sitter');
  const res = await send('admin', '/messaging', 'ADMIN_TO_SITTER_PRIVATE', `barrier ${randomUUID()}`, Number(own.id));
  expect(res.status).toBe(201);
  await socket.waitFor('message:new', (p) => p.message.id === res.body.data.id);
}

const about = (events: RecordingSocket['events']) =>
  events.filter((e) => String(e.payload?.message?.conversationId ?? e.payload?.conversation?.id ?? e.payload?.conversationId) === String(thread));

let realPort: SitterAccessPort;
const realNow = systemClock.now;

beforeAll(async () => {
  app = await startStrapi();
  // What assignments filled at bootstrap, for the last describe.
  realPort = (app.strapi.plugin('assignments').service('sitter-port') as { port: SitterAccessPort }).port;
  for (const who of ['sitter', 'sitter2'] as const) tokens[who] = await appLogin(app.http, demo[who]);
  tokens.admin = await adminLogin(app.http, demo.admin);
  tokens.owner = await adminLogin(app.http, demo.owner);
  const idOf = async (email: string) => Number((await knex()('up_users').where({ email }).first('id')).id);
  sam = await idOf(demo.sitter.email);
  sky = await idOf(demo.sitter2.email);
  sitterAccess().fill(stub);
  (app.strapi.plugin('messaging').service('routing') as { fill(port: RoutingPort): void }).fill(routingStub);
  // Quinn's first text opens the thread; routing gives it to Sam, whose window the stub says is active.
  thread = -1;
  standings.set(sam, 'active');
  const firstText = routingStub.routeInbound;
  routingStub.routeInbound = async (inbound) => ({ ...(await NO_ROUTING.routeInbound(inbound)), target: { type: 'sitter', sitterId: sam, label: 'Sam Sitter' }, rule: 'sitter_window' });
  await texts('Hi, this is Quinn. Can someone walk Biscuit on Thursday?');
  routingStub.routeInbound = firstText;
  thread = Number((await knex()('conversation').where({ kind: 'client', client_phone: CLIENT_PHONE }).first('id')).id);
});

afterAll(async () => {
  systemClock.now = realNow;
  for (const s of sockets) s.close();
  await app?.stop();
});

beforeEach(() => standings.clear());

describe('without a window, a sitter does not see the client thread', () => {
  it.each([['none'], ['later'], ['later-none']] as const)('standing %s: not listed, and every read is 404 as for a thread that does not exist', async (standing) => {
    standings.set(sam, standing);
    expect((await listOf('sitter')).map((c) => c.id)).not.toContain(String(thread));
    const missing = await app.http.get('/api/conversations/2147483000/messages').set(bearer('sitter'));
    for (const res of [
      await app.http.get(`/api/conversations/${thread}/messages`).set(bearer('sitter')),
      await app.http.post(`/api/conversations/${thread}/typing`).set(bearer('sitter')).send({ typing: true }),
      await app.http.post(`/api/conversations/${thread}/read`).set(bearer('sitter')).send({ lastReadMessageId: '1' }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(missing.body.error.message);
    }
    const socket = await socketOf('sitter');
    expect(await socket.ack('conversation:join', { conversationId: String(thread) })).toMatchObject({ ok: false, error: { status: 404 } });
    expect(await socket.ack('sync', { conversationId: String(thread), sinceId: '0' })).toMatchObject({ ok: false, error: { status: 404 } });
  });

  it('a send with a later window is 403 naming the next one (details.nextWindow), and with none there 404', async () => {
    standings.set(sam, 'later');
    const later = await send('sitter', '/api', 'SITTER_TO_CLIENT', 'On my way');
    expect(later.status).toBe(403);
    expect(later.body.error.message).toBe(LATER);
    expect(later.body.error.details).toEqual({ nextWindow: { id: 'win-next', startsAt: '2026-12-10T17:00:00.000Z', endsAt: '2026-12-10T19:00:00.000Z' } });

    standings.set(sam, 'later-none');
    const noNext = await send('sitter', '/api', 'SITTER_TO_CLIENT', 'On my way');
    expect([noNext.status, noNext.body.error.message, noNext.body.error.details]).toEqual([403, NO_WINDOW, { nextWindow: null }]);
    // Over the socket, the same answer.
    const socket = await socketOf('sitter');
    const ack = await socket.ack('message:send', { conversationId: String(thread), idempotencyKey: randomUUID(), routeType: 'SITTER_TO_CLIENT', bodyHtml: '<p>x</p>' });
    expect(ack).toEqual({ ok: false, error: { status: 403, message: NO_WINDOW, details: { nextWindow: null } } });

    standings.set(sam, 'none');
    expect((await send('sitter', '/api', 'SITTER_TO_CLIENT', 'On my way')).status).toBe(404);
    expect(await knex()('message').where({ conversation_id: thread, route_type: 'SITTER_TO_CLIENT', body_text: 'On my way' }).count({ n: '*' })).toEqual([{ n: '0' }]);
  });
});

describe('with an active window', () => {
  it('lists the thread as the client’s label with the window, and reads it with the client as the label and staff as Admin team', async () => {
    standings.set(sam, 'active');
    const staffReply = await send('admin', '/messaging', 'STAFF_TO_CLIENT', 'Yes, Sam can come on Thursday.');
    expect(staffReply.status).toBe(201);
    const listed = (await listOf('sitter')).find((c) => c.id === String(thread));
    expect(listed).toMatchObject({
      kind: 'client',
      title: LABEL,
      client: { displayName: LABEL },
      assignment: { window: { id: 'win-active' } },
      lastMessage: { id: staffReply.body.data.id, sender: { displayName: 'Admin team', role: 'admin' } },
    });
    expect(listed.number).toBeUndefined();
    expect(leaksAPhone(listed)).toBe(false);
    // Sky has no window there.
    expect((await listOf('sitter2')).map((c) => c.id)).not.toContain(String(thread));
    expect((await app.http.get(`/api/conversations/${thread}/messages`).set(bearer('sitter2'))).status).toBe(404);

    const page = await app.http.get(`/api/conversations/${thread}/messages`).set(bearer('sitter'));
    expect(page.status).toBe(200);
    expect(page.body.data.map((m: any) => [m.routeType, m.sender.displayName])).toEqual([
      ['CLIENT_INBOUND', LABEL],
      ['STAFF_TO_CLIENT', 'Admin team'],
    ]);
    expect(leaksAPhone(page.body)).toBe(false);
    // Staff still read the client's number.
    const staffPage = await app.http.get(`/messaging/conversations/${thread}/messages`).set(bearer('admin'));
    expect(staffPage.body.data[0].sender.displayName).toBe(CLIENT_PHONE);
  });

  it('never shows the sitter a staff-only SYSTEM note: not in the page, not as the last message, not in the unread count', async () => {
    standings.set(sam, 'active');
    const before = (await listOf('sitter')).find((c) => c.id === String(thread));
    await app.strapi.db.transaction(async ({ trx }) => {
      await trx('conversation').where('id', thread).forUpdate().first('id');
      await (app.strapi.plugin('messaging').service('message-store') as any).append(
        trx,
        thread,
        { route_type: 'SYSTEM', state: 'sent', sender_key: 'system', sender_role: 'system', sender_display_name: 'Switchboard', effective_role: 'system', body_html: '<p>Owner inbox: staff only</p>', body_text: 'Owner inbox: staff only', idempotency_key: null },
        new Date(),
      );
    });
    const after = (await listOf('sitter')).find((c) => c.id === String(thread));
    expect(after.unreadCount).toBe(before.unreadCount);
    expect(after.lastMessage).toBeUndefined();
    const page = await app.http.get(`/api/conversations/${thread}/messages`).set(bearer('sitter'));
    expect(page.body.data.map((m: any) => m.bodyText)).not.toContain('Owner inbox: staff only');
    const staffPage = await app.http.get(`/messaging/conversations/${thread}/messages`).set(bearer('admin'));
    expect(staffPage.body.data.map((m: any) => m.bodyText)).toContain('Owner inbox: staff only');
  });

  it('a sitter’s SITTER_TO_CLIENT leaves from the thread’s business number to the client, and staff see it', async () => {
    standings.set(sam, 'active');
    const staff = await socketOf('admin');
    const sent = await send('sitter', '/api', 'SITTER_TO_CLIENT', 'Hi Quinn, Sam here. See you Thursday!');
    expect(sent.status).toBe(201);
    expect(sent.body.data).toMatchObject({ routeType: 'SITTER_TO_CLIENT', mine: true, sender: { displayName: 'Sam Sitter', role: 'sitter' } });
    expect(leaksAPhone(sent.body)).toBe(false);
    const outbound = await knex()('outbound_message').where({ message_ref: sent.body.data.id }).first('from_number', 'to_number', 'body');
    expect(outbound).toEqual({ from_number: FRONT_DESK, to_number: CLIENT_PHONE, body: 'Hi Quinn, Sam here. See you Thursday!' });
    const seen = await staff.waitFor('message:new', (p) => p.message.id === sent.body.data.id);
    expect(seen.message.sender).toEqual({ displayName: 'Sam Sitter', role: 'sitter' });
  });

  it('a client SMS reaches the sitter’s socket while the window is active, in the sitter’s shape, and not once it is not', async () => {
    const samSocket = await socketOf('sitter');
    const skySocket = await socketOf('sitter2');
    standings.set(sam, 'active');
    await texts('Biscuit says woof');
    const live = await samSocket.waitFor('message:new', (p) => p.message.bodyText === 'Biscuit says woof');
    expect(live.message).toMatchObject({ conversationId: String(thread), routeType: 'CLIENT_INBOUND', sender: { displayName: LABEL, role: 'client' }, mine: false });
    const updated = await samSocket.waitFor('conversation:updated', (p) => p.conversation.id === String(thread) && p.conversation.lastMessage?.id === live.message.id);
    expect(updated.conversation).toMatchObject({ title: LABEL, client: { displayName: LABEL }, assignment: { window: { id: 'win-active' } } });

    standings.set(sam, 'later');
    await texts('Are you there?');
    await barrier(samSocket);
    await barrier(skySocket, 'sitter2');
    const heard = about(samSocket.events).map((e) => e.payload?.message?.bodyText ?? e.payload?.conversation?.lastMessage?.bodyText);
    expect(heard).toContain('Biscuit says woof');
    expect(heard).not.toContain('Are you there?');
    expect(about(skySocket.events)).toEqual([]);
    expect(leaksAPhone(about(samSocket.events))).toBe(false);
  });

  it('typing on the thread reaches a sitter who joined it, staff as "Admin team"', async () => {
    standings.set(sam, 'active');
    const samSocket = await socketOf('sitter');
    expect(await samSocket.ack('conversation:join', { conversationId: String(thread) })).toEqual({ ok: true });
    expect((await app.http.post(`/messaging/conversations/${thread}/typing`).set(bearer('admin')).send({ typing: true })).status).toBe(204);
    const typing = await samSocket.waitFor('typing', (p) => p.conversationId === String(thread) && p.typing === true);
    expect(typing.user).toEqual({ id: 'admin-team', displayName: 'Admin team' });
    await app.http.post(`/messaging/conversations/${thread}/typing`).set(bearer('admin')).send({ typing: false });
  });
});

describe('windowStarted and windowEnded (assignments tells messaging)', () => {
  it('a started window sends the sitter the thread; an ended one removes it and takes the sitter’s sockets out of its room', async () => {
    const samSocket = await socketOf('sitter');
    standings.set(sam, 'active');
    await sitterAccess().windowStarted({ sitterUserId: sam, conversationId: thread });
    const started = await samSocket.waitFor('conversation:updated', (p) => p.conversation.id === String(thread));
    expect(started.conversation).toMatchObject({ kind: 'client', title: LABEL, client: { displayName: LABEL }, assignment: { window: { id: 'win-active' } } });
    expect(leaksAPhone(started)).toBe(false);
    expect(await samSocket.ack('conversation:join', { conversationId: String(thread) })).toEqual({ ok: true });

    // Still active (another window of theirs): updated, not removed.
    await sitterAccess().windowEnded({ sitterUserId: sam, conversationId: thread });
    await barrier(samSocket);
    expect(about(samSocket.events).filter((e) => e.event === 'conversation:removed')).toEqual([]);

    standings.set(sam, 'later');
    await sitterAccess().windowEnded({ sitterUserId: sam, conversationId: thread });
    expect(await samSocket.waitFor('conversation:removed', (p) => p.conversationId === String(thread))).toEqual({ conversationId: String(thread) });
    // Out of the thread's room: staff typing there no longer reaches Sam.
    const typingBefore = samSocket.events.filter((e) => e.event === 'typing').length;
    await app.http.post(`/messaging/conversations/${thread}/typing`).set(bearer('admin')).send({ typing: true });
    await barrier(samSocket);
    expect(samSocket.events.filter((e) => e.event === 'typing').length).toBe(typingBefore);
    await app.http.post(`/messaging/conversations/${thread}/typing`).set(bearer('admin')).send({ typing: false });
    // After a reconnect, the thread is neither listed nor synced.
    const again = await socketOf('sitter');
    expect(await again.ack('sync', { conversationId: String(thread), sinceId: '0' })).toMatchObject({ ok: false, error: { status: 404 } });
    expect((await listOf('sitter')).map((c) => c.id)).not.toContain(String(thread));
  });

  it('windowStarted tells a sitter nothing when the port does not say their window is active', async () => {
    const skySocket = await socketOf('sitter2');
    await sitterAccess().windowStarted({ sitterUserId: sky, conversationId: thread });
    await barrier(skySocket, 'sitter2');
    expect(about(skySocket.events)).toEqual([]);
  });
});

describe('client-threads.sendAutomated', () => {
  it('stores an AUTOMATION_TO_CLIENT message from the thread’s number, audited, sent and published after commit', async () => {
    standings.set(sam, 'active');
    const samSocket = await socketOf('sitter');
    const staff = await socketOf('admin');
    const view = await clientThreads().sendAutomated({
      conversationId: thread,
      text: 'Hi Quinn, from now on Sam is your sitter. Keep texting this number.',
      actor: { kind: 'system' },
      reason: 'Reassignment message',
    });
    expect(view).toMatchObject({ routeType: 'AUTOMATION_TO_CLIENT', sender: { displayName: 'Switchboard', role: 'automation' }, state: 'queued' });
    const outbound = await knex()('outbound_message').where({ message_ref: view.id }).first('from_number', 'to_number');
    expect(outbound).toEqual({ from_number: FRONT_DESK, to_number: CLIENT_PHONE });
    const audit = await knex()('audit_event').where({ action: 'message.automation_to_client', message_id: view.id });
    expect(audit).toHaveLength(1);
    await staff.waitFor('message:new', (p) => p.message.id === view.id);
    const toSam = await samSocket.waitFor('message:new', (p) => p.message.id === view.id);
    expect(toSam.message.sender).toEqual({ displayName: 'Switchboard', role: 'automation' });
  });

  it('joins a caller’s transaction: rolled back, nothing is stored, sent, audited or published', async () => {
    const staff = await socketOf('admin');
    // Letters only: a UUID's runs of digits can read as a phone number to the policy, which would hold the SMS back.
    const text = `Rolled back ${randomUUID().replace(/[^a-f]/g, '')}`;
    await expect(
      app.strapi.db.transaction(async ({ trx }) => {
        const view = await clientThreads().sendAutomated({ conversationId: thread, text, actor: { kind: 'system' }, reason: 'test' });
        // Written in the caller's transaction: seen there, with its SMS and audit event.
        expect(await trx('message').where({ ordering_key: view.id }).count({ n: '*' })).toEqual([{ n: '1' }]);
        expect(await trx('outbound_message').where({ message_ref: view.id }).count({ n: '*' })).toEqual([{ n: '1' }]);
        expect(await trx('audit_event').where({ message_id: view.id }).count({ n: '*' })).toEqual([{ n: '1' }]);
        throw new Error('the caller changed its mind');
      }),
    ).rejects.toThrow('the caller changed its mind');
    expect(await knex()('message').where({ body_text: text }).count({ n: '*' })).toEqual([{ n: '0' }]);
    expect(await knex()('outbound_message').where({ body: text }).count({ n: '*' })).toEqual([{ n: '0' }]);
    expect(await knex()('audit_event').where({ action: 'message.automation_to_client' }).whereRaw(`details->>'reason' = 'test'`).count({ n: '*' })).toEqual([{ n: '0' }]);
    // A later message reaches staff; the rolled-back one never did.
    const later = await send('admin', '/messaging', 'STAFF_TO_CLIENT', 'after the rollback');
    await staff.waitFor('message:new', (p) => p.message.id === later.body.data.id);
    expect(staff.events.filter((e) => e.event === 'message:new' && e.payload.message.bodyText === text)).toEqual([]);
  });

  it('refuses a thread that is not a client thread with 404', async () => {
    const own = (await listOf('sitter')).find((c) => c.kind === 'admin_sitter');
    await expect(clientThreads().sendAutomated({ conversationId: Number(own.id), text: 'x', actor: { kind: 'system' }, reason: 'test' })).rejects.toThrow('Thread not found. Create thread first?');
  });
});

/** The instant of a wall-clock time in a zone (the demo organisation's is America/Los_Angeles). */
function instantIn(zone: string, y: number, m: number, d: number, h: number, min = 0): Date {
  const guess = Date.UTC(y, m - 1, d, h, min);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(guess))
      .map((p) => [p.type, p.value]),
  );
  const asLocal = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return new Date(guess - (asLocal - guess));
}

describe('with real windows (assignments fills the port)', () => {
  const ZONE = 'America/Los_Angeles';
  const SAM_MASKED = '+14155550120';
  const MORGAN = '+14155550194';

  afterEach(() => {
    systemClock.now = realNow;
  });

  it('a weekly client of Sam: an SMS inside the window reaches his socket; a send outside it is refused naming the next window in the organisation’s zone', async () => {
    sitterAccess().fill(realPort);
    // And the real routing (issue 17), so Morgan's text goes to whoever the real windows say.
    (app.strapi.plugin('messaging').service('routing') as { fill(port: RoutingPort): void }).fill((app.strapi.plugin('routing').service('port') as { implementation: RoutingPort }).implementation);
    // Two days ahead, in the organisation's zone: windows 09:00–11:00 every day for a week.
    const ahead = new Date(Date.now() + 2 * 86_400_000);
    const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ahead).split('-').map(Number);
    const dayStart = instantIn(ZONE, y, m, d, 0);
    const until = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(dayStart.getTime() + 6 * 86_400_000 + 12 * 3_600_000));
    const client = await (app.strapi.plugin('people').service('clients') as ClientsService).create({ firstName: 'Morgan', lastName: 'Reyes', phone: MORGAN } as any);
    const booking: any = await app.strapi.documents('plugin::assignments.booking' as any).create({
      data: {
        kind: 'weekly',
        client: client.id,
        sitterId: sam,
        startsAt: dayStart.toISOString(),
        endsAt: new Date(dayStart.getTime() + 7 * 86_400_000).toISOString(),
        recurrence: { daysOfWeek: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], startTime: '09:00', endTime: '11:00', until },
      } as any,
    });
    const morgansThread = Number(booking.conversationId);
    expect(morgansThread).toBeGreaterThan(0);

    // Inside the first window: Sam lists the thread and hears Morgan's text, by her label, without her number.
    // (His socket connects first, at the real time: its session lives as long as his token does.)
    const samSocket = await socketOf('sitter');
    const inside = instantIn(ZONE, y, m, d, 10);
    systemClock.now = () => inside;
    const listed = (await listOf('sitter')).find((c) => c.id === String(morgansThread));
    expect(listed).toMatchObject({ title: 'Morgan · Weekly visits', client: { displayName: 'Morgan · Weekly visits' } });
    const res = await app.http.post('/provider/sandbox/phone/reply').set(bearer('owner')).send({ from: MORGAN, to: SAM_MASKED, body: 'Door code changed, call me' });
    expect(res.status).toBe(202);
    const live = await samSocket.waitFor('message:new', (p) => p.message.bodyText === 'Door code changed, call me');
    expect(live.message).toMatchObject({ conversationId: String(morgansThread), sender: { displayName: 'Morgan · Weekly visits', role: 'client' } });
    expect(JSON.stringify(live)).not.toContain(MORGAN.slice(2));

    // After it, before the next day's: hidden, and a send names tomorrow's 9:00 AM in the organisation's zone.
    systemClock.now = () => instantIn(ZONE, y, m, d, 12);
    expect((await listOf('sitter')).map((c) => c.id)).not.toContain(String(morgansThread));
    const refused = await send('sitter', '/api', 'SITTER_TO_CLIENT', 'Got it', morgansThread);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/^You can message Morgan again from [A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}, 9:00 AM P[SD]T\.$/);
    const tomorrowNine = new Date(inside.getTime() + 23 * 3_600_000);
    expect(refused.body.error.details.nextWindow.startsAt).toBe(instantIn(ZONE, ...(new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(tomorrowNine).split('-').map(Number) as [number, number, number]), 9).toISOString());
  });
});
