// Issue 17 items 3, 4 and 6 on a real Strapi: an override's end is a pg-boss job that expires it once; the history's
// filters; "replay with current rules"; and the 7-day forecast with its gaps (Jordan's thread: Sky's window tomorrow
// 10:00–12:00 in the organisation's zone, nothing else).
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, demo } from '../helpers/accounts';

let app: RunningStrapi;
let owner: string;
const as = () => ({ Authorization: `Bearer ${owner}` });
const knex = () => app.strapi.db.connection;
const HOUR_MS = 3600_000;

const threadOf = async (clientPhone: string) => Number((await knex()('conversation').where({ kind: 'client', client_phone: clientPhone }).orderBy('id').first('id')).id);

beforeAll(async () => {
  app = await startStrapi();
  owner = await adminLogin(app.http, demo.owner);
});

afterAll(async () => {
  await app?.stop();
});

it('expires an override through its pg-boss job, once, when its end comes', async () => {
  const casey = await threadOf('+14155550161');
  const created = await app.http.post('/routing/overrides').set(as()).send({ conversationId: casey, target: { type: 'owner_inbox' }, duration: '1h', reason: 'Job test' });
  expect(created.status).toBe(201);
  const id = created.body.data.id;
  // The job is sent once the override has committed: wait for it.
  const jobOf = () => knex()('pgboss.job').where({ name: 'routing-override-expiry', singleton_key: id }).first('id', 'start_after');
  let job = await jobOf();
  for (let waited = 0; !job && waited < 10_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    job = await jobOf();
  }
  expect(Math.abs(new Date(job.start_after).getTime() - new Date(created.body.data.endsAt).getTime())).toBeLessThan(1000);

  // The hour passes: the override's end and its job's start are moved to now; the worker (polling every second) expires it.
  await knex()('routing_override').where({ document_id: id }).update({ ends_at: new Date(Date.now() - 1000) });
  await knex()('pgboss.job').where({ id: job.id }).update({ start_after: new Date(Date.now() - 1000) });
  const deadline = Date.now() + 20_000;
  let status = 'active';
  while (status === 'active' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    status = (await knex()('routing_override').where({ document_id: id }).first('status')).status;
  }
  expect(status).toBe('expired');
  expect(await knex()('audit_event').where({ action: 'routing.override_expire', entity_id: id }).count({ n: '*' })).toEqual([{ n: '1' }]);
  const removed = await app.http.delete(`/routing/overrides/${id}`).set(as());
  expect([removed.status, removed.body.error.message]).toEqual([409, 'Override expired. Routing returned to normal rules.']);
});

it('filters the history by result and time, and replays a decision with today’s rules', async () => {
  const all = (await app.http.get('/routing/history').set(as())).body.data;
  const toSitter = (await app.http.get('/routing/history?result=sitter').set(as())).body.data;
  const toInbox = (await app.http.get('/routing/history?result=owner_inbox').set(as())).body.data;
  expect(toSitter.length).toBeGreaterThan(0);
  expect(toInbox.length).toBeGreaterThan(0);
  expect(toSitter.every((d: any) => d.target.type === 'sitter')).toBe(true);
  expect(toInbox.every((d: any) => d.target.type === 'owner_inbox')).toBe(true);
  expect(toSitter.length + toInbox.length).toBe(all.length);
  const future = await app.http.get(`/routing/history?from=${new Date(Date.now() + HOUR_MS).toISOString()}`).set(as());
  expect(future.body.data).toEqual([]);
  const reversed = await app.http.get(`/routing/history?from=${new Date().toISOString()}&to=${new Date(Date.now() - HOUR_MS).toISOString()}`).set(as());
  expect([reversed.status, reversed.body.error.message]).toEqual([400, 'to must be after from.']);

  const decision = toSitter[0];
  const replay = await app.http.post(`/routing/decisions/${decision.id}/replay`).set(as()).send({});
  expect(replay.status).toBe(200);
  expect(replay.body.data).toMatchObject({ differs: false, summary: `Today's rules route it the same way: to ${decision.target.label}.`, replay: { matchedRule: decision.matchedRule } });
  expect((await app.http.post('/routing/decisions/99999999/replay').set(as()).send({})).status).toBe(404);
});

it('forecasts the next 7 days hour by hour: Sky receives Jordan’s texts only in tomorrow’s window, the rest are gaps', async () => {
  const jordan = await threadOf('+14155550162');
  const res = await app.http.get(`/routing/forecast?conversationId=${jordan}`).set(as());
  expect(res.status).toBe(200);
  const { hours, gaps, timeZone } = res.body.data;
  expect(timeZone).toBe('America/Los_Angeles');
  expect(hours).toHaveLength(7 * 24);
  const toSky = hours.filter((h: any) => h.target.type === 'sitter');
  expect(toSky.map((h: any) => h.target.label)).toEqual(['Sky Sitter', 'Sky Sitter']);
  const local = (iso: string) => new Date(iso).toLocaleString('en-US', { timeZone: 'America/Los_Angeles', hour: 'numeric', hour12: false });
  expect(toSky.map((h: any) => local(h.at))).toEqual(['10', '11']);
  // Everything else is a gap: before the window and after it.
  expect(gaps).toHaveLength(2);
  expect(gaps[0].to).toBe(toSky[0].at);
  expect(gaps[1].from).toBe(new Date(new Date(toSky[1].at).getTime() + HOUR_MS).toISOString());
});
