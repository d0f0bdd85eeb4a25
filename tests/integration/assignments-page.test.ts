import { randomUUID } from 'node:crypto';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';
import { connectSocket } from '../helpers/sockets';
import { MESSAGING_ADMIN_ROLE, OWNER_ROLE } from '../../plugins/messaging/server/src/domain/roles';

// The Assignments page's server side (issue 16 items 2, 3, 6; OPS §3.3): the list's filters and paging, resolving a
// conflict (keep, trim, split — each previewed first, nothing written by the preview), and who may do what.
let app: RunningStrapi;
let writer: string;
const tokens: Record<string, string> = {};
const knex = () => app.strapi.db.connection;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const as = (who: string) => bearer(tokens[who]);
const HOUR = 3_600_000;
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();
const iso = (d: Date | string) => new Date(d).toISOString();
const userIdOf = async (email: string): Promise<number> => (await knex()('up_users').where({ email }).first('id')).id;
const listWindows = (query: Record<string, string | number>, who = 'owner') => app.http.get('/assignments/windows').query(query).set(as(who));
const resolve = (body: Record<string, unknown>, query = '', who = 'owner') => app.http.post(`/assignments/conflicts/resolve${query}`).set(as(who)).send(body);
const rowsOn = (conversationId: string) => knex()('assignment_window').where({ conversation_id: conversationId }).orderBy([{ column: 'starts_at' }, { column: 'id' }]);
const shapeOf = (rows: any[]) => rows.map((r) => ({ id: r.document_id, sitterId: r.sitter_id, startsAt: iso(r.starts_at), endsAt: iso(r.ends_at), overlapping: r.overlapping }));
const auditCount = async (action?: string) => Number((await knex()('audit_event').where(action ? { action } : {}).count({ n: '*' }))[0].n);

let sam: number;
let sky: number;
let phoneSeq = 0;
async function newClient(firstName: string, lastName = 'Page'): Promise<{ id: string; name: string }> {
  const phone = `+1415555${String(7100 + phoneSeq++).padStart(4, '0')}`;
  const created = await app.strapi.plugin('people').service('clients').create({ firstName, lastName, phone });
  return { id: created.id, name: `${firstName} ${lastName}` };
}
const postBooking = async (data: Record<string, unknown>) => {
  const res = await app.http.post('/api/assignments/bookings').set(bearer(writer)).send({ data });
  expect(res.status).toBe(201);
  return res.body.data;
};

/**
 * A conflict as an integrator makes one: Sky Sitter's meet and greet on the client's Front Desk thread, then Sam
 * Sitter's overlapping one through REST, stored `overlapping` (inert). Hours are from now.
 */
async function conflict(firstName: string, skyHours: [number, number], samHours: [number, number]) {
  const client = await newClient(firstName);
  const first = await postBooking({ kind: 'meet_and_greet', client: client.id, sitterId: sky, startsAt: inHours(skyHours[0]), endsAt: inHours(skyHours[1]) });
  const second = await postBooking({ kind: 'meet_and_greet', client: client.id, sitterId: sam, startsAt: inHours(samHours[0]), endsAt: inHours(samHours[1]) });
  expect(second.conversationId).toBe(first.conversationId);
  const rows = await rowsOn(first.conversationId);
  const skyRow = rows.find((r: any) => r.booking === first.documentId);
  const samRow = rows.find((r: any) => r.booking === second.documentId);
  expect([skyRow.overlapping, samRow.overlapping]).toEqual([false, true]);
  return { client, conversationId: String(first.conversationId) as string, skyRow, samRow };
}

beforeAll(async () => {
  app = await startStrapi();
  const actions = ['find', 'findOne', 'create', 'update', 'delete'].map((a) => `plugin::assignments.booking.${a}`);
  writer = (await app.strapi.service('admin::api-token').create({ name: 'page writer', description: 'assignments page test', type: 'custom', lifespan: null, permissions: actions })).accessKey;
  for (const who of ['owner', 'admin', 'admin2'] as const) tokens[who] = await adminLogin(app.http, demo[who]);
  // A staff member who may read assignments but not change them.
  const viewer = await app.strapi.service('admin::role').create({ name: `Assignments viewer ${randomUUID().slice(0, 8)}`, description: 'Reads assignments only' });
  await app.strapi.service('admin::role').assignPermissions(viewer.id, [{ action: 'plugin::assignments.read', subject: null, properties: {}, conditions: [] }]);
  const email = `viewer-${randomUUID().slice(0, 8)}@demo.test`;
  await app.strapi.service('admin::user').create({ email, firstname: 'Vera', lastname: 'Viewer', password: 'Viewer-pass-123', isActive: true, registrationToken: null, roles: [viewer.id] });
  tokens.viewer = await adminLogin(app.http, { email, password: 'Viewer-pass-123' });
  sam = await userIdOf(demo.sitter.email);
  sky = await userIdOf(demo.sitter2.email);
});

afterAll(async () => {
  await app?.stop();
});

describe('GET /assignments/windows: the list view’s filters and paging', () => {
  // Three windows far from the demo's, on two clients: Sky then Sam on Lena's thread, Sam on Omar's the next day.
  const base = Date.UTC(2031, 4, 6, 16); // Tue May 6, 2031, 9:00 AM PDT
  const at = (h: number) => new Date(base + h * HOUR).toISOString();
  let lena: { id: string; name: string };
  let omar: { id: string; name: string };
  let lenaThread: string;
  let omarThread: string;
  const ids: string[] = [];

  beforeAll(async () => {
    lena = await newClient('Lena', 'Filter');
    omar = await newClient('Omar', 'Filter');
    const b1 = await postBooking({ kind: 'meet_and_greet', client: lena.id, sitterId: sky, startsAt: at(0), endsAt: at(2) });
    lenaThread = String(b1.conversationId);
    const w2 = await app.http.post('/assignments/windows').set(as('owner')).send({ conversationId: lenaThread, sitterId: sam, startsAt: at(3), endsAt: at(5) });
    expect(w2.status).toBe(201);
    const b3 = await postBooking({ kind: 'meet_and_greet', client: omar.id, sitterId: sam, startsAt: at(24), endsAt: at(26) });
    omarThread = String(b3.conversationId);
    ids.push((await rowsOn(lenaThread))[0].document_id, w2.body.data.id, (await rowsOn(omarThread))[0].document_id);
  });

  const range = { from: at(-1), to: at(48) };
  const idsOf = (res: any) => res.body.data.map((w: any) => w.id);

  it('from/to select windows that end after from and start before to, earliest first', async () => {
    const all = await listWindows(range);
    expect(all.status).toBe(200);
    expect(idsOf(all)).toEqual(ids);
    expect(all.body.data[0]).toMatchObject({ conversationId: lenaThread, client: { id: lena.id, name: 'Lena Filter' }, sitter: { id: sky, displayName: 'Sky Sitter' }, startsAt: at(0), endsAt: at(2), status: 'future', type: 'meet_and_greet' });
    // Ending exactly at from, or starting exactly at to, is outside (half-open).
    expect(idsOf(await listWindows({ from: at(2), to: at(48) }))).toEqual(ids.slice(1));
    expect(idsOf(await listWindows({ from: at(-1), to: at(24) }))).toEqual(ids.slice(0, 2));
    expect(idsOf(await listWindows({ from: at(4), to: at(4.5) }))).toEqual([ids[1]]);
  });

  it('sitterId, clientId and conversationId narrow it; they combine', async () => {
    expect(idsOf(await listWindows({ ...range, sitterId: sam }))).toEqual(ids.slice(1));
    expect(idsOf(await listWindows({ ...range, sitterId: sky }))).toEqual([ids[0]]);
    expect(idsOf(await listWindows({ clientId: lena.id }))).toEqual(ids.slice(0, 2));
    expect(idsOf(await listWindows({ conversationId: omarThread }))).toEqual([ids[2]]);
    expect(idsOf(await listWindows({ clientId: lena.id, sitterId: sam }))).toEqual([ids[1]]);
    expect(idsOf(await listWindows({ clientId: omar.id, sitterId: sky }))).toEqual([]);
  });

  it('status: active, future, past and overlapping are computed on read', async () => {
    expect(idsOf(await listWindows({ ...range, status: 'future' }))).toEqual(ids);
    expect(idsOf(await listWindows({ ...range, status: 'active' }))).toEqual([]);
    // The demo: Casey's window today is active, Riley's is past.
    const caseyActive = await listWindows({ status: 'active', sitterId: sam, from: inHours(-1), to: inHours(1) });
    expect(caseyActive.body.data.map((w: any) => [w.client.name, w.status])).toEqual([['Casey Morgan', 'active']]);
    const past = await listWindows({ status: 'past', sitterId: sky });
    expect(past.body.data.length).toBeGreaterThan(0);
    expect(past.body.data.every((w: any) => Date.parse(w.endsAt) <= Date.now())).toBe(true);
    expect(past.body.data.map((w: any) => w.client.name)).toContain('Riley Chen');
    const { conversationId } = await conflict('Status', [400, 402], [401, 403]);
    const overlapping = await listWindows({ status: 'overlapping', conversationId });
    expect(overlapping.body.data.map((w: any) => [w.sitter.displayName, w.status])).toEqual([
      ['Sky Sitter', 'overlapping'],
      ['Sam Sitter', 'overlapping'],
    ]);
  });

  it('pages with the pagination meta', async () => {
    const first = await listWindows({ ...range, pageSize: 2 });
    expect(idsOf(first)).toEqual(ids.slice(0, 2));
    expect(first.body.meta.pagination).toEqual({ page: 1, pageSize: 2, pageCount: 2, total: 3 });
    const second = await listWindows({ ...range, pageSize: 2, page: 2 });
    expect(idsOf(second)).toEqual([ids[2]]);
    expect(second.body.meta.pagination).toEqual({ page: 2, pageSize: 2, pageCount: 2, total: 3 });
    const beyond = await listWindows({ ...range, pageSize: 2, page: 3 });
    expect(beyond.body.data).toEqual([]);
    expect((await listWindows(range)).body.meta.pagination).toMatchObject({ page: 1, pageSize: 50 });
  });

  it.each<[Record<string, string>, string]>([
    [{ from: 'yesterday' }, 'From must be a date and time, like 2027-01-20T00:00:00Z.'],
    [{ to: '2031-05-06' }, 'To must be a date and time, like 2027-01-27T00:00:00Z.'],
    [{ from: '2031-05-07T00:00:00Z', to: '2031-05-06T00:00:00Z' }, 'To must be after from.'],
    [{ status: 'overdue' }, 'Status must be active, future, past or overlapping.'],
    [{ sitterId: 'sam' }, "Sitter (sitterId) must be a sitter's user id, or empty for no sitter."],
    [{ conversationId: 'casey' }, 'Thread (conversationId) must be a thread id, like "12".'],
    [{ page: '0' }, 'Page must be a whole number from 1.'],
    [{ pageSize: '500' }, 'Page size must be a whole number from 1 to 200.'],
    [{ color: 'red' }, 'color is not a field here; remove it.'],
  ])('refuses %j with a sentence (400)', async (query, message) => {
    const res = await listWindows(query);
    expect([res.status, res.body.error?.message]).toEqual([400, message]);
  });
});

describe('POST /assignments/conflicts/resolve', () => {
  /** The preview answers its sentences and writes nothing (no window changed, no audit event). */
  async function previewWritesNothing(conversationId: string, body: Record<string, unknown>) {
    const before = shapeOf(await rowsOn(conversationId));
    const audits = await auditCount();
    const preview = await resolve(body, '?preview=true');
    expect(preview.status).toBe(200);
    expect(preview.body.data.preview).toBe(true);
    expect(shapeOf(await rowsOn(conversationId))).toEqual(before);
    expect(await auditCount()).toBe(audits);
    return preview.body.data.impact as string[];
  }
  const listed = async (conversationId: string) => (await app.http.get('/assignments/conflicts').set(as('owner'))).body.data.some((c: any) => c.conversationId === conversationId);

  it('keep: the other window is removed and the kept one goes live; one audit event', async () => {
    const { client, conversationId, skyRow, samRow } = await conflict('Keep', [48, 51], [50, 53]);
    expect(await listed(conversationId)).toBe(true);
    const body = { conversationId, keepWindowId: samRow.document_id, action: 'keep' };
    const impact = await previewWritesNothing(conversationId, body);
    expect(impact[0]).toMatch(/^Sky Sitter's window \w{3}, \w{3} \d+, \d+:\d{2} [AP]M P[SD]T – .+ will be removed\.$/);
    expect(impact).toContain(`Resolve the conflict on ${client.name}'s thread?`);
    expect(impact.some((s) => s.startsWith("Sam Sitter's window will be live from "))).toBe(true);

    const audits = await auditCount('window.resolve_conflict');
    const res = await resolve(body);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ conversationId, windows: [{ id: samRow.document_id, sitter: { id: sam }, status: 'future', startsAt: iso(samRow.starts_at), endsAt: iso(samRow.ends_at) }] });
    expect(res.body.data.confirmation).toMatch(/^Conflict resolved: Sam Sitter's window with Keep Page is live from .+\.$/);
    const rows = await rowsOn(conversationId);
    expect(shapeOf(rows)).toEqual([{ id: samRow.document_id, sitterId: sam, startsAt: iso(samRow.starts_at), endsAt: iso(samRow.ends_at), overlapping: false }]);
    expect(rows.some((r: any) => r.document_id === skyRow.document_id)).toBe(false);
    expect(await listed(conversationId)).toBe(false);
    expect(await auditCount('window.resolve_conflict')).toBe(audits + 1);
    const event = await knex()('audit_event').where({ action: 'window.resolve_conflict', entity_id: samRow.document_id }).first();
    expect(event).toMatchObject({ conversation_id: conversationId, actor_display_name: 'Olivia Owner' });
    const details = typeof event.details === 'string' ? JSON.parse(event.details) : event.details;
    expect(details).toMatchObject({ action: 'keep', removed: [{ id: skyRow.document_id }], before: { overlapping: true }, overlapping: false });
  });

  it('trim: the other window is shortened to end where the kept one starts', async () => {
    const { conversationId, skyRow, samRow } = await conflict('Trim', [48, 51], [50, 53]);
    const body = { conversationId, keepWindowId: samRow.document_id, action: 'trim' };
    const impact = await previewWritesNothing(conversationId, body);
    expect(impact[0]).toMatch(/^Sky Sitter's window .+ will be trimmed to .+\.$/);
    const res = await resolve(body);
    expect(res.status).toBe(200);
    expect(res.body.data.windows.map((w: any) => [w.sitter.displayName, w.startsAt, w.endsAt, w.status])).toEqual([
      ['Sam Sitter', iso(samRow.starts_at), iso(samRow.ends_at), 'future'],
      ['Sky Sitter', iso(skyRow.starts_at), iso(samRow.starts_at), 'future'],
    ]);
    expect(shapeOf(await rowsOn(conversationId))).toEqual([
      { id: skyRow.document_id, sitterId: sky, startsAt: iso(skyRow.starts_at), endsAt: iso(samRow.starts_at), overlapping: false },
      { id: samRow.document_id, sitterId: sam, startsAt: iso(samRow.starts_at), endsAt: iso(samRow.ends_at), overlapping: false },
    ]);
    expect(await listed(conversationId)).toBe(false);
  });

  it('split: the other window becomes its part before and its part after the kept one, both live', async () => {
    const { conversationId, skyRow, samRow } = await conflict('Split', [48, 54], [50, 52]);
    const body = { conversationId, keepWindowId: samRow.document_id, action: 'split' };
    const impact = await previewWritesNothing(conversationId, body);
    expect(impact[0]).toMatch(/^Sky Sitter's window .+ will be split into .+ and .+\.$/);
    const res = await resolve(body);
    expect(res.status).toBe(200);
    expect(res.body.data.windows).toHaveLength(3);
    const rows = shapeOf(await rowsOn(conversationId));
    expect(rows.map(({ id, ...rest }) => rest)).toEqual([
      { sitterId: sky, startsAt: iso(skyRow.starts_at), endsAt: iso(samRow.starts_at), overlapping: false },
      { sitterId: sam, startsAt: iso(samRow.starts_at), endsAt: iso(samRow.ends_at), overlapping: false },
      { sitterId: sky, startsAt: iso(samRow.ends_at), endsAt: iso(skyRow.ends_at), overlapping: false },
    ]);
    expect(rows[0].id).toBe(skyRow.document_id);
    // The new part is Sky's window like the first: same thread, type, client and booking.
    const part = (await rowsOn(conversationId))[2];
    expect(part).toMatchObject({ type: skyRow.type, client_id: skyRow.client_id, booking: skyRow.booking, overlapping: false });
    expect(await listed(conversationId)).toBe(false);
  });

  it('keeping an inert window active now over a live active one: 409 until confirmed; then the old sitter loses the thread and the kept one goes live from now', async () => {
    const { conversationId, skyRow, samRow } = await conflict('Active', [-2, 3], [-1, 2]);
    const access = app.strapi.plugin('messaging').service('sitter-access');
    expect((await access.standing(sky, Number(conversationId))).kind).toBe('active');
    expect((await access.standing(sam, Number(conversationId))).kind).not.toBe('active');
    const body = { conversationId, keepWindowId: samRow.document_id, action: 'keep' };
    const impact = await previewWritesNothing(conversationId, body);
    expect(impact).toContain('Sky Sitter will stop seeing Active Page\'s conversation now.');
    const refused = await resolve(body);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe("Resolve conflict? Sky Sitter will stop seeing the conversation now. Messages will route to the kept window's sitter or the owner inbox.");
    expect(refused.body.error.details).toMatchObject({ windows: [skyRow.document_id] });
    // Both sitters' open apps follow: Sky's loses the thread, Sam's gets it (the kept window's start fires at once).
    const samSocket = await connectSocket(app.baseUrl, await appLogin(app.http, demo.sitter));
    const skySocket = await connectSocket(app.baseUrl, await appLogin(app.http, demo.sitter2));
    const staffSocket = await connectSocket(app.baseUrl, tokens.owner);
    const before = Date.now();
    const res = await resolve(body, '?confirm=true');
    expect(res.status).toBe(200);
    try {
      const started = await samSocket.waitFor('conversation:updated', (p) => p.conversation.id === conversationId, 15_000);
      expect(started.conversation).toMatchObject({ kind: 'client', title: 'Active · Meet and greet', assignment: { window: { id: samRow.document_id } } });
      await skySocket.waitFor('conversation:removed', (p) => p.conversationId === conversationId, 15_000);
      // Staff lists hear the thread's new assignment (issue 16: the inbox header follows).
      const staffView = await staffSocket.waitFor('conversation:updated', (p) => p.conversation.id === conversationId && p.conversation.assignment?.sitter.id === sam, 15_000);
      expect(staffView.conversation.assignment).toMatchObject({ sitter: { displayName: 'Sam Sitter' }, window: { id: samRow.document_id, status: 'active' } });
    } finally {
      samSocket.close();
      skySocket.close();
      staffSocket.close();
    }
    const rows = await rowsOn(conversationId);
    const skyNow = rows.find((r: any) => r.document_id === skyRow.document_id);
    const samNow = rows.find((r: any) => r.document_id === samRow.document_id);
    // Sky's window ended now (its history stays); Sam's is live from now.
    expect(iso(skyNow.starts_at)).toBe(iso(skyRow.starts_at));
    expect(new Date(skyNow.ends_at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(skyNow.ends_at).getTime()).toBeLessThanOrEqual(Date.now());
    expect(iso(samNow.starts_at)).toBe(iso(skyNow.ends_at));
    expect(samNow.overlapping).toBe(false);
    expect(res.body.data.windows.find((w: any) => w.id === samRow.document_id).status).toBe('active');
    expect((await access.standing(sam, Number(conversationId))).kind).toBe('active');
    expect((await access.standing(sky, Number(conversationId))).kind).not.toBe('active');
    // The inbox says so too.
    const inbox = await app.http.get('/messaging/conversations').query({ sitterId: String(sam), pageSize: '200' }).set(as('owner'));
    expect(inbox.body.data.find((c: any) => c.id === conversationId)?.assignment).toMatchObject({ sitter: { id: sam }, window: { id: samRow.document_id, status: 'active' } });
  });

  it('order of checks: 404 for an unknown thread or a window not on it, 400 for the body, 409 when nothing overlaps', async () => {
    const { conversationId, samRow } = await conflict('Checks', [60, 62], [61, 63]);
    const other = await conflict('Other', [60, 62], [61, 63]);
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ conversationId: '999999', keepWindowId: samRow.document_id, action: 'keep' }, 404, 'Thread not found. Create thread first?'],
      [{ conversationId, keepWindowId: other.samRow.document_id, action: 'keep' }, 404, 'Assignment window not found. It may have been deleted; reload the list.'],
      [{ conversationId, keepWindowId: 'nope', action: 'keep' }, 404, 'Assignment window not found. It may have been deleted; reload the list.'],
      [{ conversationId, keepWindowId: samRow.document_id, action: 'merge' }, 400, 'Action must be keep, trim or split.'],
      [{ conversationId, action: 'keep' }, 400, 'Pick the window to keep (keepWindowId), as GET /assignments/conflicts lists it.'],
      [{ conversationId, keepWindowId: samRow.document_id, action: 'keep', reason: 'x' }, 400, 'reason is not a field here; remove it.'],
    ];
    for (const [body, status, message] of cases) {
      const res = await resolve(body);
      expect([res.status, res.body.error?.message]).toEqual([status, message]);
    }
    expect((await resolve({ conversationId, keepWindowId: samRow.document_id, action: 'keep' }, '?preview=true&force=true')).status).toBe(400);
    // Resolved once, there is nothing left to resolve.
    expect((await resolve({ conversationId, keepWindowId: samRow.document_id, action: 'keep' })).status).toBe(200);
    const again = await resolve({ conversationId, keepWindowId: samRow.document_id, action: 'keep' });
    expect([again.status, again.body.error?.message]).toEqual([409, 'That window does not overlap another window on this thread. Reload the conflicts view.']);
  });
});

describe('permissions (issue 16 item 6)', () => {
  it('a Messaging Admin creates a window and resolves a conflict', async () => {
    const client = await newClient('Admin');
    const booking = await postBooking({ kind: 'meet_and_greet', client: client.id, sitterId: sky, startsAt: inHours(80), endsAt: inHours(81) });
    const created = await app.http.post('/assignments/windows').set(as('admin')).send({ conversationId: booking.conversationId, sitterId: sam, startsAt: inHours(82), endsAt: inHours(83) });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ sitter: { displayName: 'Sam Sitter' }, status: 'future' });
    const { conversationId, samRow } = await conflict('Admin2', [90, 92], [91, 93]);
    expect((await resolve({ conversationId, keepWindowId: samRow.document_id, action: 'trim' }, '', 'admin2')).status).toBe(200);
  });

  it('a staff member without manage reads the list but every write answers 403 with a sentence, nothing written', async () => {
    expect((await listWindows({ pageSize: 1 }, 'viewer')).status).toBe(200);
    expect((await app.http.get('/assignments/conflicts').set(as('viewer'))).status).toBe(200);
    const { conversationId, skyRow, samRow } = await conflict('Viewer', [100, 102], [101, 103]);
    const before = shapeOf(await rowsOn(conversationId));
    const writes = [
      app.http.post('/assignments/windows').set(as('viewer')).send({ conversationId, sitterId: sam, startsAt: inHours(110), endsAt: inHours(111) }),
      app.http.put(`/assignments/windows/${skyRow.document_id}`).set(as('viewer')).send({ endsAt: inHours(101) }),
      app.http.delete(`/assignments/windows/${skyRow.document_id}`).set(as('viewer')),
      resolve({ conversationId, keepWindowId: samRow.document_id, action: 'keep' }, '', 'viewer'),
      resolve({ conversationId, keepWindowId: samRow.document_id, action: 'keep' }, '?preview=true', 'viewer'),
    ];
    for (const res of await Promise.all(writes)) {
      expect([res.status, res.body.error?.message]).toEqual([403, 'Your account is not allowed to do this. Ask an owner for access.']);
    }
    expect(shapeOf(await rowsOn(conversationId))).toEqual(before);
  });

  it('roles: the Owner holds read and manage, the Messaging Admin both too', async () => {
    const actionsOf = async (code: string) => {
      const role = await app.strapi.service('admin::role').findOne({ code });
      const perms = await app.strapi.db.query('admin::permission').findMany({ where: { role: role.id, action: { $startsWith: 'plugin::assignments.' } } });
      return perms.map((p: any) => p.action).sort();
    };
    const all = ['plugin::assignments.manage', 'plugin::assignments.read'];
    expect(await actionsOf(OWNER_ROLE.code)).toEqual(all);
    expect(await actionsOf(MESSAGING_ADMIN_ROLE.code)).toEqual(all);
  });
});
