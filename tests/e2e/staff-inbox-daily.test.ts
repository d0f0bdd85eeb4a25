import { randomUUID } from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';
import { adminSignIn, keepScreenshot, launchBrowser } from '../helpers/browser';

// The staff inbox as staff use it all day (issue 13 items 1, 2, 3, 5, 6, 7), at 1440×900 and 390×844: a long
// thread opens at its newest message and pages back with beforeId; each thread and the filters are in the URL;
// Enter sends; a phone stacks list → thread → audit.
let app: RunningStrapi;
let browser: Browser;
let longThreadId: string;
let shortThreadId: string;
let victorToken: string;
const LONG = 'Victor Assist';
const SHORT = 'Vera Assist';
const PRIVATE = 'Admin ↔ VA (private)';
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const numbered = (n: number) => `Victor update #${String(n).padStart(3, '0')}`;

async function vaWrites(token: string, conversationId: string, text: string) {
  const sent = await app.http
    .post(`/api/conversations/${conversationId}/messages`)
    .set('Authorization', `Bearer ${token}`)
    .send({ idempotencyKey: randomUUID(), routeType: 'VA_TO_ADMIN', bodyHtml: `<p>${text}</p>` });
  expect(sent.status).toBe(201);
}

async function privateThread(adminToken: string, vaToken: string): Promise<string> {
  const vaId = (await app.http.get('/api/profile').set('Authorization', `Bearer ${vaToken}`)).body.user.id;
  const created = await app.http.post('/messaging/conversations').set('Authorization', `Bearer ${adminToken}`).send({ kind: 'admin_va', vaUserId: vaId });
  expect([200, 201]).toContain(created.status);
  return created.body.data.id;
}

/** Whether the element is inside the thread's scroll area's visible part and inside the window. */
const inView = (locator: Locator) =>
  locator.evaluate((el) => {
    const scroller = el.closest('[data-testid="thread-messages"]');
    const r = el.getBoundingClientRect();
    const s = scroller ? scroller.getBoundingClientRect() : { top: 0, bottom: window.innerHeight };
    return r.top >= s.top - 1 && r.bottom <= s.bottom + 1 && r.top >= 0 && r.bottom <= window.innerHeight;
  });
/** Whether the element is wholly inside the window. */
const onScreen = (locator: Locator) =>
  locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;
  });

const row = (page: Page, title: string) => page.getByTestId('conversation').filter({ hasText: title }).filter({ hasText: PRIVATE });
const heading = (page: Page, title: string) => page.getByRole('heading', { name: title, level: 2 });
const message = (page: Page, text: string) => page.getByTestId('message').filter({ hasText: text });
const scroller = (page: Page) => page.getByTestId('thread-messages');

async function signedIn(viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await adminSignIn(page, app.baseUrl, demo.admin);
  return { context, page };
}

beforeAll(async () => {
  app = await startStrapi();
  browser = await launchBrowser();
  const adminToken = await adminLogin(app.http, demo.admin);
  victorToken = await appLogin(app.http, demo.va2);
  const veraToken = await appLogin(app.http, demo.va);
  longThreadId = await privateThread(adminToken, victorToken);
  shortThreadId = await privateThread(adminToken, veraToken);
  for (let n = 1; n <= 120; n++) await vaWrites(victorToken, longThreadId, numbered(n));
  await vaWrites(veraToken, shortThreadId, 'Vera checking in');
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('opens a long thread at its newest message, pages back to the first keeping the place, and keeps the newest in view (1440×900)', async () => {
  const { context, page } = await signedIn(DESKTOP);
  await page.goto(`${app.baseUrl}/admin/plugins/messaging`);
  // 120 unread: the badge stays narrow, and the count stops at 100 (issue 24), so the accessible name says "more than 99".
  const badge = row(page, LONG).getByTestId('unread-badge');
  await badge.waitFor();
  expect(await badge.innerText()).toBe('99+');
  expect(await badge.getAttribute('aria-label')).toBe('more than 99 unread');
  // The filters take little height (item 7).
  expect((await page.getByTestId('inbox-filters').boundingBox())!.height).toBeLessThan(150);

  await row(page, LONG).click();
  await heading(page, LONG).waitFor();
  expect(page.url()).toContain(`/admin/plugins/messaging/${longThreadId}`);

  // Item 1: it opens at the newest message, and the compose box is on screen.
  await message(page, numbered(120)).waitFor();
  expect(await inView(message(page, numbered(120)))).toBe(true);
  expect(await message(page, numbered(71)).count()).toBe(1);
  expect(await message(page, numbered(70)).count()).toBe(0);
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  expect(await onScreen(composer)).toBe(true);
  await page.getByText('Enter to send · Shift+Enter for a new line').waitFor();
  // A private thread with no business context offers no sharing (item 7).
  expect(await page.getByRole('checkbox', { name: /Visible to business/ }).count()).toBe(0);
  await keepScreenshot(page, 'staff-inbox-daily-newest');

  // Item 2: scrolling up loads the page before, and what was at the top stays in view.
  await scroller(page).evaluate((el) => (el.scrollTop = 0));
  await message(page, numbered(21)).waitFor({ timeout: 10_000 });
  expect(await message(page, numbered(20)).count()).toBe(0);
  expect(await inView(message(page, numbered(71)))).toBe(true);
  await scroller(page).evaluate((el) => (el.scrollTop = 0));
  await message(page, numbered(1)).waitFor({ timeout: 10_000 });
  await scroller(page).getByText('Beginning of the conversation').waitFor();
  expect(await inView(message(page, numbered(21)))).toBe(true);
  expect(await page.getByTestId('message').count()).toBe(120);
  await keepScreenshot(page, 'staff-inbox-daily-history');

  // Scrolled up to read: a new message does not pull the view down; a pill says it came and takes you there.
  const before = await scroller(page).evaluate((el) => el.scrollTop);
  await vaWrites(victorToken, longThreadId, numbered(121));
  await message(page, numbered(121)).waitFor({ timeout: 10_000 });
  const pill = page.getByTestId('new-messages-pill');
  await pill.waitFor();
  expect(await inView(message(page, numbered(121)))).toBe(false);
  expect(await scroller(page).evaluate((el) => el.scrollTop)).toBe(before);
  await pill.click();
  await pill.waitFor({ state: 'detached' });
  expect(await inView(message(page, numbered(121)))).toBe(true);

  // Pinned at the bottom, the next arrival stays in view.
  await vaWrites(victorToken, longThreadId, numbered(122));
  await message(page, numbered(122)).waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid="thread-messages"]')!;
    return el.scrollHeight - el.scrollTop - el.clientHeight < 2;
  });
  expect(await inView(message(page, numbered(122)))).toBe(true);
  expect(await pill.count()).toBe(0);

  // Item 5: Shift+Enter is a new line, Enter sends; your own reply lands in view.
  await composer.click();
  await composer.type('First line');
  await composer.press('Shift+Enter');
  await composer.type('second line');
  expect(await composer.inputValue()).toBe('First line\nsecond line');
  await composer.press('Enter');
  const reply = message(page, 'second line');
  await reply.waitFor();
  await reply.getByText('Sending…').waitFor({ state: 'detached', timeout: 10_000 });
  expect(await composer.inputValue()).toBe('');
  expect(await reply.locator('br').count()).toBe(1);
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid="thread-messages"]')!;
    return el.scrollHeight - el.scrollTop - el.clientHeight < 2;
  });
  expect(await inView(reply)).toBe(true);
  expect(await onScreen(composer)).toBe(true);
  await keepScreenshot(page, 'staff-inbox-daily-reply');
  await context.close();
}, 180_000);

it('gives each thread and the filters a URL: deep links, Back and Forward work (1440×900)', async () => {
  const { context, page } = await signedIn(DESKTOP);
  await page.goto(`${app.baseUrl}/admin/plugins/messaging`);
  await row(page, LONG).click();
  await heading(page, LONG).waitFor();
  await row(page, SHORT).click();
  await heading(page, SHORT).waitFor();
  expect(page.url()).toContain(`/admin/plugins/messaging/${shortThreadId}`);
  expect(await row(page, SHORT).getAttribute('aria-current')).toBe('true');

  await page.goBack();
  await heading(page, LONG).waitFor();
  expect(page.url()).toContain(`/admin/plugins/messaging/${longThreadId}`);
  await page.goForward();
  await heading(page, SHORT).waitFor();
  await page.goBack();
  await page.goBack();
  await page.getByText('Choose a conversation on the left to read it and reply.').waitFor();

  // A deep link opens its thread at once.
  const other = await context.newPage();
  await other.goto(`${app.baseUrl}/admin/plugins/messaging/${longThreadId}`);
  await heading(other, LONG).waitFor();
  await message(other, numbered(122)).waitFor();

  // Filters live in the query string and survive a reload.
  await page.getByRole('combobox', { name: 'Kind' }).click();
  await page.getByRole('option', { name: 'Business ↔ Admin team' }).click();
  await page.waitForURL(/[?&]kind=business_admin/);
  // The URL changes before the filtered list arrives: wait for the admin_va row to leave, not for any list.
  await row(page, LONG).waitFor({ state: 'detached' });
  await page.getByText('No conversation matches these filters. Clear a filter to see more.').or(page.getByTestId('conversation').first()).first().waitFor();
  expect(await row(page, LONG).count()).toBe(0);
  await page.reload();
  await page.getByRole('combobox', { name: 'Kind' }).filter({ hasText: 'Business ↔ Admin team' }).waitFor();
  await page.getByText('No conversation matches these filters. Clear a filter to see more.').or(page.getByTestId('conversation').first()).first().waitFor();
  expect(await row(page, LONG).count()).toBe(0);

  // A link to a thread the filters hide still opens it, and the filters stay.
  await page.goto(`${app.baseUrl}/admin/plugins/messaging/${shortThreadId}?kind=business_admin`);
  await heading(page, SHORT).waitFor();
  await message(page, 'Vera checking in').waitFor();
  expect(page.url()).toContain('kind=business_admin');

  // Search is in the URL too; Back returns to the unfiltered inbox.
  await page.goto(`${app.baseUrl}/admin/plugins/messaging`);
  await row(page, LONG).waitFor();
  await page.getByRole('textbox', { name: 'Search names, phone numbers and messages' }).fill('Vera');
  await page.waitForURL(/[?&]q=Vera/);
  await row(page, LONG).waitFor({ state: 'detached' });
  await row(page, SHORT).waitFor();
  await keepScreenshot(page, 'staff-inbox-daily-filters');
  await context.close();
}, 180_000);

it('stacks list → thread → audit on a phone, with the compose box on screen (390×844)', async () => {
  const { context, page } = await signedIn(PHONE);
  await page.goto(`${app.baseUrl}/admin/plugins/messaging`);
  await row(page, LONG).waitFor();
  // Only the list: no empty thread or audit columns squeezed beside it.
  expect(await page.getByText('Choose a conversation on the left to read it and reply.').count()).toBe(0);
  expect(await page.getByRole('complementary', { name: 'Audit trail' }).count()).toBe(0);
  const listBox = (await page.getByRole('navigation', { name: 'Conversations' }).boundingBox())!;
  expect(listBox.width).toBeGreaterThan(250);
  await keepScreenshot(page, 'staff-inbox-daily-phone-list');

  await row(page, LONG).click();
  await heading(page, LONG).waitFor();
  expect(page.url()).toContain(`/admin/plugins/messaging/${longThreadId}`);
  expect(await page.getByRole('navigation', { name: 'Conversations' }).count()).toBe(0);
  await message(page, numbered(122)).waitFor();
  expect(await inView(message(page, numbered(122)))).toBe(true);
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  expect(await onScreen(composer)).toBe(true);
  expect(await onScreen(page.getByRole('button', { name: 'Send', exact: true }))).toBe(true);
  // The audit trail is below the thread, full width, not a third column.
  const audit = page.getByRole('complementary', { name: 'Audit trail' });
  await audit.waitFor();
  const auditBox = (await audit.boundingBox())!;
  const threadBox = (await scroller(page).boundingBox())!;
  expect(auditBox.y).toBeGreaterThan(threadBox.y + threadBox.height);
  expect(auditBox.width).toBeGreaterThan(250);
  await keepScreenshot(page, 'staff-inbox-daily-phone-thread');

  // Back to the list with the button, and with the browser's Back.
  await page.getByRole('button', { name: '← All conversations' }).click();
  await row(page, LONG).waitFor();
  await row(page, SHORT).click();
  await heading(page, SHORT).waitFor();
  await page.goBack();
  await row(page, SHORT).waitFor();
  expect(await heading(page, SHORT).count()).toBe(0);
  await context.close();
}, 180_000);
