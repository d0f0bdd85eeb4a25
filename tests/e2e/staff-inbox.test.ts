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
let businessAdminId: string;
const threadTitle = 'Acme Pets ↔ Vera Assist';

const openInbox = async (page: Page) => {
  await page.goto(`${app.baseUrl}/admin/plugins/messaging`);
  await page.getByRole('heading', { name: 'Messages', level: 1 }).waitFor();
};
const openThread = async (page: Page, title: string, kindLabel = 'Business thread with a VA') => {
  await page.getByTestId('conversation').filter({ hasText: title }).filter({ hasText: kindLabel }).click();
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
  const businessAdmin = await app.http.post('/api/conversations').set('Authorization', `Bearer ${acmeToken}`).send({ kind: 'business_admin' });
  expect([200, 201]).toContain(businessAdmin.status);
  businessAdminId = businessAdmin.body.data.id;
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

it('keeps a failed send on screen with Retry, and the retry reuses the idempotency key', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await adminSignIn(page, app.baseUrl, demo.admin);
  await openInbox(page);
  await openThread(page, 'Acme Pets', 'Business ↔ Admin team');
  const sent: string[] = [];
  let dropNext = true;
  await page.route(`**/messaging/conversations/${businessAdminId}/messages`, async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    sent.push(JSON.parse(route.request().postData() ?? '{}').idempotencyKey);
    if (dropNext) {
      dropNext = false;
      return route.abort('internetdisconnected');
    }
    return route.continue();
  });
  const body = `Your invoice is ready — ${randomUUID().slice(0, 8)}`;
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill(body);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const bubble = page.getByTestId('message').filter({ hasText: body });
  await bubble.getByText('Not sent: Switchboard could not be reached. Check your connection, then retry.').waitFor({ timeout: 10_000 });
  await keepScreenshot(page, 'staff-inbox-failed-send');
  await bubble.getByRole('button', { name: 'Retry' }).click();
  await bubble.getByRole('button', { name: 'Retry' }).waitFor({ state: 'detached', timeout: 10_000 });
  await bubble.getByText('Sending…').waitFor({ state: 'detached', timeout: 10_000 });
  expect(sent).toHaveLength(2);
  expect(sent[1]).toBe(sent[0]);
  // The business got exactly one message, from "Admin team".
  const acmeToken = await appLogin(app.http, demo.acme);
  const history = await app.http.get(`/api/conversations/${businessAdminId}/messages`).set('Authorization', `Bearer ${acmeToken}`);
  const copies = history.body.data.filter((m: any) => m.bodyText === body);
  expect(copies).toHaveLength(1);
  expect(copies[0].sender).toEqual({ displayName: 'Admin team', role: 'admin' });
  await context.close();
});

it('lets the Owner grant and revoke masquerade from Settings, with confirmation, and keeps admins out', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await adminSignIn(page, app.baseUrl, demo.owner);
  await page.goto(`${app.baseUrl}/admin/settings/messaging/masquerade-grants`);
  await page.getByRole('heading', { name: 'Masquerade grants', level: 1 }).waitFor();
  await page.getByRole('row').filter({ hasText: 'admin@demo.test' }).filter({ hasText: 'Acme Pets' }).waitFor();

  await page.getByRole('combobox', { name: 'Admin' }).click();
  await page.getByRole('option', { name: /admin2@demo\.test/ }).click();
  await page.getByRole('combobox', { name: 'May reply as' }).click();
  await page.getByRole('option', { name: 'Acme Pets' }).click();
  await page.getByRole('button', { name: 'Grant', exact: true }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.getByText('Ada Second will be able to reply to VAs as Acme Pets.', { exact: false }).waitFor();
  await dialog.getByRole('button', { name: 'Grant' }).click();
  const row = page.getByRole('row').filter({ hasText: 'admin2@demo.test' });
  await row.waitFor();
  const me = await app.http.get('/messaging/me').set('Authorization', `Bearer ${tokens.admin2}`);
  expect(me.body.data.masqueradeBusinesses).toEqual([expect.objectContaining({ name: 'Acme Pets' })]);

  await row.getByRole('button', { name: 'Revoke' }).click();
  await dialog.getByText('Ada Second will no longer be able to reply to VAs as Acme Pets.', { exact: false }).waitFor();
  await keepScreenshot(page, 'staff-inbox-revoke-grant');
  await dialog.getByRole('button', { name: 'Revoke' }).click();
  await row.waitFor({ state: 'detached' });
  await page.getByText('Ada Second may no longer reply as Acme Pets.').waitFor();
  const after = await app.http.get('/messaging/me').set('Authorization', `Bearer ${tokens.admin2}`);
  expect(after.body.data.masqueradeBusinesses).toEqual([]);

  const ownerToken = await adminLogin(app.http, demo.owner);
  const audit = await app.http.get('/messaging/audit?pageSize=10').set('Authorization', `Bearer ${ownerToken}`);
  const actions = audit.body.data.filter((e: any) => e.actor.displayName === 'Olivia Owner').map((e: any) => e.action);
  expect(actions.slice(0, 2)).toEqual(['masquerade.revoke', 'masquerade.grant']);

  // A Messaging Admin has neither the settings page nor the API.
  const adminPage = await (await browser.newContext()).newPage();
  await adminSignIn(adminPage, app.baseUrl, demo.admin);
  await adminPage.goto(`${app.baseUrl}/admin/settings/messaging/masquerade-grants`);
  await adminPage.getByText(/don't have the permissions|do not have the permissions/i).first().waitFor({ timeout: 15_000 });
  expect(await adminPage.getByRole('heading', { name: 'Masquerade grants', level: 1 }).count()).toBe(0);
  expect((await app.http.get('/messaging/masquerade-grants').set('Authorization', `Bearer ${tokens.admin}`)).status).toBe(403);
  await context.close();
});

it('starts an Admin ↔ VA thread about Acme Pets and shares a note with the business after confirmation', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await adminSignIn(page, app.baseUrl, demo.admin);
  await openInbox(page);
  await page.getByRole('button', { name: 'New conversation' }).click();
  const modal = page.getByRole('dialog');
  await modal.getByRole('combobox', { name: 'VA' }).click();
  await page.getByRole('option', { name: 'Victor Assist' }).click();
  await modal.getByRole('combobox', { name: 'Business' }).click();
  await page.getByRole('option', { name: 'Acme Pets' }).click();
  await modal.getByRole('button', { name: 'Open conversation' }).click();
  await page.getByRole('heading', { name: 'Victor Assist · about Acme Pets', level: 2 }).waitFor();
  await page.getByTestId('conversation').filter({ hasText: 'Victor Assist · about Acme Pets' }).waitFor();

  const body = `Victor covers Rex this week — ${randomUUID().slice(0, 8)}`;
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill(body);
  await page.getByRole('checkbox', { name: /Visible to business/ }).click();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const confirm = page.getByRole('alertdialog');
  await confirm.getByText('Share this note with Acme Pets?').waitFor();
  await confirm.getByRole('button', { name: 'Share with business' }).click();
  const bubble = page.getByTestId('message').filter({ hasText: body });
  await bubble.getByText('Shared with business').waitFor();
  await bubble.getByText('Sending…').waitFor({ state: 'detached', timeout: 10_000 });

  const acmeToken = await appLogin(app.http, demo.acme);
  const history = await app.http.get(`/api/conversations/${businessAdminId}/messages`).set('Authorization', `Bearer ${acmeToken}`);
  const note = history.body.data.find((m: any) => m.bodyText === body);
  expect(note.sender).toEqual({ displayName: 'Admin team', role: 'admin' });
  await page.getByRole('complementary', { name: 'Audit trail' }).getByText('Shared a note with the business').waitFor({ timeout: 10_000 });
  await keepScreenshot(page, 'staff-inbox-shared-note');
  await context.close();
});
