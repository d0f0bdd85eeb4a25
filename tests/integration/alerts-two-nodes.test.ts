import { startMailbox, subjectOf } from '../helpers/mailbox';
import { startJobQueue } from '@switchboard/database';
import { adminLogin, demo } from '../helpers/accounts';
import type { RunningStrapi } from '../helpers/strapi';
import { startTwoNodes, type TwoNodes } from '../helpers/two-nodes';
import { until } from '../helpers/until';

// Issue 21 "escalates once across two nodes", with two processes: node A (this process) and node B (a child) on one
// Postgres, both configured to e-mail through an SMTP server kept here. The demo's open critical alerts are made
// 16 minutes old, so the rule "Critical alerts to owners" (15 minutes) is due. To make the two sweeps truly meet, the
// test holds the escalation history table locked while node A sweeps directly and node B's pg-boss worker runs a
// queued sweep job (node A stops taking sweep jobs); once both are waiting to write, the lock goes and they race.
// Each (alert, rule) pair escalates once: one history row, one e-mail per Owner per alert.
let mailbox: Awaited<ReturnType<typeof startMailbox>>;

let nodes: TwoNodes;
let nodeA: RunningStrapi;
const SWEEP_QUEUE = 'alerts-sweep';

beforeAll(async () => {
  mailbox = await startMailbox();
  nodes = await startTwoNodes({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(mailbox.port), EMAIL_FROM: 'alerts@acme-pets.example' });
  ({ nodeA } = nodes);
});

afterAll(async () => {
  await nodes?.stop();
  await mailbox?.close();
});

it('a sweep job on node B and a direct sweep on node A, released at the same moment, escalate each due alert once', async () => {
  const knex = nodeA.strapi.db.connection;
  const token = await adminLogin(nodeA.http, demo.owner);
  const open = (await nodeA.http.get('/alerts?severity=critical&pageSize=200').set({ Authorization: `Bearer ${token}` })).body.data as Array<{ id: string; title: string }>;
  expect(open.length).toBeGreaterThan(0);
  const owners = (await nodeA.strapi.db.query('admin::user').findMany({ where: { isActive: true, blocked: false, roles: { code: 'switchboard-owner' } }, select: ['email'] })) as Array<{ email: string }>;
  expect(owners.length).toBeGreaterThan(0);
  expect(await knex('ops_alert_escalation').count({ n: '*' })).toEqual([{ n: '0' }]);
  await knex('ops_alert').whereIn('id', open.map((a) => Number(a.id))).update({ created_at: new Date(Date.now() - 16 * 60_000) });

  // Only node B takes sweep jobs now (a sweep job run on node A would be counted here).
  const boss = await startJobQueue();
  await boss.offWork(SWEEP_QUEUE);
  const sources = nodeA.strapi.plugin('alerts').service('sources');
  const queuedSweep = sources.sweep;
  let jobsOnA = 0;
  sources.sweep = (...args: unknown[]) => {
    jobsOnA += 1;
    return queuedSweep(...args);
  };

  const lock = await knex.transaction();
  await lock.raw('LOCK TABLE ops_alert_escalation IN EXCLUSIVE MODE');
  const direct = nodeA.strapi.plugin('alerts').service('escalations').sweep() as Promise<number>;
  const jobId = await boss.send(SWEEP_QUEUE, {});
  expect(jobId).toBeTruthy();
  // Both sweeps are waiting to write their first pair, from two database sessions.
  const waiting = async () => Number((await knex.raw("SELECT count(DISTINCT pid) AS n FROM pg_locks WHERE relation = CAST('ops_alert_escalation' AS regclass) AND NOT granted")).rows[0].n);
  await until(async () => (await waiting()) >= 2);
  await lock.commit();

  const byA = await direct;
  await until(async () => (await boss.getJobById(SWEEP_QUEUE, jobId!))?.state === 'completed');
  expect(jobsOnA).toBe(0);
  sources.sweep = queuedSweep;

  // One history row per (alert, rule), whichever node wrote it; node B escalated what node A had not.
  const rows = await knex('ops_alert_escalation').select('alert_id', 'rule_name');
  expect(rows.map((r: any) => String(r.alert_id)).sort()).toEqual(open.map((a) => a.id).sort());
  expect(new Set(rows.map((r: any) => r.rule_name))).toEqual(new Set(['Critical alerts to owners']));
  expect(byA).toBeLessThanOrEqual(open.length);

  // One e-mail per Owner per alert, from both processes together.
  const expected = open.flatMap((alert) => owners.map((o) => `${o.email} · Switchboard alert: ${alert.title}`)).sort();
  await until(async () => mailbox.received.length >= expected.length);
  await new Promise((r) => setTimeout(r, 1_000));
  expect(mailbox.received.map((m) => `${m.to.join(',')} · ${subjectOf(m.raw)}`).sort()).toEqual(expected);
});
