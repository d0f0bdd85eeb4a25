import { startMailbox, subjectOf, type Mail } from '../helpers/mailbox';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, demo } from '../helpers/accounts';

// OPS §3.7 escalation by e-mail "through Strapi's e-mail plugin where configured" (issue 21 item 3): with SMTP_HOST
// set, Strapi's e-mail plugin sends through nodemailer to an SMTP server — here a real one on a free port that keeps
// what it receives. An unresolved critical alert escalated by the demo's rule "Critical alerts to owners" reaches
// every Owner once by e-mail, also when two sweeps run at once; "Test rule" names e-mail among its channels and sends
// nothing.
let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let received: Mail[];
let app: RunningStrapi;
let token: string;
const MINUTE = 60_000;

beforeAll(async () => {
  mailbox = await startMailbox();
  received = mailbox.received;
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(mailbox.port);
  process.env.EMAIL_FROM = 'alerts@acme-pets.example';
  app = await startStrapi();
  token = await adminLogin(app.http, demo.owner);
});

afterAll(async () => {
  await app?.stop();
  await mailbox?.close();
});

it('escalates each open critical alert to every Owner by e-mail, once, also with two sweeps at once; Test rule names the channel and sends nothing', async () => {
  const as = { Authorization: `Bearer ${token}` };
  const rule = (await app.http.get('/alerts/escalation-rules').set(as)).body.data.find((r: any) => r.name === 'Critical alerts to owners');
  const test = await app.http.post(`/alerts/escalation-rules/${rule.id}/test`).set(as).send({});
  expect(test.body.data.channels).toContain('email');
  expect(received).toHaveLength(0);

  const open = (await app.http.get('/alerts?severity=critical&pageSize=200').set(as)).body.data as Array<{ id: string; title: string }>;
  expect(open.length).toBeGreaterThan(0);
  const owners = (await app.strapi.db.query('admin::user').findMany({ where: { isActive: true, blocked: false, roles: { code: 'switchboard-owner' } }, select: ['email'] })) as Array<{ email: string }>;
  expect(owners.length).toBeGreaterThan(0);

  const escalations = app.strapi.plugin('alerts').service('escalations');
  const at = new Date(Date.now() + 16 * MINUTE);
  const [a, b] = await Promise.all([escalations.sweep(at), escalations.sweep(at)]);
  expect(a + b).toBe(open.length);

  // One e-mail per Owner per alert, from the configured sender, with the alert in its subject.
  const expected = open.flatMap((alert) => owners.map((o) => `${o.email} · Switchboard alert: ${alert.title}`)).sort();
  expect(received.map((m) => `${m.to.join(',')} · ${subjectOf(m.raw)}`).sort()).toEqual(expected);
  expect(new Set(received.map((m) => m.from))).toEqual(new Set(['alerts@acme-pets.example']));
  expect(received[0].raw).toMatch(/Escalated to .* by "Critical alerts to owners"/);

  // A later sweep sends nothing more.
  expect(await escalations.sweep(new Date(Date.now() + 20 * MINUTE))).toBe(0);
  expect(received).toHaveLength(expected.length);
});
