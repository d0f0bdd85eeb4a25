import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, demo } from '../helpers/accounts';

// Issue 13 item 16 / OPS §3.1 "Quarantine Blocked … Assign replacement first": quarantining the last active Front Desk
// number names its replacement in the same request. This file has its own database, so it may change the demo's
// only Front Desk number (+14155550100) that other files rely on.
let app: RunningStrapi;
let ownerToken: string;
const owner = () => ({ Authorization: `Bearer ${ownerToken}` });
const knex = () => app.strapi.db.connection;

const FRONT_DESK = '+14155550100';
const REPLACEMENT = '+16285550170';
const SPARE = '+16285550171';
const CLIENT = '+14155550188';

const idOf = async (e164: string): Promise<number> => (await knex()('phone_number').where({ e_164: e164 }).first('id')).id;
const numberRow = (e164: string) => knex()('phone_number').where({ e_164: e164 }).first();
const auditCount = async () => Number((await knex()('audit_event').where('action', 'like', 'number.%').count('* as n').first()).n);
const details = (row: any) => (typeof row.details === 'string' ? JSON.parse(row.details) : row.details);
const quarantine = (id: number, body: object) => app.http.post(`/numbers/${id}/quarantine`).set(owner()).send(body);

let frontDeskId: number;
let thread: string;

/** Nothing changed: the Front Desk is still the active Front Desk, the pool numbers still pool, the thread where it was. */
async function expectUnchanged(auditBefore: number) {
  expect(await numberRow(FRONT_DESK)).toMatchObject({ number_class: 'front_desk', status: 'active' });
  expect(await numberRow(REPLACEMENT)).toMatchObject({ number_class: 'pool', status: 'active' });
  expect(await numberRow(SPARE)).toMatchObject({ number_class: 'pool', status: 'active' });
  expect((await knex()('conversation').where({ id: thread }).first()).business_number).toBe(FRONT_DESK);
  expect(await auditCount()).toBe(auditBefore);
}

beforeAll(async () => {
  app = await startStrapi();
  ownerToken = await adminLogin(app.http, demo.owner);
  // Two extra pool numbers of our own, and a client thread on the Front Desk.
  const imported = await app.http.post('/numbers/import').set(owner()).send({ numberClass: 'pool', numbers: [{ e164: REPLACEMENT }, { e164: SPARE }] });
  expect(imported.status).toBe(201);
  const texted = await app.http.post('/provider/sandbox/phone/reply').set(owner()).send({ from: CLIENT, to: FRONT_DESK, body: 'Can someone walk Rex on Friday?' });
  expect(texted.status).toBe(202);
  thread = String((await knex()('conversation').where({ kind: 'client', client_phone: CLIENT, business_number: FRONT_DESK }).first('id')).id);
  frontDeskId = await idOf(FRONT_DESK);
});

afterAll(async () => {
  await app?.stop();
});

describe('quarantining the last active Front Desk number', () => {
  it('without a replacement is refused with the next step, and nothing changes', async () => {
    const before = await auditCount();
    const res = await quarantine(frontDeskId, { reason: 'manual_review' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('Cannot quarantine: Number is Front Desk number. Pick a replacement Front Desk number.');
    await expectUnchanged(before);
  });

  it.each([
    ['a sitter’s number', async () => idOf('+14155550120'), '+1 (415) 555-0120 is not an active pool number, so it cannot become the Front Desk number. Pick an active pool number.'],
    ['the Front Desk number itself', async () => idOf(FRONT_DESK), '+1 (415) 555-0100 cannot replace itself. Pick an active pool number as the new Front Desk number.'],
    ['a number not in the inventory', async () => 999_999, 'That replacement number is not in the inventory. Pick an active pool number as the new Front Desk number.'],
  ])('with %s as the replacement answers 400 with a sentence, and nothing changes', async (_, replacementId, message) => {
    const before = await auditCount();
    const res = await quarantine(frontDeskId, { reason: 'manual_review', replacementId: await replacementId() });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(message);
    await expectUnchanged(before);
  });

  it('refuses a replacement id that is not a number id, and a replacement for a number that is not Front Desk', async () => {
    const before = await auditCount();
    const malformed = await quarantine(frontDeskId, { reason: 'manual_review', replacementId: 'the pool one' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toBe('replacementId is the id of the active pool number that becomes the Front Desk number.');
    const notFrontDesk = await quarantine(await idOf(SPARE), { reason: 'manual_review', replacementId: await idOf(REPLACEMENT) });
    expect(notFrontDesk.status).toBe(400);
    expect(notFrontDesk.body.error.message).toBe('+1 (628) 555-0171 is not a Front Desk number, so it needs no replacement. Quarantine it without one.');
    await expectUnchanged(before);
  });

  it('changes nothing when a step after the promotion fails: the promotion and the quarantine are one transaction', async () => {
    const before = await auditCount();
    const threads = app.strapi.plugin('numbers').service('threads');
    const moveThreads = threads.moveThreads;
    threads.moveThreads = async () => {
      throw new Error('the thread move failed');
    };
    try {
      const res = await quarantine(frontDeskId, { reason: 'manual_review', replacementId: await idOf(REPLACEMENT) });
      expect(res.status).toBe(500);
    } finally {
      threads.moveThreads = moveThreads;
    }
    await expectUnchanged(before);
  });

  it('previews the replacement in its sentences', async () => {
    const replacementId = await idOf(REPLACEMENT);
    const res = await app.http.get(`/numbers/${frontDeskId}/preview?action=quarantine&replacementId=${replacementId}`).set(owner());
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      allowed: true,
      refusal: null,
      needsReplacement: true,
      replacement: { id: replacementId, e164: REPLACEMENT, display: '+1 (628) 555-0170' },
      // Ours, the demo's Priya Patel, who asked the Front Desk about overnight stays (API.md demo message 4), and Avery
      // Stone, whose confirmation from it failed (demo message 5).
      impacts: ['make +1 (628) 555-0170 the Front Desk number', 'reassign 3 active threads to +1 (628) 555-0170'],
      confirmation: 'Quarantine +1 (415) 555-0100? This will: make +1 (628) 555-0170 the Front Desk number; reassign 3 active threads to +1 (628) 555-0170. Number will be unavailable for 90 days.',
    });
    expect(res.body.data.reassignments).toHaveLength(3);
    expect(res.body.data.reassignments).toEqual(expect.arrayContaining([expect.objectContaining({ conversationId: thread, from: FRONT_DESK, to: REPLACEMENT })]));
    expect(res.body.data.replacementCandidates.map((c: any) => c.e164)).toEqual(expect.arrayContaining([REPLACEMENT, SPARE]));
    const bad = await app.http.get(`/numbers/${frontDeskId}/preview?action=quarantine&replacementId=${await idOf('+14155550120')}`).set(owner());
    expect(bad.body.data).toMatchObject({ allowed: false, refusal: '+1 (415) 555-0120 is not an active pool number, so it cannot become the Front Desk number. Pick an active pool number.' });
  });

  it('with an active pool number promotes it to Front Desk and quarantines the old one, moving its threads, each change audited', async () => {
    const replacementId = await idOf(REPLACEMENT);
    const res = await quarantine(frontDeskId, { reason: 'manual_review', note: 'Carrier flagged it', replacementId });
    expect(res.status).toBe(200);
    expect(res.body.data.message).toBe('Number +1 (415) 555-0100 quarantined. +1 (628) 555-0170 is the Front Desk number now. 3 threads reassigned. Available in 90 days.');
    expect(res.body.data.replacement).toEqual({ id: replacementId, e164: REPLACEMENT });

    expect(await numberRow(REPLACEMENT)).toMatchObject({ number_class: 'front_desk', status: 'active', sitter_user_id: null });
    expect(await numberRow(FRONT_DESK)).toMatchObject({ status: 'quarantined', quarantine_reason: 'manual_review' });
    expect((await knex()('conversation').where({ id: thread }).first()).business_number).toBe(REPLACEMENT);

    const [promoted] = await knex()('audit_event').where({ action: 'number.promote_front_desk' });
    expect(promoted.entity_id).toBe(String(replacementId));
    expect(details(promoted)).toMatchObject({ e164: REPLACEMENT, previousClass: 'pool', replaces: FRONT_DESK });
    const [quarantined] = await knex()('audit_event').where({ action: 'number.quarantine' });
    expect(quarantined.entity_id).toBe(String(frontDeskId));
    expect(details(quarantined)).toMatchObject({ replacement: { id: replacementId, e164: REPLACEMENT } });
    expect(details(quarantined).reassignments).toEqual(expect.arrayContaining([expect.objectContaining({ conversationId: thread, from: FRONT_DESK, to: REPLACEMENT })]));

    // The inventory shows the new Front Desk; the client's next text, to it, continues the same thread.
    const list = (await app.http.get('/numbers?numberClass=front_desk').set(owner())).body.data;
    expect(list.map((n: any) => [n.display, n.status, n.assignedTo])).toEqual([
      ['+1 (415) 555-0100', 'quarantined', 'Front Desk'],
      ['+1 (628) 555-0170', 'active', 'Front Desk'],
    ]);
    const again = await app.http.post('/provider/sandbox/phone/reply').set(owner()).send({ from: CLIENT, to: REPLACEMENT, body: 'Friday still good?' });
    expect(again.status).toBe(202);
    expect(await knex()('conversation').where({ kind: 'client', client_phone: CLIENT }).pluck('id')).toEqual([Number(thread)]);
  });

  it('the new Front Desk is now the last one, and needs a replacement in turn', async () => {
    const res = await app.http.get(`/numbers/${await idOf(REPLACEMENT)}/preview?action=quarantine`).set(owner());
    expect(res.body.data).toMatchObject({ allowed: false, needsReplacement: true, refusal: 'Cannot quarantine: Number is Front Desk number. Pick a replacement Front Desk number.' });
    expect(res.body.data.replacementCandidates.map((c: any) => c.e164)).toContain(SPARE);
  });
});
