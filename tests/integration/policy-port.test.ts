// Issue 18 item 2, messaging's side: messaging asks the policy port (filled here by a stub, as the policy plugin will
// fill it) whether a SITTER_TO_CLIENT or AUTOMATION_TO_CLIENT message may go out. A refused message is stored
// `blocked` with its notice, its SMS is never recorded, staff and other readers see it redacted; a port that throws lets
// the message go out (fail-open, OPS §4.8) and rolls back only its own writes; staff sends are never checked.
import { randomUUID } from 'node:crypto';
import { NO_POLICY, type MessageToCheck, type PolicyPort } from '@switchboard/messaging';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';

let app: RunningStrapi;
const tokens: Record<string, string> = {};
const as = (who: 'owner' | 'sam') => ({ Authorization: `Bearer ${tokens[who]}` });
const knex = () => app.strapi.db.connection;
const CASEY = '+14155550161';
const NOTICE = 'This message was not sent because it contains a phone number. Keep conversations on this business number; the owner has been told.';
let casey: number;
const asked: MessageToCheck[] = [];

/** Blocks any text with "555 0188" in it, as the policy plugin's detector would; remembers what it was asked. */
const stub: PolicyPort = {
  ...NO_POLICY,
  async check(message) {
    asked.push(message);
    return message.bodyText.includes('555 0188') ? { action: 'block', notice: NOTICE, redactedText: message.bodyText.replace('415 555 0188', '[phone number]') } : { action: 'allow' };
  },
};
const policy = () => app.strapi.plugin('messaging').service('policy');

const send = (who: 'owner' | 'sam', base: '/api' | '/messaging', routeType: string, text: string) =>
  app.http.post(`${base}/conversations/${casey}/messages`).set(as(who)).send({ idempotencyKey: randomUUID(), routeType, bodyHtml: `<p>${text}</p>` });
const outboundOf = async (messageId: string) => knex()('outbound_message').where({ message_ref: messageId }).count({ n: '*' }).then(([r]: any) => Number(r.n));

beforeAll(async () => {
  app = await startStrapi();
  tokens.owner = await adminLogin(app.http, demo.owner);
  tokens.sam = await appLogin(app.http, demo.sitter);
  casey = Number((await knex()('conversation').where({ kind: 'client', client_phone: CASEY, business_number: '+14155550120' }).first('id')).id);
  policy().fill(stub);
});

afterAll(async () => {
  policy().fill(NO_POLICY);
  await app?.stop();
});

beforeEach(() => {
  asked.length = 0;
});

it('a refused sitter send is stored blocked with its notice, never sent; staff read it redacted with the notice', async () => {
  const text = 'Next time just text me on my own phone, 415 555 0188.';
  const res = await send('sam', '/api', 'SITTER_TO_CLIENT', text);
  expect(res.status).toBe(201);
  expect(res.body.data).toMatchObject({ state: 'blocked', notice: NOTICE, bodyText: text, mine: true });
  expect(asked.map((a) => [a.routeType, a.bodyText, a.conversationId, a.businessNumber, a.clientPhone])).toEqual([['SITTER_TO_CLIENT', text, casey, '+14155550120', CASEY]]);
  expect(await outboundOf(res.body.data.id)).toBe(0);
  const phone = await app.http.get(`/provider/sandbox/phone?phoneNumber=${encodeURIComponent(CASEY)}`).set(as('owner'));
  expect(phone.body.data.map((m: any) => m.body)).not.toContain(text);

  // Staff: redacted, with the notice. Sam, reading his thread again: his own words, with the notice.
  const staff = (await app.http.get(`/messaging/conversations/${casey}/messages`).set(as('owner'))).body.data.find((m: any) => m.id === res.body.data.id);
  expect(staff).toMatchObject({ state: 'blocked', notice: NOTICE, bodyText: 'Next time just text me on my own phone, [phone number].' });
  expect(staff.bodyHtml).not.toContain('0188');
  const mine = (await app.http.get(`/api/conversations/${casey}/messages`).set(as('sam'))).body.data.find((m: any) => m.id === res.body.data.id);
  expect(mine).toMatchObject({ state: 'blocked', notice: NOTICE, bodyText: text });
});

it('an allowed sitter send goes out as before; a staff send is never checked', async () => {
  const ok = await send('sam', '/api', 'SITTER_TO_CLIENT', 'I will check on her at 3.');
  expect(ok.status).toBe(201);
  expect(ok.body.data.state).toBe('queued');
  expect(ok.body.data.notice).toBeUndefined();
  expect(await outboundOf(ok.body.data.id)).toBe(1);
  const staff = await send('owner', '/messaging', 'STAFF_TO_CLIENT', 'Our office line is 415 555 0188 too.');
  expect(staff.status).toBe(201);
  expect(staff.body.data.state).toBe('queued');
  expect(asked.map((a) => a.routeType)).toEqual(['SITTER_TO_CLIENT']);
});

it('an automation cannot bypass it: a refused AUTOMATION_TO_CLIENT message is stored blocked and not sent', async () => {
  const view = await app.strapi.plugin('messaging').service('client-threads').sendAutomated({ conversationId: casey, text: 'Call Sam at 415 555 0188', actor: { kind: 'system' }, reason: 'test' });
  expect(view).toMatchObject({ state: 'blocked', notice: NOTICE, bodyText: 'Call Sam at [phone number]' });
  expect(asked.map((a) => a.routeType)).toEqual(['AUTOMATION_TO_CLIENT']);
  expect(await outboundOf(view.id)).toBe(0);
});

it('fails open: a port whose query fails lets the message go out, and only its own writes roll back', async () => {
  policy().fill({ ...NO_POLICY, check: async () => app.strapi.db.transaction(({ trx }: any) => trx.raw('SELECT no_such_column FROM message')) });
  try {
    const res = await send('sam', '/api', 'SITTER_TO_CLIENT', 'Text me on 415 555 0188 while the checker is down');
    expect(res.status).toBe(201);
    expect(res.body.data.state).toBe('queued');
    expect(await outboundOf(res.body.data.id)).toBe(1);
  } finally {
    policy().fill(stub);
  }
});
