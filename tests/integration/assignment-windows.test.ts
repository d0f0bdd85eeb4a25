import { DateTime } from 'luxon';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';

// Assignment windows (issue 15; API.md "Assignment windows", OPS §3.3, §4.2, §4.3) on a real Strapi and Postgres with
// the demo organisation: bookings make windows, operator routes refuse overlaps, integrators' overlaps are stored inert.
let app: RunningStrapi;
let writer: string;
let ownerToken: string;
const knex = () => app.strapi.db.connection;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const owner = () => bearer(ownerToken);
const HOUR = 3_600_000;
const SAM_NUMBER = '+14155550120';
const OVERLAP = 'Cannot create window: Overlaps with existing window. Resolve conflict first?';

let phoneSeq = 0;
async function newClient(firstName: string): Promise<{ id: string; phone: string }> {
  const phone = `+1415555${String(6000 + phoneSeq++).padStart(4, '0')}`;
  const created = await app.strapi.plugin('people').service('clients').create({ firstName, lastName: 'Window', phone });
  return { id: created.id, phone };
}
const userIdOf = async (email: string): Promise<number> => (await knex()('up_users').where({ email }).first('id')).id;
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();
const postBooking = (data: Record<string, unknown>) => app.http.post('/api/assignments/bookings').set(bearer(writer)).send({ data });
const windowsOfBooking = (documentId: string) => knex()('assignment_window').where({ booking: documentId }).orderBy('starts_at');
const windowCount = async () => Number((await knex()('assignment_window').count({ n: '*' }))[0].n);

/** A meet and greet with a sitter, on the client's Front Desk thread (the demo's pool numbers are all taken). */
async function oneTimeFor(firstName: string, sitterEmail = demo.sitter2.email, startsAt = inHours(48), endsAt = inHours(50)) {
  const client = await newClient(firstName);
  const res = await postBooking({ kind: 'meet_and_greet', client: client.id, sitterId: await userIdOf(sitterEmail), startsAt, endsAt });
  expect(res.status).toBe(201);
  return { client, booking: res.body.data };
}

beforeAll(async () => {
  app = await startStrapi();
  const actions = ['find', 'findOne', 'create', 'update', 'delete'].map((a) => `plugin::assignments.booking.${a}`);
  writer = (await app.strapi.service('admin::api-token').create({ name: 'windows writer', description: 'windows test', type: 'custom', lifespan: null, permissions: actions })).accessKey;
  ownerToken = await adminLogin(app.http, demo.owner);
});

afterAll(async () => {
  await app?.stop();
});

describe('bookings make windows', () => {
  it('a weekly booking for Sam Sitter: one window per listed day, local hours kept across the spring-forward change', async () => {
    const client = await newClient('Weekly');
    const sam = await userIdOf(demo.sitter.email);
    // Fri Mar 12, 2027 is still PST; Mon Mar 15 is PDT (clocks go forward Sun Mar 14).
    const res = await postBooking({
      kind: 'weekly',
      client: client.id,
      sitterId: sam,
      startsAt: '2027-03-12T08:00:00Z',
      endsAt: '2027-03-17T07:00:00Z',
      timeZone: 'America/Los_Angeles',
      recurrence: { daysOfWeek: ['FR', 'MO'], startTime: '09:00', endTime: '11:00', until: '2027-03-16' },
    });
    expect(res.status).toBe(201);
    expect(res.body.data.numberE164).toBe(SAM_NUMBER);
    const rows = await windowsOfBooking(res.body.data.documentId);
    expect(rows.map((w: any) => [new Date(w.starts_at).toISOString(), new Date(w.ends_at).toISOString()])).toEqual([
      ['2027-03-12T17:00:00.000Z', '2027-03-12T19:00:00.000Z'],
      ['2027-03-15T16:00:00.000Z', '2027-03-15T18:00:00.000Z'],
    ]);
    expect(rows.every((w: any) => w.sitter_id === sam && w.conversation_id === res.body.data.conversationId && w.type === 'weekly_client' && w.overlapping === false)).toBe(true);

    // The admin list reads them with a status, the client and the sitter by name.
    const list = await app.http.get('/assignments/windows').query({ conversationId: res.body.data.conversationId }).set(owner());
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(2);
    expect(list.body.data[0]).toMatchObject({ client: { id: client.id, name: 'Weekly Window' }, sitter: { id: sam, displayName: 'Sam Sitter' }, bookingId: res.body.data.documentId, status: 'future', timeZone: 'America/Los_Angeles' });
    expect(list.body.meta.pagination).toMatchObject({ page: 1, pageSize: 50, total: 2 });
  });

  it('cancelling a booking ends its active window and removes the future ones', async () => {
    const client = await newClient('Cancel');
    const sky = await userIdOf(demo.sitter2.email);
    const res = await postBooking({ kind: 'one_time', client: client.id, sitterId: sky, startsAt: inHours(-1), endsAt: inHours(2) });
    expect(res.status).toBe(201);
    const before = Date.now();
    const put = await app.http.put(`/api/assignments/bookings/${res.body.data.documentId}`).set(bearer(writer)).send({ data: { status: 'cancelled' } });
    expect(put.status).toBe(200);
    const [w] = await windowsOfBooking(res.body.data.documentId);
    expect(new Date(w.ends_at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(w.ends_at).getTime()).toBeLessThanOrEqual(Date.now());
  });
});

describe('overlaps', () => {
  it('an operator window that overlaps one on the thread → 409 with the sentence, nothing written', async () => {
    const { booking } = await oneTimeFor('Overlap');
    const before = await windowCount();
    const res = await app.http
      .post('/assignments/windows')
      .set(owner())
      .send({ conversationId: booking.conversationId, sitterId: booking.sitterId, startsAt: inHours(49), endsAt: inHours(51) });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(OVERLAP);
    expect(await windowCount()).toBe(before);
  });

  it('an integrator’s overlapping booking is stored, its windows overlapping (inert), with a window_conflict event', async () => {
    const { client, booking } = await oneTimeFor('Integrator');
    const heard: any[] = [];
    const off = app.strapi.eventHub.on('switchboard.window_conflict', async (event: any) => {
      heard.push(event);
    });
    try {
      // The same client, the same Front Desk thread, overlapping times.
      const res = await postBooking({ kind: 'meet_and_greet', client: client.id, sitterId: booking.sitterId, startsAt: inHours(49), endsAt: inHours(51) });
      expect(res.status).toBe(201);
      expect(res.body.data.conversationId).toBe(booking.conversationId);
      const [w] = await windowsOfBooking(res.body.data.documentId);
      expect(w.overlapping).toBe(true);
      expect(heard).toHaveLength(1);
      expect(heard[0]).toMatchObject({ type: 'window_conflict', source: 'assignments', subject: { type: 'assignment_window', id: w.document_id }, conversationId: booking.conversationId });
      expect(heard[0].data.overlap).toEqual({ startsAt: new Date(Date.parse(res.body.data.startsAt)).toISOString(), endsAt: booking.endsAt });
      const statuses = await app.http.get('/assignments/windows').query({ conversationId: booking.conversationId }).set(owner());
      expect(statuses.body.data.map((v: any) => v.status)).toEqual(['overlapping', 'overlapping']);
      const conflicts = await app.http.get('/assignments/conflicts').set(owner());
      expect(conflicts.body.data.some((c: any) => c.conversationId === booking.conversationId)).toBe(true);
    } finally {
      off();
    }
  });

  it('a window written through the document service (the Content Manager) that overlaps is stored inert too', async () => {
    const { client, booking } = await oneTimeFor('Manager');
    const created = await app.strapi.documents('plugin::assignments.window').create({
      data: { conversationId: booking.conversationId, sitterId: booking.sitterId, startsAt: inHours(49), endsAt: inHours(52), type: 'meet_and_greet', overlapping: false },
    });
    const row = await knex()('assignment_window').where({ document_id: created.documentId }).first();
    expect(row).toMatchObject({ overlapping: true, client_id: client.id });
  });
});

describe('operator window routes: preview, sentences, order of checks', () => {
  it('a preview says what will happen and writes nothing; the write then answers 201', async () => {
    const { booking } = await oneTimeFor('Preview');
    const before = await windowCount();
    // Only this thread's audit rows: timed work elsewhere (other tests' window edges) may audit at any moment.
    const threadAudits = async () => Number((await knex()('audit_event').where({ conversation_id: String(booking.conversationId) }).count({ n: '*' }))[0].n);
    const audits = await threadAudits();
    const body = { conversationId: booking.conversationId, sitterId: booking.sitterId, startsAt: inHours(72), endsAt: inHours(74) };
    const preview = await app.http.post('/assignments/windows?preview=true').set(owner()).send(body);
    expect(preview.status).toBe(200);
    expect(preview.body.data.preview).toBe(true);
    expect(preview.body.data.impact[0]).toBe('Assignment window will be created');
    expect(preview.body.data.impact).toContain('Create assignment window?');
    expect(await windowCount()).toBe(before);
    expect(await threadAudits()).toBe(audits);
    const created = await app.http.post('/assignments/windows').set(owner()).send(body);
    expect(created.status).toBe(201);
    expect(await threadAudits()).toBeGreaterThan(audits);
    expect(created.body.data).toMatchObject({ conversationId: booking.conversationId, status: 'future', sitter: { displayName: 'Sky Sitter' } });
  });

  it('end before start → 400; an inactive sitter → 400; an unknown thread → 404 first; unknown fields → 400', async () => {
    const { booking } = await oneTimeFor('Checks');
    const base = { conversationId: booking.conversationId, sitterId: booking.sitterId, startsAt: inHours(100), endsAt: inHours(99) };
    const backwards = await app.http.post('/assignments/windows').set(owner()).send(base);
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toBe('End time must be after start time.');
    const sitters = app.strapi.plugin('people').service('sitters');
    const sam = await userIdOf(demo.sitter.email);
    await sitters.setActive(sam, false);
    try {
      const asleep = await app.http.post('/assignments/windows').set(owner()).send({ ...base, sitterId: sam, endsAt: inHours(101) });
      expect(asleep.status).toBe(400);
      expect(asleep.body.error.message).toBe('Sitter is inactive. Activate sitter first?');
    } finally {
      await sitters.setActive(sam, true);
    }
    const missing = await app.http.post('/assignments/windows').set(owner()).send({ ...base, conversationId: '987654321' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('Thread not found. Create thread first?');
    const extra = await app.http.post('/assignments/windows').set(owner()).send({ ...base, endsAt: inHours(101), colour: 'red' });
    expect(extra.status).toBe(400);
  });

  it('deleting an active window needs ?confirm=true', async () => {
    const { booking } = await oneTimeFor('Active', demo.sitter2.email, inHours(-1), inHours(3));
    const [w] = await windowsOfBooking(booking.documentId);
    const refused = await app.http.delete(`/assignments/windows/${w.document_id}`).set(owner());
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('Delete assignment window? Messages will route to owner inbox during this period.');
    expect(await knex()('assignment_window').where({ id: w.id }).first()).toBeTruthy();
    const confirmed = await app.http.delete(`/assignments/windows/${w.document_id}?confirm=true`).set(owner());
    expect(confirmed.status).toBe(200);
    expect(await knex()('assignment_window').where({ id: w.id }).first()).toBeUndefined();
  });
});

describe('POST /assignments/assign', () => {
  it('a weekly client moving from Sky to Sam: Sam’s number, the windows, and the reassignment message from the new number', async () => {
    const client = await newClient('Moving');
    const sky = await userIdOf(demo.sitter2.email);
    const sam = await userIdOf(demo.sitter.email);
    const until = new Date(Date.now() + 20 * 24 * HOUR).toISOString().slice(0, 10);
    const recurrence = { daysOfWeek: ['TU'], startTime: '09:00', endTime: '10:00', until };
    const first = await postBooking({ kind: 'weekly', client: client.id, sitterId: sky, startsAt: inHours(1), endsAt: inHours(24 * 21), recurrence });
    expect(first.status).toBe(201);

    const body = { clientId: client.id, sitterId: sam, type: 'weekly_client', startsAt: inHours(1), recurrence };
    const preview = await app.http.post('/assignments/assign?preview=true').set(owner()).send(body);
    expect(preview.status).toBe(200);
    expect(preview.body.data.impact).toContain("Number will be assigned (+1 (415) 555-0120, Sam Sitter's masked number)");
    expect(preview.body.data.impact).toContain('Reassignment message will be sent: "Hi Moving, from now on Sam is your sitter. Keep texting this number."');
    expect(preview.body.data.impact[preview.body.data.impact.length - 1]).toMatch(/^Assign Sam Sitter to Moving Window from .+ to .+\?$/);

    const res = await app.http.post('/assignments/assign').set(owner()).send(body);
    expect(res.status).toBe(201);
    const { conversationId, number, windows, confirmation, booking } = res.body.data;
    expect(number).toEqual({ e164: SAM_NUMBER, numberClass: 'sitter' });
    expect(windows.length).toBeGreaterThanOrEqual(2);
    expect(confirmation).toMatch(/^Sitter Sam Sitter assigned to Moving Window from .+ to .+\. Window created\.$/);
    expect(booking.conversationId).toBe(conversationId);
    const thread = await knex()('conversation').where({ id: Number(conversationId) }).first();
    expect(thread.business_number).toBe(SAM_NUMBER);
    const sent = await knex()('message').where({ conversation_id: Number(conversationId), route_type: 'AUTOMATION_TO_CLIENT' });
    expect(sent.map((m: any) => m.body_text)).toEqual(['Hi Moving, from now on Sam is your sitter. Keep texting this number.']);
    // Sky's weekly booking keeps its history, and no window of it stays open on her thread.
    expect(await knex()('assignment_window').where({ booking: first.body.data.documentId }).where('ends_at', '>', new Date())).toHaveLength(0);

    // The same again overlaps the windows just made: an operator route answers 409 and writes nothing.
    const bookings = Number((await knex()('booking').count({ n: '*' }))[0].n);
    const again = await app.http.post('/assignments/assign').set(owner()).send(body);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(OVERLAP);
    expect(Number((await knex()('booking').count({ n: '*' }))[0].n)).toBe(bookings);

    // On demand: the preview quotes it and sends nothing; the send answers the message, from the thread's number.
    const path = `/assignments/threads/${conversationId}/reassignment-message`;
    const quoted = await app.http.post(`${path}?preview=true`).set(owner()).send({});
    expect(quoted.status).toBe(200);
    expect(quoted.body.data.impact).toEqual(['Reassignment message will be sent: "Hi Moving, from now on Sam is your sitter. Keep texting this number."', 'Send reassignment message to Moving Window?']);
    expect(await knex()('message').where({ conversation_id: Number(conversationId), route_type: 'AUTOMATION_TO_CLIENT' })).toHaveLength(1);
    const resent = await app.http.post(path).set(owner()).send({});
    expect(resent.status).toBe(201);
    expect(resent.body.data).toMatchObject({ conversationId: String(conversationId), routeType: 'AUTOMATION_TO_CLIENT', bodyText: 'Hi Moving, from now on Sam is your sitter. Keep texting this number.' });
    expect(await knex()('message').where({ conversation_id: Number(conversationId), route_type: 'AUTOMATION_TO_CLIENT' })).toHaveLength(2);
    expect((await app.http.post('/assignments/threads/987654321/reassignment-message').set(owner()).send({})).status).toBe(404);
  });
});

describe('a sitter change on a weekly client (DOMAIN.md "A sitter change")', () => {
  it('moves the booking to the new sitter’s number: the old thread’s windows end, the new ones start now, the reassignment message leaves from the new number', async () => {
    const client = await newClient('Switch');
    const sam = await userIdOf(demo.sitter.email);
    const sky = await userIdOf(demo.sitter2.email);
    const until = DateTime.now().setZone('America/Los_Angeles').plus({ days: 2 }).toISODate();
    const created = await postBooking({
      kind: 'weekly',
      client: client.id,
      sitterId: sam,
      startsAt: inHours(-1),
      endsAt: inHours(24 * 4),
      recurrence: { daysOfWeek: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], startTime: '00:00', endTime: '24:00', until },
    });
    expect(created.status).toBe(201);
    const oldThread = created.body.data.conversationId;
    const before = await windowsOfBooking(created.body.data.documentId);
    expect(before.filter((w: any) => new Date(w.starts_at) <= new Date() && new Date() < new Date(w.ends_at))).toHaveLength(1);

    // Windows that have ended stay on the old thread as history (from 00:00 to 01:00 in Los Angeles the booking's first
    // window, which began an hour ago yesterday, has ended already); the others move.
    const stillToCome = before.filter((w: any) => new Date(w.ends_at) > new Date());
    const moved = await app.http.put(`/api/assignments/bookings/${created.body.data.documentId}`).set(bearer(writer)).send({ data: { sitterId: sky } });
    expect(moved.status).toBe(200);
    const newThread = moved.body.data.conversationId;
    expect(moved.body.data.numberE164).toBe('+14155550121');
    expect(newThread).not.toBe(oldThread);
    const after = await windowsOfBooking(created.body.data.documentId);
    const now = new Date();
    // On the old thread nothing is open any more; on the new one Sky's windows run from now.
    expect(after.filter((w: any) => w.conversation_id === oldThread && new Date(w.ends_at) > now)).toHaveLength(0);
    const open = after.filter((w: any) => w.conversation_id === newThread);
    expect(open.length).toBe(stillToCome.length);
    expect(open.every((w: any) => w.sitter_id === sky && w.overlapping === false)).toBe(true);
    const sent = await knex()('message').where({ conversation_id: Number(newThread), route_type: 'AUTOMATION_TO_CLIENT' });
    expect(sent.map((m: any) => m.body_text)).toEqual(['Hi Switch, from now on Sky is your sitter. Keep texting this number.']);
    expect(await knex()('message').where({ conversation_id: Number(oldThread), route_type: 'AUTOMATION_TO_CLIENT' })).toHaveLength(0);
  });
});

describe('a sitter’s own windows', () => {
  it('GET /api/assignments/windows lists only the sitter’s windows, with the client’s label and no phone number', async () => {
    const token = await appLogin(app.http, demo.sitter2);
    const sky = await userIdOf(demo.sitter2.email);
    const res = await app.http.get('/api/assignments/windows').set(bearer(token));
    expect(res.status).toBe(200);
    const own = await knex()('assignment_window').where({ sitter_id: sky }).count({ n: '*' });
    expect(res.body.data).toHaveLength(Number(own[0].n));
    expect(res.body.data.some((w: any) => w.client.displayName === 'Jordan · One-time visit')).toBe(true);
    expect(JSON.stringify(res.body)).not.toMatch(/\+1\d{10}|sitterId/);
    const business = await appLogin(app.http, demo.acme);
    expect((await app.http.get('/api/assignments/windows').set(bearer(business))).status).toBe(403);
  });
});

describe('deactivating a sitter closes their windows (OPS §4.2)', () => {
  it('the preview and the sentence count the windows closed', async () => {
    const sky = await userIdOf(demo.sitter2.email);
    const open = Number((await knex()('assignment_window').where({ sitter_id: sky }).where('ends_at', '>', new Date()).count({ n: '*' }))[0].n);
    expect(open).toBeGreaterThan(0);
    const preview = await app.http.post(`/people/sitters/${sky}/deactivate?preview=true`).set(owner());
    expect(preview.status).toBe(200);
    expect(preview.body.data.impact).toContain(`${open} windows will be closed: an active one ends now, future ones are removed.`);
    const res = await app.http.post(`/people/sitters/${sky}/deactivate`).set(owner());
    expect(res.status).toBe(200);
    expect(res.body.data.message).toMatch(new RegExp(`^Sitter Sky Sitter deactivated\\. Number \\+14155550121 quarantined\\. \\d+ threads? reassigned\\. ${open} windows closed\\.$`));
    expect(Number((await knex()('assignment_window').where({ sitter_id: sky }).where('ends_at', '>', new Date()).count({ n: '*' }))[0].n)).toBe(0);
  });
});
