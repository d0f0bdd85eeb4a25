import type { Browser, Page } from 'playwright-core';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, demo } from '../helpers/accounts';
import { adminSignIn, keepScreenshot, launchBrowser } from '../helpers/browser';

// Issue 13 item 16: quarantining the last active Front Desk number asks for its replacement in the same dialog —
// an active pool number, or a number bought first — instead of a dead end. This file has its own database, so it
// may quarantine the demo's only Front Desk number (+14155550100) that other files rely on.
let app: RunningStrapi;
let browser: Browser;
let ownerToken: string;
const owner = () => ({ Authorization: `Bearer ${ownerToken}` });

beforeAll(async () => {
  app = await startStrapi();
  browser = await launchBrowser();
  ownerToken = await adminLogin(app.http, demo.owner);
  const imported = await app.http.post('/numbers/import').set(owner()).send({ numberClass: 'pool', numbers: [{ e164: '+16285550170' }] });
  expect(imported.status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function openInventory(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await adminSignIn(page, app.baseUrl, demo.owner);
  await page.goto(`${app.baseUrl}/admin/plugins/numbers`);
  return page;
}

const chooseReason = async (page: Page, dialog: ReturnType<Page['getByRole']>) => {
  await dialog.getByRole('combobox', { name: 'Reason' }).click();
  await page.getByRole('option', { name: 'Manual review' }).click();
};

it('offers a replacement when quarantining the last Front Desk number, and the list shows the new Front Desk after confirming', async () => {
  const page = await openInventory();
  await page.getByRole('row', { name: '+1 (415) 555-0100' }).getByRole('button', { name: 'Quarantine', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('+1 (415) 555-0100 is the only active Front Desk number.', { exact: false }).waitFor();
  await chooseReason(page, dialog);
  // No dead end, and no confirming without a replacement.
  await dialog.getByText('Pick a replacement Front Desk number to see what this quarantine will do.').waitFor();
  const confirm = dialog.getByRole('button', { name: 'Quarantine', exact: true });
  expect(await confirm.isDisabled()).toBe(true);

  await dialog.getByRole('combobox', { name: 'Replacement Front Desk number' }).click();
  // Every candidate reads the one way numbers read on these pages.
  await page.getByRole('option', { name: '+1 (415) 555-0140' }).waitFor();
  await page.getByRole('option', { name: '+1 (628) 555-0170' }).click();
  await dialog.getByText(/^Quarantine \+1 \(415\) 555-0100\? This will: make \+1 \(628\) 555-0170 the Front Desk number; .+ Number will be unavailable for 90 days\.$/).waitFor();
  await keepScreenshot(page, 'front-desk-replacement-dialog');
  await confirm.click();
  await page.getByText('Number +1 (415) 555-0100 quarantined. +1 (628) 555-0170 is the Front Desk number now.', { exact: false }).waitFor();

  const promoted = page.getByRole('row', { name: '+1 (628) 555-0170' });
  await promoted.getByText('Front Desk', { exact: true }).first().waitFor();
  await promoted.getByText('Active', { exact: true }).waitFor();
  const old = page.getByRole('row', { name: '+1 (415) 555-0100' });
  await old.getByText('Quarantined', { exact: true }).waitFor();
  await old.getByText('Nobody (cooling down)').waitFor();
  expect((await app.http.get('/numbers?numberClass=front_desk&status=active').set(owner())).body.data.map((n: any) => n.e164)).toEqual(['+16285550170']);
  await keepScreenshot(page, 'front-desk-replacement-done');
  await page.close();
});

it('lets an Owner buy the replacement first, then returns to the quarantine', async () => {
  const page = await openInventory();
  await page.getByRole('row', { name: '+1 (628) 555-0170' }).getByRole('button', { name: 'Quarantine', exact: true }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByText('+1 (628) 555-0170 is the only active Front Desk number.', { exact: false }).waitFor();
  await dialog.getByRole('button', { name: 'Or buy a new Front Desk number first' }).click();

  dialog = page.getByRole('dialog');
  await dialog.getByRole('heading', { name: 'Buy New Number' }).waitFor();
  await dialog.getByText('Front Desk', { exact: true }).first().waitFor();
  await dialog.getByLabel('Area code').fill('628');
  await dialog.getByRole('button', { name: 'Search' }).click();
  await dialog.getByRole('radio', { name: /^\+1 \(628\) 555-0100 · / }).click();
  await dialog.getByText(/^Buy \+1 \(628\) 555-0100 as a Front Desk number for .+ per month\?$/).waitFor();
  await dialog.getByRole('button', { name: 'Buy number' }).click();

  // Back in the quarantine: the bought Front Desk number takes over, so no replacement is needed.
  dialog = page.getByRole('dialog');
  await dialog.getByText(/^Quarantine \+1 \(628\) 555-0170\? This will: .+ Number will be unavailable for 90 days\.$/).waitFor();
  expect(await dialog.getByRole('combobox', { name: 'Replacement Front Desk number' }).count()).toBe(0);
  await chooseReason(page, dialog);
  await dialog.getByRole('button', { name: 'Quarantine', exact: true }).click();
  await page.getByText('Number +1 (628) 555-0170 quarantined.', { exact: false }).waitFor();
  await page.getByRole('row', { name: '+1 (628) 555-0100' }).getByText('Front Desk', { exact: true }).first().waitFor();
  expect((await app.http.get('/numbers?numberClass=front_desk&status=active').set(owner())).body.data.map((n: any) => n.e164)).toEqual(['+16285550100']);
  await page.close();
});
