import type { Browser, Page } from 'playwright-core';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { demo } from '../helpers/accounts';
import { adminSignIn, keepScreenshot, launchBrowser } from '../helpers/browser';

// Bookings in Strapi's Content Manager (issue 14 item 6): the lifecycle rules hold whoever writes, so a booking the
// Owner saves there gets its client thread, number and number class filled by the server.
let app: RunningStrapi;
let browser: Browser;

beforeAll(async () => {
  app = await startStrapi();
  browser = await launchBrowser();
}, 180_000);

afterEach(async () => {
  for (const [i, p] of (browser?.contexts() ?? []).flatMap((c) => c.pages()).entries()) await keepScreenshot(p, `bookings-content-manager-${i}`);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** A Content Manager date-and-time field (startsAt is the form's first, endsAt its second): the date typed, the time picked. */
async function setDateTime(page: Page, field: 'startsAt' | 'endsAt', date: string, time: string) {
  const index = field === 'startsAt' ? 0 : 1;
  const dateInput = page.getByRole('combobox', { name: 'Choose date' }).nth(index);
  await dateInput.fill(date);
  await dateInput.press('Enter');
  await page.getByRole('combobox', { name: 'Choose time' }).nth(index).click();
  await page.getByRole('option', { name: time, exact: true }).click();
}

it('an Owner saves a one-time booking in the Content Manager, the server fills its thread and pool number, and cancelling it there keeps the thread', async () => {
  const client = await app.strapi.plugin('people').service('clients').create({ firstName: 'Morgan', lastName: 'Content', phone: '+14155554001' });
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await adminSignIn(page, app.baseUrl, demo.owner);
  await page.goto(`${app.baseUrl}/admin/content-manager/collection-types/plugin::assignments.booking/create`);
  await page.getByRole('button', { name: 'Save' }).waitFor();

  await page.getByRole('combobox', { name: 'kind' }).click();
  await page.getByRole('option', { name: 'one_time' }).click();
  await page.getByRole('textbox', { name: 'client' }).fill(client.id);
  const year = new Date().getFullYear() + 1;
  await setDateTime(page, 'startsAt', `01/20/${year}`, '10:00');
  await setDateTime(page, 'endsAt', `01/20/${year}`, '12:00');
  // The server's fields are read-only in the form.
  expect(await page.getByRole('textbox', { name: 'numberE164' }).isDisabled()).toBe(true);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved document').waitFor();
  await page.waitForURL(/plugin::assignments\.booking\/(?!create)[a-z0-9]+/);

  const stored = await app.strapi.db.connection('booking').where({ client: client.id }).first('document_id', 'number_e_164', 'number_class', 'conversation_id', 'starts_at');
  expect(stored.number_class).toBe('pool');
  expect(['+14155550140', '+14155550141', '+14155550142']).toContain(stored.number_e_164);
  const thread = await app.strapi.db.connection('conversation').where({ id: Number(stored.conversation_id) }).first('client_phone', 'business_number');
  expect(thread).toEqual({ client_phone: '+14155554001', business_number: stored.number_e_164 });
  // The saved form shows what the server set.
  const shows = (name: string, value: string) =>
    page.waitForFunction(([n, v]) => (document.querySelector(`input[name="${n}"]`) as HTMLInputElement | null)?.value === v, [name, value] as const);
  await shows('numberE164', stored.number_e_164);
  await shows('conversationId', String(stored.conversation_id));
  const audit = await app.strapi.db.connection('audit_event').where({ action: 'booking.create', entity_id: stored.document_id }).first('actor_display_name');
  expect(audit.actor_display_name).toBe('Olivia Owner');

  // The booking's own status reads back in the form, and cancelling there keeps the thread and is audited.
  const status = page.getByRole('combobox', { name: 'status' });
  await status.filter({ hasText: 'confirmed' }).waitFor();
  await status.click();
  await page.getByRole('option', { name: 'cancelled' }).click();
  // The first save's "Saved document" toast may still be showing: wait for this save's own answer instead.
  const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/content-manager/collection-types/') && r.status() === 200);
  await page.getByRole('button', { name: 'Save' }).click();
  await saved;
  await status.filter({ hasText: 'cancelled' }).waitFor();
  const cancelled = await app.strapi.db.connection('booking').where({ document_id: stored.document_id }).first('status', 'conversation_id', 'number_e_164');
  expect(cancelled).toEqual({ status: 'cancelled', conversation_id: stored.conversation_id, number_e_164: stored.number_e_164 });
  expect(await app.strapi.db.connection('audit_event').where({ action: 'booking.update', entity_id: stored.document_id })).toHaveLength(1);
}, 180_000);
