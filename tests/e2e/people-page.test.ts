import type { Browser, Page } from 'playwright-core';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, demo } from '../helpers/accounts';
import { adminSignIn, keepScreenshot, launchBrowser, waitForFocus } from '../helpers/browser';

// The People admin page (issue 14 items 2 and 3) in Chromium at 1440×900: clients, sitter accounts and activation,
// and what a Messaging Admin does not get.
let app: RunningStrapi;
let browser: Browser;
let ownerToken: string;
let ownerPage: Page;

beforeAll(async () => {
  app = await startStrapi();
  browser = await launchBrowser();
  ownerToken = await adminLogin(app.http, demo.owner);
  // One browser sign-in for the Owner: /admin/login is rate-limited per e-mail.
  ownerPage = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await adminSignIn(ownerPage, app.baseUrl, demo.owner);
  // Booting Strapi and seeding the demo organisation takes most of a minute on a busy two-core machine.
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Screenshots after a dialog's opening animation, so the kept picture shows what a person sees. */
const settled = (page: Page) =>
  page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );

const openPeople = async (page: Page) => {
  await page.goto(`${app.baseUrl}/admin/plugins/people`);
  await page.getByRole('heading', { name: 'People', level: 1 }).waitFor();
};

it('lets the Owner create a client with a tidied phone, edit its notes, and refuses a bad phone beside the field', async () => {
  const page = ownerPage;
  await openPeople(page);
  await page.getByRole('row', { name: 'Casey Morgan' }).getByText('+1 (415) 555-0161').waitFor();

  // A bad phone: the sentence under the field, the keyboard on it, and nothing created.
  await page.getByRole('button', { name: 'New client' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('First name').fill('Morgan');
  await dialog.getByLabel('Phone').fill('12');
  await dialog.getByRole('button', { name: 'Create client' }).click();
  await dialog.getByText(/^Phone must be a phone number, like \(415\) 555-0123/).waitFor();
  await dialog.getByText('Nothing was saved. Correct the fields marked below and save again.').waitFor();
  await waitForFocus(dialog.getByLabel('Phone'));
  expect(await dialog.getByLabel('Phone').getAttribute('aria-invalid')).toBe('true');
  await settled(page);
  await keepScreenshot(page, 'people-client-bad-phone');
  const none = await app.http.get('/people/clients?q=Morgan').set('Authorization', `Bearer ${ownerToken}`);
  expect(none.body.data.map((c: { name: string }) => c.name)).toEqual(['Casey Morgan']);

  // The same form, a phone as people type it: saved as E.164 and listed the way numbers read.
  await dialog.getByLabel('Last name').fill('Quinn');
  await dialog.getByLabel('Phone').fill('(415) 555-0171');
  await dialog.getByLabel('Notes').fill('Greyhound, Comet.');
  await dialog.getByRole('button', { name: 'Create client' }).click();
  await page.getByText('Client Morgan Quinn created.').waitFor();
  const row = page.getByRole('row', { name: 'Morgan Quinn' });
  await row.getByText('+1 (415) 555-0171').waitFor();
  await row.getByText('Greyhound, Comet.').waitFor();

  // Search finds it; Edit changes its notes.
  await page.getByLabel('Search clients').fill('Quinn');
  await page.getByRole('row', { name: 'Casey Morgan' }).waitFor({ state: 'detached' });
  await row.getByRole('button', { name: 'Edit Morgan Quinn' }).click();
  await expect(page.getByRole('dialog').getByLabel('Phone').inputValue()).resolves.toBe('+1 (415) 555-0171');
  await page.getByRole('dialog').getByLabel('Notes').fill('Greyhound, Comet. Key under the mat.');
  await page.getByRole('dialog').getByRole('button', { name: 'Save client' }).click();
  await page.getByText('Client Morgan Quinn saved.').waitFor();
  await row.getByText('Greyhound, Comet. Key under the mat.').waitFor();
  await keepScreenshot(page, 'people-clients');

  const stored = await app.http.get('/people/clients?q=Quinn').set('Authorization', `Bearer ${ownerToken}`);
  expect(stored.body.data).toEqual([expect.objectContaining({ name: 'Morgan Quinn', phone: '+14155550171', notes: 'Greyhound, Comet. Key under the mat.' })]);
});

it('lets the Owner create a sitter account, shows the one-time password once, and activates the sitter after a preview', async () => {
  // A free sitter number for the activation to assign (the demo's two are Sam's and Sky's).
  const offers = await app.http.get('/numbers/available?areaCode=707').set('Authorization', `Bearer ${ownerToken}`);
  const e164: string = offers.body.data[0].e164;
  expect((await app.http.post('/numbers/buy').set('Authorization', `Bearer ${ownerToken}`).send({ e164, numberClass: 'sitter' })).status).toBe(201);

  const page = ownerPage;
  await openPeople(page);
  await page.getByRole('tab', { name: 'Accounts' }).click();
  // A business names its business; other roles do not.
  await page.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Business' }).click();
  await page.getByLabel('Business name').waitFor();
  await page.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Sitter' }).click();
  expect(await page.getByLabel('Business name').count()).toBe(0);

  // An e-mail already in use: the server's sentence beside the field, the keyboard on it.
  await page.getByLabel('E-mail').fill('sitter@demo.test');
  await page.getByLabel('Display name').fill('Nia Newsitter');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText('An account with this e-mail already exists.').waitFor();
  await waitForFocus(page.getByLabel('E-mail'));
  expect(await page.getByRole('dialog').count()).toBe(0);

  await page.getByLabel('E-mail').fill('nia@demo.test');
  await page.getByRole('button', { name: 'Create account' }).click();

  const created = page.getByRole('dialog');
  await created.getByText('Give Nia Newsitter this one-time password now: it will not be shown again.', { exact: false }).waitFor();
  const password = await created.getByLabel('One-time password').inputValue();
  expect(password).toMatch(/^\S{8,}$/);
  await created.getByRole('button', { name: 'Copy password' }).waitFor();
  await settled(page);
  await keepScreenshot(page, 'people-account-created');
  await created.getByRole('button', { name: 'Go to Sitters' }).click();
  await created.waitFor({ state: 'detached' });
  // Shown once: nothing on the page holds it any more.
  expect(await page.getByText(password).count()).toBe(0);
  expect(await page.locator(`input[value="${password}"]`).count()).toBe(0);

  // The sitter signs in to the app with it.
  expect((await app.http.post('/api/auth/local').send({ identifier: 'nia@demo.test', password })).status).toBe(200);

  // Listed Inactive, with no masked number; Activate previews, then says the server's sentence.
  const sitterRow = page.getByRole('row', { name: 'Nia Newsitter' });
  await sitterRow.getByText('Inactive', { exact: true }).waitFor();
  await sitterRow.getByText('No masked number').waitFor();
  await sitterRow.getByRole('button', { name: 'Activate Nia Newsitter' }).click();
  const confirm = page.getByRole('dialog');
  await confirm.getByRole('status', { name: 'What this will change' }).getByText(`Masked number ${e164} will be assigned to Nia Newsitter.`).waitFor();
  await settled(page);
  await keepScreenshot(page, 'people-activate-preview');
  // Nothing changes before the Owner confirms.
  expect((await app.http.get('/people/sitters').set('Authorization', `Bearer ${ownerToken}`)).body.data.find((s: any) => s.displayName === 'Nia Newsitter').active).toBe(false);
  await confirm.getByRole('button', { name: 'Activate sitter' }).click();
  await confirm.waitFor({ state: 'detached' });
  const shown = `+1 (${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;
  await page.getByText(`Sitter Nia Newsitter activated. Masked number ${e164} assigned.`, { exact: true }).waitFor();
  await sitterRow.getByText('Active', { exact: true }).waitFor();
  await sitterRow.getByText(shown).waitFor();
  await keepScreenshot(page, 'people-sitters');

  // Deactivate: the preview names the number to quarantine; confirming says the OPS §4.2 sentence.
  await sitterRow.getByRole('button', { name: 'Deactivate Nia Newsitter' }).click();
  const offboard = page.getByRole('dialog');
  await offboard.getByText(new RegExp(`^Number \\${e164} will be quarantined for \\d+ days\\.$`)).waitFor();
  await offboard.getByRole('button', { name: 'Deactivate sitter' }).click();
  await offboard.waitFor({ state: 'detached' });
  await page.getByText(`Sitter Nia Newsitter deactivated. Number ${e164} quarantined. 0 threads reassigned.`, { exact: true }).waitFor();
  await sitterRow.getByText('Inactive', { exact: true }).waitFor();
  await sitterRow.getByText('No masked number').waitFor();
});

it('lets the Owner change the organisation time zone, and says a blank name is required beside the field', async () => {
  const page = ownerPage;
  await openPeople(page);
  await page.getByRole('tab', { name: 'Organisation' }).click();
  const name = page.getByLabel('Organisation name');
  await expect(name.inputValue()).resolves.toBe('Acme Pets');
  const zone = page.getByRole('combobox', { name: 'Time zone' });
  await expect(zone.inputValue()).resolves.toBe('America/Los_Angeles');

  await name.fill('');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Organisation name is required.').waitFor();
  await waitForFocus(name);

  await name.fill('Acme Pets');
  expect(await page.getByText('Organisation name is required.').count()).toBe(0);
  // Typed, as a person picks from the list with the keyboard.
  await zone.fill('');
  await zone.pressSequentially('Europe/Lon');
  await page.getByRole('option', { name: 'Europe/London' }).click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Organisation settings saved: Acme Pets, Europe/London.').waitFor();
  const saved = await app.http.get('/people/organisation').set('Authorization', `Bearer ${ownerToken}`);
  expect(saved.body.data).toEqual({ name: 'Acme Pets', timeZone: 'Europe/London' });
  await keepScreenshot(page, 'people-organisation');
  // Put the demo's zone back for the rest of this file.
  expect((await app.http.put('/people/organisation').set('Authorization', `Bearer ${ownerToken}`).send({ timeZone: 'America/Los_Angeles' })).status).toBe(200);
});

it('shows a Messaging Admin the page without Create account, Activate or Deactivate', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await adminSignIn(page, app.baseUrl, demo.admin);
  await openPeople(page);
  await page.getByRole('row', { name: 'Casey Morgan' }).waitFor();
  await page.getByRole('button', { name: 'New client' }).first().waitFor();
  await page.getByRole('tab', { name: 'Sitters' }).click();
  await page.getByRole('row', { name: 'Sam Sitter' }).getByText('Active', { exact: true }).waitFor();
  expect(await page.getByRole('tab', { name: 'Accounts' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Create account' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: /^(Activate|Deactivate) / }).count()).toBe(0);
  await keepScreenshot(page, 'people-messaging-admin');

  const token = await adminLogin(app.http, demo.admin);
  const refused = await app.http.post('/people/accounts').set('Authorization', `Bearer ${token}`).send({ role: 'sitter', email: 'x@demo.test', displayName: 'X' });
  expect(refused.status).toBe(403);
  await page.close();
});
