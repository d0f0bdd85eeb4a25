// API.md "Demo organisation, operations side" → "What the first start shows": each issue that seeds demo rows extends
// this file with what its rows make visible, through the same routes a person or an integrator uses.
import { emptyDatabase, startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';
import { DateTime } from 'luxon';
import { DEMO_CLIENTS, DEMO_ORGANISATION } from '../../cms/src/bootstrap/demo-operations';

// The first start itself: Strapi creates the schema and seeds the demo on an empty database, as npm start does.
emptyDatabase();

let app: RunningStrapi;
let owner: string;

beforeAll(async () => {
  app = await startStrapi();
  owner = await adminLogin(app.http, demo.owner);
});

afterAll(async () => {
  await app?.stop();
});

const asOwner = (path: string) => app.http.get(path).set('Authorization', `Bearer ${owner}`);

describe('the organisation (API.md "Settings")', () => {
  it('is Acme Pets in America/Los_Angeles', async () => {
    const res = await asOwner('/people/organisation');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(DEMO_ORGANISATION);
  });
});

describe('the clients (API.md "Clients")', () => {
  it('lists the five demo clients with their phones and notes', async () => {
    const res = await asOwner('/people/clients?pageSize=200');
    expect(res.status).toBe(200);
    const byPhone = new Map(res.body.data.map((c: { phone: string }) => [c.phone, c]));
    for (const c of DEMO_CLIENTS) {
      expect(byPhone.get(c.phone)).toEqual(expect.objectContaining({ name: `${c.firstName} ${c.lastName}`, firstName: c.firstName, lastName: c.lastName, phone: c.phone, notes: c.notes }));
    }
  });
});

describe('the bookings (API.md "Bookings")', () => {
  const bookings = async () => {
    const rows = await app.strapi.documents('plugin::assignments.booking' as any).findMany({ sort: 'id:asc' } as any);
    const clients = new Map(DEMO_CLIENTS.map((c) => [c.phone, c.firstName]));
    const people = await (app.strapi.plugin('people').service('clients') as any).byIds(rows.map((r: any) => r.client));
    return rows.map((r: any) => ({ client: clients.get(people.get(r.client).phone), kind: r.kind, status: r.status, numberE164: r.numberE164, numberClass: r.numberClass, hasThread: Boolean(r.conversationId) }));
  };

  it('are Riley on pool +14155550140, Casey on Sam’s masked number, Jordan on pool +14155550141, in that order', async () => {
    expect(await bookings()).toEqual([
      { client: 'Riley', kind: 'one_time', status: 'completed', numberE164: '+14155550140', numberClass: 'pool', hasThread: true },
      { client: 'Casey', kind: 'weekly', status: 'confirmed', numberE164: '+14155550120', numberClass: 'sitter', hasThread: true },
      { client: 'Jordan', kind: 'one_time', status: 'confirmed', numberE164: '+14155550141', numberClass: 'pool', hasThread: true },
    ]);
  });
});

describe('the owner inbox', () => {
  it('shows the booked clients’ threads by name, each on its business number', async () => {
    const res = await asOwner('/messaging/conversations?kind=client&pageSize=200');
    expect(res.status).toBe(200);
    const threads = res.body.data.map((c: any) => ({ name: c.client?.name, number: c.number?.e164 }));
    expect(threads).toEqual(
      expect.arrayContaining([
        { name: 'Casey Morgan', number: '+14155550120' },
        { name: 'Jordan Lee', number: '+14155550141' },
        { name: 'Riley Chen', number: '+14155550140' },
      ]),
    );
  });
});

describe('sitter@demo.test', () => {
  it('has an Admin team thread', async () => {
    const jwt = await appLogin(app.http, demo.sitter);
    const res = await app.http.get('/api/conversations').set('Authorization', `Bearer ${jwt}`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((c: { kind: string }) => c.kind)).toContain('admin_sitter');
  });
});

// Issue 15 item 7: the windows of API.md's demo — Casey's daily all-day windows with Sam (today's active), Riley's past
// and Jordan's future window with Sky — and what the sitters see of them.
describe('the assignment windows (API.md "What the first start shows")', () => {
  const organisationDay = (offsetDays: number) => DateTime.now().setZone(DEMO_ORGANISATION.timeZone).startOf('day').plus({ days: offsetDays });

  it('sitter@demo.test sees "Casey · Weekly visits" beside his Admin team thread, never a phone number', async () => {
    const jwt = await appLogin(app.http, demo.sitter);
    const res = await app.http.get('/api/conversations').set('Authorization', `Bearer ${jwt}`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((c: { kind: string; title: string }) => [c.kind, c.title]).sort()).toEqual([
      ['admin_sitter', 'Admin team'],
      ['client', 'Casey · Weekly visits'],
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/\+?1?415\D?555\D?01[0-9]{2}/);
  });

  it('sitter2@demo.test has only the Admin team thread, and her windows are Riley (past) and Jordan (future)', async () => {
    const jwt = await appLogin(app.http, demo.sitter2);
    const list = await app.http.get('/api/conversations').set('Authorization', `Bearer ${jwt}`);
    expect(list.body.data.map((c: { kind: string }) => c.kind)).toEqual(['admin_sitter']);
    const windows = await app.http.get('/api/assignments/windows').set('Authorization', `Bearer ${jwt}`);
    expect(windows.status).toBe(200);
    const seen = windows.body.data.map((w: any) => [w.client.displayName.split(' · ')[0], w.status]).sort();
    expect(seen).toEqual([
      ['Jordan', 'future'],
      ['Riley', 'past'],
    ]);
    expect(JSON.stringify(windows.body)).not.toMatch(/\+?1?415\D?555\D?01[0-9]{2}/);
  });

  it("sitter2@demo.test's send to Jordan's thread answers 403 naming tomorrow at 10:00 AM", async () => {
    const jwt = await appLogin(app.http, demo.sitter2);
    const windows = await app.http.get('/api/assignments/windows').set('Authorization', `Bearer ${jwt}`);
    const jordan = windows.body.data.find((w: any) => w.client.displayName.startsWith('Jordan'));
    const res = await app.http
      .post(`/api/conversations/${jordan.conversationId}/messages`)
      .set('Authorization', `Bearer ${jwt}`)
      .send({ routeType: 'SITTER_TO_CLIENT', bodyHtml: '<p>Hi Jordan!</p>', idempotencyKey: 'first-start-jordan' });
    expect(res.status).toBe(403);
    const tomorrow = organisationDay(1).toFormat('ccc, LLL d');
    expect(res.body.error.message).toMatch(new RegExp(`^You can message Jordan again from ${tomorrow}, 10:00 AM P[SD]T\\.$`));
    expect(res.body.error.details.nextWindow).toBeTruthy();
  });

  it('the owner calendar holds past, active and future windows; Casey has one a day, today’s active', async () => {
    const res = await asOwner(`/assignments/windows?from=${organisationDay(-2).toUTC().toISO()}&to=${organisationDay(3).toUTC().toISO()}&pageSize=200`);
    expect(res.status).toBe(200);
    const rows = res.body.data.map((w: any) => ({ client: w.client.name, sitter: w.sitter.displayName, status: w.status, startsAt: w.startsAt }));
    expect(new Set(rows.map((r: any) => r.status))).toEqual(new Set(['past', 'active', 'future']));
    const casey = rows.filter((r: any) => r.client === 'Casey Morgan');
    expect(casey.every((r: any) => r.sitter === 'Sam Sitter')).toBe(true);
    expect(casey.filter((r: any) => r.status === 'active').map((r: any) => new Date(r.startsAt).getTime())).toEqual([organisationDay(0).toMillis()]);
    // One a day, touching without overlapping (half-open): today's, tomorrow's, the day after's.
    expect(casey.map((r: any) => new Date(r.startsAt).getTime()).sort((a: number, b: number) => a - b)).toEqual([0, 1, 2].map((d) => organisationDay(d).toMillis()));
    expect(rows.find((r: any) => r.client === 'Riley Chen')).toEqual(expect.objectContaining({ sitter: 'Sky Sitter', status: 'past' }));
    expect(rows.find((r: any) => r.client === 'Jordan Lee')).toEqual(expect.objectContaining({ sitter: 'Sky Sitter', status: 'future' }));
  });
});

// Issue 17: API.md's demo messages 1, 2 and 4 went through the real receive and send paths, so routing decided them.
describe('the routing decisions (API.md "What the first start shows": routing history, two decisions)', () => {
  it('Casey’s text went to Sam by sitter_window, Priya’s to the owner inbox by default_owner_inbox', async () => {
    const res = await asOwner('/routing/history');
    expect(res.status).toBe(200);
    const decisions = res.body.data.map((d: any) => [d.matchedRule, d.target.type, d.target.label]);
    expect(decisions).toEqual([
      ['default_owner_inbox', 'owner_inbox', 'Owner inbox'],
      ['sitter_window', 'sitter', 'Sam Sitter'],
    ]);
    expect(res.body.data[0].reason).toBe('No routing rule matched. Default: Route to owner inbox.');
    expect(res.body.data[1].reason).toMatch(/^Routed to Sam Sitter because: Assignment window active from 12:00 AM to 12:00 AM /);
  });

  it('Sam reads Casey’s text routed to him and his reply, as "Casey · Weekly visits"; the inbox shows Priya’s enquiry with its routing', async () => {
    const jwt = await appLogin(app.http, demo.sitter);
    const threads = (await app.http.get('/api/conversations').set('Authorization', `Bearer ${jwt}`)).body.data;
    const casey = threads.find((c: any) => c.title === 'Casey · Weekly visits');
    const messages = (await app.http.get(`/api/conversations/${casey.id}/messages`).set('Authorization', `Bearer ${jwt}`)).body.data;
    expect(messages.map((m: any) => [m.routeType, m.sender.displayName, m.bodyText, m.state])).toEqual([
      ['CLIENT_INBOUND', 'Casey · Weekly visits', 'Hi Sam! Miso has been hiding under the bed today, is that normal?', 'received'],
      ['SITTER_TO_CLIENT', 'Sam Sitter', "Totally normal after a vet visit. I'll check on her at 3.", expect.any(String)],
      ['SITTER_TO_CLIENT', 'Sam Sitter', 'Next time just text me on my own phone, 415 555 0188.', 'blocked'],
    ]);
    // Issue 18: Sam sees his blocked message whole, with its notice.
    expect(messages[2].notice).toBe('This message was not sent because it contains a phone number. Keep conversations on this business number; the owner has been told.');
    const inbox = (await asOwner('/messaging/conversations?kind=client&q=Priya')).body.data;
    expect(inbox).toHaveLength(1);
    const priya = (await asOwner(`/messaging/conversations/${inbox[0].id}/messages`)).body.data;
    expect(priya.map((m: any) => [m.bodyText, m.routing?.rule, m.routing?.target.type])).toEqual([['Hi, do you do overnight stays for dogs?', 'default_owner_inbox', 'owner_inbox']]);
  });
});

// Issue 18: API.md's demo message 3 went through the real send path, so the policy blocked it.
describe('the policy violation (API.md "What the first start shows": violations, one open)', () => {
  it('is Sam’s phone number, open, redacted, on Casey’s thread; staff read the message redacted with its badge and the owner inbox notice', async () => {
    const res = await asOwner('/policy/violations');
    expect(res.status).toBe(200);
    expect(res.body.data.map((v: any) => [v.type, v.status, v.actionTaken, v.redactedText, v.thread.clientName, v.sender.displayName])).toEqual([
      ['phone_number', 'open', 'blocked', 'Next time just text me on my own phone, [phone number].', 'Casey Morgan', 'Sam Sitter'],
    ]);
    const violation = res.body.data[0];
    const messages = (await asOwner(`/messaging/conversations/${violation.conversationId}/messages`)).body.data;
    const blocked = messages.find((m: any) => m.id === violation.messageId);
    expect([blocked.state, blocked.bodyText, blocked.violation]).toEqual(['blocked', 'Next time just text me on my own phone, [phone number].', { id: violation.id, type: 'phone_number', status: 'open' }]);
    // The owner inbox notice is a staff-only note after it (published after the send committed).
    expect(messages.filter((m: any) => m.routeType === 'SYSTEM').map((m: any) => m.bodyText)).toEqual([
      "Policy violation: Sam Sitter's message to Casey Morgan was blocked because it contains a phone number. Review it under Policy violations.",
    ]);
    const thread = (await asOwner('/messaging/conversations?flag=violation')).body.data;
    expect(thread.map((c: any) => [c.id, c.flags.openViolations])).toEqual([[violation.conversationId, 1]]);
  });
});

// Issue 19: API.md's demo message 5, Olivia's confirmation to Avery, failed after three attempts (the sandbox cannot
// reach +14155550197), written in its final state.
describe('the delivery failure (API.md "What the first start shows": delivery failures, one)', () => {
  it('is Olivia’s confirmation to Avery: failed with 30003 after 3 attempts, open, audited, shown on the message and the thread', async () => {
    const res = await asOwner('/compliance/delivery-failures');
    expect(res.status).toBe(200);
    expect(res.body.data.map((f: any) => [f.errorCode, f.attempts, f.status, f.retryable, f.thread.clientName, f.thread.recipient])).toEqual([[30003, 3, 'failed', true, 'Avery Stone', '+14155550197']]);
    const failure = res.body.data[0];
    const messages = (await asOwner(`/messaging/conversations/${failure.conversationId}/messages`)).body.data;
    const sent = messages.find((m: any) => m.id === failure.messageId);
    expect([sent.bodyText, sent.routeType, sent.state]).toEqual(['Hi Avery, confirming your meet and greet on Thursday at 5 PM.', 'STAFF_TO_CLIENT', 'failed']);
    expect(sent.deliveryFailure).toEqual({ id: failure.id, reason: failure.reason, attempts: 3, retryable: true, status: 'failed', errorCode: 30003 });
    const flagged = (await asOwner('/messaging/conversations?flag=delivery_failure')).body.data;
    expect(flagged.map((c: any) => [c.id, c.client.name, c.flags.failedDeliveries])).toEqual([[failure.conversationId, 'Avery Stone', 1]]);
    const audit = (await asOwner(`/compliance/audit?conversationId=${failure.conversationId}&type=message`)).body.data;
    expect(audit.filter((e: any) => e.action === 'delivery.failed').map((e: any) => e.details.errorCode)).toEqual([30003]);
  });
});

describe('the automations (API.md "What the first start shows": one active, one draft, three live executions and one test)', () => {
  it('Booking confirmation is active and tested at version 1; Meet and greet follow-up is a draft never tested', async () => {
    const list = (await asOwner('/automations')).body.data;
    expect(list.map((a: any) => [a.name, a.lane, a.status, a.version, a.triggerText, a.latestTest?.ok ?? null])).toEqual([
      ['Booking confirmation', 'front_desk', 'active', 1, 'Booking created', true],
      ['Meet and greet follow-up', 'sitter', 'draft', 1, 'Booking status changed', null],
    ]);
    expect(list[0].conditionTexts).toEqual([['Booking kind is One-time visit', 'Booking status is Confirmed']]);
    expect(list[1].conditionTexts).toEqual([['Booking kind is Meet and greet', 'Booking status is Completed']]);
    expect(list[0].executions24h).toBe(3);
  });

  it('the three bookings filled its log: Riley skipped (completed), Casey skipped (weekly), Jordan confirmed from +14155550141; and one test', async () => {
    const confirmation = (await asOwner('/automations')).body.data.find((a: any) => a.name === 'Booking confirmation');
    const bookings = await app.strapi.db.connection('booking').orderBy('id').select('document_id', 'number_e_164');
    const byBooking = new Map(bookings.map((b: any) => [b.document_id, b.number_e_164]));
    // The three runs were queued at once when the seed committed: read them in the bookings' order.
    const order = (e: any) => (e.mode === 'test' ? -1 : bookings.findIndex((b: any) => b.document_id === e.trigger.subject.id));
    const log = (await asOwner(`/automations/${confirmation.id}/executions`)).body.data.slice().sort((x: any, y: any) => order(x) - order(y));
    expect(log.map((e: any) => [e.mode, e.status, e.mode === 'live' ? byBooking.get(e.trigger.subject.id) : null])).toEqual([
      ['test', 'success', null],
      ['live', 'skipped', '+14155550140'],
      ['live', 'skipped', '+14155550120'],
      ['live', 'success', '+14155550141'],
    ]);
    const jordan = log[3];
    expect(jordan.conditions.map((c: any) => [c.field, c.actual, c.passed])).toEqual([
      ['booking.kind', 'one_time', true],
      ['booking.status', 'confirmed', true],
    ]);
    const tomorrow = DateTime.now().setZone(DEMO_ORGANISATION.timeZone).plus({ days: 1 }).startOf('day').set({ hour: 10 });
    const text = `Hi Jordan, your visit with Acme Pets is confirmed for ${tomorrow.toFormat('ccc, LLL d, h:mm a')}. Reply here with any questions.`;
    expect(jordan.actions).toEqual([expect.objectContaining({ result: 'done', wouldSend: expect.objectContaining({ from: '+14155550141', to: '+14155550162', text }) })]);
    // Jordan's virtual phone received it, from the pool number.
    const phone = (await asOwner('/provider/sandbox/phone?phoneNumber=%2B14155550162')).body.data;
    expect(JSON.stringify(phone)).toContain(text);
  });
});

describe('the alerts (API.md "What the first start shows": alerts, two critical, open; "Settings": one escalation rule)', () => {
  it('are the policy violation and Avery’s delivery failure, critical and open, and the rule "Critical alerts to owners"', async () => {
    const critical = (await asOwner('/alerts?severity=critical')).body;
    expect(critical.meta.open.critical).toBe(2);
    expect(critical.data.map((a: any) => [a.type, a.title.split(' - ')[0], a.status, a.related.clientName]).sort()).toEqual([
      ['delivery_failure', 'Delivery failure: Avery Stone', 'open', 'Avery Stone'],
      ['policy_violation', 'Policy violation: Casey Morgan', 'open', 'Casey Morgan'],
    ]);
    const rules = (await asOwner('/alerts/escalation-rules')).body.data;
    expect(rules.map((r: any) => [r.name, r.active, r.when, r.target])).toEqual([['Critical alerts to owners', true, { severity: 'critical', unresolvedMinutes: 15 }, { type: 'owners' }]]);
  });
});
