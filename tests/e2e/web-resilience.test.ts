import type { Browser, BrowserContext, Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, appLogin, demo } from '../helpers/accounts';
import { keepScreenshot, launchBrowser } from '../helpers/browser';
import { reserveWebOrigin, startWeb, type RunningWeb } from '../helpers/web';
import { signIn } from '../helpers/web-pages';

// PRD §6.4 "Optimistic sends", "Resilient reconnect": pending while offline, sent once when back,
// failed when the server refuses, and a retry with the same idempotency key.
let app: RunningStrapi;
let web: RunningWeb;
let browser: Browser;
let token: string;
let threadId: string;

beforeAll(async () => {
  const webUrl = await reserveWebOrigin();
  app = await startStrapi();
  web = await startWeb(app.baseUrl, webUrl);
  browser = await launchBrowser();
  token = await appLogin(app.http, demo.acme);
  const own = await app.http.post('/api/conversations').set('Authorization', `Bearer ${token}`).send({ kind: 'business_admin' });
  expect([200, 201]).toContain(own.status);
  threadId = String(own.body.data.id);
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await app?.stop();
});

/** Acme Pets on one device: signed in, the Admin team thread open. */
async function device(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, web.url, demo.acme);
  await page.goto(`${web.url}/conversations/${threadId}`);
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  await page.getByTestId('connection').getByText('Online').waitFor();
  return { context, page };
}

const bubbles = (page: Page, text: string) => page.getByTestId('message').filter({ hasText: text });
const stored = async (text: string) => {
  const res = await app.http.get(`/api/conversations/${threadId}/messages?limit=200`).set('Authorization', `Bearer ${token}`);
  return res.body.data.filter((m: any) => m.bodyText === text);
};
const outbox = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('switchboard.outbox')).flatMap((k) => JSON.parse(localStorage.getItem(k)!)));

async function send(page: Page, text: string) {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
}

it('queues a message written offline, shows it pending, and sends it exactly once when back online', async () => {
  const phone = await device();
  const laptop = await device();
  const text = `Written on the train ${randomUUID().slice(0, 6)}`;

  await phone.context.setOffline(true);
  await phone.page.getByTestId('connection').getByText('Offline', { exact: false }).waitFor();
  await send(phone.page, text);
  await bubbles(phone.page, text).getByTestId('message-state').getByText('Sending…').waitFor();
  const queued = await outbox(phone.page);
  expect(queued).toEqual([expect.objectContaining({ bodyText: text, status: 'pending' })]);
  expect(queued[0].idempotencyKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  await keepScreenshot(phone.page, 'web-offline-pending');
  expect(await stored(text)).toHaveLength(0);

  await phone.context.setOffline(false);
  await bubbles(phone.page, text).getByTestId('message-state').getByText('Sent').waitFor({ timeout: 20_000 });
  await bubbles(laptop.page, text).waitFor({ timeout: 10_000 });
  expect(await bubbles(phone.page, text).count()).toBe(1);
  expect(await bubbles(laptop.page, text).count()).toBe(1);
  const messages = await stored(text);
  expect(messages).toHaveLength(1);
  expect(messages[0].idempotencyKey).toBe(queued[0].idempotencyKey);
  expect(await outbox(phone.page)).toEqual([]);

  // The phone reports how long the person waited from send to acknowledgement (PRD §10), within one report period.
  const waited = async () => {
    const res = await app.http.get('/api/messaging/metrics').set('Authorization', `Bearer ${process.env.METRICS_TOKEN}`);
    return Number(/^optimistic_send_duration_to_ack_ms_count (\d+)/m.exec(res.text)?.[1] ?? 0);
  };
  const deadline = Date.now() + 25_000;
  while ((await waited()) === 0 && Date.now() < deadline) await phone.page.waitForTimeout(500);
  expect(await waited()).toBeGreaterThanOrEqual(1);
  await phone.context.close();
  await laptop.context.close();
});

it('keeps a queued message through a reload while the socket cannot connect; on reconnect sends it once and fetches what it missed, in order', async () => {
  const { context, page } = await device();
  // The API answers but socket.io cannot get through: every websocket to it is closed at once, until unblocked.
  let blocked = true;
  await context.routeWebSocket(/socket\.io/, (ws) => (blocked ? ws.close() : ws.connectToServer()));
  await page.reload();
  await page.getByTestId('connection').getByText('Reconnecting…').waitFor({ timeout: 15_000 });
  const text = `Sent through a reload ${randomUUID().slice(0, 6)}`;
  await send(page, text);
  await bubbles(page, text).getByTestId('message-state').getByText('Sending…').waitFor();

  await page.reload();
  await bubbles(page, text).getByTestId('message-state').getByText('Sending…').waitFor();
  expect(await stored(text)).toHaveLength(0);

  // While the socket is down the Admin team answers: only the delta sync after reconnecting can bring it.
  const missed = `Answered while you were away ${randomUUID().slice(0, 6)}`;
  const staffToken = await adminLogin(app.http, demo.admin);
  const answer = await app.http
    .post(`/messaging/conversations/${threadId}/messages`)
    .set('Authorization', `Bearer ${staffToken}`)
    .send({ idempotencyKey: randomUUID(), routeType: 'ADMIN_TO_BUSINESS', bodyHtml: `<p>${missed}</p>` });
  expect(answer.status).toBe(201);

  blocked = false;
  await bubbles(page, text).getByTestId('message-state').getByText('Sent').waitFor({ timeout: 30_000 });
  await bubbles(page, missed).waitFor({ timeout: 10_000 });
  await page.getByTestId('connection').getByText('Online').waitFor();
  expect(await bubbles(page, text).count()).toBe(1);
  expect(await bubbles(page, missed).count()).toBe(1);
  expect(await stored(text)).toHaveLength(1);
  // In server order: the answer was stored before the queued message reached the server.
  const order = await page.getByTestId('message').allInnerTexts();
  expect(order.findIndex((t) => t.includes(missed))).toBeLessThan(order.findIndex((t) => t.includes(text)));
  expect(order.findIndex((t) => t.includes(text))).toBe(order.length - 1);
  await context.close();
});

it('shows a send the server refuses as failed, and a retry with the same key sends it once', async () => {
  const { context, page } = await device();
  const text = `Please call me back ${randomUUID().slice(0, 6)}`;
  try {
    await context.setOffline(true);
    await page.getByTestId('connection').getByText('Offline', { exact: false }).waitFor();
    await send(page, text);
    await bubbles(page, text).getByTestId('message-state').getByText('Sending…').waitFor();
    const [queued] = await outbox(page);

    // Meanwhile the profile drops below 80% (another device cleared two fields): the server will refuse.
    const dropped = await app.http.put('/api/profile').set('Authorization', `Bearer ${token}`).send({ address: null, website: null });
    expect(dropped.body.business.profileCompleteness).toBe(70);
    await context.setOffline(false);

    const bubble = bubbles(page, text);
    await bubble.getByTestId('message-state').getByText('Not sent').waitFor({ timeout: 20_000 });
    await expect(bubble.getByRole('alert').innerText()).resolves.toContain('Your business profile is 70% complete.');
    await page.getByTestId('gating-banner').waitFor();
    await keepScreenshot(page, 'web-send-failed');
    expect(await stored(text)).toHaveLength(0);

    const restored = await app.http
      .put('/api/profile')
      .set('Authorization', `Bearer ${token}`)
      .send({ address: '1 Kennel Lane, Springfield', website: 'https://acmepets.test' });
    expect(restored.body.business.profileCompleteness).toBe(90);
    await page.getByTestId('gating-banner').waitFor({ state: 'detached', timeout: 10_000 });

    await bubble.getByRole('button', { name: 'Retry' }).click();
    await bubble.getByTestId('message-state').getByText('Sent').waitFor({ timeout: 10_000 });
    expect(await bubbles(page, text).count()).toBe(1);
    const messages = await stored(text);
    expect(messages).toHaveLength(1);
    expect(messages[0].idempotencyKey).toBe(queued.idempotencyKey);
  } finally {
    await app.http.put('/api/profile').set('Authorization', `Bearer ${token}`).send({ address: '1 Kennel Lane, Springfield', website: 'https://acmepets.test' });
    await context.close();
  }
});

it('asks before signing out with unsent messages, keeps them if the person stays, and discards them if they go', async () => {
  const phone = await device();
  const text = `Not sent before signing out ${randomUUID().slice(0, 6)}`;
  await phone.context.setOffline(true);
  await phone.page.getByTestId('connection').getByText('Offline', { exact: false }).waitFor();
  await send(phone.page, text);
  await bubbles(phone.page, text).getByTestId('message-state').getByText('Sending…').waitFor();

  const asked: string[] = [];
  phone.page.once('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await phone.page.getByRole('button', { name: 'Sign out' }).click();
  for (let i = 0; i < 50 && asked.length === 0; i++) await phone.page.waitForTimeout(100);
  expect(asked).toEqual(['1 message has not been sent yet. Sign out and discard it?']);
  await expect(phone.page.getByRole('button', { name: 'Sign out' }).count()).resolves.toBe(1);
  await bubbles(phone.page, text).getByTestId('message-state').getByText('Sending…').waitFor();
  expect(await outbox(phone.page)).toHaveLength(1);

  phone.page.once('dialog', (dialog) => void dialog.accept());
  await phone.page.getByRole('button', { name: 'Sign out' }).click();
  await phone.page.getByRole('heading', { name: 'Sign in to Switchboard' }).waitFor();
  expect(await outbox(phone.page)).toEqual([]);
  await phone.context.setOffline(false);
  expect(await stored(text)).toHaveLength(0);
  await phone.context.close();
});
