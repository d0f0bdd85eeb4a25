import type { Browser, Page } from 'playwright-core';
import { CLIENT_UID, type ClientsService } from '@switchboard/people';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, demo } from '../helpers/accounts';
import { adminSignIn, keepScreenshot, launchBrowser } from '../helpers/browser';

// Client threads in the staff inbox (issue 14 item 4, issue 13 item 7), at 1440×900 and 390×844: a client's SMS
// thread reads as the client's name, its header says which business number the client texts and its class, and the
// search finds it by what the client wrote.
let app: RunningStrapi;
let browser: Browser;
let frontDeskThread: string;
let sitterThread: string;
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const CLIENT_PHONE = '+14155550187';
const UNNAMED_PHONE = '+14155550188';
/** How the inbox writes that number (kit's displayNumber, as everywhere in the admin panel). */
const UNNAMED_SHOWN = '+1 (415) 555-0188';

async function texts(ownerToken: string, from: string, to: string, body: string): Promise<string> {
  const res = await app.http.post('/provider/sandbox/phone/reply').set('Authorization', `Bearer ${ownerToken}`).send({ from, to, body });
  expect(res.status).toBe(202);
  return String((await app.strapi.db.connection('conversation').where({ kind: 'client', client_phone: from, business_number: to }).first('id')).id);
}

const row = (page: Page, text: string) => page.getByTestId('conversation').filter({ hasText: text });
const heading = (page: Page, title: string) => page.getByRole('heading', { name: title, level: 2 });

async function signedIn(viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await adminSignIn(page, app.baseUrl, demo.owner);
  return { context, page };
}

beforeAll(async () => {
  app = await startStrapi();
  browser = await launchBrowser();
  const ownerToken = await adminLogin(app.http, demo.owner);
  frontDeskThread = await texts(ownerToken, CLIENT_PHONE, '+14155550100', 'Can someone water the ferns while we are away?');
  const client = await (app.strapi.plugin('people').service('clients') as ClientsService).byPhone(CLIENT_PHONE);
  await app.strapi.documents(CLIENT_UID as any).update({ documentId: client!.id, data: { firstName: 'Harriet', lastName: 'Fernsby' } as any });
  sitterThread = await texts(ownerToken, UNNAMED_PHONE, '+14155550120', 'Is Sam still coming at noon?');
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('shows a client thread by the client’s name, with the business number it came in on and its class (1440×900)', async () => {
  const { context, page } = await signedIn(DESKTOP);
  await page.goto(`${app.baseUrl}/admin/plugins/messaging`);
  await row(page, 'Harriet Fernsby').waitFor();
  expect(await row(page, 'Harriet Fernsby').innerText()).toContain('Client SMS · Front Desk');

  await row(page, 'Harriet Fernsby').click();
  await heading(page, 'Harriet Fernsby').waitFor();
  expect(page.url()).toContain(`/admin/plugins/messaging/${frontDeskThread}`);
  const numbers = page.getByTestId('thread-numbers');
  expect(await numbers.innerText()).toBe('+1 (415) 555-0187 texts +1 (415) 555-0100 · Front Desk');
  await keepScreenshot(page, 'staff-inbox-client-thread');

  // A client not named yet reads as the number they text from, on a sitter's masked number.
  await page.goto(`${app.baseUrl}/admin/plugins/messaging/${sitterThread}`);
  await heading(page, UNNAMED_SHOWN).waitFor();
  expect(await page.getByTestId('thread-numbers').innerText()).toBe('+1 (415) 555-0188 texts +1 (415) 555-0120 · Sitter');
  await context.close();
});

it('finds the thread by the words the client wrote, and shows the number on a phone (390×844)', async () => {
  const { context, page } = await signedIn(PHONE);
  await page.goto(`${app.baseUrl}/admin/plugins/messaging`);
  await page.getByRole('textbox', { name: 'Search names, phone numbers and messages' }).fill('water the ferns');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'water the ferns');
  await row(page, 'Harriet Fernsby').waitFor();
  await row(page, UNNAMED_SHOWN).waitFor({ state: 'detached' });
  await row(page, 'Harriet Fernsby').click();
  await heading(page, 'Harriet Fernsby').waitFor();
  const numbers = page.getByTestId('thread-numbers');
  expect(await numbers.innerText()).toContain('+1 (415) 555-0100 · Front Desk');
  const box = (await numbers.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  await keepScreenshot(page, 'staff-inbox-client-thread-phone');
  await context.close();
});
