// Issue 19 items 1, 2, 6 and 7 on a real Strapi: the audit timeline with its filters combined and its deep pages
// (beforeId), the CSV export (streamed, audited, ending with the chain's head; refused past 10,000 events and when
// nothing matches), who may read and export, and the hash chain: sealed once in id order, verified, and an event
// altered or removed with the trigger disabled reported as the first broken link.
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';

let app: RunningStrapi;
const tokens: Record<string, string> = {};
const as = (who: 'owner' | 'admin') => ({ Authorization: `Bearer ${tokens[who]}` });
const knex = () => app.strapi.db.connection;
const audit = () => app.strapi.plugin('audit').service('audit-log');
let ownerId: number;
let adminId: number;

/** Events written straight through the audit service, as the plugins write them. */
async function record(n: number, input: Record<string, unknown>) {
  for (let i = 0; i < n; i++) await audit().record({ details: { i }, ...input });
}

const csvLines = (text: string) => text.trim().split('\r\n');

beforeAll(async () => {
  app = await startStrapi();
  tokens.owner = await adminLogin(app.http, demo.owner);
  tokens.admin = await adminLogin(app.http, demo.admin);
  ownerId = (await knex()('admin_users').where({ email: demo.owner.email }).first('id')).id;
  adminId = (await knex()('admin_users').where({ email: demo.admin.email }).first('id')).id;
  // A thread of its own: 3 policy events by the system, 2 routing events by the Owner, 1 by the Messaging Admin.
  await record(3, { actor: { kind: 'system' }, action: 'policy.violation_open', conversationId: '990001' });
  await record(2, { actor: { kind: 'admin', id: ownerId, displayName: 'Olivia Owner', role: 'staff' }, action: 'routing.override_create', conversationId: '990001', details: { reason: 'Sam is ill' } });
  await record(1, { actor: { kind: 'admin', id: adminId, displayName: 'Adam Admin', role: 'staff' }, action: 'routing.override_remove', conversationId: '990001' });
});

afterAll(async () => {
  await app?.stop();
});

describe('the audit timeline', () => {
  it('lists a thread’s events newest first, each with its type, a sentence, its actor and its links', async () => {
    const res = await app.http.get('/compliance/audit?conversationId=990001').set(as('owner'));
    expect(res.status).toBe(200);
    expect(res.body.data.map((e: any) => e.action)).toEqual([
      'routing.override_remove',
      'routing.override_create',
      'routing.override_create',
      'policy.violation_open',
      'policy.violation_open',
      'policy.violation_open',
    ]);
    const ids = res.body.data.map((e: any) => Number(e.id));
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    expect(res.body.data[1]).toMatchObject({
      type: 'routing',
      description: 'Olivia Owner overrode routing: Sam is ill.',
      actor: { id: `admin:${ownerId}`, displayName: 'Olivia Owner', role: 'staff' },
      conversationId: '990001',
      links: { conversationId: '990001' },
      details: { reason: 'Sam is ill' },
    });
    expect(res.body.data[5]).toMatchObject({ type: 'policy', description: 'Switchboard triggered a policy violation (contact details).', actor: { role: 'system' } });
    expect(res.body.meta.pagination).toMatchObject({ page: 1, pageSize: 50, total: 6, totalIsAtLeast: false });
  });

  it('combines filters: type and actor within a thread, the Owner apart from a Messaging Admin', async () => {
    const pick = async (query: string) => (await app.http.get(`/compliance/audit?conversationId=990001&${query}`).set(as('owner'))).body.data.map((e: any) => e.action);
    expect(await pick('type=policy')).toEqual(Array(3).fill('policy.violation_open'));
    expect(await pick('type=routing&actorRole=owner')).toEqual(['routing.override_create', 'routing.override_create']);
    expect(await pick('type=routing&actorRole=admin')).toEqual(['routing.override_remove']);
    expect(await pick('type=policy&actorRole=owner')).toEqual([]);
    expect(await pick('actorRole=system')).toEqual(Array(3).fill('policy.violation_open'));
    // A date range that ends before the fixture: nothing, with the spec's sentence to show.
    const before = await app.http.get('/compliance/audit?conversationId=990001&to=2020-01-01T00:00:00Z').set(as('owner'));
    expect(before.body).toMatchObject({ data: [], meta: { pagination: { total: 0 }, emptyMessage: 'No events match filters. Adjust filters and try again.' } });
    const since = new Date(Date.now() - 3_600_000).toISOString();
    expect(await pick(`from=${encodeURIComponent(since)}&type=routing`)).toHaveLength(3);
  });

  it('filters by number: its threads and the events that name it', async () => {
    const res = await app.http.get(`/compliance/audit?number=${encodeURIComponent('+14155550120')}`).set(as('owner'));
    expect(res.status).toBe(200);
    const casey = String((await knex()('conversation').where({ kind: 'client', client_phone: '+14155550161', business_number: '+14155550120' }).first('id')).id);
    expect(res.body.data.length).toBeGreaterThan(0);
    for (const e of res.body.data) expect(e.conversationId === casey || e.details?.e164 === '+14155550120').toBe(true);
    const unknown = await app.http.get(`/compliance/audit?number=${encodeURIComponent('+14155559999')}`).set(as('owner'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe('number must be one of your business numbers, in E.164 like +14155550100.');
  });

  it('reads deep pages with beforeId: disjoint pages that cover every event once', async () => {
    const seen: string[] = [];
    let beforeId = '';
    for (;;) {
      const res = await app.http.get(`/compliance/audit?conversationId=990001&pageSize=4${beforeId ? `&beforeId=${beforeId}` : ''}`).set(as('owner'));
      seen.push(...res.body.data.map((e: any) => e.id));
      if (!res.body.meta.nextBeforeId) break;
      beforeId = res.body.meta.nextBeforeId;
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
  });

  it.each([
    ['type=billing', 'type must be one of message, routing, assignment, number, automation, policy.'],
    ['actorRole=robot', 'actorRole must be one of owner, admin, sitter, business, va, client, system, automation.'],
    ['beforeId=abc', 'beforeId must be a whole number.'],
    ['from=yesterday', 'from must be a date and time, like 2027-01-19T14:30:00Z.'],
    ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'to must be after from.'],
    ['number=555', 'number must be a phone number in E.164, like +14155550100.'],
    ['sort=id', 'Unknown query parameter: sort.'],
    ['page=300&pageSize=50', 'Pages reach back 10,000 events. Use beforeId to read further back.'],
  ])('refuses %s with a sentence', async (query, sentence) => {
    const res = await app.http.get(`/compliance/audit?${query}`).set(as('owner'));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(sentence);
  });

  it('lets a Messaging Admin read and export, and keeps app users out', async () => {
    expect((await app.http.get('/compliance/audit?conversationId=990001').set(as('admin'))).status).toBe(200);
    expect((await app.http.get('/compliance/audit/export.csv?conversationId=990001').set(as('admin'))).status).toBe(200);
    const sitter = await appLogin(app.http, demo.sitter);
    expect((await app.http.get('/compliance/audit').set({ Authorization: `Bearer ${sitter}` })).status).toBe(401);
    expect((await app.http.get('/compliance/audit')).status).toBe(401);
  });
});

describe('the export', () => {
  it('streams the filtered events as CSV, audits the export and ends with the chain’s head', async () => {
    const res = await app.http.get('/compliance/audit/export.csv?conversationId=990001&type=routing').set(as('owner')).buffer(true).parse((r, cb) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString()));
      r.on('end', () => cb(null, text));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csvLines(res.body);
    expect(lines[0]).toBe('id,time,type,action,actor,actor role,acting as,description,thread,message,entity,details,chain position,chain hash');
    expect(lines.slice(1, 4).map((l) => l.split(',')[3])).toEqual(['routing.override_remove', 'routing.override_create', 'routing.override_create']);
    // Sealed before the rows were read: each row carries its place, and the last line is the head.
    const head = await audit().chainHead();
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe(`chain head,,,,,,,The audit chain's head when this export was made: event #${head.eventId}.,,,,,${head.seq},${head.hash}`);
    expect(lines[1].split(',').slice(-2)[1]).toMatch(/^[0-9a-f]{64}$/);
    const exported = await knex()('audit_event').where({ action: 'compliance.audit_export' }).orderBy('id', 'desc').first();
    expect(exported.actor_id).toBe(`admin:${ownerId}`);
    expect(JSON.parse(exported.details)).toEqual({ filters: { conversationId: '990001', type: 'routing' }, events: 3 });
  });

  it('refuses an export with nothing in it, and one over 10,000 events, with the spec’s sentences', async () => {
    const empty = await app.http.get('/compliance/audit/export.csv?conversationId=990002').set(as('owner'));
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe('No events match filters. Adjust filters and try again.');

    const rows = Array.from({ length: 10_001 }, (_, i) => ({
      actor_id: 'system',
      actor_display_name: 'Switchboard',
      actor_role: 'system',
      effective_role: 'system',
      action: 'automation.fixture',
      conversation_id: '990003',
      details: JSON.stringify({ i }),
      archived: false,
      created_at: new Date(),
      updated_at: new Date(),
    }));
    await knex().batchInsert('audit_event', rows, 2000);
    const before = Number((await knex()('audit_event').where({ action: 'compliance.audit_export' }).count({ n: '*' }))[0].n);
    const tooLarge = await app.http.get('/compliance/audit/export.csv?conversationId=990003').set(as('owner'));
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.error.message).toBe('Export exceeds 10,000 events. Narrow date range or filters.');
    // Refused: not audited as an export.
    expect(Number((await knex()('audit_event').where({ action: 'compliance.audit_export' }).count({ n: '*' }))[0].n)).toBe(before);
    // Exactly 10,000 still exports (the limit is inclusive); the timeline says there are more than it counts.
    const list = await app.http.get('/compliance/audit?conversationId=990003&pageSize=1').set(as('owner'));
    expect(list.body.meta.pagination).toMatchObject({ total: 10_000, totalIsAtLeast: true });
  });
});

describe('the hash chain', () => {
  it('seals events once, in id order, and refuses to change a seal', async () => {
    await audit().seal();
    const sealed = await knex()('audit_event').whereNotNull('chain_seq').orderBy('chain_seq').select('id', 'chain_seq');
    // Every event up to the last sealed one is sealed (timed work elsewhere may audit after the seal).
    const lastSealed = Math.max(...sealed.map((r: any) => Number(r.id)));
    expect(sealed.length).toBe(Number((await knex()('audit_event').where('id', '<=', lastSealed).count({ n: '*' }))[0].n));
    expect(sealed.map((r: any) => Number(r.chain_seq))).toEqual(sealed.map((_: unknown, i: number) => i + 1));
    const ids = sealed.map((r: any) => Number(r.id));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    // Sealing again changes no seal; a seal cannot be rewritten, even by SQL.
    const seals = await knex()('audit_event').where('id', '<=', lastSealed).orderBy('id').select('id', 'chain_seq', 'chain_hash');
    await audit().seal();
    expect(await knex()('audit_event').where('id', '<=', lastSealed).orderBy('id').select('id', 'chain_seq', 'chain_hash')).toEqual(seals);
    await expect(knex()('audit_event').where({ id: ids[0] }).update({ chain_hash: 'f'.repeat(64) })).rejects.toThrow(/a sealed event keeps its seal/);
    await expect(knex()('audit_event').where({ id: ids[0] }).update({ action: 'policy.changed' })).rejects.toThrow(/append-only/);
  });

  it('seals once when two sealers run at the same time (two nodes): one holds the lock, every event gets one place', async () => {
    await record(300, { actor: { kind: 'system' }, action: 'automation.fixture_concurrent', conversationId: '990004' });
    const lastPlace = Number((await knex()('audit_event').max({ n: 'chain_seq' }))[0].n ?? 0);
    const [a, b] = await Promise.all([audit().seal(50), audit().seal(50)]);
    // Whichever did not get the lock sealed nothing that the other sealed: together exactly the new places
    // (the 300 events, and any timed work audited meanwhile), each fixture event among them.
    expect(a + b).toBeGreaterThanOrEqual(300);
    expect(a + b).toBe(Number((await knex()('audit_event').where('chain_seq', '>', lastPlace).count({ n: '*' }))[0].n));
    expect(Number((await knex()('audit_event').where({ action: 'automation.fixture_concurrent' }).whereNull('chain_seq').count({ n: '*' }))[0].n)).toBe(0);
    const places = await knex()('audit_event').whereNotNull('chain_seq').orderBy('chain_seq').pluck('chain_seq');
    expect(places.map(Number)).toEqual(places.map((_: unknown, i: number) => i + 1));
    expect(Number((await knex()('audit_event').whereNull('chain_hash').count({ n: '*' }))[0].n)).toBe(0);
  });

  it('verifies an intact chain, and a new event joins it at the next seal', async () => {
    const res = await app.http.post('/compliance/audit/verify').set(as('owner')).send({});
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ intact: true, broken: null, unsealed: 0 });
    const head = res.body.data.head;
    // The verification is audited; the next one seals it and checks it too.
    const again = await app.http.post('/compliance/audit/verify').set(as('owner')).send({ head: { seq: head.seq, hash: head.hash } });
    expect(again.body.data).toMatchObject({ intact: true, checked: head.seq + 1 });
    const bad = await app.http.post('/compliance/audit/verify').set(as('owner')).send({ head: { seq: 'x' } });
    expect(bad.status).toBe(400);
  });

  it('reports an event altered with the trigger disabled as the first broken link, and a removed one as a gap', async () => {
    const victim = await knex()('audit_event').where({ action: 'routing.override_create', conversation_id: '990001' }).orderBy('id').first('id', 'chain_seq');
    await knex().raw('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only_rows');
    try {
      await knex()('audit_event').where({ id: victim.id }).update({ actor_display_name: 'Someone Else' });
    } finally {
      await knex().raw('ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only_rows');
    }
    const altered = await app.http.post('/compliance/audit/verify').set(as('owner')).send({});
    expect(altered.body.data).toMatchObject({
      intact: false,
      broken: { chainSeq: Number(victim.chain_seq), eventId: String(victim.id), problem: 'altered', sentence: `The chain breaks at position ${victim.chain_seq}: event #${victim.id} was altered after it was sealed.` },
    });

    // Put it back, then remove an earlier event: the chain reports the gap.
    await knex().raw('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only_rows');
    try {
      await knex()('audit_event').where({ id: victim.id }).update({ actor_display_name: 'Olivia Owner' });
      const earlier = await knex()('audit_event').where({ action: 'policy.violation_open', conversation_id: '990001' }).orderBy('id').first('id', 'chain_seq');
      await knex()('audit_event').where({ id: earlier.id }).delete();
      const removed = await app.http.post('/compliance/audit/verify').set(as('owner')).send({});
      expect(removed.body.data).toMatchObject({ intact: false, broken: { chainSeq: Number(earlier.chain_seq), eventId: null, problem: 'missing' } });
    } finally {
      await knex().raw('ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only_rows');
    }
  });
});
