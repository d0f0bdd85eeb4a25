import type { Browser, Page } from 'playwright-core';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { adminLogin, demo } from '../helpers/accounts';
import { adminSignIn, keepScreenshot, launchBrowser } from '../helpers/browser';
import { expectAccessible } from '../helpers/axe';

// The Assignments admin page (issue 16) in Chromium at 1440×900: the Owner assigns Sky Sitter to a new client from the
// panel after its preview and sees the window green on today's date; a REST booking overlapping it shows in the
// conflicts view and is resolved there; a Messaging Admin assigns too.
let app: RunningStrapi;
let browser: Browser;
let ownerToken: string;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  app = await startStrapi();
  browser = await launchBrowser();
  ownerToken = await adminLogin(app.http, demo.owner);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Waits for dialogs' opening animations, so screenshots show what a person sees. */
const settled = (page: Page) =>
  page.evaluate(() =>
    Promise.all(
      (globalThis as any).document
        .getAnimations()
        .filter((a: any) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a: any) => a.finished.catch(() => undefined)),
    ),
  );

async function newClient(firstName: string, lastName: string, phone: string): Promise<string> {
  const res = await app.http.post('/people/clients').set(bearer(ownerToken)).send({ firstName, lastName, phone });
  expect(res.status).toBe(201);
  return res.body.data.id;
}

async function sitterId(name: string): Promise<number> {
  const res = await app.http.get('/people/sitters').set(bearer(ownerToken));
  return res.body.data.find((s: { displayName: string }) => s.displayName === name).id;
}

/** Opens the panel and assigns `sitter` to `client` (one-time unless `type` says) with the panel's default times: this hour, for two hours. */
async function assignFromPanel(page: Page, sitter: string, client: string, type?: string): Promise<void> {
  await page.getByRole('button', { name: 'Assign sitter' }).click();
  const dialog = page.getByRole('dialog', { name: 'Assign sitter' });
  await dialog.getByRole('combobox', { name: 'Sitter' }).click();
  await page.getByRole('option', { name: sitter }).click();
  await dialog.getByRole('combobox', { name: 'Client' }).pressSequentially(client.split(' ')[0]);
  await page.getByRole('option', { name: client }).click();
  if (type) {
    await dialog.getByRole('combobox', { name: 'Type' }).click();
    await page.getByRole('option', { name: type }).click();
  }
  // Enter previews (the form's submit); nothing is written until "Assign sitter".
  await dialog.getByLabel('End').press('Enter');
  const preview = dialog.getByRole('status', { name: 'What this will change' });
  await preview.getByText('Assignment window will be created').waitFor();
  await preview.getByText(/^Number will be assigned \(\+1 \(\d{3}\) \d{3}-\d{4}/).waitFor();
  await preview.getByText(new RegExp(`^Assign ${sitter} to ${client} from .+ to .+\\?$`)).waitFor();
  const before = await app.http.get('/assignments/windows').query({ status: 'active', pageSize: 200 }).set(bearer(ownerToken));
  expect(before.body.data.some((w: any) => w.client.name === client)).toBe(false);
  await settled(page);
  await keepScreenshot(page, `assignments-preview-${sitter.split(' ')[0].toLowerCase()}`);
  await dialog.getByRole('button', { name: 'Assign sitter' }).click();
  await dialog.getByRole('status', { name: 'Assignment result' }).getByText(new RegExp(`^Sitter ${sitter} assigned to ${client} from .+ to .+\\. Window created\\.$`)).waitFor();
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

it('lets the Owner assign Sky Sitter to a new client after the preview, shows the window green today, and resolves a conflict', async () => {
  const clientId = await newClient('Avery', 'Quill', '+14155550191');
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await adminSignIn(page, app.baseUrl, demo.owner);
  await page.goto(`${app.baseUrl}/admin/plugins/assignments`);
  await page.getByRole('heading', { name: 'Assignments', level: 1 }).waitFor();

  await assignFromPanel(page, 'Sky Sitter', 'Avery Quill');

  // Today's cell holds the window, green, its status in words.
  const event = page.locator('td.fc-day-today').getByLabel('Active: Sky Sitter with Avery Quill');
  await event.waitFor();
  expect(await event.getAttribute('data-status')).toBe('active');
  expect(await event.evaluate((el) => (globalThis as any).getComputedStyle(el).backgroundColor)).toBe('rgb(198, 240, 194)');
  await keepScreenshot(page, 'assignments-calendar');
  await expectAccessible(page, 'Assignments calendar', 'main');

  // The week view shows the same window, green, in today's column.
  await page.getByRole('button', { name: 'Week', exact: true }).click();
  const inWeek = page.locator('.fc-timegrid').getByLabel('Active: Sky Sitter with Avery Quill');
  await inWeek.first().waitFor();
  expect(await inWeek.first().getAttribute('data-status')).toBe('active');
  await page.getByRole('button', { name: 'Month', exact: true }).click();
  await event.waitFor();

  // Details of the window: client with its thread link, sitter, status.
  await event.click();
  const details = page.getByRole('dialog', { name: 'Window: Sky Sitter with Avery Quill' });
  await details.getByText('Active', { exact: true }).waitFor();
  const link = details.getByRole('link', { name: 'Open thread in inbox' });
  expect(await link.getAttribute('href')).toMatch(/^\/admin\/plugins\/messaging\/\d+$/);
  // The Owner may override the window's rules (OPS §3.3 action 6; the Routing page's browser test follows it through).
  await details.getByRole('button', { name: 'Override window rules' }).waitFor();
  await details.getByRole('button', { name: 'Close', exact: true }).click();
  await details.waitFor({ state: 'detached' });

  // An integrator's booking for Sam on the same thread (the client's pool number) overlaps it: stored, inert.
  const token = await app.strapi.service('admin::api-token').create({ name: 'assignments page test', description: 'overlap', type: 'custom', lifespan: null, permissions: ['plugin::assignments.booking.create'] });
  const now = Date.now();
  const overlap = await app.http
    .post('/api/assignments/bookings')
    .set(bearer(token.accessKey))
    .send({ data: { kind: 'one_time', client: clientId, sitterId: await sitterId('Sam Sitter'), startsAt: new Date(now + 10 * 60_000).toISOString(), endsAt: new Date(now + 70 * 60_000).toISOString() } });
  expect(overlap.status).toBe(201);

  await page.getByRole('tab', { name: 'Conflicts' }).click();
  const row = page.getByRole('row', { name: "Conflict on Avery Quill's thread" });
  await row.getByText('Sam Sitter', { exact: true }).waitFor();
  await row.getByText('Sky Sitter', { exact: true }).waitFor();
  await keepScreenshot(page, 'assignments-conflicts');
  await row.getByRole('button', { name: "Keep this one: keep Sky Sitter's window" }).click();
  const resolve = page.getByRole('dialog');
  const impact = resolve.getByRole('status', { name: 'What this will change' });
  await impact.getByText("Resolve the conflict on Avery Quill's thread?").waitFor();
  await impact.getByText(/^Sam Sitter's window .+ will be removed\.$/).waitFor();
  expect((await app.http.get('/assignments/conflicts').set(bearer(ownerToken))).body.data).toHaveLength(1);
  await settled(page);
  await keepScreenshot(page, 'assignments-resolve-preview');
  await resolve.getByRole('button', { name: 'Keep this one' }).click();
  await resolve.waitFor({ state: 'detached' });
  // The server's sentence, in the page's notification.
  await page.locator('p', { hasText: /^Conflict resolved: Sky Sitter's window with Avery Quill is live from .+\.$/ }).waitFor();
  await page.getByText('No conflicts.').waitFor();
  expect((await app.http.get('/assignments/conflicts').set(bearer(ownerToken))).body.data).toEqual([]);

  // The list, filtered to the client (the demo's windows fill more than a page), names Sky's window, still active.
  await page.getByRole('tab', { name: 'List' }).click();
  await page.getByRole('combobox', { name: 'Client', exact: true }).pressSequentially('Avery');
  await page.getByRole('option', { name: 'Avery Quill' }).click();
  const listed = page.getByRole('row', { name: /Avery Quill/ });
  await listed.getByText('Sky Sitter', { exact: true }).waitFor();
  await listed.getByText('Active', { exact: true }).waitFor();
  expect(await listed.count()).toBe(1);
  await keepScreenshot(page, 'assignments-list');
  await context.close();
}, 240_000);

it('lets a Messaging Admin assign a sitter from the panel, edit and drag the window with its preview, with no override offered', async () => {
  await newClient('Blair', 'Quill', '+14155550192');
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await adminSignIn(page, app.baseUrl, demo.admin);
  await page.goto(`${app.baseUrl}/admin/plugins/assignments`);
  await page.getByRole('heading', { name: 'Assignments', level: 1 }).waitFor();
  // A meet and greet: the Front Desk number, so the pool numbers the first test used do not matter here.
  await assignFromPanel(page, 'Sam Sitter', 'Blair Quill', 'Meet and Greet');
  const event = page.locator('td.fc-day-today').getByLabel('Active: Sam Sitter with Blair Quill');
  await event.waitFor();
  const stored = await app.http.get('/assignments/windows').query({ status: 'active', pageSize: 200 }).set(bearer(ownerToken));
  const blairs = stored.body.data.filter((w: any) => w.client.name === 'Blair Quill');
  expect(blairs.map((w: any) => w.sitter.displayName)).toEqual(['Sam Sitter']);

  // A Messaging Admin edits (with the preview first) but is offered no override (OPS §3.3 permissions).
  await event.click();
  const details = page.getByRole('dialog', { name: 'Window: Sam Sitter with Blair Quill' });
  await details.getByRole('button', { name: 'Edit' }).waitFor();
  expect(await details.getByRole('button', { name: 'Override window rules' }).count()).toBe(0);
  await details.getByRole('button', { name: 'Edit' }).click();
  const endsAt = details.getByLabel('End');
  // One hour later, as wall-clock text (the field's own zone; no daylight-saving change in the demo's days).
  const wall = new Date(`${await endsAt.inputValue()}:00Z`);
  const later = new Date(wall.getTime() + 60 * 60_000).toISOString().slice(0, 16);
  await endsAt.fill(later);
  await details.getByRole('button', { name: 'Review change' }).click();
  const update = page.getByRole('dialog', { name: /^Update window: Sam Sitter with Blair Quill/ });
  await update.getByRole('status', { name: 'What this will change' }).getByText('Update assignment window? This may affect message routing.').waitFor();
  await update.getByRole('button', { name: 'Update window' }).click();
  await page.locator('p', { hasText: /^Window updated: Sam Sitter with Blair Quill from .+ to .+\.$/ }).waitFor();
  const after = (await app.http.get('/assignments/windows').query({ status: 'active', pageSize: 200 }).set(bearer(ownerToken))).body.data.filter((w: any) => w.client.name === 'Blair Quill');
  expect(new Date(after[0].endsAt).getTime()).toBeGreaterThan(new Date(blairs[0].endsAt).getTime());

  // Dragging the window to tomorrow's cell asks first, with the same preview; confirmed, it moves by one day.
  const today = await page.locator('td.fc-day-today').getAttribute('data-date');
  const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 24 * 3600_000).toISOString().slice(0, 10);
  const moving = page.locator('td.fc-day-today').getByLabel('Active: Sam Sitter with Blair Quill');
  const from = (await moving.boundingBox())!;
  const to = (await page.locator(`td.fc-daygrid-day[data-date="${tomorrow}"]`).boundingBox())!;
  // Held near its start (a window past midnight is a bar across two days), dropped the same distance into tomorrow.
  await page.mouse.move(from.x + 8, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + 8 + (from.x - (await page.locator('td.fc-day-today').boundingBox())!.x), to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
  const dragged = page.getByRole('dialog', { name: /^Update window: Sam Sitter with Blair Quill/ });
  await dragged.getByRole('status', { name: 'What this will change' }).getByText('Update assignment window? This may affect message routing.').waitFor();
  await dragged.getByRole('button', { name: 'Update window' }).click();
  await page.locator(`td.fc-daygrid-day[data-date="${tomorrow}"]`).getByLabel('Future: Sam Sitter with Blair Quill').waitFor();
  const all = (await app.http.get('/assignments/windows').query({ status: 'future', pageSize: 200 }).set(bearer(ownerToken))).body.data;
  const moved = all.find((w: any) => w.id === after[0].id);
  expect(new Date(moved.startsAt).getTime() - new Date(after[0].startsAt).getTime()).toBe(24 * 3600_000);
  expect(new Date(moved.endsAt).getTime() - new Date(after[0].endsAt).getTime()).toBe(24 * 3600_000);
  await context.close();
}, 180_000);
