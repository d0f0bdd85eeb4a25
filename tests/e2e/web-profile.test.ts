import type { Browser, Page } from 'playwright-core';
import type { RunningStrapi } from '../helpers/strapi';
import { appLogin } from '../helpers/accounts';
import { keepScreenshot } from '../helpers/browser';
import type { RunningWeb } from '../helpers/web';
import { startWebStack, type WebStack } from '../helpers/web-stack';
import { createGatedBusiness, signIn } from '../helpers/web-pages';

// Issue 13 items 12, 13 and 15 in the web app: the profile form's errors, a gated business's copy, focus, favicon.
let app: RunningStrapi;
let web: RunningWeb;
let browser: Browser;

let stack: WebStack;

beforeAll(async () => {
  stack = await startWebStack();
  ({ app, web, browser } = stack);
});

afterAll(async () => {
  await stack?.stop();
});

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

it.each([
  ['desktop', 1440, 900],
  ['phone', 390, 844],
])('on a %s, the profile form saves the valid fields, shows each error beside its field and focuses the first', async (name, width, height) => {
  const account = await createGatedBusiness(app.strapi, `Form Paws ${name}`);
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await signIn(page, web.url, account);
  await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
  const form = page.getByRole('form', { name: 'Business profile' });
  // The hint says what the rule accepts.
  await form.getByText('Any common format, like (415) 555-0123').waitFor();

  await form.getByLabel('Phone').fill('(503) 555-0199');
  await form.getByLabel('Website').fill('not a web address');
  await form.getByLabel('Address').fill('12 Harbour Road, Portland');
  await form.getByLabel('Description').fill('Too short');
  await form.getByRole('button', { name: 'Save profile' }).click();

  await expect(form.getByRole('alert').innerText()).resolves.toBe('Saved Phone and Address. Website and Description were not saved. Correct them and save again.');
  const errors = form.getByTestId('field-error');
  await expect(errors.allInnerTexts()).resolves.toEqual([
    'Website must be a web address starting with http:// or https://.',
    'Description must be at least 20 characters long.',
  ]);
  // Focus is on the first field to correct, which names its error to a screen reader.
  await page.waitForFunction(() => document.activeElement?.id === 'field-website');
  const website = form.getByLabel('Website');
  await expect(website.getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(website.evaluate((el) => el.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)?.textContent).join(' | '))).resolves.toContain(
    'Website must be a web address',
  );
  // Saved: the phone number tidied to E.164, the completeness up by two fields; the refused ones still as typed.
  await expect(form.getByLabel('Phone').inputValue()).resolves.toBe('+15035550199');
  await expect(page.getByTestId('completeness').innerText()).resolves.toBe('50% complete');
  await expect(website.inputValue()).resolves.toBe('not a web address');

  // Each error sits right under its own field, inside the screen.
  const websiteBox = (await website.boundingBox())!;
  const errorBox = (await errors.first().boundingBox())!;
  expect(errorBox.y).toBeGreaterThanOrEqual(websiteBox.y + websiteBox.height - 1);
  expect(errorBox.y - (websiteBox.y + websiteBox.height)).toBeLessThan(30);
  expect(errorBox.x + errorBox.width).toBeLessThanOrEqual(width);
  await expect(page.evaluate(() => document.scrollingElement!.scrollWidth <= innerWidth)).resolves.toBe(true);
  await keepScreenshot(page, `web-profile-errors-${name}`);

  await website.fill('https://formpaws.test');
  await form.getByLabel('Description').fill('Dog walking and drop-in visits for busy households.');
  const save = form.getByRole('button', { name: 'Save profile' });
  await save.focus();
  await page.keyboard.press('Enter');
  await page.getByText('Saved. Your profile is 70% complete.').waitFor();
  await expect(errors.count()).resolves.toBe(0);
  // The focus stays on the Save button through the save.
  await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe('Save profile');

  // Nothing valid to save: the form says so plainly.
  await form.getByLabel('Phone').fill('555-0123');
  await save.click();
  await expect(form.getByRole('alert').innerText()).resolves.toBe('Nothing was saved: Phone needs a change. Correct it and save again.');
  await expect(errors.allInnerTexts()).resolves.toEqual([expect.stringMatching(/^Phone must be a phone number, like \(415\) 555-0123/)]);
  await page.waitForFunction(() => document.activeElement?.id === 'field-phone');
  await context.close();
});

it('says the percentage once to a gated business, welcomes it as it is, and at 80% offers "Message the Admin team"', async () => {
  const account = await createGatedBusiness(app.strapi, 'Once Paws');
  const token = await appLogin(app.http, account);
  const bearer = { Authorization: `Bearer ${token}` };
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, web.url, account);
  await page.waitForURL('**/conversations');
  await page.getByTestId('system-message').waitFor();
  const main = page.getByRole('main');
  await expect(main.innerText().then((text) => text.match(/40%/g)?.length)).resolves.toBe(1);
  const compose = page.getByRole('textbox', { name: 'Message to the Admin team' });
  await expect(compose.getAttribute('aria-describedby')).resolves.toBe('gating-reason');
  await expect(page.locator('#gating-reason').innerText()).resolves.toContain('40% complete');

  // At 80% the Dashboard offers the way to the Admin team.
  await app.http.put('/api/profile').set(bearer).send({ address: '1 Elm St', website: 'https://oncepaws.test', description: 'Cat sitting and dog walking in town.', serviceArea: 'Salem' });
  await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
  await page.getByTestId('completeness').getByText('80% complete').waitFor();
  await page.getByRole('link', { name: 'Message the Admin team' }).click();
  await page.waitForURL('**/conversations');
  await compose.waitFor();
  await expect(compose.isDisabled()).resolves.toBe(false);

  // A business that has its Admin team thread and falls below 80% is not invited to start one.
  const thread = await app.http.post('/api/conversations').set(bearer).send({ kind: 'business_admin' });
  await app.http.put('/api/profile').set(bearer).send({ serviceArea: null, description: null });
  await page.reload();
  await page.getByTestId('conversation').filter({ hasText: 'Admin team' }).waitFor();
  await page.getByTestId('gating-banner').waitFor();
  await expect(page.getByTestId('system-message').count()).resolves.toBe(0);
  await expect(main.innerText().then((text) => text.match(/60%/g)?.length)).resolves.toBe(1);
  await page.getByTestId('conversation').filter({ hasText: 'Admin team' }).click();
  await page.waitForURL(`**/conversations/${thread.body.data.id}`);
  await expect(page.getByRole('main').innerText().then((text) => text.match(/60%/g)?.length)).resolves.toBe(1);
  await expect(page.getByRole('textbox', { name: 'Message' }).getAttribute('aria-describedby')).resolves.toBe('gating-reason');
  await context.close();
});

it('after a failed sign-in says so in words and puts the focus back on Email; after a page change, on its heading', async () => {
  const account = await createGatedBusiness(app.strapi, 'Focus Paws');
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${web.url}/login`);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByLabel('Password').press('Enter');
  await expect(page.getByRole('alert').innerText()).resolves.toBe('That email and password do not match an account. Check both and try again.');
  await expect(page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).resolves.toBe('email');
  await expect(page.getByLabel('Email').getAttribute('aria-describedby')).resolves.toBe('sign-in-problem');

  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/conversations');
  await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
  await page.waitForURL('**/dashboard');
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === 'Dashboard');
  await expect(focusedId(page)).resolves.toBe('');
  await context.close();
});

it('shows a visible focus ring on the blue buttons, and has a favicon', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${web.url}/login`);
  await page.getByLabel('Password').focus();
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => {
    const button = document.activeElement as HTMLElement;
    const style = getComputedStyle(button);
    return { text: button.textContent?.trim(), outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`, background: style.backgroundColor };
  });
  expect(ring).toEqual({ text: 'Sign in', outline: 'solid 3px rgb(29, 35, 48)', background: 'rgb(36, 87, 214)' });

  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  const icon = await fetch(new URL(href!, `${web.url}/login`));
  expect(icon.status).toBe(200);
  expect(icon.headers.get('content-type')).toContain('image/svg+xml');
  await context.close();
});
