import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, demo } from '../helpers/accounts';
import { adminSignIn, keepScreenshot, launchBrowser } from '../helpers/browser';

// The sandbox's virtual phone in the real admin panel, in Chromium: a person plays a client.
let app: RunningStrapi;
let browser: Browser;

beforeAll(async () => {
  app = await startStrapi();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('lets an owner text the business as a client and read the reply', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await adminSignIn(page, app.baseUrl, demo.owner);
  await page.goto(`${app.baseUrl}/admin/plugins/provider`);
  await page.getByRole('heading', { name: 'Virtual phone' }).waitFor();
  await page.getByLabel('Client phone number').fill('+14155550171');
  await page.getByText('No messages with this number yet.').waitFor();

  await page.getByLabel('Text the business').fill('Is Rex on the schedule for Friday?');
  await page.getByRole('button', { name: 'Send as the client' }).click();
  await page.getByText('You → +1 (415) 555-0100').waitFor();

  // The text entered the owner inbox through the inbound path; the owner replies from there.
  const token = await adminLogin(app.http, demo.owner);
  const list = await app.http.get('/messaging/conversations?kind=client').set('Authorization', `Bearer ${token}`);
  const thread = list.body.data.find((c: any) => c.title === '+14155550171');
  expect(thread.lastMessage.bodyText).toBe('Is Rex on the schedule for Friday?');
  const reply = await app.http
    .post(`/messaging/conversations/${thread.id}/messages`)
    .set('Authorization', `Bearer ${token}`)
    .send({ idempotencyKey: randomUUID(), routeType: 'STAFF_TO_CLIENT', bodyHtml: 'Yes — Sam has Friday at 9.' });
  expect(reply.status).toBe(201);

  await page.getByText('Yes — Sam has Friday at 9.').waitFor({ timeout: 15_000 });
  await expect(page.getByText('+1 (415) 555-0100 → you').count()).resolves.toBe(1);
  await keepScreenshot(page, 'virtual-phone');
});

it('opens for a Messaging Admin, who still may not change provider settings', async () => {
  const page = await browser.newPage();
  await adminSignIn(page, app.baseUrl, demo.admin2);
  await page.goto(`${app.baseUrl}/admin/plugins/provider`);
  await page.getByRole('heading', { name: 'Virtual phone' }).waitFor();
  const token = await adminLogin(app.http, demo.admin2);
  const connect = await app.http.post('/provider/settings/twilio').set('Authorization', `Bearer ${token}`).send({});
  expect(connect.status).toBe(403);
});
