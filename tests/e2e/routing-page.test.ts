import type { Browser, Page } from 'playwright-core';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { demo } from '../helpers/accounts';
import { adminSignIn, keepScreenshot, launchBrowser } from '../helpers/browser';

// The Routing page (issue 17, OPS §3.2, §4.6) in Chromium at 1440×900, on the demo organisation: Casey Morgan's thread
// is on Sam Sitter's number with a window active all day. The Owner previews its routing step by step, sets a 1-hour
// override to the owner inbox with its preview, texts the thread from the virtual phone (choosing Sam's number), and
// sees the owner badge in the history and on the message in the inbox; then removes it with its confirmation and
// overrides Casey's window rules from the Assignments page (windows untouched). A Messaging Admin simulates but never overrides.
let app: RunningStrapi;
let browser: Browser;
let casey: string;
const DESKTOP = { width: 1440, height: 900 };
const CASEY_PHONE = '+14155550161';

async function choose(page: Page, select: string, option: string | RegExp) {
  await page.getByRole('combobox', { name: select }).click();
  await page.getByRole('option', { name: option }).first().click();
}

/** A thread's assignment windows as stored: what an override must never change. */
const windowsOf = (conversationId: string) =>
  app.strapi.db.connection('assignment_window').where({ conversation_id: conversationId }).orderBy('id').select('id', 'sitter_id', 'starts_at', 'ends_at', 'updated_at');

beforeAll(async () => {
  app = await startStrapi();
  browser = await launchBrowser();
  casey = String((await app.strapi.db.connection('conversation').where({ kind: 'client', client_phone: CASEY_PHONE }).first('id')).id);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('an Owner previews Casey’s routing step by step, sets a 1-hour override and sees its badge in the history and the inbox', async () => {
  const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  await adminSignIn(page, app.baseUrl, demo.owner);
  await page.goto(`${app.baseUrl}/admin/plugins/routing`);

  // The rules in their fixed order, in words.
  const rules = page.getByRole('grid', { name: 'Routing rules' });
  await rules.getByText('Sitter Assignment Window Routing').waitFor();
  expect(await rules.getByRole('row').count()).toBe(6);
  await rules.getByText('If thread has assigned sitter and assignment window is active, route to sitter.').waitFor();

  // Pick Casey's thread by typing her name; the simulator previews now, read-only.
  const decisionsBefore = Number((await app.strapi.db.connection('routing_decision').count({ n: '*' }))[0].n);
  await page.getByRole('combobox', { name: 'Client thread' }).pressSequentially('Casey');
  await page.getByRole('option', { name: /Casey Morgan/ }).first().click();
  await page.getByLabel('Chosen thread').getByText('Casey Morgan').waitFor();
  expect(new URL(page.url()).searchParams.get('conversationId')).toBe(casey);
  await page.getByRole('button', { name: 'Preview Routing' }).click();
  const preview = page.getByRole('region', { name: 'Routing preview' });
  await preview.getByText('Check thread assignment → Has sitter: Sam Sitter').waitFor();
  await preview.getByText(/Check assignment window → Window active: Yes/).waitFor();
  await preview.getByText('Message would route to: Sam Sitter (sitter)').waitFor();
  await preview.getByText(/^Because: /).waitFor();
  expect(Number((await app.strapi.db.connection('routing_decision').count({ n: '*' }))[0].n)).toBe(decisionsBefore);

  // The next 7 days: Sam's window covers them, so no gap.
  await page.getByRole('button', { name: 'Show the next 7 days' }).click();
  await page.getByRole('region', { name: 'The next 7 days' }).getByText('A sitter receives every message in the next 7 days.').waitFor();

  // The override: toggle, target, duration, reason (required), the preview with the spec's question, confirm.
  await page.getByText('No override on this thread: the rules above decide.').waitFor();
  await page.getByLabel('Override routing temporarily').click({ force: true });
  await page.getByRole('button', { name: 'Preview override' }).click();
  await page.getByText('A reason is required.').waitFor();
  await page.getByLabel('Reason').fill('Sam is at the vet with another client for an hour.');
  await page.getByRole('button', { name: 'Preview override' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('Override routing for Casey Morgan? Messages will route to the owner inbox for 1 hour.').waitFor();
  await dialog.getByText('Assignment windows do not change; only who receives inbound messages does.').waitFor();
  await dialog.getByRole('button', { name: 'Override routing' }).click();
  await page.getByText('Routing override active. Messages will route to the owner inbox for 1 hour.').first().waitFor();
  const active = page.getByRole('status', { name: 'Active override' });
  await active.getByText('Messages route to Owner inbox').waitFor();
  await active.getByText(/Reason: Sam is at the vet/).waitFor();
  await active.getByRole('button', { name: 'Remove Override' }).waitFor();

  // Casey texts Sam's number from the virtual phone: the override sends it to the owner inbox.
  await page.goto(`${app.baseUrl}/admin/plugins/provider`);
  await page.getByLabel('Client phone number').fill(CASEY_PHONE);
  await choose(page, 'Business number', /\+1 \(415\) 555-0120/);
  await page.getByLabel('Text the business').fill('Is Miso eating today?');
  await page.getByRole('button', { name: 'Send as the client' }).click();
  await page.getByText('You → +1 (415) 555-0120').last().waitFor();

  // The history of Casey's thread: the newest decision carries the owner badge; "Why" shows its steps.
  await page.goto(`${app.baseUrl}/admin/plugins/routing?conversationId=${casey}`);
  const history = page.getByRole('grid', { name: 'Routing history' });
  const newest = history.getByRole('row').nth(1);
  await newest.getByText('Owner override', { exact: true }).first().waitFor();
  await newest.getByText('Owner inbox').waitFor();
  await newest.getByRole('button', { name: 'Why' }).click();
  await history.getByText(/Step \d: Check override → Active override: Owner inbox/).first().waitFor();
  await newest.getByRole('button', { name: 'Replay with current rules' }).click();
  await history.getByText("Today's rules route it the same way: to Owner inbox.").waitFor();
  await keepScreenshot(page, 'routing-history-override');

  // The inbox: the message's routing badge explains itself; the thread header names the override; the toggle is on.
  await page.goto(`${app.baseUrl}/admin/plugins/messaging/${casey}`);
  const badge = page.getByTestId('routing-badge').filter({ hasText: 'Routed to Owner inbox · override' }).last();
  await badge.click();
  const why = page.getByTestId('routing-decision');
  await why.getByText('Routed to: Owner inbox').waitFor();
  await why.getByText('Owner override', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByTestId('thread-flag').filter({ hasText: 'Routing override: messages go to Owner inbox until' }).waitFor();
  expect(await page.getByLabel('Override routing', { exact: true }).isChecked()).toBe(true);
  // Sam's earlier text in the demo was routed to Sam by his window.
  await page.getByTestId('routing-badge').filter({ hasText: 'Routed to Sam Sitter' }).first().waitFor();
}, 120_000);

it('the Owner removes the override with its confirmation, then overrides Casey’s window rules from the Assignments page', async () => {
  const windowsBefore = await windowsOf(casey);
  const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  await adminSignIn(page, app.baseUrl, demo.owner);

  // The Owner removes the first test's override, with the spec's confirmation; the rules decide again.
  await page.goto(`${app.baseUrl}/admin/plugins/routing?conversationId=${casey}`);
  await page.getByRole('status', { name: 'Active override' }).getByRole('button', { name: 'Remove Override' }).click();
  const remove = page.getByRole('alertdialog');
  await remove.getByText('Remove routing override? Messages will route normally.').waitFor();
  await remove.getByRole('button', { name: 'Remove Override' }).click();
  await page.getByText('Routing override removed. Messages will route normally.').first().waitFor();
  await page.getByText('No override on this thread: the rules above decide.').waitFor();

  // OPS §3.3 action 6: "Override window rules" on Casey's window opens this override with Sam as the target.
  await page.goto(`${app.baseUrl}/admin/plugins/assignments`);
  await page.getByRole('tab', { name: 'List' }).click();
  await page.getByRole('button', { name: /^View details: Casey Morgan/ }).first().click();
  await page.getByRole('dialog', { name: 'Window: Sam Sitter with Casey Morgan' }).getByRole('button', { name: 'Override window rules' }).click();
  await page.getByLabel('Chosen thread').getByText('Casey Morgan').waitFor();
  expect(new URL(page.url()).searchParams.get('conversationId')).toBe(casey);
  await page.getByRole('combobox', { name: 'Route to' }).getByText('Sitter: Sam Sitter').waitFor();
  await page.getByLabel('Reason').fill('Sam covers the evening check-in outside his window.');
  await page.getByRole('button', { name: 'Preview override' }).click();
  const windowRules = page.getByRole('dialog', { name: 'Override window rules' });
  await windowRules.getByText('Override assignment window rules?').waitFor();
  await windowRules.getByText("Sam Sitter can read and message Casey Morgan's thread while the override lasts, whatever the assignment windows say.").waitFor();
  await windowRules.getByRole('button', { name: 'Override routing' }).click();
  await page.getByText('Routing override active. Messages will route to Sam Sitter (sitter) for 1 hour.').first().waitFor();
  await page.getByRole('status', { name: 'Active override' }).getByText('Messages route to Sam Sitter (sitter)').waitFor();
  // Overrides never touch windows: Casey's windows are as they were before this override.
  expect(windowsBefore.length).toBeGreaterThan(0);
  expect(await windowsOf(casey)).toEqual(windowsBefore);
}, 120_000);

it('a Messaging Admin simulates and reads the history, but is offered no override anywhere', async () => {
  const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  await adminSignIn(page, app.baseUrl, demo.admin);
  await page.goto(`${app.baseUrl}/admin/plugins/routing?conversationId=${casey}`);
  await page.getByLabel('Chosen thread').getByText('Casey Morgan').waitFor();
  await page.getByRole('button', { name: 'Preview Routing' }).click();
  await page.getByRole('region', { name: 'Routing preview' }).getByText(/^Message would route to: /).waitFor();
  await page.getByRole('grid', { name: 'Routing history' }).waitFor();
  // The Owner's (sitter) override from the second test is shown, without its controls.
  await page.getByRole('status', { name: 'Active override' }).waitFor();
  expect(await page.getByRole('button', { name: 'Remove Override' }).count()).toBe(0);
  expect(await page.getByLabel('Override routing temporarily').count()).toBe(0);

  // The inbox offers no override toggle either (the server's 403 is tests/integration/routing.test.ts's).
  await page.goto(`${app.baseUrl}/admin/plugins/messaging/${casey}`);
  await page.locator('[data-testid="thread-header"][data-can-override="false"]').waitFor();
  await page.getByRole('textbox', { name: 'Message', exact: true }).waitFor();
  expect(await page.getByLabel('Override routing', { exact: true }).count()).toBe(0);
}, 120_000);
