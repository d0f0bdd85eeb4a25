import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';
import { adminSignIn, keepScreenshot, launchBrowser } from '../helpers/browser';
import { reserveWebOrigin, startWeb, type RunningWeb } from '../helpers/web';
import { markPage, pageWasNotReloaded, signIn } from '../helpers/web-pages';

// Issue 13 items 4 and 8 in Chromium. Staff learn that a client texted wherever they are in the admin panel (the
// Messages menu count, the tab title, a toast linking to the thread), and reading the thread lowers the count; a
// business sees "Seen by Admin team" once staff read its message; an SMS's provider state shows in the staff inbox.
jest.setTimeout(180_000);
let app: RunningStrapi;
let web: RunningWeb;
let browser: Browser;
const tokens: Record<string, string> = {};
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

const bearer = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
const countPrefix = async (page: Page) => /^\((\d+\+?)\) /.exec(await page.title())?.[1] ?? null;
/** Waits until the tab title starts with this unread count, or carries none (null). */
const titleCount = (page: Page, count: string | null) =>
  page.waitForFunction(
    (wanted) => {
      const title: string = (globalThis as any).document.title;
      return wanted === null ? !/^\(\d/.test(title) : title.startsWith(`(${wanted}) `);
    },
    count,
    { timeout: 10_000 },
  );

/** The demo admin reads everything first, so the count each test expects does not depend on earlier suites. */
async function adminReadsEverything(): Promise<void> {
  const list = await app.http.get('/messaging/conversations').query({ unread: 'true', pageSize: 200 }).set(bearer('admin'));
  for (const c of list.body.data) {
    await app.http.post(`/messaging/conversations/${c.id}/read`).set(bearer('admin')).send({ lastReadMessageId: c.lastMessage.id });
  }
  expect((await app.http.get('/messaging/unread').set(bearer('admin'))).body.data.total).toBe(0);
}

/** A client texts the Front Desk through the sandbox's virtual phone (the provider's inbound path). */
/** +14155550176 → +1 (415) 555-0176, as OPS §3.1 shows a number. */
const formatted = (e164: string) => e164.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '+1 ($1) $2-$3');

async function clientTexts(from: string, body: string): Promise<void> {
  const res = await app.http.post('/provider/sandbox/phone/reply').set(bearer('owner')).send({ from, body });
  expect(res.status).toBeLessThan(300);
}

beforeAll(async () => {
  const webUrl = await reserveWebOrigin();
  app = await startStrapi();
  web = await startWeb(app.baseUrl, webUrl);
  browser = await launchBrowser();
  tokens.admin = await adminLogin(app.http, demo.admin);
  tokens.owner = await adminLogin(app.http, demo.owner);
  tokens.acme = await appLogin(app.http, demo.acme);
  const own = await app.http.post('/api/conversations').set(bearer('acme')).send({ kind: 'business_admin' });
  expect([200, 201]).toContain(own.status);
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await app?.stop();
});

describe.each([
  ['1440×900', DESKTOP, '+14155550176'],
  ['390×844', PHONE, '+14155550177'],
])('a client text reaches staff on another page (%s)', (size, viewport, clientPhone) => {
  it('shows a toast, the count in the tab title (and the menu), opens the thread from the toast, and reading lowers the count', async () => {
    await adminReadsEverything();
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await adminSignIn(page, app.baseUrl, demo.admin);
    await page.goto(`${app.baseUrl}/admin/plugins/numbers`);
    await page.getByRole('heading', { name: /Number Inventory/ }).first().waitFor();
    await markPage(page);
    expect(await countPrefix(page)).toBeNull();
    expect(await page.getByTestId('messages-menu-count').count()).toBe(0);

    const text = `Is Rex booked for Friday? ${randomUUID().slice(0, 6)}`;
    await clientTexts(clientPhone, text);

    const toast = page.getByTestId('client-text-toast');
    await toast.filter({ hasText: text }).waitFor({ timeout: 10_000 });
    // A client not named yet reads as their number, formatted as people read one (kit's displayNumber), never raw E.164.
    expect(await toast.innerText()).toContain(`New text from ${formatted(clientPhone)}`);
    await titleCount(page, '1');
    if (viewport === DESKTOP) {
      await page.getByTestId('messages-menu-count').getByText('1', { exact: true }).waitFor();
      await page.getByRole('link', { name: 'Messages, 1 unread' }).waitFor();
    }
    // A second text raises it again, live.
    await clientTexts(clientPhone, `${text} (again)`);
    await titleCount(page, '2');
    // One toast per thread, saying its newest text.
    await toast.filter({ hasText: `${text} (again)` }).waitFor();
    expect(await toast.count()).toBe(1);
    if (viewport === DESKTOP) await page.getByTestId('messages-menu-count').getByText('2', { exact: true }).waitFor();
    await keepScreenshot(page, `staff-alerts-toast-${size}`);

    // The toast's link opens the thread inside the panel (no reload); reading it lowers the count.
    await toast.getByRole('link', { name: 'Open the thread' }).click();
    await page.waitForURL(/\/admin\/plugins\/messaging\/\d+$/);
    await page.getByTestId('message').filter({ hasText: `${text} (again)` }).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('message').filter({ hasText: `${text} (again)` }).innerText()).toContain(formatted(clientPhone));
    await titleCount(page, null);
    if (viewport === DESKTOP) {
      await page.getByTestId('messages-menu-count').waitFor({ state: 'detached' });
      await page.getByRole('link', { name: 'Messages', exact: true }).waitFor();
    }
    expect(await pageWasNotReloaded(page)).toBe(true);
    expect((await app.http.get('/messaging/unread').set(bearer('admin'))).body.data.total).toBe(0);
    await context.close();
  });
});

it('tells a business "Seen by Admin team" once staff read its message, without a reload (390×844 and 1440×900)', async () => {
  const acmeContext = await browser.newContext({ viewport: PHONE });
  const acme = await acmeContext.newPage();
  const staffContext = await browser.newContext({ viewport: DESKTOP });
  const staff = await staffContext.newPage();

  await signIn(acme, web.url, demo.acme);
  await acme.getByTestId('conversation').filter({ hasText: 'Admin team' }).click();
  await acme.waitForURL(/\/conversations\/\d+$/);
  const threadId = acme.url().split('/').pop()!;
  await markPage(acme);
  const text = `Please confirm the Friday walk ${randomUUID().slice(0, 6)}`;
  const box = acme.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
  const bubble = acme.getByTestId('message').filter({ hasText: text });
  await bubble.getByTestId('message-state').getByText('Sent').waitFor();
  expect(await bubble.getByTestId('message-seen').count()).toBe(0);

  await adminSignIn(staff, app.baseUrl, demo.admin2);
  await staff.goto(`${app.baseUrl}/admin/plugins/messaging/${threadId}`);
  await staff.getByTestId('message').filter({ hasText: text }).waitFor({ timeout: 30_000 });

  await bubble.getByTestId('message-seen').getByText('Seen by Admin team').waitFor({ timeout: 10_000 });
  expect(await acme.getByTestId('message-seen').count()).toBe(1);
  expect(await acme.getByText(/Ada|Adam|Owen/).count()).toBe(0);
  expect(await pageWasNotReloaded(acme)).toBe(true);
  await keepScreenshot(acme, 'staff-alerts-seen-by-admin-team');
  await acmeContext.close();
  await staffContext.close();
});

it('shows an SMS to a client as Delivered, then Failed when the provider reports a failure, in the staff inbox', async () => {
  const clientPhone = '+14155550178';
  await clientTexts(clientPhone, 'Can someone call me back?');
  const list = await app.http.get('/messaging/conversations').query({ kind: 'client', q: clientPhone.slice(-4), pageSize: 200 }).set(bearer('owner'));
  const thread = (list.body.data as any[]).find((c) => c.lastMessage?.bodyText === 'Can someone call me back?');
  expect(thread).toBeDefined();

  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await adminSignIn(page, app.baseUrl, demo.owner);
  await page.goto(`${app.baseUrl}/admin/plugins/messaging/${thread.id}`);
  await page.getByTestId('message').filter({ hasText: 'Can someone call me back?' }).waitFor({ timeout: 30_000 });

  const reply = `We will call at 3 ${randomUUID().slice(0, 6)}`;
  const sent = await app.http
    .post(`/messaging/conversations/${thread.id}/messages`)
    .set(bearer('owner'))
    .send({ idempotencyKey: randomUUID(), routeType: 'STAFF_TO_CLIENT', bodyHtml: `<p>${reply}</p>` });
  expect(sent.status).toBe(201);
  const bubble = page.getByTestId('message').filter({ hasText: reply });
  await bubble.getByTestId('message-delivery').getByText('Delivered').waitFor({ timeout: 15_000 });

  // The provider reports the text failed after all (what its status webhook does), through messaging's delivery handler.
  await app.strapi.plugin('messaging').service('client-threads').applyDelivery({ outboundId: 0, messageRef: sent.body.data.id, status: 'failed', deadLettered: true, problem: null });
  await bubble.getByTestId('message-delivery').getByText('Failed').waitFor({ timeout: 10_000 });
  await keepScreenshot(page, 'staff-alerts-sms-failed');
  await context.close();
});
