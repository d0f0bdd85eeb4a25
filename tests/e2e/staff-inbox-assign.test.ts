import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { demo } from '../helpers/accounts';
import { adminSignIn, keepScreenshot, launchBrowser } from '../helpers/browser';

// The staff inbox's side of assignments (issue 16 item 5), at 1440×900, on the demo organisation: Casey's thread has
// Sam Sitter's daily windows (today's active), Jordan's Sky Sitter's window tomorrow, Riley's only a past one. The owner
// filters the inbox by assignment and by sitter (kept in the URL), reads Casey's sitter and window in the thread header,
// and "Assign Sitter" opens the Assignments page with its panel for Casey's thread.
let app: RunningStrapi;
let browser: Browser;
let casey: string;
const DESKTOP = { width: 1440, height: 900 };

const row = (page: Page, text: string) => page.getByTestId('conversation').filter({ hasText: text });
const heading = (page: Page, title: string) => page.getByRole('heading', { name: title, level: 2 });
const query = (page: Page) => new URL(page.url()).searchParams;

async function choose(page: Page, select: string, option: string) {
  await page.getByRole('combobox', { name: select }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The list shows these client threads and not those (waiting for the list the current filters asked for). */
async function listShows(page: Page, shown: string[], hidden: string[]) {
  for (const title of shown) await row(page, title).waitFor();
  for (const title of hidden) await row(page, title).waitFor({ state: 'detached' });
}

beforeAll(async () => {
  app = await startStrapi();
  browser = await launchBrowser();
  casey = String((await app.strapi.db.connection('conversation').where({ kind: 'client', client_phone: '+14155550161' }).first('id')).id);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('filters client threads by assignment and sitter, shows Casey’s sitter and window, and opens the assignment panel (1440×900)', async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await adminSignIn(page, app.baseUrl, demo.owner);
  // The assignment filters refine client threads: they show once the kind is "Client SMS".
  await page.goto(`${app.baseUrl}/admin/plugins/messaging`);
  await page.getByRole('combobox', { name: 'Kind' }).waitFor();
  expect(await page.getByRole('combobox', { name: 'Assigned' }).count()).toBe(0);
  await choose(page, 'Kind', 'Client SMS');
  await page.waitForFunction(() => new URL((globalThis as any).location.href).searchParams.get('kind') === 'client');
  await listShows(page, ['Casey Morgan', 'Jordan Lee', 'Riley Chen'], []);

  // Assigned: Casey (active window) and Jordan (future window); not Riley (only a past window).
  await choose(page, 'Assigned', 'Sitter assigned');
  await page.waitForFunction(() => new URL((globalThis as any).location.href).searchParams.get('assigned') === 'assigned');
  await listShows(page, ['Casey Morgan', 'Jordan Lee'], ['Riley Chen']);

  await choose(page, 'Assigned', 'No sitter assigned');
  await page.waitForFunction(() => new URL((globalThis as any).location.href).searchParams.get('assigned') === 'unassigned');
  await listShows(page, ['Riley Chen'], ['Casey Morgan', 'Jordan Lee']);

  // A sitter: Sam has Casey, Sky has Jordan.
  await choose(page, 'Assigned', 'Assigned or not');
  await choose(page, 'Sitter', 'Sam Sitter');
  await page.waitForFunction(() => /^\d+$/.test(new URL((globalThis as any).location.href).searchParams.get('sitter') ?? ''));
  expect(query(page).has('assigned')).toBe(false);
  const samId = query(page).get('sitter');
  await listShows(page, ['Casey Morgan'], ['Jordan Lee', 'Riley Chen']);

  await choose(page, 'Sitter', 'Sky Sitter');
  await page.waitForFunction((sam) => (new URL((globalThis as any).location.href).searchParams.get('sitter') ?? sam) !== sam, samId);
  await listShows(page, ['Jordan Lee'], ['Casey Morgan', 'Riley Chen']);

  // The filters live in the URL: a reload keeps Sky's list. Sky has no unassigned thread: the filters' empty sentence.
  await page.reload();
  await listShows(page, ['Jordan Lee'], ['Casey Morgan']);
  await choose(page, 'Assigned', 'No sitter assigned');
  await page.getByText('No conversation matches these filters. Clear a filter to see more.').waitFor();

  // Back to Sam's threads; Casey's header names Sam and today's active window.
  await page.goto(`${app.baseUrl}/admin/plugins/messaging?kind=client&sitter=${samId}`);
  await row(page, 'Casey Morgan').click();
  await heading(page, 'Casey Morgan').waitFor();
  expect(page.url()).toContain(`/admin/plugins/messaging/${casey}?`);
  const line = page.getByTestId('thread-assignment');
  await line.waitFor();
  expect(await line.innerText()).toMatch(/^Sam Sitter · window active until .*\d:\d\d (AM|PM)/);

  // Jordan's thread: Sky's window tomorrow. Riley's: none.
  await page.goto(`${app.baseUrl}/admin/plugins/messaging?kind=client`);
  await row(page, 'Jordan Lee').click();
  await heading(page, 'Jordan Lee').waitFor();
  expect(await page.getByTestId('thread-assignment').innerText()).toMatch(/^Sky Sitter · next window \w{3}, \w{3} \d{1,2}, 10:00 AM$/);
  await row(page, 'Riley Chen').click();
  await heading(page, 'Riley Chen').waitFor();
  expect(await page.getByTestId('thread-assignment').innerText()).toBe('No sitter assigned');

  // "Assign Sitter" on Casey's thread: the Assignments page with the panel for Casey's thread.
  await row(page, 'Casey Morgan').click();
  await heading(page, 'Casey Morgan').waitFor();
  await keepScreenshot(page, 'staff-inbox-assignment-header');
  await page.locator('[data-testid="thread-header"][data-can-assign="true"]').waitFor();
  await page.getByRole('button', { name: 'Assign Sitter' }).click();
  await page.waitForURL((url) => url.pathname === '/admin/plugins/assignments' && url.searchParams.get('assign') === casey);
  await assignmentPanelOpen(page);
  await context.close();
}, 180_000);

it('a staff member who reads messages but may not manage assignments sees the assignment line and no "Assign Sitter" (1440×900)', async () => {
  // A role holding only plugin::messaging.read: no assignments.manage, and no people.read (so no sitter picker and no
  // organisation zone: times read in the browser's zone, named).
  const role = await app.strapi.service('admin::role').create({ name: `Inbox reader ${randomUUID().slice(0, 8)}`, description: 'Reads messages only' });
  await app.strapi.service('admin::role').assignPermissions(role.id, [{ action: 'plugin::messaging.read', subject: null, properties: {}, conditions: [] }]);
  const reader = { email: `reader-${randomUUID().slice(0, 8)}@demo.test`, password: 'Reader-pass-123' };
  await app.strapi.service('admin::user').create({ ...reader, firstname: 'Rita', lastname: 'Reader', isActive: true, registrationToken: null, roles: [role.id] });

  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await adminSignIn(page, app.baseUrl, reader);
  await page.goto(`${app.baseUrl}/admin/plugins/messaging/${casey}?kind=client`);
  await heading(page, 'Casey Morgan').waitFor();
  const line = page.getByTestId('thread-assignment');
  await line.waitFor();
  expect(await line.innerText()).toMatch(/^Sam Sitter · window active until .*\d:\d\d (AM|PM) \S+$/);
  // Once the thread has checked this admin's rights, it offers no "Assign Sitter".
  await page.locator('[data-testid="thread-header"][data-can-assign="false"]').waitFor();
  expect(await page.getByRole('button', { name: 'Assign Sitter' }).count()).toBe(0);
  // The assigned filter is there; the sitter picker is not (this role may not list sitters).
  await page.getByRole('combobox', { name: 'Assigned' }).waitFor();
  expect(await page.getByRole('combobox', { name: 'Sitter' }).count()).toBe(0);
  await context.close();
});

/** The Assignments page opens its assignment panel with Casey's thread as the client (?assign=), named. */
async function assignmentPanelOpen(page: Page) {
  const panel = page.getByRole('dialog', { name: 'Assign sitter' });
  await panel.waitFor();
  await panel.getByText("Casey Morgan's thread (from the inbox).", { exact: false }).waitFor();
  expect(await panel.getByRole('combobox', { name: 'Client' }).inputValue()).toBe('Casey Morgan');
  await keepScreenshot(page, 'staff-inbox-assign-panel');
}
