import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';
import { adminSignIn, keepScreenshot, launchBrowser } from '../helpers/browser';
import { reserveWebOrigin, startWeb, type RunningWeb } from '../helpers/web';
import { signIn } from '../helpers/web-pages';

// Real-time chat in the web app (PRD §6.4, §11): Acme Pets in the web app, the Admin team in the admin
// panel's inbox, each in its own browser context; and a VA who must never learn who really wrote.
let app: RunningStrapi;
let web: RunningWeb;
let browser: Browser;
const tokens: Record<string, string> = {};
let adminThreadId: string;
let vaThreadId: string;
let acmeBusinessId: string;

beforeAll(async () => {
  const webUrl = await reserveWebOrigin();
  app = await startStrapi();
  web = await startWeb(app.baseUrl, webUrl);
  browser = await launchBrowser();
  tokens.acme = await appLogin(app.http, demo.acme);
  tokens.va = await appLogin(app.http, demo.va);
  tokens.admin = await adminLogin(app.http, demo.admin);
  const acme = (await app.http.get('/api/profile').set('Authorization', `Bearer ${tokens.acme}`)).body;
  acmeBusinessId = acme.business.id;
  expect(acme.gating.canCompose).toBe(true);
  const vaId = (await app.http.get('/api/profile').set('Authorization', `Bearer ${tokens.va}`)).body.user.id;
  const own = await app.http.post('/api/conversations').set('Authorization', `Bearer ${tokens.acme}`).send({ kind: 'business_admin' });
  expect([200, 201]).toContain(own.status);
  adminThreadId = String(own.body.data.id);
  const va = await app.http
    .post('/messaging/conversations')
    .set('Authorization', `Bearer ${tokens.admin}`)
    .send({ kind: 'business_va', vaUserId: vaId, businessId: acmeBusinessId });
  expect([200, 201]).toContain(va.status);
  vaThreadId = String(va.body.data.id);
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await app?.stop();
});

const messages = (page: Page, text: string) => page.getByTestId('message').filter({ hasText: text });

it('lets Acme Pets and the Admin team chat live, with typing indicators and unread counts', async () => {
  const acmeContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const acme = await acmeContext.newPage();
  const staffContext = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const staff = await staffContext.newPage();

  await signIn(acme, web.url, demo.acme);
  await acme.getByTestId('conversation').filter({ hasText: 'Admin team' }).click();
  await acme.waitForURL(`**/conversations/${adminThreadId}`);
  await acme.getByRole('textbox', { name: 'Message' }).waitFor();

  await adminSignIn(staff, app.baseUrl, demo.admin);
  await staff.goto(`${app.baseUrl}/admin/plugins/messaging`);
  await staff.getByTestId('conversation').filter({ hasText: 'Acme Pets' }).filter({ hasText: 'Business ↔ Admin team' }).click();
  await staff.getByRole('heading', { name: 'Acme Pets', level: 2 }).waitFor();

  // Acme types: the Admin team sees it while it happens, then the message, once.
  const question = `Can we move Friday's walk to 10? ${randomUUID().slice(0, 6)}`;
  const acmeBox = acme.getByRole('textbox', { name: 'Message' });
  await acmeBox.pressSequentially(question.slice(0, 12), { delay: 20 });
  await staff.getByText('Acme Pets is typing…').waitFor({ timeout: 10_000 });
  await acmeBox.pressSequentially(question.slice(12));
  await acmeBox.press('Enter');
  await messages(acme, question).getByTestId('message-state').getByText('Sent').waitFor();
  await messages(staff, question).waitFor({ timeout: 10_000 });
  await staff.getByText('Acme Pets is typing…').waitFor({ state: 'detached', timeout: 10_000 });
  expect(await messages(staff, question).count()).toBe(1);
  expect(await messages(acme, question).count()).toBe(1);

  // The Admin team types and answers: Acme sees "Admin team is typing…", then the answer.
  const answer = `Yes, 10 works — ${randomUUID().slice(0, 6)}`;
  const staffBox = staff.getByRole('textbox', { name: 'Message', exact: true });
  await staffBox.pressSequentially(answer.slice(0, 8), { delay: 20 });
  await acme.getByTestId('typing').getByText('Admin team is typing…').waitFor({ timeout: 10_000 });
  await keepScreenshot(acme, 'web-thread-typing');
  await staffBox.pressSequentially(answer.slice(8));
  await staff.getByRole('button', { name: 'Send', exact: true }).click();
  const arrived = messages(acme, answer);
  await arrived.waitFor({ timeout: 10_000 });
  expect(await arrived.innerText()).toContain('Admin team');
  await acme.getByTestId('typing').getByText('Admin team is typing…').waitFor({ state: 'detached', timeout: 10_000 });
  await keepScreenshot(acme, 'web-thread');

  // Away from the thread, a new answer shows as unread in the list; opening the thread reads it.
  await acme.getByRole('link', { name: 'Back to conversations' }).click();
  await acme.waitForURL('**/conversations');
  const row = acme.getByTestId('conversation').filter({ hasText: 'Admin team' });
  await expect(row.getByTestId('unread').count()).resolves.toBe(0);
  const later = `Also, Rex's vet called — ${randomUUID().slice(0, 6)}`;
  await staffBox.fill(later);
  await staff.getByRole('button', { name: 'Send', exact: true }).click();
  await row.getByTestId('unread').getByText('1').waitFor({ timeout: 10_000 });
  await row.getByText(later).waitFor();
  await keepScreenshot(acme, 'web-conversations');
  const readMark = acme.waitForResponse((r) => r.url().endsWith(`/api/conversations/${adminThreadId}/read`) && r.status() === 204);
  await row.click();
  await messages(acme, later).waitFor();
  await readMark;
  await acme.getByRole('link', { name: 'Back to conversations' }).click();
  await acme.getByTestId('conversation').filter({ hasText: 'Admin team' }).waitFor();
  await expect(row.getByTestId('unread').count()).resolves.toBe(0);
  const list = await app.http.get('/api/conversations').set('Authorization', `Bearer ${tokens.acme}`);
  expect(list.body.data.find((c: any) => String(c.id) === adminThreadId).unreadCount).toBe(0);

  await acmeContext.close();
  await staffContext.close();
});

it('shows a VA the replies an admin writes as Acme Pets as from Acme Pets, never with a masquerade label or the admin’s name', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const masquerade = (text: string) =>
    app.http
      .post(`/messaging/conversations/${vaThreadId}/messages`)
      .set('Authorization', `Bearer ${tokens.admin}`)
      .send({ idempotencyKey: randomUUID(), routeType: 'ADMIN_MASQUERADE_TO_VA_AS_BUSINESS', bodyHtml: `<p>${text}</p>`, masqueradeForBusinessId: acmeBusinessId });

  const before = `Please give Rex his pills at noon. ${randomUUID().slice(0, 6)}`;
  expect((await masquerade(before)).status).toBe(201);

  await signIn(page, web.url, demo.va);
  await page.getByTestId('conversation').filter({ hasText: 'Acme Pets' }).click();
  await messages(page, before).waitFor();
  expect(await messages(page, before).innerText()).toContain('Acme Pets');

  // One more arrives live while the thread is open, written by Adam Admin in the admin panel's inbox as Acme Pets.
  const staffContext = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const staff = await staffContext.newPage();
  await adminSignIn(staff, app.baseUrl, demo.admin);
  await staff.goto(`${app.baseUrl}/admin/plugins/messaging`);
  await staff.getByTestId('conversation').filter({ hasText: 'Acme Pets ↔ Vera Assist' }).filter({ hasText: 'Business thread with a VA' }).click();
  await staff.getByRole('heading', { name: 'Acme Pets ↔ Vera Assist', level: 2 }).waitFor();
  await staff.getByRole('checkbox', { name: 'Reply as Acme Pets' }).click();
  await staff.getByText('Masquerading as Acme Pets', { exact: true }).waitFor();
  const live = `And water him after. ${randomUUID().slice(0, 6)}`;
  await staff.getByRole('textbox', { name: 'Message', exact: true }).fill(live);
  await staff.getByRole('button', { name: 'Send as Acme Pets' }).click();
  await staff.getByTestId('message').filter({ hasText: live }).getByText('Masquerade · written by Adam Admin').waitFor({ timeout: 10_000 });
  await messages(page, live).waitFor({ timeout: 10_000 });
  expect(await messages(page, live).innerText()).toContain('Acme Pets');
  await staffContext.close();

  // The VA can answer the business in its thread.
  const reply = `Will do. ${randomUUID().slice(0, 6)}`;
  await page.getByRole('textbox', { name: 'Message' }).fill(reply);
  await page.getByRole('button', { name: 'Send' }).click();
  await messages(page, reply).getByTestId('message-state').getByText('Sent').waitFor();

  const seen = `${await page.locator('body').innerText()}\n${await page.content()}`;
  expect(seen).not.toMatch(/masquerad/i);
  expect(seen).not.toMatch(/Adam|Admin\b/);
  await keepScreenshot(page, 'web-va-thread');
  await context.close();
});

it('opens a long thread at its newest messages, in order, and shows earlier ones on request', async () => {
  const vaId = (await app.http.get('/api/profile').set('Authorization', `Bearer ${tokens.va}`)).body.user.id;
  const thread = await app.http.post('/messaging/conversations').set('Authorization', `Bearer ${tokens.admin}`).send({ kind: 'admin_va', vaUserId: vaId });
  expect([200, 201]).toContain(thread.status);
  const id = String(thread.body.data.id);
  const existing = (await app.http.get(`/api/conversations/${id}/messages?limit=200`).set('Authorization', `Bearer ${tokens.va}`)).body.data.length;
  for (let n = 1; n <= 60; n++) {
    const sent = await app.http
      .post(`/messaging/conversations/${id}/messages`)
      .set('Authorization', `Bearer ${tokens.admin}`)
      .send({ idempotencyKey: randomUUID(), routeType: 'ADMIN_TO_VA_PRIVATE', bodyHtml: `<p>Shift note ${n}</p>` });
    expect(sent.status).toBe(201);
  }

  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, web.url, demo.va);
  await page.goto(`${web.url}/conversations/${id}`);
  await messages(page, 'Shift note 60').waitFor();
  const shown = async () => (await page.getByTestId('message').allInnerTexts()).map((t) => /Shift note (\d+)/.exec(t)?.[1]).filter(Boolean).map(Number);
  expect(await shown()).toEqual(Array.from({ length: 50 }, (_, i) => i + 11));
  await page.getByRole('button', { name: 'Show earlier messages' }).click();
  await page.getByText('Shift note 1', { exact: true }).waitFor();
  expect(await shown()).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  expect(await page.getByTestId('message').count()).toBe(60 + existing);
  await context.close();
});
