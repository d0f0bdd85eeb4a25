import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { appLogin } from '../helpers/accounts';
import { keepScreenshot, launchBrowser } from '../helpers/browser';
import { reserveWebOrigin, startWeb, type RunningWeb } from '../helpers/web';
import { createGatedBusiness, signIn } from '../helpers/web-pages';
import { seedAdminReplies } from '../helpers/web-history';

// Issue 13, the web app in daily use: dates in threads and lists (item 9), "Show earlier messages" keeps the
// reader's place (10), the composer always on screen on a phone (11). The browser reads dates in UTC here.
let app: RunningStrapi;
let web: RunningWeb;
let browser: Browser;
let business: { email: string; password: string };
let threadId: string;
let lastAt: Date;
const SEEDED = 70;

beforeAll(async () => {
  const webUrl = await reserveWebOrigin();
  app = await startStrapi();
  web = await startWeb(app.baseUrl, webUrl);
  browser = await launchBrowser();
  business = await createGatedBusiness(app.strapi, 'Daily Paws');
  const token = await appLogin(app.http, business);
  const filled = await app.http
    .put('/api/profile')
    .set('Authorization', `Bearer ${token}`)
    .send({ address: '3 Quay Street', website: 'https://dailypaws.test', description: 'Walks and drop-in visits, every day of the week.', serviceArea: 'Portland' });
  expect(filled.body.gating.canCompose).toBe(true);
  const thread = await app.http.post('/api/conversations').set('Authorization', `Bearer ${token}`).send({ kind: 'business_admin' });
  threadId = String(thread.body.data.id);

  // 30 messages three days ago, 20 yesterday, 20 just now (each a few ms apart, so no day is crossed): the newest page (50) spans all three days.
  const now = Date.now();
  const at = (i: number) => new Date(i < 30 ? now - 3 * 86_400_000 + i * 10 : i < 50 ? now - 86_400_000 + i * 10 : now - (SEEDED - i) * 10);
  const entries = Array.from({ length: SEEDED }, (_, i) => ({ text: `history ${i}`, at: at(i) }));
  await seedAdminReplies(app.strapi, threadId, entries);
  lastAt = entries[SEEDED - 1].at;
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await app?.stop();
});

async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, timezoneId: 'UTC', locale: 'en-US' });
  const page = await context.newPage();
  await signIn(page, web.url, business);
  return { context, page };
}

const bubble = (page: Page, n: number) => page.getByTestId('message').filter({ hasText: new RegExp(`\\bhistory ${n}\\b`) });

it('dates a thread with a separator for each day and the conversation list with the time of the last message', async () => {
  const { context, page } = await phone();
  const row = page.getByTestId('conversation').filter({ hasText: 'Admin team' });
  const hhmm = `${String(lastAt.getUTCHours()).padStart(2, '0')}:${String(lastAt.getUTCMinutes()).padStart(2, '0')}`;
  await expect(row.getByTestId('conversation-time').innerText()).resolves.toBe(hhmm);
  await expect(row.getByTestId('conversation-time').getAttribute('datetime')).resolves.toBe(lastAt.toISOString());

  await row.click();
  await page.waitForURL(`**/conversations/${threadId}`);
  await bubble(page, SEEDED - 1).waitFor();
  const separators = page.getByTestId('day-separator');
  await expect(separators.allInnerTexts()).resolves.toEqual([expect.stringMatching(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}( \d{4})?$/), 'Yesterday', 'Today']);
  // Each separator stands right before the first message of its day.
  const nextText = (i: number) => separators.nth(i).evaluate((el) => (el.nextElementSibling as HTMLElement).innerText.split('\n').find((l) => l.startsWith('history')));
  await expect(nextText(1)).resolves.toBe('history 30');
  await expect(nextText(2)).resolves.toBe('history 50');

  // The earlier page belongs to the same day as the oldest shown: still one separator for it.
  await page.getByRole('button', { name: 'Show earlier messages' }).click();
  await bubble(page, 0).waitFor();
  await expect(separators.count()).resolves.toBe(3);
  await expect(nextText(0)).resolves.toBe('history 0');
  await keepScreenshot(page, 'web-thread-dates-phone');
  await context.close();
});

it('keeps the reader\'s place when "Show earlier messages" loads the page above', async () => {
  const { context, page } = await phone();
  await page.goto(`${web.url}/conversations/${threadId}`);
  const scroller = page.getByTestId('thread-scroller');
  await bubble(page, SEEDED - 1).waitFor();
  // The thread opens at its newest message.
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-testid="thread-scroller"]')!;
    return s.scrollHeight > s.clientHeight && s.scrollTop + s.clientHeight >= s.scrollHeight - 2;
  });

  await scroller.evaluate((s) => (s.scrollTop = 0));
  const oldestShown = bubble(page, 20);
  const topBefore = await oldestShown.evaluate((el) => el.getBoundingClientRect().top);
  const earlier = page.getByRole('button', { name: 'Show earlier messages' });
  await earlier.click();
  await bubble(page, 0).waitFor();
  await expect(page.getByTestId('message').count()).resolves.toBe(SEEDED);

  // The message that was at the top is still where it was (within a pixel or two), with the earlier ones above it.
  const topAfter = await oldestShown.evaluate((el) => el.getBoundingClientRect().top);
  expect(Math.abs(topAfter - topBefore)).toBeLessThanOrEqual(2);
  await expect(scroller.evaluate((s) => s.scrollTop)).resolves.toBeGreaterThan(0);
  await expect(bubble(page, SEEDED - 1).isVisible()).resolves.toBe(true);
  await expect(bubble(page, SEEDED - 1).evaluate((el) => el.getBoundingClientRect().top > innerHeight)).resolves.toBe(true);
  await expect(earlier.count()).resolves.toBe(0);
  await context.close();
});

it.each([
  ['phone', 390, 844],
  ['desktop', 1440, 900],
])('keeps the composer on screen on a %s, with a long thread, a wrapped header and the offline banner', async (name, width, height) => {
  const context = await browser.newContext({ viewport: { width, height }, timezoneId: 'UTC' });
  const page = await context.newPage();
  await signIn(page, web.url, business);
  await page.goto(`${web.url}/conversations/${threadId}`);
  await bubble(page, SEEDED - 1).waitFor();
  await context.setOffline(true);
  await page.getByTestId('connection').getByText('Offline — messages will send when you are back online').waitFor();

  const send = page.getByRole('button', { name: 'Send' });
  const box = page.getByRole('textbox', { name: 'Message' });
  for (const control of [send, box]) {
    const rect = (await control.boundingBox())!;
    expect(rect.y).toBeGreaterThanOrEqual(0);
    expect(rect.y + rect.height).toBeLessThanOrEqual(height);
    expect(rect.x + rect.width).toBeLessThanOrEqual(width);
  }
  // The page itself does not scroll: only the messages do, and the newest is in view above the composer.
  await expect(page.evaluate(() => document.scrollingElement!.scrollHeight <= innerHeight + 1)).resolves.toBe(true);
  const newest = (await bubble(page, SEEDED - 1).boundingBox())!;
  expect(newest.y + newest.height).toBeLessThanOrEqual((await box.boundingBox())!.y);

  // A message written offline shows pending, still above the composer.
  await box.fill('Written on the bus');
  await send.click();
  const pending = page.getByTestId('message').filter({ hasText: 'Written on the bus' });
  await pending.getByTestId('message-state').getByText('Sending…').waitFor();
  const rect = (await send.boundingBox())!;
  expect(rect.y + rect.height).toBeLessThanOrEqual(height);
  await keepScreenshot(page, `web-thread-offline-${name}`);
  await context.setOffline(false);
  await pending.getByTestId('message-state').getByText('Sent').waitFor();
  await context.close();
});
