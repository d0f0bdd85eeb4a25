import type { Browser } from 'playwright-core';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, demo } from '../helpers/accounts';
import { adminSignIn, keepScreenshot, launchBrowser } from '../helpers/browser';

// The Owner pages as an Owner uses them (issue 13 item 16): a quarantined number serves nobody, and granting
// what someone already has says so instead of pretending something changed.
let app: RunningStrapi;
let browser: Browser;
let ownerToken: string;

beforeAll(async () => {
  app = await startStrapi();
  browser = await launchBrowser();
  ownerToken = await adminLogin(app.http, demo.owner);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('shows a quarantined number as serving nobody, not as its class', async () => {
  const list = await app.http.get('/numbers').set('Authorization', `Bearer ${ownerToken}`);
  expect(list.status).toBe(200);
  const pool = list.body.data.find((n: any) => n.numberClass !== 'front_desk' && n.status === 'active' && n.actions.quarantine);
  expect(pool).toBeDefined();
  const quarantined = await app.http.post(`/numbers/${pool.id}/quarantine`).set('Authorization', `Bearer ${ownerToken}`).send({ reason: 'manual_review' });
  expect(quarantined.status).toBe(200);

  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await adminSignIn(page, app.baseUrl, demo.owner);
  await page.goto(`${app.baseUrl}/admin/plugins/numbers`);
  const row = page.getByRole('row', { name: pool.display });
  await row.getByText('Quarantined', { exact: true }).waitFor();
  await row.getByText('Nobody (cooling down)').waitFor();
  expect(await row.getByText(/^Pool \(unassigned\)$|^Front Desk$/).count()).toBe(0);
  await row.getByRole('button', { name: 'View details' }).click();
  await page.getByRole('dialog').getByText(/^(Pool|Sitter) · Quarantined · Nobody \(cooling down\)$/).waitFor();
  await keepScreenshot(page, 'owner-pages-quarantined-number');
  await page.close();
});

it('says an admin "already has" a grant instead of granting it twice', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await adminSignIn(page, app.baseUrl, demo.owner);
  await page.goto(`${app.baseUrl}/admin/settings/messaging/masquerade-grants`);
  await page.getByRole('row').filter({ hasText: 'admin@demo.test' }).filter({ hasText: 'Acme Pets' }).waitFor();
  await page.getByRole('combobox', { name: 'Admin' }).click();
  await page.getByRole('option', { name: /admin@demo\.test/ }).click();
  await page.getByRole('combobox', { name: 'May reply as' }).click();
  await page.getByRole('option', { name: 'Acme Pets' }).click();
  await page.getByRole('button', { name: 'Grant', exact: true }).click();
  await page.getByText('Adam Admin already has a grant to reply to VAs as Acme Pets; nothing changed.').waitFor();
  expect(await page.getByRole('alertdialog').count()).toBe(0);
  expect(await page.getByRole('row').filter({ hasText: 'admin@demo.test' }).count()).toBe(1);
  const audit = await app.http.get('/messaging/audit?pageSize=20').set('Authorization', `Bearer ${ownerToken}`);
  expect(audit.body.data.filter((e: any) => e.action === 'masquerade.grant' && e.actor.displayName === 'Olivia Owner')).toHaveLength(0);
  await keepScreenshot(page, 'owner-pages-grant-already');
  await page.close();
});
