import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import type { RunningStrapi } from '../helpers/strapi';
import { adminLogin, demo } from '../helpers/accounts';
import { expectAccessible } from '../helpers/axe';
import { keepScreenshot } from '../helpers/browser';
import type { RunningWeb } from '../helpers/web';
import { startWebStack, type WebStack } from '../helpers/web-stack';
import { signIn } from '../helpers/web-pages';

// Issue 15 item 5, the sitter's side in the web app: Sam Sitter (sitter@demo.test) has Casey's weekly all-day windows
// from today (API.md "Demo organisation, operations side"). He reads his windows on the dashboard, opens Casey's thread
// from the active one, replies, and Casey's phone (the sandbox's virtual phone) receives the reply from Sam's masked
// number. Casey's own number never shows. Phone size, in the organisation's zone, as Sam would use it.
// (Casey's first text is sent here from her virtual phone, so the test needs nothing of the demo's messages.)
let app: RunningStrapi;
let web: RunningWeb;
let browser: Browser;
let stack: WebStack;
let ownerToken: string;

const CASEY = 'Casey · Weekly visits';
const CASEY_PHONE = '+14155550161';
const SAM_MASKED = '+14155550120';
/** Casey's number however it might be written: E.164, formatted, or its last digits. */
const CASEY_NUMBER_ANYHOW = /5550161|555-0161|555 0161/;
const CASEY_ASKS = `Hi Sam! Miso has been hiding under the bed today, is that normal? (${randomUUID().slice(0, 6)})`;

beforeAll(async () => {
  stack = await startWebStack();
  ({ app, web, browser } = stack);
  ownerToken = await adminLogin(app.http, demo.owner);
  // Casey texts Sam's masked number from her phone.
  const texted = await app.http.post('/provider/sandbox/phone/reply').set('Authorization', `Bearer ${ownerToken}`).send({ from: CASEY_PHONE, to: SAM_MASKED, body: CASEY_ASKS });
  expect(texted.status).toBe(202);
});

afterAll(async () => {
  await stack?.stop();
});

/** Casey's thread in Sam's list, by its title (his Admin team thread mentions Casey too: "New client: Casey · …"). */
const caseyRow = (page: Page) => page.getByTestId('conversation').filter({ has: page.getByTestId('conversation-title').getByText(CASEY, { exact: true }) });

async function samOnPhone(): Promise<{ page: Page; close: () => Promise<void> }> {
  // bypassCSP lets the test inject axe; the pages' own scripts are unchanged.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, timezoneId: 'America/Los_Angeles', locale: 'en-US', bypassCSP: true });
  const page = await context.newPage();
  await signIn(page, web.url, demo.sitter);
  await page.waitForURL('**/conversations');
  return { page, close: () => context.close() };
}

/** What Casey's virtual phone received from the business, in order. */
async function caseysPhone(): Promise<{ direction: string; businessNumber: string; body: string }[]> {
  const res = await app.http.get(`/provider/sandbox/phone?phoneNumber=${encodeURIComponent(CASEY_PHONE)}`).set('Authorization', `Bearer ${ownerToken}`);
  expect(res.status).toBe(200);
  return res.body.data;
}

it('lists Casey’s thread by its label and Sam’s windows on the dashboard, today’s active one leading to the thread', async () => {
  const { page, close } = await samOnPhone();
  const row = caseyRow(page);
  await row.waitFor();
  expect(await row.innerText()).toContain('Miso has been hiding under the bed today');
  await page.getByTestId('conversation').filter({ hasText: 'Admin team' }).waitFor();
  expect(await page.locator('main').innerText()).not.toMatch(CASEY_NUMBER_ANYHOW);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  const windows = page.getByTestId('windows');
  await windows.getByRole('heading', { name: 'Your windows' }).waitFor();
  const today = windows.getByRole('list', { name: 'Today' }).getByTestId('window');
  await today.first().waitFor();
  expect(await today.count()).toBe(1);
  await expect(today.getByTestId('window-status').innerText()).resolves.toBe('Active now');
  await expect(today.getByTestId('window-times').innerText()).resolves.toBe('All day (PST)');
  // One all-day window a day: tomorrow's is the first of the next 14 days.
  const upcoming = windows.getByRole('list', { name: 'Next 14 days' }).getByTestId('window');
  await expect(upcoming.first().getByTestId('window-status').innerText()).resolves.toBe('Tomorrow');
  expect(await upcoming.count()).toBe(14);
  expect(await upcoming.first().innerText()).toContain(CASEY);
  // The masked number part stays: Sam's own number, never Casey's.
  await expect(page.getByTestId('masked-number').innerText()).resolves.toBe(SAM_MASKED);
  expect(await page.locator('main').innerText()).not.toMatch(CASEY_NUMBER_ANYHOW);
  await keepScreenshot(page, 'web-sitter-windows-phone');
  await expectAccessible(page, 'the sitter dashboard');

  await today.getByTestId('window-thread').click();
  await page.waitForURL(/\/conversations\/\d+$/);
  await page.getByRole('heading', { name: CASEY, level: 1 }).waitFor();
  const casey = page.getByTestId('message').filter({ hasText: CASEY_ASKS });
  await casey.waitFor();
  // The client reads as her label.
  expect(await casey.innerText()).toContain(CASEY);
  await page.getByTestId('thread-window').waitFor();
  await expectAccessible(page, "the sitter's client thread");
  expect(await page.locator('main').innerText()).not.toMatch(CASEY_NUMBER_ANYHOW);
  await close();
});

it('sends Sam’s reply as SMS from his masked number, and Casey’s phone receives it', async () => {
  const { page, close } = await samOnPhone();
  await caseyRow(page).click();
  await page.waitForURL(/\/conversations\/\d+$/);
  await page.getByTestId('message').filter({ hasText: CASEY_ASKS }).waitFor();

  const text = `Miso is fine, she came out for treats (${randomUUID().slice(0, 6)})`;
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
  const bubble = page.getByTestId('message').filter({ hasText: text });
  await bubble.getByTestId('message-state').getByText('Delivered').waitFor({ timeout: 30_000 });
  expect(await bubble.count()).toBe(1);
  await keepScreenshot(page, 'web-sitter-client-reply-phone');

  const received = (await caseysPhone()).filter((m) => m.direction === 'to_phone' && m.body === text);
  expect(received).toEqual([expect.objectContaining({ businessNumber: SAM_MASKED })]);
  await close();
});

// Last: it ends Sam's window of today.
it('takes the thread away when the window ends, says why in the open thread, and shows a send made too late as refused with the server’s sentence', async () => {
  const { page, close } = await samOnPhone();
  await caseyRow(page).click();
  await page.waitForURL(/\/conversations\/\d+$/);
  const threadUrl = page.url();
  const conversationId = threadUrl.split('/').pop()!;
  await page.getByTestId('message').filter({ hasText: CASEY_ASKS }).waitFor();

  // Written on a train with no signal; meanwhile the owner ends today's window.
  await page.context().setOffline(true);
  await page.getByTestId('connection').getByText('Offline', { exact: false }).waitFor();
  const late = `On my way, ten minutes (${randomUUID().slice(0, 6)})`;
  await page.getByLabel('Message', { exact: true }).fill(late);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByTestId('message').filter({ hasText: late }).getByTestId('message-state').getByText('Sending…').waitFor();

  const auth = { Authorization: `Bearer ${ownerToken}` };
  const list = await app.http.get(`/assignments/windows?conversationId=${conversationId}&status=active`).set(auth);
  expect(list.status).toBe(200);
  expect(list.body.data).toHaveLength(1);
  const removed = await app.http.delete(`/assignments/windows/${list.body.data[0].id}?confirm=true`).set(auth);
  expect(removed.status).toBe(200);

  await page.context().setOffline(false);
  const ended = page.getByTestId('thread-ended');
  await ended.getByText('Your window with Casey has ended. The thread is hidden until your next window.').waitFor({ timeout: 20_000 });
  await page.getByRole('heading', { name: CASEY, level: 1 }).waitFor();
  await expect(page.getByTestId('thread-window').count()).resolves.toBe(0);
  // The send reached the server after the window closed: refused, with the server's sentence, and not sent again.
  const refused = page.getByTestId('message').filter({ hasText: late });
  await refused.getByTestId('message-state').getByText('Not sent').waitFor({ timeout: 20_000 });
  await expect(refused.getByRole('alert').innerText()).resolves.toMatch(/You can message Casey again from .+\./);
  await expect(page.getByLabel('Message', { exact: true }).count()).resolves.toBe(0);
  expect(page.url()).toBe(threadUrl);
  await keepScreenshot(page, 'web-sitter-window-ended-phone');
  await expectAccessible(page, 'a thread whose window ended');
  expect((await caseysPhone()).some((m) => m.body === late)).toBe(false);

  await page.getByRole('link', { name: 'Back to your conversations' }).click();
  await page.getByTestId('conversation').filter({ hasText: 'Admin team' }).waitFor();
  await expect(caseyRow(page).count()).resolves.toBe(0);
  await close();
});
