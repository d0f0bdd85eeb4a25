import type { RunningStrapi } from '../helpers/strapi';
import { startTwoNodes, type TwoNodes } from '../helpers/two-nodes';
import { adminLogin, appLogin, demo } from '../helpers/accounts';
import { connectSocket, type RecordingSocket } from '../helpers/sockets';

// Window transitions on pg-boss (issue 15 item 4): two Strapi nodes on one Postgres both run the transitions worker;
// each edge of a window (start, end) fires exactly once, and the sitter's app follows on the other node.
let nodeA: RunningStrapi;
let nodeBUrl: string;
let nodes: TwoNodes;
const sockets: RecordingSocket[] = [];
const SAM_NUMBER = '+14155550120';

beforeAll(async () => {
  nodes = await startTwoNodes();
  ({ nodeA, nodeBUrl } = nodes);
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await nodes?.stop();
});

const knex = () => nodeA.strapi.db.connection;

async function firedRows(windowId: string) {
  return knex()('assignment_window_transition').where({ window_document_id: windowId }).orderBy('edge', 'desc');
}

async function waitUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`still waiting after ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

it('a window starting a few seconds ahead fires its start and its end once across two nodes; the sitter’s app on the other node follows', async () => {
  const owner = await adminLogin(nodeA.http, demo.owner);
  const sam = (await knex()('up_users').where({ email: demo.sitter.email }).first('id')).id;
  const client = await nodeA.strapi.plugin('people').service('clients').create({ firstName: 'Edge', lastName: 'Tester', phone: '+14155557001' });
  const { conversationId } = await nodeA.strapi.plugin('messaging').service('client-threads').ensureThread({ clientId: client.id, clientPhone: client.phone, businessNumber: SAM_NUMBER });

  const samOnB = await connectSocket(nodeBUrl, await appLogin(nodeA.http, demo.sitter));
  sockets.push(samOnB);
  const starting: any[] = [];
  const off = nodeA.strapi.eventHub.on('switchboard.window_starting', async (event: any) => {
    starting.push(event);
  });

  try {
    const startsAt = new Date(Date.now() + 4_000);
    const endsAt = new Date(startsAt.getTime() + 6_000);
    const created = await nodeA.http
      .post('/assignments/windows')
      .set('Authorization', `Bearer ${owner}`)
      .send({ conversationId, sitterId: sam, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() });
    expect(created.status).toBe(201);
    const windowId = created.body.data.id;

    const updated = await samOnB.waitFor('conversation:updated', (p) => String(p.conversation.id) === String(conversationId), 60_000);
    expect(updated.conversation.title).toBe('Edge · One-time visit');
    const removed = await samOnB.waitFor('conversation:removed', (p) => String(p.conversationId) === String(conversationId), 60_000);
    expect(String(removed.conversationId)).toBe(String(conversationId));

    const rows = await waitUntil(() => firedRows(windowId), (r) => r.length >= 2);
    expect(rows.map((r: any) => r.edge)).toEqual(['start', 'end']);
    expect(new Date(rows[0].edge_at).toISOString()).toBe(startsAt.toISOString());
    expect(new Date(rows[1].edge_at).toISOString()).toBe(endsAt.toISOString());

    // window_starting is published once, by the node that fired the start.
    const firedOnA = rows[0].node === null;
    expect(starting.filter((e) => e.subject.id === windowId)).toHaveLength(firedOnA ? 1 : 0);

    // A second attempt at either edge (another node's job, a retry) finds the fired row and does nothing.
    const transitions = nodeA.strapi.plugin('assignments').service('transitions');
    expect(await transitions.fire({ windowId, edge: 'start', at: startsAt.toISOString() })).toBe(false);
    expect(await transitions.fire({ windowId, edge: 'end', at: endsAt.toISOString() })).toBe(false);
    expect(await firedRows(windowId)).toHaveLength(2);
  } finally {
    off();
  }
});
