import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';

// Bookings (issue 14 items 5–7; OPS §4.4, §4.5; API.md "Clients and bookings") through the integrators' REST API
// with Strapi API tokens, on a real Strapi and Postgres with the demo organisation.
let app: RunningStrapi;
let writer: string;
let ownerToken: string;
const knex = () => app.strapi.db.connection;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

const SAM_NUMBER = '+14155550120';
const FRONT_DESK = '+14155550100';
const POOL = ['+14155550140', '+14155550141', '+14155550142'];
const HOUR = 3_600_000;

let phoneSeq = 0;
/** A client of this test's own (the demo's clients belong to the demo's bookings). */
async function newClient(firstName: string): Promise<{ id: string; phone: string }> {
  const phone = `+1415555${String(3000 + phoneSeq++).padStart(4, '0')}`;
  const created = await app.strapi.plugin('people').service('clients').create({ firstName, lastName: 'Tester', phone });
  return { id: created.id, phone };
}

const userIdOf = async (email: string): Promise<number> => (await knex()('up_users').where({ email }).first('id')).id;
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

/** An API token with exactly these content-API actions (Strapi's api-token admin service). */
async function apiToken(name: string, actions: string[]): Promise<string> {
  const token = await app.strapi.service('admin::api-token').create({ name, description: 'bookings test', type: 'custom', lifespan: null, permissions: actions });
  return token.accessKey;
}

const post = (data: Record<string, unknown>, token = writer) => app.http.post('/api/assignments/bookings').set(bearer(token)).send({ data });
const oneTime = (client: string, startsAt = inHours(24), endsAt = inHours(26)) => ({ kind: 'one_time', client, startsAt, endsAt });

/** What a refused write must leave untouched (after the automations earlier bookings set off have finished). */
async function counts() {
  await app.strapi.plugin('automations').service('runner').settled();
  const count = async (table: string) => Number((await knex()(table).count({ n: '*' }))[0].n);
  return { bookings: await count('booking'), conversations: await count('conversation'), audit: await count('audit_event') };
}

async function threadOf(conversationId: string) {
  return knex()('conversation').where({ id: Number(conversationId) }).first('kind', 'client_phone', 'business_number');
}

beforeAll(async () => {
  app = await startStrapi();
  const actions = ['find', 'findOne', 'create', 'update', 'delete'].map((a) => `plugin::assignments.booking.${a}`);
  writer = await apiToken('bookings writer', actions);
  ownerToken = await adminLogin(app.http, demo.owner);
  // A known pool to pick from: the demo's own bookings release their numbers (cancelled), and the pool numbers were
  // last used in a known order, 142 least recently.
  await knex()('booking').update({ status: 'cancelled' });
  const day = 24 * HOUR;
  for (const [i, e164] of ['+14155550142', '+14155550140', '+14155550141'].entries()) {
    await knex()('phone_number').where({ e_164: e164 }).update({ last_used_at: new Date(Date.now() - (10 - i) * day) });
  }
});

afterAll(async () => {
  await app?.stop();
});

describe('a booking opens its client thread on the number class OPS §4.4 decides', () => {
  it('weekly with Sam Sitter: Sam’s masked number, in the client’s thread, stored on the booking and audited', async () => {
    const casey = await newClient('Weekly');
    const sam = await userIdOf(demo.sitter.email);
    const res = await post({
      kind: 'weekly',
      client: casey.id,
      sitterId: sam,
      startsAt: inHours(1),
      endsAt: inHours(24 * 30),
      recurrence: { daysOfWeek: ['MO', 'WE', 'FR'], startTime: '09:00', endTime: '24:00', until: new Date(Date.now() + 29 * 24 * HOUR).toISOString().slice(0, 10) },
      // The server sets these; a caller's values are ignored.
      numberE164: '+19999999999',
      numberClass: 'pool',
      conversationId: '1',
    });
    expect(res.status).toBe(201);
    const booking = res.body.data;
    expect(booking).toMatchObject({ kind: 'weekly', client: casey.id, sitterId: sam, status: 'confirmed', timeZone: 'America/Los_Angeles', numberClass: 'sitter', numberE164: SAM_NUMBER });
    expect(await threadOf(booking.conversationId)).toEqual({ kind: 'client', client_phone: casey.phone, business_number: SAM_NUMBER });
    const events = await knex()('audit_event').where({ action: 'booking.create', entity_id: booking.documentId });
    expect(events).toHaveLength(1);
    expect(String(events[0].conversation_id)).toBe(booking.conversationId);
  });

  it('meet and greet: the Front Desk number', async () => {
    const priya = await newClient('Greet');
    const res = await post({ kind: 'meet_and_greet', client: priya.id, startsAt: inHours(48), endsAt: inHours(49) });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ numberClass: 'front_desk', numberE164: FRONT_DESK });
    expect(await threadOf(res.body.data.conversationId)).toEqual({ kind: 'client', client_phone: priya.phone, business_number: FRONT_DESK });
  });
});

describe('pool numbers (OPS §4.4, §4.5): least recently used, the client’s own again, none left, the grace period', () => {
  const clients: Record<string, { id: string; phone: string }> = {};
  const bookingsOf: Record<string, string[]> = {};
  const book = async (name: string, startsAt?: string, endsAt?: string) => {
    clients[name] ??= await newClient(name);
    const res = await post(oneTime(clients[name].id, startsAt, endsAt));
    if (res.status === 201) (bookingsOf[name] ??= []).push(res.body.data.documentId);
    return res;
  };

  it('a one-time booking takes the least recently used pool number, in a thread of the client on it', async () => {
    const res = await book('Ada');
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ numberClass: 'pool', numberE164: '+14155550142' });
    expect(await threadOf(res.body.data.conversationId)).toEqual({ kind: 'client', client_phone: clients.Ada.phone, business_number: '+14155550142' });
    // The inventory's "last used" moved: 142 is now the most recently used.
    const lastUsed = await knex()('phone_number').whereIn('e_164', POOL).orderBy('last_used_at', 'desc').first('e_164');
    expect(lastUsed.e_164).toBe('+14155550142');
  });

  it('another client’s one-time booking takes the next one', async () => {
    const res = await book('Ben');
    expect(res.body.data).toMatchObject({ numberClass: 'pool', numberE164: '+14155550140' });
  });

  it('the client’s own second one-time booking reuses their pool number and their thread', async () => {
    const first = await knex()('booking').where({ document_id: bookingsOf.Ada[0] }).first('conversation_id');
    const res = await book('Ada', inHours(72), inHours(74));
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ numberE164: '+14155550142', conversationId: first.conversation_id });
  });

  it('with every pool number held: 409 with the sentence, and nothing written (no booking, no thread, no audit event)', async () => {
    expect((await book('Cat')).body.data.numberE164).toBe('+14155550141');
    clients.Dan = await newClient('Dan');
    const before = await counts();
    const res = await post(oneTime(clients.Dan.id));
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('No pool numbers available. Purchase number first?');
    expect(await counts()).toEqual(before);
  });

  it('cancelling releases a pool number at once; one that ended 23 hours ago stays in use, 25 hours ago is free again', async () => {
    // Cancel every booking holding a pool number (through the API: the update keeps its thread, and is audited).
    for (const id of [...bookingsOf.Ada, ...bookingsOf.Ben, ...bookingsOf.Cat]) {
      const res = await app.http.put(`/api/assignments/bookings/${id}`).set(bearer(writer)).send({ data: { status: 'cancelled' } });
      expect(res.status).toBe(200);
      expect(res.body.data.status).toBe('cancelled');
    }
    expect(await knex()('audit_event').where({ action: 'booking.update' })).toHaveLength(4);
    // Least recently used now: 140 (Ben), then 142 (Ada's second), then 141 (Cat).
    const ended23 = await book('Eve', inHours(-25), inHours(-23));
    expect(ended23.body.data.numberE164).toBe('+14155550140');
    const ended25 = await book('Fay', inHours(-27), inHours(-25));
    expect(ended25.body.data.numberE164).toBe('+14155550142');
    // Free: 141 (Cat's, cancelled) and 142 (Fay's ended 25 hours ago); 140 (Eve's, 23 hours ago) is not.
    expect((await book('Gus')).body.data.numberE164).toBe('+14155550141');
    expect((await book('Hal')).body.data.numberE164).toBe('+14155550142');
    const none = await book('Ivy');
    expect(none.status).toBe(409);
    expect(none.body.error.message).toBe('No pool numbers available. Purchase number first?');
  });
});

describe('integrators: Strapi’s core routes with API tokens', () => {
  it('lists with filters, sort and pagination in Strapi’s { data, meta } shape', async () => {
    const res = await app.http
      .get('/api/assignments/bookings')
      .query({ 'filters[numberClass][$eq]': 'pool', 'filters[status][$eq]': 'cancelled', sort: 'createdAt:asc', 'pagination[pageSize]': 2 })
      .set(bearer(writer));
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(2);
    expect(res.body.data.every((b: any) => b.numberClass === 'pool' && b.status === 'cancelled')).toBe(true);
    expect(res.body.meta.pagination).toMatchObject({ page: 1, pageSize: 2 });
    expect(res.body.meta.pagination.total).toBeGreaterThanOrEqual(4);
  });

  it('a token without the create permission gets 403 and writes nothing; an app JWT gets 403', async () => {
    const reader = await apiToken('bookings reader', ['plugin::assignments.booking.find', 'plugin::assignments.booking.findOne']);
    const client = await newClient('Nope');
    const before = await counts();
    const refused = await post(oneTime(client.id), reader);
    expect(refused.status).toBe(403);
    expect((await app.http.get('/api/assignments/bookings').set(bearer(reader))).status).toBe(200);
    const jwt = await appLogin(app.http, demo.acme);
    expect((await post(oneTime(client.id), jwt)).status).toBe(403);
    expect((await app.http.get('/api/assignments/bookings').set(bearer(jwt))).status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('malformed bodies get 400 with a sentence naming the field, and nothing is written', async () => {
    const client = await newClient('Bad');
    const sam = await userIdOf(demo.sitter.email);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...oneTime(client.id), kind: 'overnight' }, 'Kind must be one_time, weekly or meet_and_greet.'],
      [{ ...oneTime(client.id), endsAt: inHours(23) }, 'End time must be after start time.'],
      [{ ...oneTime(client.id), startsAt: 'tomorrow' }, 'Start time (startsAt) must be a date and time, like 2027-01-20T15:00:00Z.'],
      [oneTime('no-such-client'), 'Client not found. Check the link or search for the client again.'],
      [{ ...oneTime(client.id), kind: 'weekly', sitterId: sam }, 'A weekly booking needs a recurrence: daysOfWeek, startTime, endTime and until.'],
      [{ ...oneTime(client.id), kind: 'weekly', sitterId: sam, recurrence: { daysOfWeek: ['MO'], startTime: '24:00', endTime: '24:00', until: '2099-01-01' } }, 'Recurrence start time cannot be 24:00: 24:00 is midnight at the end of a day, so it is only an end time.'],
      [{ ...oneTime(client.id), sitterId: 999999 }, 'Sitter not found. Pick a sitter from the list of sitters (GET /people/sitters).'],
    ];
    const before = await counts();
    for (const [data, sentence] of cases) {
      const res = await post(data);
      expect([res.status, res.body.error?.message]).toEqual([400, sentence]);
    }
    expect(await counts()).toEqual(before);
  });

  it('an inactive sitter is refused with 400 "Sitter is inactive. Activate sitter first?"', async () => {
    const client = await newClient('Idle');
    const sam = await userIdOf(demo.sitter.email);
    const sitters = app.strapi.plugin('people').service('sitters');
    await sitters.setActive(sam, false);
    try {
      const before = await counts();
      const res = await post({ kind: 'meet_and_greet', client: client.id, sitterId: sam, startsAt: inHours(5), endsAt: inHours(6) });
      expect([res.status, res.body.error?.message]).toEqual([400, 'Sitter is inactive. Activate sitter first?']);
      expect(await counts()).toEqual(before);
    } finally {
      await sitters.setActive(sam, true);
    }
  });

  it('a weekly booking with a sitter who has no masked number is refused with 409 naming the sitter', async () => {
    const skyNumber = await knex()('phone_number').where({ e_164: '+14155550121' }).first('id');
    expect((await app.http.post(`/numbers/${skyNumber.id}/release`).set(bearer(ownerToken))).status).toBe(200);
    const client = await newClient('Masked');
    const sky = await userIdOf(demo.sitter2.email);
    const before = await counts();
    const res = await post({
      kind: 'weekly',
      client: client.id,
      sitterId: sky,
      startsAt: inHours(1),
      endsAt: inHours(24 * 7),
      recurrence: { daysOfWeek: ['SA'], startTime: '10:00', endTime: '12:00', until: new Date(Date.now() + 6 * 24 * HOUR).toISOString().slice(0, 10) },
    });
    expect([res.status, res.body.error?.message]).toEqual([409, 'Sky Sitter has no masked number. Assign a sitter number first?']);
    expect(await counts()).toEqual(before);
  });

  it('the Assignments page reads bookings at GET /assignments/bookings with the admin token', async () => {
    const res = await app.http.get('/assignments/bookings').query({ kind: 'meet_and_greet', pageSize: 5 }).set(bearer(ownerToken));
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeGreaterThanOrEqual(1);
    expect(res.body.data.every((b: any) => b.kind === 'meet_and_greet' && b.numberClass === 'front_desk')).toBe(true);
    expect(res.body.meta.pagination).toMatchObject({ page: 1, pageSize: 5 });
    expect((await app.http.get('/assignments/bookings').query({ pageSize: 500 }).set(bearer(ownerToken))).status).toBe(400);
  });

  it('deleting a booking is audited', async () => {
    const client = await newClient('Gone');
    const created = await post({ kind: 'meet_and_greet', client: client.id, startsAt: inHours(5), endsAt: inHours(6) });
    const res = await app.http.delete(`/api/assignments/bookings/${created.body.data.documentId}`).set(bearer(writer));
    expect(res.status).toBe(204);
    expect(await knex()('audit_event').where({ action: 'booking.delete', entity_id: created.body.data.documentId })).toHaveLength(1);
  });
});
