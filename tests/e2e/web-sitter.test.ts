import type { Browser } from 'playwright-core';
import type { RunningStrapi } from '../helpers/strapi';
import { demo } from '../helpers/accounts';
import { keepScreenshot } from '../helpers/browser';
import type { RunningWeb } from '../helpers/web';
import { startWebStack, type WebStack } from '../helpers/web-stack';
import { createAppUser, signIn } from '../helpers/web-pages';

// Issue 13 item 14: a sitter is never at a dead end: the Admin team thread in the list (or a way to open it), the
// activation notice in it, and the masked number on the dashboard, at phone and desktop sizes.
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

/** A sitter of its own, with no Admin team thread yet. */
async function newSitter(): Promise<{ email: string; password: string }> {
  const { account, userId, suffix } = await createAppUser(app.strapi, 'sitter', 'sitter', 'New-Sitter-1!');
  await app.strapi.db.query('plugin::people.sitter-profile').create({ data: { displayName: `Nia ${suffix}`, active: false, user: userId } });
  return account;
}

describe.each([
  ['phone', { width: 390, height: 844 }],
  ['desktop', { width: 1440, height: 900 }],
])('a sitter on a %s', (size, viewport) => {
  it('reads the activation notice in the Admin team thread, writes there, and sees the masked number on the dashboard', async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await signIn(page, web.url, demo.sitter);
    await page.waitForURL('**/conversations');

    const thread = page.getByTestId('conversation').filter({ hasText: 'Admin team' });
    await thread.waitFor();
    await thread.click();
    await page.waitForURL(/\/conversations\/\d+$/);
    await page.getByText("You've been activated. Your masked number is +14155550120.").waitFor();

    const text = `Running ten minutes late (${size})`;
    await page.getByLabel('Message', { exact: true }).fill(text);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText(text).first().waitFor();
    await keepScreenshot(page, `web-sitter-thread-${size}`);

    await page.goto(`${web.url}/dashboard`);
    await expect(page.getByTestId('masked-number').innerText()).resolves.toBe('+14155550120');
    await page.getByTestId('message-admin').click();
    await page.waitForURL('**/conversations');
    await context.close();
  });

  it('opens the Admin team thread with "Message the Admin team" when it does not exist yet', async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await signIn(page, web.url, await newSitter());
    await page.waitForURL('**/conversations');
    await page.goto(`${web.url}/dashboard`);
    await expect(page.getByTestId('masked-number').innerText()).resolves.toBe('None yet: the Admin team assigns one when they activate you.');
    await page.goto(`${web.url}/conversations`);
    await page.getByTestId('message-admin-team').click();
    await page.waitForURL(/\/conversations\/\d+$/);
    await page.goto(`${web.url}/conversations`);
    await page.getByTestId('conversation').filter({ hasText: 'Admin team' }).waitFor();
    await expect(page.getByTestId('message-admin-team').count()).resolves.toBe(0);
    await context.close();
  });
});
