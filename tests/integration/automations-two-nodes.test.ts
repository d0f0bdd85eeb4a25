import request from 'supertest';
import type { RunningStrapi } from '../helpers/strapi';
import { startTwoNodes, type TwoNodes } from '../helpers/two-nodes';
import { until } from '../helpers/until';

// Issue 20 "a booking created through the REST API triggers the active automation once (also with two nodes)": two
// Strapi nodes on one Postgres, each running the automations queue's workers. A booking written through node B's
// REST API sets off the demo's active "Booking confirmation" once: one execution, one SMS, whichever node's worker
// runs it — also when node A hears the same trigger at the same moment.
let nodeA: RunningStrapi;
let nodes: TwoNodes;

beforeAll(async () => {
  nodes = await startTwoNodes();
  ({ nodeA } = nodes);
});

afterAll(async () => {
  await nodes?.stop();
});

it('a REST booking on node B runs Booking confirmation exactly once across both nodes', async () => {
  const knex = nodeA.strapi.db.connection;
  const actions = ['create', 'find'].map((a) => `plugin::assignments.booking.${a}`);
  const token = (await nodeA.strapi.service('admin::api-token').create({ name: 'two nodes', description: 'automations two nodes', type: 'custom', lifespan: null, permissions: actions })).accessKey;
  const client = await nodeA.strapi.plugin('people').service('clients').create({ firstName: 'Twin', lastName: 'Nodes', phone: '+14155557001' });
  const confirmation = await knex('automation_definition').where({ name: 'Booking confirmation', status: 'active' }).first('document_id');

  const res = await request(nodes.nodeBUrl)
    .post('/api/assignments/bookings')
    .set({ Authorization: `Bearer ${token}` })
    .send({ data: { kind: 'one_time', client: client.id, startsAt: new Date(Date.now() + 30 * 3_600_000).toISOString(), endsAt: new Date(Date.now() + 32 * 3_600_000).toISOString() } });
  expect(res.status).toBe(201);
  const booking = res.body.data;
  // Node A hears the same trigger at once (as a repeated event would arrive): still one run.
  await nodeA.strapi.plugin('automations').service('runner').enqueue(
    { type: 'booking.created', subject: { type: 'booking', id: booking.documentId }, at: new Date().toISOString(), data: { bookingId: booking.documentId } },
    `booking:${booking.documentId}:created`,
  );

  const runs = () => knex('automation_execution').where({ automation_id: confirmation.document_id, subject_id: booking.documentId, mode: 'live' });
  await until(async () => (await runs()).some((r: any) => r.status === 'success'));
  // Both workers have had time to pick up any second job.
  await new Promise((r) => setTimeout(r, 1_500));
  expect((await runs()).map((r: any) => r.status)).toEqual(['success']);
  const sent = await knex('message').where({ conversation_id: Number(booking.conversationId), route_type: 'AUTOMATION_TO_CLIENT' });
  expect(sent).toHaveLength(1);
  expect(sent[0].body_text).toMatch(/^Hi Twin, your visit with Acme Pets is confirmed for /);
  await until(async () => Number((await knex('sandbox_phone_message').where({ phone_number: '+14155557001' }).count({ n: '*' }))[0].n) === 1);
});
