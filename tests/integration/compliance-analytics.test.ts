// Issue 19 item 5 on a real Strapi: a fixture of client messages with known times (March 2025, the organisation in
// America/Los_Angeles) gives exact response times (average, p50, p90), SLA compliance (15 minutes), by sitter, by
// thread and by day; volume per day, by number class and thread, and peak hours; the filters combine; each chart
// exports to CSV; bad queries get their sentence; a Messaging Admin reads and exports.
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';
import { SNOWFLAKE_EPOCH_MS } from '../../plugins/messaging/server/src/domain/snowflake';

let app: RunningStrapi;
const tokens: Record<string, string> = {};
const as = (who: 'owner' | 'admin') => ({ Authorization: `Bearer ${tokens[who]}` });
const knex = () => app.strapi.db.connection;
let samId: number;
let threadA: string;
let threadB: string;
let sequence = 0;

async function threadFor(firstName: string, phone: string): Promise<string> {
  const client = await app.http.post('/people/clients').set(as('owner')).send({ firstName, lastName: 'Fixture', phone });
  expect(client.status).toBe(201);
  const thread = await app.http.post('/messaging/conversations').set(as('owner')).send({ kind: 'client', clientId: client.body.data.id });
  expect([200, 201]).toContain(thread.status);
  return thread.body.data.id;
}

/** One message at a known time, in the shape the message store writes. */
async function message(conversationId: string, at: string, routeType: string, sender: { key: string; role: string }, state = 'sent') {
  const ms = Date.parse(at);
  sequence += 1;
  const orderingKey = ((BigInt(ms - SNOWFLAKE_EPOCH_MS) << 22n) | (999n << 12n) | BigInt(sequence)).toString();
  await knex()('message').insert({
    ordering_key: orderingKey,
    conversation_id: Number(conversationId),
    route_type: routeType,
    state,
    sender_key: sender.key,
    sender_role: sender.role,
    sender_display_name: 'Fixture',
    effective_role: sender.role,
    body_html: '<p>fixture</p>',
    body_text: 'fixture',
    visible_to_business: false,
    created_at: new Date(ms),
    updated_at: new Date(ms),
  });
}

const range = 'from=2025-03-10T00:00:00Z&to=2025-03-12T12:00:00Z';

beforeAll(async () => {
  app = await startStrapi();
  tokens.owner = await adminLogin(app.http, demo.owner);
  tokens.admin = await adminLogin(app.http, demo.admin);
  samId = (await knex()('up_users').where({ email: demo.sitter.email }).first('id')).id;
  threadA = await threadFor('Ana', '+14155550301');
  threadB = await threadFor('Ben', '+14155550302');
  const client = { key: 'client:x', role: 'client' };
  const staff = { key: 'staff:1', role: 'staff' };
  const sam = { key: `user:${samId}`, role: 'sitter' };
  // Thread A: answered by staff in 5 minutes; a question of two texts answered by Sam 20 minutes after the first.
  await message(threadA, '2025-03-10T16:00:00Z', 'CLIENT_INBOUND', client, 'received');
  await message(threadA, '2025-03-10T16:05:00Z', 'STAFF_TO_CLIENT', staff);
  await message(threadA, '2025-03-10T17:00:00Z', 'CLIENT_INBOUND', client, 'received');
  await message(threadA, '2025-03-10T17:02:00Z', 'CLIENT_INBOUND', client, 'received');
  await message(threadA, '2025-03-10T17:20:00Z', 'SITTER_TO_CLIENT', sam);
  // Thread B: Sam in a minute; a blocked reply is no reply, staff answer after 30 minutes; a last text never answered.
  await message(threadB, '2025-03-10T18:00:00Z', 'CLIENT_INBOUND', client, 'received');
  await message(threadB, '2025-03-10T18:01:00Z', 'SITTER_TO_CLIENT', sam);
  await message(threadB, '2025-03-11T16:00:00Z', 'CLIENT_INBOUND', client, 'received');
  await message(threadB, '2025-03-11T16:01:00Z', 'SITTER_TO_CLIENT', sam, 'blocked');
  await message(threadB, '2025-03-11T16:30:00Z', 'STAFF_TO_CLIENT', staff);
  await message(threadB, '2025-03-11T20:00:00Z', 'CLIENT_INBOUND', client, 'received');
});

afterAll(async () => {
  await app?.stop();
});

describe('response times', () => {
  it('gives the exact average, percentiles and SLA compliance, by sitter, by thread and by day', async () => {
    const res = await app.http.get(`/compliance/analytics/response-times?${range}`).set(as('owner'));
    expect(res.status).toBe(200);
    const d = res.body.data;
    // Answers: 300, 1200, 60, 1800 seconds; one question unanswered. SLA 15 minutes: 2 of 5 met.
    expect(d).toMatchObject({ slaMinutes: 15, questions: 5, answered: 4, averageSeconds: 840, p50Seconds: 750, p90Seconds: 1620, slaCompliancePercent: 40 });
    expect(d.bySitter.map((s: any) => [s.displayName, s.averageSeconds, s.answered, s.slaCompliancePercent])).toEqual([
      ['Staff', 1050, 2, 50],
      ['Sam Sitter', 630, 2, 50],
    ]);
    expect(d.byThread.map((t: any) => [t.conversationId, t.label, t.averageSeconds, t.questions, t.slaCompliancePercent])).toEqual([
      [threadB, 'Ben Fixture', 930, 3, 33.3],
      [threadA, 'Ana Fixture', 750, 2, 50],
    ]);
    // Days in Los Angeles: the 10th (9, 10 and 11 AM) and the 11th.
    expect(d.trend.map((t: any) => [t.day, t.averageSeconds, t.questions, t.slaCompliancePercent])).toEqual([
      ['2025-03-10', 520, 3, 66.7],
      ['2025-03-11', 1800, 2, 0],
    ]);
  });

  it('combines the sitter, thread and date filters', async () => {
    const both = (await app.http.get(`/compliance/analytics/response-times?${range}&sitterId=${samId}&conversationId=${threadB}`).set(as('owner'))).body.data;
    expect([both.questions, both.averageSeconds, both.slaCompliancePercent]).toEqual([1, 60, 100]);
    const oneDay = (await app.http.get(`/compliance/analytics/response-times?from=2025-03-11T07:00:00Z&to=2025-03-12T07:00:00Z`).set(as('owner'))).body.data;
    expect([oneDay.questions, oneDay.answered, oneDay.averageSeconds]).toEqual([2, 1, 1800]);
    const none = (await app.http.get('/compliance/analytics/response-times?from=2024-01-01T00:00:00Z&to=2024-02-01T00:00:00Z').set(as('owner'))).body.data;
    expect([none.questions, none.averageSeconds, none.slaCompliancePercent, none.bySitter]).toEqual([0, null, null, []]);
  });
});

describe('volume', () => {
  it('counts messages per day, by number class and by thread, and the peak hours, in the organisation’s zone', async () => {
    const res = await app.http.get(`/compliance/analytics/volume?${range}`).set(as('owner'));
    expect(res.status).toBe(200);
    const d = res.body.data;
    expect(d.series).toEqual([
      { bucket: '2025-03-10', messages: 7 },
      { bucket: '2025-03-11', messages: 4 },
    ]);
    expect(d.byNumberClass).toEqual([{ numberClass: 'front_desk', messages: 11 }]);
    expect(d.byThread.map((t: any) => [t.conversationId, t.label, t.messages])).toEqual([
      [threadB, 'Ben Fixture', 6],
      [threadA, 'Ana Fixture', 5],
    ]);
    // ISO weekdays: Monday 1. 9 AM Monday 2, 10 AM Monday 3, 11 AM Monday 2, 9 AM Tuesday 3, 1 PM Tuesday 1.
    expect([...d.peakHours].sort((a: any, b: any) => a.dayOfWeek - b.dayOfWeek || a.hour - b.hour)).toEqual([
      { dayOfWeek: 1, hour: 9, messages: 2 },
      { dayOfWeek: 1, hour: 10, messages: 3 },
      { dayOfWeek: 1, hour: 11, messages: 2 },
      { dayOfWeek: 2, hour: 9, messages: 3 },
      { dayOfWeek: 2, hour: 13, messages: 1 },
    ]);
    const monthly = (await app.http.get(`/compliance/analytics/volume?${range}&bucket=month&conversationId=${threadA}`).set(as('owner'))).body.data;
    expect(monthly.series).toEqual([{ bucket: '2025-03-01', messages: 5 }]);
  });
});

describe('exports and refusals', () => {
  it('exports each chart’s data as CSV, for an Owner and a Messaging Admin', async () => {
    const trend = await app.http.get(`/compliance/analytics/export.csv?${range}&chart=response-trend`).set(as('admin'));
    expect(trend.status).toBe(200);
    expect(trend.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(trend.text.trim().split('\r\n')).toEqual(['day,questions,answered,average seconds,p50 seconds,p90 seconds,SLA compliance %', '2025-03-10,3,3,520,300,1020,66.7', '2025-03-11,2,1,1800,1800,1800,0']);
    const peaks = await app.http.get(`/compliance/analytics/export.csv?${range}&chart=peak-hours`).set(as('owner'));
    expect(peaks.text.trim().split('\r\n')[0]).toBe('day,hour,messages');
    expect(peaks.text).toContain('Monday,10:00,3');
  });

  it.each([
    ['', 'from is required: a date and time, like 2027-01-19T00:00:00Z.'],
    ['from=2025-03-10T00:00:00Z&to=2025-03-01T00:00:00Z', 'to must be after from.'],
    ['from=2024-01-01T00:00:00Z&to=2025-03-01T00:00:00Z', 'A range is at most 366 days. Narrow the dates.'],
    [`${range}&sitterId=abc`, 'sitterId must be a whole number.'],
    [`${range}&sitterId=999999`, 'sitterId must be the id of a sitter, as GET /people/sitters lists it.'],
    [`${range}&group=x`, 'Unknown query parameter: group.'],
  ])('refuses response-times?%s with a sentence', async (query, sentence) => {
    const res = await app.http.get(`/compliance/analytics/response-times?${query}`).set(as('owner'));
    expect([res.status, res.body.error?.message]).toEqual([400, sentence]);
  });

  it('refuses an unknown bucket or chart, and app users', async () => {
    const bucket = await app.http.get(`/compliance/analytics/volume?${range}&bucket=year`).set(as('owner'));
    expect([bucket.status, bucket.body.error.message]).toEqual([400, 'bucket must be day, week or month.']);
    const chart = await app.http.get(`/compliance/analytics/export.csv?${range}&chart=pie`).set(as('owner'));
    expect(chart.status).toBe(400);
    const sitter = await appLogin(app.http, demo.sitter);
    expect((await app.http.get(`/compliance/analytics/volume?${range}`).set({ Authorization: `Bearer ${sitter}` })).status).toBe(401);
  });
});
