import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, demo } from '../helpers/accounts';

// Issue 16 item 5 (server): the staff inbox's `assigned` and `sitterId` filters and the staff shape's
// `assignment?: { sitter, window }` on client threads (API.md "Staff inbox (additions)", "Shapes (additions)"), answered
// through messaging's thread-assignments port that assignments fills at bootstrap. The demo organisation: Casey's
// thread has Sam Sitter's daily windows (today's active), Jordan's Sky Sitter's window tomorrow, Riley's only a past one.
let app: RunningStrapi;
let ownerToken: string;
let writer: string;
const knex = () => app.strapi.db.connection;
const owner = () => ({ Authorization: `Bearer ${ownerToken}` });
const HOUR = 3_600_000;
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();
const userIdOf = async (email: string): Promise<number> => (await knex()('up_users').where({ email }).first('id')).id;
const inbox = (query: Record<string, string> = {}) => app.http.get('/messaging/conversations').query({ pageSize: '200', ...query }).set(owner());
const titles = (res: any): string[] => res.body.data.map((c: any) => c.title);
const threadOf = (res: any, title: string) => res.body.data.find((c: any) => c.title === title);

let sam: number;
let sky: number;

beforeAll(async () => {
  app = await startStrapi();
  ownerToken = await adminLogin(app.http, demo.owner);
  const actions = ['find', 'findOne', 'create', 'update', 'delete'].map((a) => `plugin::assignments.booking.${a}`);
  writer = (await app.strapi.service('admin::api-token').create({ name: 'inbox writer', description: 'staff inbox assignments test', type: 'custom', lifespan: null, permissions: actions })).accessKey;
  sam = await userIdOf(demo.sitter.email);
  sky = await userIdOf(demo.sitter2.email);
});

afterAll(async () => {
  await app?.stop();
});

describe('the staff shape of a client thread carries its assignment', () => {
  it('Casey: Sam Sitter with today’s active window; Jordan: Sky Sitter with tomorrow’s window (future); Riley (only a past window): none', async () => {
    const res = await inbox({ kind: 'client' });
    expect(res.status).toBe(200);
    const casey = threadOf(res, 'Casey Morgan');
    expect(casey.assignment).toMatchObject({ sitter: { id: sam, displayName: 'Sam Sitter' }, window: { status: 'active' } });
    const now = Date.now();
    expect(Date.parse(casey.assignment.window.startsAt)).toBeLessThanOrEqual(now);
    expect(Date.parse(casey.assignment.window.endsAt)).toBeGreaterThan(now);
    // The window is the one GET /assignments/windows lists as active on that thread.
    const active = await app.http.get('/assignments/windows').query({ conversationId: casey.id, status: 'active' }).set(owner());
    expect(active.body.data.map((w: any) => w.id)).toEqual([casey.assignment.window.id]);

    const jordan = threadOf(res, 'Jordan Lee');
    expect(jordan.assignment).toMatchObject({ sitter: { id: sky, displayName: 'Sky Sitter' }, window: { status: 'future' } });
    expect(Date.parse(jordan.assignment.window.startsAt)).toBeGreaterThan(now);

    const riley = threadOf(res, 'Riley Chen');
    expect(riley).toBeDefined();
    expect(riley).not.toHaveProperty('assignment');
  });

  it('threads of other kinds never carry one (Sam’s Admin team thread, business threads)', async () => {
    const res = await inbox();
    expect(res.status).toBe(200);
    const others = res.body.data.filter((c: any) => c.kind !== 'client');
    expect(others.length).toBeGreaterThan(0);
    expect(others.some((c: any) => c.kind === 'admin_sitter')).toBe(true);
    expect(others.filter((c: any) => 'assignment' in c)).toEqual([]);
  });

  it('an integrator’s overlapping (inert) window never becomes the assignment; the one it overlaps stays', async () => {
    const client = await app.strapi.plugin('people').service('clients').create({ firstName: 'Inert', lastName: 'Overlap', phone: '+14155557001' });
    const first = await app.http.post('/api/assignments/bookings').set({ Authorization: `Bearer ${writer}` })
      .send({ data: { kind: 'meet_and_greet', client: client.id, sitterId: sky, startsAt: inHours(30), endsAt: inHours(32) } });
    expect(first.status).toBe(201);
    // Earlier start, overlapping: stored `overlapping`, so it would be first by time if it counted.
    const second = await app.http.post('/api/assignments/bookings').set({ Authorization: `Bearer ${writer}` })
      .send({ data: { kind: 'meet_and_greet', client: client.id, sitterId: sam, startsAt: inHours(29), endsAt: inHours(31) } });
    expect(second.status).toBe(201);
    expect(second.body.data.conversationId).toBe(first.body.data.conversationId);
    const thread = threadOf(await inbox({ kind: 'client' }), 'Inert Overlap');
    expect(thread.assignment).toMatchObject({ sitter: { id: sky, displayName: 'Sky Sitter' }, window: { status: 'future', startsAt: new Date(first.body.data.startsAt).toISOString() } });
    expect(titles(await inbox({ sitterId: String(sam) }))).not.toContain('Inert Overlap');
    expect(titles(await inbox({ sitterId: String(sky) }))).toContain('Inert Overlap');
  });

  it('POST /messaging/conversations { kind: "client" } answers the thread with its assignment too', async () => {
    const casey = threadOf(await inbox({ kind: 'client' }), 'Casey Morgan');
    const res = await app.http.post('/messaging/conversations').set(owner()).send({ kind: 'client', clientId: casey.client.id });
    expect(res.status).toBe(200);
    expect(res.body.data.assignment).toEqual(casey.assignment);
  });
});

describe('GET /messaging/conversations?assigned&sitterId', () => {
  it('assigned=true: only client threads with an active or coming window', async () => {
    const res = await inbox({ assigned: 'true' });
    expect(res.status).toBe(200);
    expect(titles(res)).toEqual(expect.arrayContaining(['Casey Morgan', 'Jordan Lee']));
    expect(titles(res)).not.toContain('Riley Chen');
    expect(res.body.data.every((c: any) => c.kind === 'client' && c.assignment)).toBe(true);
    expect(res.body.meta.pagination.total).toBe(res.body.data.length);
  });

  it('assigned=false: only client threads without one', async () => {
    const res = await inbox({ assigned: 'false' });
    expect(res.status).toBe(200);
    expect(titles(res)).toContain('Riley Chen');
    expect(titles(res)).not.toContain('Casey Morgan');
    expect(titles(res)).not.toContain('Jordan Lee');
    expect(res.body.data.every((c: any) => c.kind === 'client' && !('assignment' in c))).toBe(true);
  });

  it('sitterId: the threads assigned to that sitter (Casey for Sam, Jordan for Sky), with the other filters', async () => {
    const forSam = await inbox({ sitterId: String(sam) });
    expect(forSam.status).toBe(200);
    expect(titles(forSam)).toContain('Casey Morgan');
    expect(titles(forSam)).not.toContain('Jordan Lee');
    expect(forSam.body.data.every((c: any) => c.assignment?.sitter.id === sam)).toBe(true);
    const forSky = await inbox({ sitterId: String(sky) });
    expect(titles(forSky)).toContain('Jordan Lee');
    expect(titles(forSky)).not.toContain('Casey Morgan');
    // With a search and with assigned=true it narrows further; with assigned=false nothing is left.
    expect(titles(await inbox({ sitterId: String(sam), q: 'Casey' }))).toEqual(['Casey Morgan']);
    expect(titles(await inbox({ sitterId: String(sky), assigned: 'true' }))).toContain('Jordan Lee');
    expect((await inbox({ sitterId: String(sam), assigned: 'false' })).body.data).toEqual([]);
  });

  it('refuses a bad assigned or sitterId with a sentence (400)', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ assigned: 'yes' }, 'assigned must be true or false.'],
      [{ sitterId: 'sam' }, 'sitterId must be the id of a sitter, as GET /people/sitters lists it.'],
      [{ sitterId: '0' }, 'sitterId must be the id of a sitter, as GET /people/sitters lists it.'],
      [{ sitterId: '99999999999' }, 'sitterId must be the id of a sitter, as GET /people/sitters lists it.'],
    ];
    for (const [query, message] of cases) {
      const res = await inbox(query);
      expect([res.status, res.body.error?.message]).toEqual([400, message]);
    }
    // A real user who is not a sitter (a VA).
    const va = await userIdOf(demo.va.email);
    const res = await inbox({ sitterId: String(va) });
    expect([res.status, res.body.error?.message]).toEqual([400, 'sitterId must be the id of a sitter, as GET /people/sitters lists it.']);
  });
});

describe('before assignments fills the port', () => {
  it('no thread is assigned: no field, assigned=true and sitterId match nothing, assigned=false every client thread', async () => {
    const service = app.strapi.plugin('messaging').service('thread-assignments');
    service.fill({ assignmentsOf: async () => new Map(), assignedThreadIds: async () => [] });
    try {
      const clients = await inbox({ kind: 'client' });
      expect(clients.body.data.filter((c: any) => 'assignment' in c)).toEqual([]);
      expect((await inbox({ assigned: 'true' })).body.data).toEqual([]);
      expect((await inbox({ sitterId: String(sam) })).body.data).toEqual([]);
      expect((await inbox({ assigned: 'false' })).body.meta.pagination.total).toBe(clients.body.meta.pagination.total);
    } finally {
      service.fill(app.strapi.plugin('assignments').service('thread-port').port);
    }
    expect(threadOf(await inbox({ kind: 'client' }), 'Casey Morgan').assignment).toBeDefined();
  });
});
