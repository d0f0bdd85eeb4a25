import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { appLogin, demo } from '../helpers/accounts';
import { adminSignIn, launchBrowser } from '../helpers/browser';
import { reserveWebOrigin, startWeb, type RunningWeb } from '../helpers/web';
import { signIn } from '../helpers/web-pages';
import { expectAccessible } from '../helpers/axe';

// Issue 13's accessibility pass: axe-core in Chromium on the web app's sign-in, conversations, a thread and the
// dashboard, and on the admin panel's Messages page. No serious or critical violation; no rule is switched off.
// The admin check covers the inbox page's own root (Strapi's menu and chrome around it are not ours to fix).
jest.setTimeout(180_000);
let app: RunningStrapi;
let web: RunningWeb;
let browser: Browser;
let threadId: string;
beforeAll(async () => {
  const webUrl = await reserveWebOrigin();
  app = await startStrapi();
  web = await startWeb(app.baseUrl, webUrl);
  browser = await launchBrowser();
  // Acme's Admin team thread with a message in it, for the thread pages on both sides.
  const token = await appLogin(app.http, demo.acme);
  const own = await app.http.post('/api/conversations').set('Authorization', `Bearer ${token}`).send({ kind: 'business_admin' });
  threadId = String(own.body.data.id);
  const sent = await app.http
    .post(`/api/conversations/${threadId}/messages`)
    .set('Authorization', `Bearer ${token}`)
    .send({ idempotencyKey: randomUUID(), routeType: 'BUSINESS_TO_ADMIN', bodyHtml: '<p>Can Rex have an extra walk on Friday?</p>' });
  expect(sent.status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await app?.stop();
});

describe.each([
  ['1440×900', { width: 1440, height: 900 }],
  ['390×844', { width: 390, height: 844 }],
])('the web app at %s', (_, viewport) => {
  it('has no serious or critical violations on sign-in, conversations, a thread and the dashboard', async () => {
    // bypassCSP lets the test inject axe; the pages' own scripts are unchanged.
    const context = await browser.newContext({ viewport, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${web.url}/login`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expectAccessible(page, 'sign-in');

    await signIn(page, web.url, demo.acme);
    await page.goto(`${web.url}/conversations`);
    await page.getByTestId('conversation').first().waitFor();
    await expectAccessible(page, 'conversations');

    await page.getByTestId('conversation').filter({ hasText: 'Admin team' }).click();
    await page.waitForURL(/\/conversations\/\d+$/);
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await page.getByTestId('message').first().waitFor();
    await expectAccessible(page, 'a thread');

    await page.goto(`${web.url}/dashboard`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.getByRole('button', { name: /Save/ }).first().waitFor();
    await expectAccessible(page, 'dashboard');
    await context.close();
  });
});

it('has no serious or critical violations on the admin Messages page (our page root), with a thread open', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await adminSignIn(page, app.baseUrl, demo.owner);
  await page.goto(`${app.baseUrl}/admin/plugins/messaging/${threadId}`);
  await page.getByRole('textbox', { name: 'Message', exact: true }).waitFor();
  await page.getByTestId('message').first().waitFor();
  await expectAccessible(page, 'admin Messages page', 'main');
  await context.close();
});
