import type { Browser } from 'playwright-core';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { demo } from '../helpers/accounts';
import { adminSignIn, launchBrowser } from '../helpers/browser';
import { expectAccessible } from '../helpers/axe';

// Anti-poaching review (issue 18) in Chromium at 1440×900, on the demo organisation: Sam's message 3 ("Next time just
// text me on my own phone, 415 555 0188.") was blocked and opened the demo's one violation. The Owner sees its badge
// on the message in the inbox, opens it, reveals the original and dismisses it with a reason; the badge and the
// thread's count change at once. On the Policy violations page a Messaging Admin reads the feed but is told only an
// owner reviews.
let app: RunningStrapi;
let browser: Browser;
let casey: string;
const DESKTOP = { width: 1440, height: 900 };
const CASEY_PHONE = '+14155550161';
const REDACTED = 'Next time just text me on my own phone, [phone number].';

beforeAll(async () => {
  app = await startStrapi();
  browser = await launchBrowser();
  casey = String((await app.strapi.db.connection('conversation').where({ kind: 'client', client_phone: CASEY_PHONE, business_number: '+14155550120' }).first('id')).id);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('a Messaging Admin reads the feed and the violation, but only an owner reviews (axe: the page and the dialog)', async () => {
  const page = await (await browser.newContext({ viewport: DESKTOP, bypassCSP: true })).newPage();
  await adminSignIn(page, app.baseUrl, demo.admin);
  await page.goto(`${app.baseUrl}/admin/plugins/policy`);
  const feed = page.getByRole('grid', { name: 'Policy violations' });
  await feed.getByText(REDACTED).waitFor();
  await page.getByRole('region', { name: 'By sender, last 30 days' }).getByText('Sam Sitter (Sitter)').waitFor();
  await expectAccessible(page, 'admin Policy violations page', 'main');
  await feed.getByRole('button', { name: /Review violation \d+: Phone number from Sam Sitter/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('violation-redacted').getByText(REDACTED).waitFor();
  await dialog.getByText('Only an owner can review policy violations.').waitFor();
  expect(await dialog.getByRole('button', { name: 'Dismiss' }).count()).toBe(0);
  expect(await dialog.getByRole('button', { name: 'Reveal original' }).count()).toBe(0);
  await expectAccessible(page, 'the violation dialog', '[role="dialog"]');
}, 120_000);

it('the Owner sees the badge on Sam’s blocked message in the inbox, opens the violation, reveals it and dismisses it with a reason', async () => {
  const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  await adminSignIn(page, app.baseUrl, demo.owner);
  await page.goto(`${app.baseUrl}/admin/plugins/messaging/${casey}`);
  await page.getByTestId('thread-flag').filter({ hasText: '1 open policy violation' }).waitFor();
  const blocked = page.getByTestId('message').filter({ hasText: REDACTED });
  await blocked.getByTestId('message-notice').getByText(/This message was not sent because it contains a phone number/).waitFor();
  await blocked.getByRole('button', { name: 'Policy violation · Open. Show details' }).click();

  const dialog = page.getByRole('dialog');
  await dialog.getByRole('heading', { name: 'Phone number' }).waitFor();
  await dialog.getByText('Sam Sitter (Sitter)').waitFor();
  await dialog.getByText('Blocked', { exact: true }).waitFor();
  await dialog.getByRole('button', { name: 'Reveal original' }).click();
  await dialog.getByTestId('violation-original').getByText('Next time just text me on my own phone, 415 555 0188.').waitFor();

  // Dismiss: a reason is required, then the violation is dismissed and the message stays undelivered.
  await dialog.getByRole('button', { name: 'Dismiss' }).click();
  await dialog.getByRole('button', { name: 'Confirm: dismiss' }).click();
  await dialog.getByText('A reason is required.').waitFor();
  await dialog.getByLabel('Reason').fill('Talked to Sam; he knows to keep it on this number.');
  await dialog.getByRole('button', { name: 'Confirm: dismiss' }).click();
  await page.getByText('Violation dismissed. The message stays undelivered.').first().waitFor();
  await dialog.getByTestId('violation-review').getByText(/Dismissed by Olivia Owner on .*“Talked to Sam; he knows to keep it on this number\.”/).waitFor();
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();

  // Live: the badge and the thread's count follow without a reload.
  await blocked.getByRole('button', { name: 'Policy violation · Dismissed. Show details' }).waitFor();
  await page.getByTestId('thread-flag').filter({ hasText: 'open policy violation' }).waitFor({ state: 'detached' });
  const row = await app.strapi.db.connection('policy_violation').where({ conversation_id: casey }).first('status', 'review_reason');
  expect(row).toEqual({ status: 'dismissed', review_reason: 'Talked to Sam; he knows to keep it on this number.' });
  expect((await app.strapi.db.connection('message').where({ body_text: 'Next time just text me on my own phone, 415 555 0188.' }).first('state')).state).toBe('blocked');
  expect(await app.strapi.db.connection('audit_event').whereIn('action', ['policy.violation_reveal', 'policy.violation_dismiss']).orderBy('id').pluck('action')).toEqual(['policy.violation_reveal', 'policy.violation_dismiss']);

  // The feed, filtered to dismissed, lists it.
  await page.goto(`${app.baseUrl}/admin/plugins/policy`);
  await page.getByText('No violations match these filters. Adjust filters and try again.').waitFor();
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Dismissed' }).click();
  await page.getByRole('grid', { name: 'Policy violations' }).getByText(REDACTED).waitFor();
}, 180_000);
