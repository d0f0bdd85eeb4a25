import { systemClock } from '@switchboard/config';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, demo } from '../helpers/accounts';

// The number inventory (OPS §3.1, §4.1, §4.2, §4.4, §4.5, §4.9) on a real Strapi and Postgres, on the sandbox provider.
let app: RunningStrapi;
let ownerToken: string;
let adminToken: string;
const owner = () => ({ Authorization: `Bearer ${ownerToken}` });
const admin2 = () => ({ Authorization: `Bearer ${adminToken}` });
const knex = () => app.strapi.db.connection;
const changes = () => app.strapi.plugin('numbers').service('changes');
const realNow = systemClock.now;

const idOf = async (e164: string): Promise<number> => (await knex()('phone_number').where({ e_164: e164 }).first('id')).id;
const userIdOf = async (email: string): Promise<number> => (await knex()('up_users').where({ email }).first('id')).id;
const auditOf = (action: string) => knex()('audit_event').where({ action }).orderBy('id');
const details = (row: any) => (typeof row.details === 'string' ? JSON.parse(row.details) : row.details);

/** A client texts a business number through the sandbox; resolves with the thread's id. */
async function clientTexts(from: string, to: string): Promise<string> {
  const res = await app.http.post('/provider/sandbox/phone/reply').set(owner()).send({ from, to, body: 'Hi, is Rex booked?' });
  expect(res.status).toBe(202);
  return String((await knex()('conversation').where({ kind: 'client', client_phone: from, business_number: to }).first('id')).id);
}

/** A client texts a business number; resolves with the id of the thread the text landed in. */
async function clientTextsInto(from: string, to: string): Promise<string> {
  const body = `Still on for Friday? ${Date.now()}`;
  const res = await app.http.post('/provider/sandbox/phone/reply').set(owner()).send({ from, to, body });
  expect(res.status).toBe(202);
  return String((await knex()('message').where({ body_text: body }).first('conversation_id')).conversation_id);
}

beforeAll(async () => {
  app = await startStrapi();
  ownerToken = await adminLogin(app.http, demo.owner);
  adminToken = await adminLogin(app.http, demo.admin2);
});

afterEach(() => {
  systemClock.now = realNow;
});

afterAll(async () => {
  await app?.stop();
});

describe('the demo inventory', () => {
  it('lists the Front Desk, both sitters’ masked numbers and three pool numbers, with computed health and volume', async () => {
    const res = await app.http.get('/numbers').set(owner());
    expect(res.status).toBe(200);
    const rows = res.body.data.map((n: any) => [n.e164, n.numberClass, n.status, n.assignedTo, n.health]);
    // The Front Desk's one failed send (the demo's confirmation to Avery, message 5) makes it a warning.
    expect(rows).toEqual([
      ['+14155550100', 'front_desk', 'active', 'Front Desk', 'warning'],
      ['+14155550140', 'pool', 'active', 'Pool', 'healthy'],
      ['+14155550141', 'pool', 'active', 'Pool', 'healthy'],
      ['+14155550142', 'pool', 'active', 'Pool', 'healthy'],
      ['+14155550120', 'sitter', 'active', 'Sam Sitter', 'healthy'],
      ['+14155550121', 'sitter', 'active', 'Sky Sitter', 'healthy'],
    ]);
    expect(res.body.data[0].display).toBe('+1 (415) 555-0100');
    expect(res.body.meta.capabilities).toEqual({ assign: true, release: true, buy: true, quarantine: true, bulk: true });
  });

  it('counts delivery errors of the last 7 days into health, from the delivery records', async () => {
    const now = new Date();
    const old = new Date(now.getTime() - 8 * 24 * 3600 * 1000);
    const older = new Date(now.getTime() - 31 * 24 * 3600 * 1000);
    const row = (status: string, at: Date, i: number) => ({ message_ref: `health-${i}`, from_number: '+14155550142', to_number: '+14155550199', body: 'x', status, attempts: 1, created_at: at, updated_at: at });
    await knex()('outbound_message').insert([row('failed', now, 1), row('undelivered', now, 2), row('delivered', now, 3), row('failed', old, 4), row('failed', older, 6)]);
    const warning = (await app.http.get('/numbers?health=warning').set(owner())).body.data;
    // Beside the demo's Front Desk (Avery's failed confirmation out of its two sends).
    expect(warning.map((n: any) => [n.e164, n.deliveryErrors7d, n.volume7d])).toEqual([
      ['+14155550100', 1, 2],
      ['+14155550142', 2, 3],
    ]);
    await knex()('outbound_message').insert(row('failed', now, 5));
    const critical = (await app.http.get('/numbers?health=critical').set(owner())).body.data;
    expect(critical.map((n: any) => n.e164)).toEqual(['+14155550142']);
    const detail = (await app.http.get(`/numbers/${await idOf('+14155550142')}`).set(owner())).body.data;
    // The detail lists the last 30 days of errors; health counts the last 7.
    expect(detail.deliveryErrors).toHaveLength(4);
    await knex()('outbound_message').where('message_ref', 'like', 'health-%').delete();
  });

  it('filters by class, status and sitter, and refuses a filter it does not know with a sentence', async () => {
    const pools = (await app.http.get('/numbers?numberClass=pool&status=active').set(owner())).body.data;
    expect(pools).toHaveLength(3);
    const sam = await userIdOf(demo.sitter.email);
    const sams = (await app.http.get(`/numbers?sitterUserId=${sam}`).set(owner())).body.data;
    expect(sams.map((n: any) => n.e164)).toEqual(['+14155550120']);
    const bad = await app.http.get('/numbers?health=purple').set(owner());
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('Choose a health: healthy, warning or critical.');
  });
});

describe('pool rotation', () => {
  it('hands out pool numbers least recently used first, ties by E.164, the same way on every run', async () => {
    const run = async () => {
      await knex()('phone_number').where('number_class', 'pool').update({ last_used_at: null });
      const picks: string[] = [];
      for (let i = 0; i < 5; i++) picks.push(await changes().takePoolNumber());
      return picks;
    };
    const first = await run();
    expect(first).toEqual(['+14155550140', '+14155550141', '+14155550142', '+14155550140', '+14155550141']);
    expect(await run()).toEqual(first);
  });
});

describe('guardrails, each refused with its sentence and nothing changed', () => {
  it('never quarantines the last active Front Desk number without a replacement, and offers the pool numbers as one', async () => {
    const id = await idOf('+14155550100');
    const preview = await app.http.get(`/numbers/${id}/preview?action=quarantine`).set(owner());
    expect(preview.body.data).toMatchObject({
      allowed: false,
      refusal: 'Cannot quarantine: Number is Front Desk number. Pick a replacement Front Desk number.',
      needsReplacement: true,
      replacement: null,
    });
    expect(preview.body.data.replacementCandidates.map((c: any) => c.display)).toEqual(['+1 (415) 555-0140', '+1 (415) 555-0141', '+1 (415) 555-0142']);
    const res = await app.http.post(`/numbers/${id}/quarantine`).set(owner()).send({ reason: 'manual_review' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('Cannot quarantine: Number is Front Desk number. Pick a replacement Front Desk number.');
    expect((await knex()('phone_number').where({ id }).first()).status).toBe('active');
  });

  it('never releases a Front Desk number to the pool', async () => {
    const res = await app.http.post(`/numbers/${await idOf('+14155550100')}/release`).set(owner());
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('Cannot release Front Desk number to pool.');
  });

  it('refuses a cooldown under 30 days, and Other without a reason', async () => {
    const id = await idOf('+14155550141');
    const short = await app.http.post(`/numbers/${id}/quarantine`).set(owner()).send({ reason: 'manual_review', cooldownDays: 10 });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toBe('The cooldown is at least 30 days, so a quarantined number cannot reach a new client too soon.');
    const other = await app.http.post(`/numbers/${id}/quarantine`).set(owner()).send({ reason: 'other' });
    expect(other.status).toBe(400);
    expect(other.body.error.message).toBe('Say why, when the reason is Other.');
    expect((await knex()('phone_number').where({ id }).first()).status).toBe('active');
  });

  it('refuses a number already assigned to another sitter, naming them', async () => {
    const res = await app.http.post(`/numbers/${await idOf('+14155550121')}/assign`).set(owner()).send({ sitterUserId: await userIdOf(demo.sitter.email) });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('Number is already assigned to Sky Sitter. Release first?');
  });

  it('answers 400 for a malformed id and 404 for a number that does not exist', async () => {
    expect((await app.http.get('/numbers/abc').set(owner())).status).toBe(400);
    const missing = await app.http.get('/numbers/999999').set(owner());
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('That number is not in the inventory.');
  });
});

describe('buying and importing through the sandbox provider', () => {
  it('searches an area code with cost, buys a number, and audits it', async () => {
    const offers = await app.http.get('/numbers/available?areaCode=628').set(owner());
    expect(offers.status).toBe(200);
    expect(offers.body.data[0]).toMatchObject({ e164: '+16285550100', monthlyCost: { amount: '0.00', currency: 'USD' } });
    const bought = await app.http.post('/numbers/buy').set(owner()).send({ e164: '+16285550100', numberClass: 'sitter' });
    expect(bought.status).toBe(201);
    const row = await knex()('phone_number').where({ e_164: '+16285550100' }).first();
    expect(row).toMatchObject({ number_class: 'sitter', status: 'active', source: 'purchased', provider_ref: 'SB16285550100' });
    expect(await auditOf('number.buy')).toHaveLength(1);
    const again = await app.http.post('/numbers/buy').set(owner()).send({ e164: '+16285550100', numberClass: 'sitter' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('+1 (628) 555-0100 is already in the inventory.');
    const bad = await app.http.post('/numbers/buy').set(owner()).send({ e164: '628-555', numberClass: 'sitter' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('Enter the number in international format, like +14155550100.');
  });

  it('imports by E.164 and by provider reference, all or none', async () => {
    const res = await app.http
      .post('/numbers/import')
      .set(owner())
      .send({ numberClass: 'pool', numbers: [{ e164: '+16285550150' }, { providerRef: 'SB16285550151' }] });
    expect(res.status).toBe(201);
    expect(res.body.data.numbers).toEqual(['+16285550150', '+16285550151']);
    const clash = await app.http.post('/numbers/import').set(owner()).send({ numberClass: 'pool', numbers: [{ e164: '+16285550152' }, { e164: '+16285550150' }] });
    expect(clash.status).toBe(409);
    expect(await knex()('phone_number').where({ e_164: '+16285550152' }).first()).toBeUndefined();
  });
});

describe('assigning, releasing and quarantining', () => {
  it('quarantines a sitter number: previews the threads, moves them to the Front Desk, starts a 90-day cooldown, audits it', async () => {
    const id = await idOf('+16285550100');
    const sam2 = await userIdOf(demo.sitter2.email);
    // Free Sky's number first, then give Sky the bought one.
    expect((await app.http.post(`/numbers/${await idOf('+14155550121')}/release`).set(owner())).status).toBe(200);
    const assigned = await app.http.post(`/numbers/${id}/assign`).set(owner()).send({ sitterUserId: sam2 });
    expect(assigned.status).toBe(200);
    expect(assigned.body.data.message).toBe('+1 (628) 555-0100 assigned to Sky Sitter.');

    const thread = await clientTexts('+14155550177', '+16285550100');
    const preview = await app.http.get(`/numbers/${id}/preview?action=quarantine`).set(owner());
    expect(preview.body.data).toMatchObject({
      allowed: true,
      threads: [{ conversationId: thread, clientLabel: '+14155550177' }],
      confirmation: 'Quarantine +1 (628) 555-0100? This will: reassign 1 active thread to +1 (415) 555-0100; end its sitter assignment. Number will be unavailable for 90 days.',
    });

    const res = await app.http.post(`/numbers/${id}/quarantine`).set(owner()).send({ reason: 'delivery_failures' });
    expect(res.status).toBe(200);
    expect(res.body.data.message).toBe('Number +1 (628) 555-0100 quarantined. 1 thread reassigned. Available in 90 days.');
    expect((await knex()('conversation').where({ id: thread }).first()).business_number).toBe('+14155550100');
    const row = await knex()('phone_number').where({ id }).first();
    expect(row.status).toBe('quarantined');
    expect(row.sitter_user_id).toBeNull();
    const days = (new Date(row.cooldown_until).getTime() - new Date(row.quarantined_at).getTime()) / 86_400_000;
    expect(days).toBe(90);
    const [event] = await auditOf('number.quarantine');
    expect(details(event)).toMatchObject({ reason: 'delivery_failures', cooldownDays: 90, reassignments: [{ conversationId: thread, from: '+16285550100', to: '+14155550100' }] });

    // The client's next text, now to the Front Desk, continues the same thread.
    const before = await knex()('conversation').where({ kind: 'client', client_phone: '+14155550177' }).count('* as n').first();
    expect(await clientTextsInto('+14155550177', '+14155550100')).toBe(thread);
    expect(await knex()('conversation').where({ kind: 'client', client_phone: '+14155550177' }).count('* as n').first()).toEqual(before);

    const detail = (await app.http.get(`/numbers/${id}`).set(owner())).body.data;
    expect(detail.quarantine).toMatchObject({ reasonLabel: 'Delivery failures', daysRemaining: 90 });
    expect(detail.history.map((h: any) => [h.kind, h.endedReason])).toEqual([
      ['quarantine', null],
      ['sitter', 'quarantined'],
    ]);
  });

  it('refuses release from quarantine during the cooldown, and allows it after, into the pool', async () => {
    const id = await idOf('+16285550100');
    const early = await app.http.post(`/numbers/${id}/release-quarantine`).set(owner());
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/^Number is in cooldown until [A-Z][a-z]+ \d{1,2}, \d{4}\. 90 days remaining\.$/);

    const later = new Date(Date.now() + 91 * 86_400_000);
    systemClock.now = () => later;
    const res = await app.http.post(`/numbers/${id}/release-quarantine`).set(owner());
    expect(res.status).toBe(200);
    expect(res.body.data.message).toBe('Number +1 (628) 555-0100 released from quarantine. Available for pool assignment.');
    expect(await knex()('phone_number').where({ id }).first()).toMatchObject({ status: 'active', number_class: 'pool', cooldown_until: null });
  });

  it('releases a sitter number to the pool, moving its threads', async () => {
    const id = await idOf('+14155550120');
    const thread = await clientTexts('+14155550178', '+14155550120');
    // The demo's Casey thread is on this number too (her weekly booking with Sam).
    const onNumber = Number((await knex()('conversation').where({ business_number: '+14155550120' }).count({ n: '*' }))[0].n);
    expect(onNumber).toBe(2);
    const res = await app.http.post(`/numbers/${id}/release`).set(admin2());
    expect(res.status).toBe(200);
    expect(res.body.data.message).toBe('+1 (415) 555-0120 released to pool. 2 threads reassigned.');
    expect((await knex()('conversation').where({ id: thread }).first()).business_number).toBe('+14155550100');
    expect(await knex()('phone_number').where({ id }).first()).toMatchObject({ number_class: 'pool', sitter_user_id: null });
  });
});

describe('sitter onboarding and offboarding', () => {
  it('deactivating a sitter quarantines their number and moves their threads; activating assigns a masked number', async () => {
    const sky = await userIdOf(demo.sitter2.email);
    // Sky's numbers were released and quarantined above; the released one goes back to Sky.
    const give = await app.http.post(`/numbers/${await idOf('+14155550121')}/assign`).set(admin2()).send({ sitterUserId: sky });
    expect(give.status).toBe(200);
    const masked = (await knex()('phone_number').where({ sitter_user_id: sky, status: 'active' }).first()).e_164;
    const thread = await clientTexts('+14155550179', masked);

    const off = await app.http.post(`/numbers/sitters/${sky}/deactivate`).set(owner());
    expect(off.status).toBe(200);
    expect(off.body.data.message).toBe(`Sitter Sky Sitter deactivated. Number ${masked} quarantined. 1 thread reassigned. 1 window closed.`);
    expect((await knex()('conversation').where({ id: thread }).first()).business_number).toBe('+14155550100');
    expect((await knex()('phone_number').where({ e_164: masked }).first()).status).toBe('quarantined');

    const on = await app.http.post(`/numbers/sitters/${sky}/activate`).set(owner());
    expect(on.status).toBe(200);
    const now = await knex()('phone_number').where({ sitter_user_id: sky, status: 'active' }).first();
    expect(on.body.data.message).toBe(`Sitter Sky Sitter activated. Masked number ${now.e_164} assigned.`);
    expect(now.e_164).not.toBe(masked);
  });
});

describe('bulk operations', () => {
  it('quarantines 50 numbers as one audited operation', async () => {
    const numbers = Array.from({ length: 50 }, (_, i) => ({ e164: `+1628555${String(1200 + i)}` }));
    const imported = await app.http.post('/numbers/import').set(owner()).send({ numberClass: 'pool', numbers });
    expect(imported.status).toBe(201);
    const before = (await auditOf('number.bulk_quarantine')).length;
    const res = await app.http.post('/numbers/bulk').set(owner()).send({ action: 'quarantine', ids: imported.body.data.ids, reason: 'policy_violation' });
    expect(res.status).toBe(200);
    expect(res.body.data.message).toBe('50 numbers quarantined.');
    expect(await knex()('phone_number').whereIn('id', imported.body.data.ids).where('status', 'quarantined').count('* as n').first()).toMatchObject({ n: '50' });
    const events = await auditOf('number.bulk_quarantine');
    expect(events.length - before).toBe(1);
    expect(details(events[events.length - 1])).toMatchObject({ count: 50, reason: 'policy_violation' });
    expect(await knex()('audit_event').where({ action: 'number.quarantine' }).whereIn('entity_id', imported.body.data.ids.map(String))).toHaveLength(0);
  });

  it('changes nothing when one number in the batch is refused', async () => {
    const pool = (await knex()('phone_number').where({ number_class: 'pool', status: 'active' }).orderBy('e_164').limit(2)).map((r: any) => r.id);
    const ids = [...pool, await idOf('+14155550100')];
    const res = await app.http.post('/numbers/bulk').set(owner()).send({ action: 'quarantine', ids, reason: 'manual_review' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('Nothing was changed. +1 (415) 555-0100: Cannot quarantine: Number is Front Desk number. Pick a replacement Front Desk number.');
    expect(await knex()('phone_number').whereIn('id', pool).where('status', 'quarantined')).toHaveLength(0);
  });

  it('exports the inventory as CSV', async () => {
    const res = await app.http.get('/numbers/export.csv').set(owner());
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe('Number,Class,Status,Assigned to,Health,Last usage,Messages (7d),Added,Cooldown until');
    expect(lines).toHaveLength(1 + (await knex()('phone_number').count('* as n').first()).n * 1);
    expect(lines).toContain(lines.find((l: string) => l.startsWith('+14155550100,Front Desk,Active,Front Desk,')));
  });
});

describe('permissions (OPS §3.1): a Messaging Admin views, assigns and releases; never buys, quarantines or bulk-operates', () => {
  it.each([
    ['GET', '/numbers/available?areaCode=415', undefined],
    ['POST', '/numbers/buy', { e164: '+14155550190', numberClass: 'pool' }],
    ['POST', '/numbers/import', { numberClass: 'pool', numbers: [{ e164: '+14155550191' }] }],
    ['POST', '/numbers/bulk', { action: 'release', ids: [1] }],
    ['GET', '/numbers/export.csv', undefined],
    ['POST', '/numbers/sitters/1/deactivate', undefined],
  ])('%s %s → 403', async (method, path, body) => {
    const req = method === 'GET' ? app.http.get(path) : app.http.post(path).send(body as object);
    const res = await req.set(admin2());
    expect(res.status).toBe(403);
  });

  it('refuses quarantine to a Messaging Admin and changes nothing', async () => {
    const id = await idOf('+14155550140');
    const res = await app.http.post(`/numbers/${id}/quarantine`).set(admin2()).send({ reason: 'manual_review' });
    expect(res.status).toBe(403);
    expect((await knex()('phone_number').where({ id }).first()).status).toBe('active');
    const list = await app.http.get('/numbers').set(admin2());
    expect(list.status).toBe(200);
    // The page offers a Messaging Admin only what the server allows.
    expect(list.body.meta.capabilities).toEqual({ assign: true, release: true, buy: false, quarantine: false, bulk: false });
  });

  it('refuses everything without an admin token', async () => {
    expect((await app.http.get('/numbers')).status).toBe(401);
  });
});
