import type { Browser, Page } from 'playwright-core';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, demo } from '../helpers/accounts';
import { adminSignIn, keepScreenshot, launchBrowser } from '../helpers/browser';

// The Number Inventory page in the real admin panel, in Chromium, on the sandbox provider.
let app: RunningStrapi;
let browser: Browser;

beforeAll(async () => {
  app = await startStrapi();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const row = (page: Page, display: string) => page.getByRole('row', { name: display });

it('lets an Owner buy a number, assign it to a sitter, quarantine it and see the cooldown', async () => {
  // Arrange: Sky Sitter holds no active number, so the bought one can become theirs.
  const token = await adminLogin(app.http, demo.owner);
  const knex = app.strapi.db.connection;
  const sky = (await knex('up_users').where({ email: demo.sitter2.email }).first('id')).id;
  for (const held of await knex('phone_number').where({ sitter_user_id: sky, status: 'active' }).select('id')) {
    expect((await app.http.post(`/numbers/${held.id}/release`).set('Authorization', `Bearer ${token}`)).status).toBe(200);
  }

  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await adminSignIn(page, app.baseUrl, demo.owner);
  await page.goto(`${app.baseUrl}/admin/plugins/numbers`);
  await page.getByRole('heading', { name: 'Number Inventory' }).waitFor();
  await row(page, '+1 (415) 555-0100').waitFor();
  await keepScreenshot(page, 'number-inventory');

  // Buy: class, area code, the offer with its cost, confirm.
  await page.getByRole('button', { name: 'Buy New Number' }).click();
  await page.getByLabel('Area code').fill('707');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('radio', { name: /^\+1 \(707\) 555-0100 · Sandbox · \$0\.00 per month$/ }).click();
  await page.getByText('Buy +1 (707) 555-0100 as a Pool number for $0.00 per month?').waitFor();
  await page.getByRole('button', { name: 'Buy number' }).click();
  await page.getByText('+1 (707) 555-0100 bought as a Pool number; it is in the inventory.').waitFor();
  const bought = row(page, '+1 (707) 555-0100');
  await bought.waitFor();

  // Assign to Sky Sitter, with the preview's sentence before confirming.
  await bought.getByRole('button', { name: 'Assign' }).click();
  await page.getByRole('combobox', { name: 'Sitter' }).click();
  await page.getByRole('option', { name: 'Sky Sitter' }).click();
  await page.getByText('Assign +1 (707) 555-0100 to Sky Sitter? This will deactivate current assignment if exists.').waitFor();
  await page.getByRole('dialog').getByRole('button', { name: 'Assign to sitter' }).click();
  await page.getByText('+1 (707) 555-0100 assigned to Sky Sitter.').waitFor();
  await bought.getByText('Sky Sitter', { exact: true }).waitFor();

  // Quarantine with a reason; the impact preview first, then the cooldown in the table.
  await bought.getByRole('button', { name: 'Quarantine' }).click();
  await page.getByRole('combobox', { name: 'Reason' }).click();
  await page.getByRole('option', { name: 'Manual review' }).click();
  await page.getByText('Quarantine +1 (707) 555-0100? This will: touch no active threads; end its sitter assignment. Number will be unavailable for 90 days.').waitFor();
  await keepScreenshot(page, 'number-inventory-quarantine-preview');
  await page.getByRole('dialog').getByRole('button', { name: 'Quarantine' }).click();
  await page.getByText('Number +1 (707) 555-0100 quarantined. 0 threads reassigned. Available in 90 days.').waitFor();
  await bought.getByText('Quarantined').waitFor();
  await bought.getByText('Available in 90 days').waitFor();

  // The detail panel shows the cooldown and the history.
  await bought.getByRole('button', { name: 'View details' }).click();
  await page.getByText(/Quarantined for manual review\. Available in 90 days, on /).waitFor();
  await page.getByText(/^Assigned to Sky Sitter · .* \(quarantined\)$/).waitFor();
  await keepScreenshot(page, 'number-inventory-detail');

  const stored = await knex('phone_number').where({ e_164: '+17075550100' }).first();
  expect(stored).toMatchObject({ status: 'quarantined', quarantine_reason: 'manual_review', sitter_user_id: null });
});

it('shows a Messaging Admin neither Buy nor Quarantine, and the API refuses both', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await adminSignIn(page, app.baseUrl, demo.admin2);
  await page.goto(`${app.baseUrl}/admin/plugins/numbers`);
  await page.getByRole('heading', { name: 'Number Inventory' }).waitFor();
  const pool = row(page, '+1 (415) 555-0140');
  await pool.waitFor();
  await pool.getByRole('button', { name: 'View details' }).waitFor();
  // What a Messaging Admin may do is offered (so the page knows its rights) ...
  await pool.getByRole('button', { name: 'Assign' }).waitFor();
  // ... and nothing more.
  expect(await page.getByRole('button', { name: 'Buy New Number' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Quarantine' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Export CSV' }).count()).toBe(0);
  expect(await page.getByRole('checkbox', { name: 'Select every number' }).count()).toBe(0);

  const token = await adminLogin(app.http, demo.admin2);
  const id = (await app.strapi.db.connection('phone_number').where({ e_164: '+14155550140' }).first('id')).id;
  const buy = await app.http.post('/numbers/buy').set('Authorization', `Bearer ${token}`).send({ e164: '+17075550101', numberClass: 'pool' });
  expect(buy.status).toBe(403);
  const quarantine = await app.http.post(`/numbers/${id}/quarantine`).set('Authorization', `Bearer ${token}`).send({ reason: 'manual_review' });
  expect(quarantine.status).toBe(403);
});
