import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import type { RunningStrapi } from '../helpers/strapi';
import { keepScreenshot } from '../helpers/browser';
import type { RunningWeb } from '../helpers/web';
import { startWebStack, type WebStack } from '../helpers/web-stack';
import { createGatedBusiness } from '../helpers/web-pages';

// The invitation link (POST /people/accounts with an e-mail provider sends WEB_PUBLIC_URL/reset-password?code=…)
// lands on a web page that sets the password, signs the person in and opens Conversations; a spent link says so.
let app: RunningStrapi;
let web: RunningWeb;
let browser: Browser;

const LINK_SPENT = 'This link has expired or was already used. Ask the owner for a new invitation.';

let stack: WebStack;

beforeAll(async () => {
  stack = await startWebStack();
  ({ app, web, browser } = stack);
});

afterAll(async () => {
  await stack?.stop();
});

/** A new business whose invitation is pending: users-permissions holds its code as the reset-password token. */
async function invitedBusiness(): Promise<{ email: string; code: string }> {
  const { email } = await createGatedBusiness(app.strapi, 'Invited Pets');
  const code = randomBytes(32).toString('hex');
  await app.strapi.db.query('plugin::users-permissions.user').update({ where: { email }, data: { resetPasswordToken: code } });
  return { email, code };
}

async function typePasswords(page: Page, password: string, confirmation: string) {
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Confirm new password').fill(confirmation);
}

it('sets the password from an invitation link, signs in and opens Conversations; the link then reads as used', async () => {
  const { email, code } = await invitedBusiness();
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${web.url}/reset-password?code=${code}`);
  await page.getByRole('heading', { name: 'Set your password' }).waitFor();

  // Problems are named beside their field, in words, with focus on the first; nothing is sent.
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
  await page.locator('#password-problem').getByText('Enter a password.').waitFor();
  expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('password');
  expect(await page.getByLabel('New password', { exact: true }).getAttribute('aria-describedby')).toBe('password-problem');
  await typePasswords(page, 'Invited-Pets-1!', 'Invited-Pets-2!');
  await page.getByLabel('Confirm new password').press('Enter');
  await page.locator('#confirmation-problem').getByText('The two passwords differ. Type the same password in both fields.').waitFor();
  expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('passwordConfirmation');
  const stored = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { email } });
  expect(stored.resetPasswordToken).toBe(code);

  // Enter submits; the person is signed in and starts in Conversations.
  await typePasswords(page, 'Invited-Pets-1!', 'Invited-Pets-1!');
  await page.getByLabel('Confirm new password').press('Enter');
  await page.waitForURL('**/conversations');
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await keepScreenshot(page, 'web-invitation-signed-in');

  // The new password signs in; the code is spent.
  const login = await app.http.post('/api/auth/local').send({ identifier: email, password: 'Invited-Pets-1!' });
  expect(login.status).toBe(200);
  expect((await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { email } })).resetPasswordToken).toBeNull();
  await context.close();

  // Opening the same link again (signed out) says what happened and what to do.
  const laterContext = await browser.newContext();
  const again = await laterContext.newPage();
  await again.goto(`${web.url}/reset-password?code=${code}`);
  await typePasswords(again, 'Another-Pass-1!', 'Another-Pass-1!');
  await again.getByLabel('Confirm new password').press('Enter');
  await again.getByRole('alert').getByText(LINK_SPENT).waitFor();
  expect(again.url()).toContain('/reset-password');
  await laterContext.close();
});

it('a bad code, or a link without one, shows the sentence with the next step', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${web.url}/reset-password?code=not-a-real-code`);
  await typePasswords(page, 'Whatever-Pass-1!', 'Whatever-Pass-1!');
  await page.getByLabel('Confirm new password').press('Enter');
  await page.getByRole('alert').getByText(LINK_SPENT).waitFor();
  await keepScreenshot(page, 'web-invitation-bad-code');

  await page.goto(`${web.url}/reset-password`);
  await page.getByRole('alert').getByText(LINK_SPENT).waitFor();
  await context.close();
});
