import { randomUUID } from 'node:crypto';
import { systemClock } from '@switchboard/config';
import type { ClientsService } from '@switchboard/people';
import type { SitterAccessService } from '@switchboard/messaging';
import type { RunningStrapi } from '../helpers/strapi';
import { startTwoNodes, type TwoNodes } from '../helpers/two-nodes';
import { adminLogin, appLogin, demo } from '../helpers/accounts';
import { connectSocket, type RecordingSocket } from '../helpers/sockets';

// Issue 15 across nodes (REALTIME_ADAPTER=postgres): a sitter connected to node B hears a client thread's messages
// published on node A, and windowStarted / windowEnded called on node A reach (and take him out of the room) on B.
let nodeA: RunningStrapi;
let nodeBUrl: string;
let nodes: TwoNodes;
const sockets: RecordingSocket[] = [];
const realNow = systemClock.now;
const ZONE = 'America/Los_Angeles';
const SAM_MASKED = '+14155550120';
const ROBIN = '+14155550195';

beforeAll(async () => {
  nodes = await startTwoNodes();
  ({ nodeA, nodeBUrl } = nodes);
});

afterAll(async () => {
  systemClock.now = realNow;
  for (const s of sockets) s.close();
  await nodes?.stop();
});

it('a sitter on node B hears the thread, its messages and the end of his window from node A', async () => {
  const samToken = await appLogin(nodeA.http, demo.sitter);
  const ownerToken = await adminLogin(nodeA.http, demo.owner);
  const owner = { Authorization: `Bearer ${ownerToken}` };
  const sam = Number((await nodeA.strapi.db.connection('up_users').where({ email: demo.sitter.email }).first('id')).id);
  const sitterAccess = nodeA.strapi.plugin('messaging').service('sitter-access') as SitterAccessService;

  // A weekly client of Sam's, all day every day from yesterday (in the organisation's zone): active now on both nodes.
  const until = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(Date.now() + 3 * 86_400_000));
  const client = await (nodeA.strapi.plugin('people').service('clients') as ClientsService).create({ firstName: 'Robin', lastName: 'Hale', phone: ROBIN } as any);
  const booking: any = await nodeA.strapi.documents('plugin::assignments.booking' as any).create({
    data: {
      kind: 'weekly',
      client: client.id,
      sitterId: sam,
      startsAt: new Date(Date.now() - 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 4 * 86_400_000).toISOString(),
      recurrence: { daysOfWeek: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], startTime: '00:00', endTime: '24:00', until },
    } as any,
  });
  const thread = String(booking.conversationId);

  const samOnB = await connectSocket(nodeBUrl, samToken);
  sockets.push(samOnB);

  await sitterAccess.windowStarted({ sitterUserId: sam, conversationId: Number(thread) });
  const started = await samOnB.waitFor('conversation:updated', (p) => p.conversation.id === thread);
  expect(started.conversation).toMatchObject({ title: 'Robin · Weekly visits', client: { displayName: 'Robin · Weekly visits' } });

  const sms = await nodeA.http.post('/provider/sandbox/phone/reply').set(owner).send({ from: ROBIN, to: SAM_MASKED, body: 'Leaving the key under the mat' });
  expect(sms.status).toBe(202);
  const live = await samOnB.waitFor('message:new', (p) => p.message.bodyText === 'Leaving the key under the mat');
  expect(live.message).toMatchObject({ conversationId: thread, sender: { displayName: 'Robin · Weekly visits', role: 'client' } });
  expect(JSON.stringify(samOnB.events)).not.toContain(ROBIN.slice(2));

  expect(await samOnB.ack('conversation:join', { conversationId: thread })).toEqual({ ok: true });
  // Node A's clock a month on: its port says Sam's window there is over.
  systemClock.now = () => new Date(Date.now() + 30 * 86_400_000);
  await sitterAccess.windowEnded({ sitterUserId: sam, conversationId: Number(thread) });
  expect(await samOnB.waitFor('conversation:removed', (p) => p.conversationId === thread)).toEqual({ conversationId: thread });
  systemClock.now = realNow;

  // Out of the thread's room on node B: staff typing there (from node A) no longer reaches him; a later staff message
  // in his Admin team thread shows everything before it has arrived.
  await nodeA.http.post(`/messaging/conversations/${thread}/typing`).set(owner).send({ typing: true });
  const adminTeam = await nodeA.http.post('/messaging/conversations').set(owner).send({ kind: 'admin_sitter', sitterUserId: sam });
  const barrier = await nodeA.http
    .post(`/messaging/conversations/${adminTeam.body.data.id}/messages`)
    .set(owner)
    .send({ idempotencyKey: randomUUID(), routeType: 'ADMIN_TO_SITTER_PRIVATE', bodyHtml: '<p>barrier</p>' });
  expect(barrier.status).toBe(201);
  await samOnB.waitFor('message:new', (p) => p.message.id === barrier.body.data.id);
  expect(samOnB.events.filter((e) => e.event === 'typing' && e.payload.conversationId === thread)).toEqual([]);
});
