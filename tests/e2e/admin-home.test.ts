import type { Browser } from 'playwright-core';
import { DateTime } from 'luxon';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, demo } from '../helpers/accounts';
import { adminSignIn, launchBrowser } from '../helpers/browser';
import { expectAccessible } from '../helpers/axe';

// The admin panel's home is Switchboard's (issue 23 item 3) in Chromium at 1440×900, on the demo organisation: the
// five widgets with the demo's figures (read here from the same routes the widgets call, not typed in), none of
// Strapi's guided tour, content widgets or promotional banner, and a tab title that says Switchboard. A Messaging
// Admin sees the widgets their permissions allow.
let app: RunningStrapi;
let browser: Browser;
const DESKTOP = { width: 1440, height: 900 };
const STRAPI_PROMOTIONS = [/Discover your application/, /Create your schema/, /Deploy your application to Strapi Cloud/, /Introducing the new Media Library/, /Last edited entries/i];

beforeAll(async () => {
  app = await startStrapi();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('the Owner’s home shows setup, alerts, unread conversations, number health and today’s windows with the demo’s figures, and nothing of Strapi’s tour or banners', async () => {
  const token = await adminLogin(app.http, demo.owner);
  const get = async (path: string) => (await app.http.get(path).set({ Authorization: `Bearer ${token}` })).body;
  const open = (await get('/alerts?pageSize=1')).meta.open;
  const unread = (await get('/messaging/unread')).data;
  const numbers = (await get('/numbers')).data as Array<{ status: string; health: string }>;
  const day = DateTime.now().setZone('America/Los_Angeles').startOf('day');
  const windows = (await get(`/assignments/windows?from=${encodeURIComponent(day.toUTC().toISO()!)}&to=${encodeURIComponent(day.plus({ days: 1 }).toUTC().toISO()!)}`)).meta.pagination.total;
  expect(unread.total).toBeGreaterThan(0);
  expect(windows).toBeGreaterThan(0);

  const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  await adminSignIn(page, app.baseUrl, demo.owner);
  const main = page.getByRole('main');
  await main.getByText('Running on the sandbox').waitFor();
  await main.getByRole('link', { name: 'Continue setup' }).waitFor();

  const alerts = main.getByRole('list', { name: 'Open alerts by severity' });
  for (const [label, value] of [['Critical', open.critical], ['Warning', open.warning], ['Info', open.info]]) await alerts.getByRole('link', { name: `${value} ${label}` }).waitFor();

  await main.getByText(`${unread.total} unread messages`).waitFor();
  const byKind = main.getByRole('list', { name: 'Unread by kind' });
  await byKind.getByText(`: ${unread.byKind.client.messages} unread in ${unread.byKind.client.conversations} conversation`).waitFor();

  const health = main.getByRole('list', { name: 'Number health' });
  const active = numbers.filter((n) => n.status === 'active');
  for (const [label, value] of [['Healthy', active.filter((n) => n.health === 'healthy').length], ['Warning', active.filter((n) => n.health === 'warning').length], ['Critical', active.filter((n) => n.health === 'critical').length], ['Quarantined', numbers.filter((n) => n.status === 'quarantined').length]] as const) {
    expect(await health.getByRole('listitem').filter({ hasText: label }).innerText()).toBe(`${value}\n${label}`);
  }

  await main.getByText(`${windows} window${windows === 1 ? '' : 's'} today`).waitFor();
  expect(await main.getByRole('list', { name: "Today's windows" }).getByRole('listitem').count()).toBe(Math.min(windows, 6));

  const text = await page.locator('body').innerText();
  for (const promotion of STRAPI_PROMOTIONS) expect(text).not.toMatch(promotion);
  expect(await page.title()).toMatch(/Switchboard$/);
  await expectAccessible(page, 'the admin home', 'main');

  // A widget's link leads to its page.
  await main.getByRole('link', { name: 'Continue setup' }).click();
  await page.getByRole('heading', { name: 'Step 1 of 7: Connect provider' }).waitFor();
  expect(await page.title()).toMatch(/^(\(\d+\) )?Setup \| Switchboard$/);
}, 180_000);

it('a Messaging Admin sees the widgets their permissions allow', async () => {
  const role = await app.strapi.service('admin::role').findOne({ code: 'switchboard-messaging-admin' });
  const held = new Set(((await app.strapi.db.query('admin::permission').findMany({ where: { role: role.id }, select: ['action'] })) as Array<{ action: string }>).map((p) => p.action));
  const widgets = [
    ['plugin::setup.read', 'Setup'],
    ['plugin::alerts.read', 'Open alerts'],
    ['plugin::messaging.read', 'Unread conversations'],
    ['plugin::numbers.read', 'Number health'],
    ['plugin::assignments.read', "Today's assignment windows"],
  ] as const;
  expect(held.has('plugin::messaging.read')).toBe(true);
  const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  await adminSignIn(page, app.baseUrl, demo.admin);
  const main = page.getByRole('main');
  await main.getByText(/unread message|All caught up/).first().waitFor();
  await page.waitForLoadState('networkidle');
  for (const [action, title] of widgets) {
    expect([title, await main.getByRole('heading', { name: title, exact: true }).count()]).toEqual([title, held.has(action) ? 1 : 0]);
  }
}, 120_000);
