import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';
import { adminSignIn, keepScreenshot, launchBrowser } from '../helpers/browser';
import { connectSocket, type RecordingSocket } from '../helpers/sockets';

// The staff inbox in the real admin panel, in Chromium. The VA's side is checked through the VA's own
// socket.io client and HTTP API: the web app is not built yet.
let app: RunningStrapi;
let browser: Browser;
let vaSocket: RecordingSocket;
const tokens: Record<string, string> = {};
let threadId: string;
const threadTitle = 'Acme Pets ↔ Vera Assist';

const openInbox = async (page: Page) => {
  await page.goto(`${app.baseUrl}/admin/plugins/messaging`);
  await page.getByRole('heading', { name: 'Messages', level: 1 }).waitFor();
};
const openThread = async (page: Page, title: string) => {
  await page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: new RegExp(title) }).click();
  await page.getByRole('heading', { name: title, level: 2 }).waitFor();
};

beforeAll(async () => {
  app = await startStrapi();
  browser = await launchBrowser();
  tokens.admin = await adminLogin(app.http, demo.admin);
  tokens.admin2 = await adminLogin(app.http, demo.admin2);
  tokens.va = await appLogin(app.http, demo.va);
  const acmeToken = await appLogin(app.http, demo.acme);
  const acmeId = (await app.http.get('/api/profile').set('Authorization', `Bearer ${acmeToken}`)).body.business.id;
  const vaId = (await app.http.get('/api/profile').set('Authorization', `Bearer ${tokens.va}`)).body.user.id;
  const thread = await app.http
    .post('/messaging/conversations')
    .set('Authorization', `Bearer ${tokens.admin}`)
    .send({ kind: 'business_va', vaUserId: vaId, businessId: acmeId });
  expect([200, 201]).toContain(thread.status);
  threadId = thread.body.data.id;
  vaSocket = await connectSocket(app.baseUrl, tokens.va);
});

afterAll(async () => {
  vaSocket?.close();
  await browser?.close();
  await app?.stop();
});

it('lets admin@demo.test reply as Acme Pets; the VA receives it from Acme Pets with no admin name; the audit panel names the real actor', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await adminSignIn(page, app.baseUrl, demo.admin);
  await openInbox(page);
  await openThread(page, threadTitle);

  // Live: the VA writes and types, and the open thread shows both without a reload.
  const vaMessage = await app.http
    .post(`/api/conversations/${threadId}/messages`)
    .set('Authorization', `Bearer ${tokens.va}`)
    .send({ idempotencyKey: randomUUID(), routeType: 'VA_TO_BUSINESS', bodyHtml: '<p>Does Rex need his pills at noon?</p>' });
  expect(vaMessage.status).toBe(201);
  await page.getByTestId('message').filter({ hasText: 'Does Rex need his pills at noon?' }).waitFor({ timeout: 10_000 });
  await page.getByTestId('conversation').filter({ hasText: 'Vera Assist: Does Rex need his pills at noon?' }).waitFor();
  await vaSocket.ack('conversation:join', { conversationId: threadId });
  vaSocket.socket.emit('typing', { conversationId: threadId, typing: true });
  await page.getByText('Vera Assist is typing…').waitFor({ timeout: 10_000 });
  vaSocket.socket.emit('typing', { conversationId: threadId, typing: false });

  // Masquerade is a deliberate mode, with a coloured badge and a tooltip that says what the VA sees.
  const send = page.getByRole('button', { name: 'Send as Acme Pets' });
  expect(await send.isDisabled()).toBe(true);
  await page.getByRole('checkbox', { name: 'Reply as Acme Pets' }).click();
  const badge = page.getByText('Masquerading as Acme Pets', { exact: true });
  await badge.waitFor();
  await page.getByTestId('masquerade-badge').hover();
  await page.getByRole('tooltip').getByText('The VA sees your reply as from Acme Pets, never your name.', { exact: false }).first().waitFor();

  const body = `Yes, at noon with food — ${randomUUID().slice(0, 8)}`;
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill(body);
  await send.click();

  // The staff view labels it with the real actor; the local echo is replaced by the server's message, once.
  const bubble = page.getByTestId('message').filter({ hasText: body });
  await bubble.getByText('Masquerade · written by Adam Admin').waitFor({ timeout: 10_000 });
  await bubble.getByText('Sending…').waitFor({ state: 'detached', timeout: 10_000 });
  expect(await bubble.count()).toBe(1);

  // The VA's socket: from "Acme Pets", a business, and nothing that names the admin.
  const arrived = await vaSocket.waitFor('message:new', (p) => p.message.bodyText === body, 10_000);
  expect(arrived.message.sender).toEqual({ displayName: 'Acme Pets', role: 'business' });
  expect(arrived.message.routeType).toBe('BUSINESS_TO_VA');
  expect(JSON.stringify(arrived)).not.toMatch(/Adam|masquerade|admin:/i);
  // And the VA's HTTP history says the same.
  const history = await app.http.get(`/api/conversations/${threadId}/messages`).set('Authorization', `Bearer ${tokens.va}`);
  const stored = history.body.data.find((m: any) => m.bodyText === body);
  expect(stored.sender).toEqual({ displayName: 'Acme Pets', role: 'business' });
  expect(JSON.stringify(stored)).not.toMatch(/Adam|masquerade|admin:/i);

  // The audit panel shows the masquerade with the real actor.
  const audit = page.getByRole('complementary', { name: 'Audit trail' });
  const event = audit.getByTestId('audit-event').filter({ hasText: 'Replied as Acme Pets' }).first();
  await event.waitFor({ timeout: 10_000 });
  expect(await event.innerText()).toMatch(/by Adam Admin, acting as business/);
  await keepScreenshot(page, 'staff-inbox-masquerade');
  await context.close();
});

it('does not offer admin2@demo.test masquerade, and the API refuses it', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await adminSignIn(page, app.baseUrl, demo.admin2);
  await openInbox(page);
  await openThread(page, threadTitle);
  await page.getByText('You do not have permission to reply as Acme Pets. Ask an owner for a masquerade grant.', { exact: false }).waitFor();
  expect(await page.getByRole('checkbox', { name: 'Reply as Acme Pets' }).count()).toBe(0);
  expect(await page.getByText('Masquerading as Acme Pets').count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Send as Acme Pets' }).count()).toBe(0);
  await keepScreenshot(page, 'staff-inbox-no-grant');

  const refused = await app.http
    .post(`/messaging/conversations/${threadId}/messages`)
    .set('Authorization', `Bearer ${tokens.admin2}`)
    .send({ idempotencyKey: randomUUID(), routeType: 'ADMIN_MASQUERADE_TO_VA_AS_BUSINESS', bodyHtml: '<p>Sneaky</p>' });
  expect(refused.status).toBe(403);
  expect(refused.body.error.message).toBe('You do not have permission to reply as Acme Pets. Ask an owner for a masquerade grant.');
  await context.close();
});
