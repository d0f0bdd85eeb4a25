import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { startStrapi, type RunningStrapi } from '../helpers/strapi';
import { demo } from '../helpers/accounts';
import { adminSignIn, launchBrowser } from '../helpers/browser';
import { expectAccessible } from '../helpers/axe';

// Audit & compliance (issue 19) in Chromium at 1440×900, on the demo organisation. The Owner filters the audit
// timeline to Casey's thread, expands the policy event, exports the CSV (which ends with the chain's head) and
// verifies the chain, then opens the response-time chart; in the inbox, the demo's failed confirmation to Avery carries its failure and a Retry that asks
// first; the Delivery failures tab lists it.
let app: RunningStrapi;
let browser: Browser;
let avery: string;
const DESKTOP = { width: 1440, height: 900 };

beforeAll(async () => {
  app = await startStrapi();
  browser = await launchBrowser();
  avery = String((await app.strapi.db.connection('conversation').where({ kind: 'client', client_phone: '+14155550197' }).first('id')).id);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('the Owner filters the timeline to one thread, expands an event, exports the CSV and verifies the chain', async () => {
  const page = await (await browser.newContext({ viewport: DESKTOP, acceptDownloads: true })).newPage();
  await adminSignIn(page, app.baseUrl, demo.owner);
  await page.goto(`${app.baseUrl}/admin/plugins/compliance`);
  const events = page.getByRole('list', { name: 'Audit events' });
  await events.getByText(/Olivia Owner/).first().waitFor();

  await page.getByRole('combobox', { name: 'Thread' }).click();
  await page.getByRole('option', { name: /^Casey Morgan/ }).first().click();
  await events.getByText('Sam Sitter triggered a policy violation (contact details).').waitFor();
  // Only Casey's thread: Avery's failed delivery is gone from the list.
  await events.getByText(/recorded a failed delivery/).waitFor({ state: 'detached' });
  await page.getByText(/^\d+ events? match$/).waitFor();

  await events.getByText(/Details of event \d+ \(policy\.violation_open\)/).click();
  await events.locator('pre').filter({ hasText: '"action": "policy.violation_open"' }).waitFor();
  await expectAccessible(page, 'the audit timeline', 'main');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export to CSV' }).click()]);
  const csv = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
  expect(csv[0]).toBe('id,time,type,action,actor,actor role,acting as,description,thread,message,entity,details,chain position,chain hash');
  expect(csv.some((line) => line.includes('policy.violation_open'))).toBe(true);
  expect(csv[csv.length - 1]).toMatch(/^chain head,.*The audit chain's head when this export was made: event #\d+\.,,,,,\d+,[0-9a-f]{64}$/);

  await page.getByRole('button', { name: 'Verify audit chain' }).click();
  await page.getByText(/^The audit chain is intact: [\d,]+ events checked, head [0-9a-f]{12}… at position \d+\.$/).waitFor();
  expect(await app.strapi.db.connection('audit_event').whereIn('action', ['compliance.audit_export', 'compliance.chain_verify']).orderBy('id').pluck('action')).toEqual([
    'compliance.audit_export',
    'compliance.chain_verify',
  ]);

  // The response-time chart: Sam answered Casey within the last 30 days of the demo.
  await page.getByRole('tab', { name: 'Analytics' }).click();
  await page.getByRole('status').filter({ hasText: /^Average response .* client questions answered\. Replied within 15 minutes: / }).waitFor();
  const bySitter = page.getByRole('region', { name: 'Response time by sitter' });
  await bySitter.getByRole('img', { name: 'Response time by sitter chart; the table below holds the same figures' }).locator('svg.recharts-surface').first().waitFor();
  await bySitter.getByText('Figures of response time by sitter').click();
  await bySitter.getByRole('grid', { name: 'Response time by sitter figures' }).getByText('Sam Sitter').waitFor();
  await page.getByRole('region', { name: 'Peak hours' }).waitFor();
  await expectAccessible(page, 'the analytics tab', 'main');
}, 180_000);

it('the Owner retries Avery’s failed confirmation from the inbox after confirming, and the Delivery failures tab lists it', async () => {
  const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  await adminSignIn(page, app.baseUrl, demo.owner);
  await page.goto(`${app.baseUrl}/admin/plugins/messaging/${avery}`);
  await page.getByTestId('thread-flag').filter({ hasText: '1 failed delivery' }).waitFor();
  const failed = page.getByTestId('message').filter({ hasText: 'Hi Avery, confirming your meet and greet on Thursday at 5 PM.' });
  await failed.getByTestId('delivery-failure-badge').getByText('Delivery failed · 3 attempts').waitFor();
  await failed.getByRole('button', { name: /^Retry sending this message\./ }).click();

  const dialog = page.getByRole('dialog');
  await dialog.getByText('Retry sending message?').waitFor();
  await dialog.getByText('3 attempts so far.').waitFor();
  await expectAccessible(page, 'the retry dialog', '[role="dialog"]');
  await dialog.getByRole('button', { name: 'Retry', exact: true }).click();
  await page.getByText('The message is queued to send again.').first().waitFor();
  // The sandbox cannot reach Avery either: the retry fails again, once, and the badge follows without a reload.
  await failed.getByTestId('delivery-failure-badge').getByText('Delivery failed · 1 attempt').waitFor({ timeout: 30_000 });
  expect(await app.strapi.db.connection('audit_event').where({ action: 'delivery.retry', conversation_id: avery }).count({ n: '*' })).toEqual([{ n: '1' }]);

  await page.goto(`${app.baseUrl}/admin/plugins/compliance?tab=failures`);
  const feed = page.getByRole('grid', { name: 'Delivery failures' });
  await feed.getByText("The message was not delivered because the recipient's phone is switched off or out of signal.").waitFor();
  await feed.getByRole('link', { name: /Avery Stone/ }).waitFor();
  await feed.getByRole('button', { name: /^Retry the message to Avery Stone/ }).waitFor();
  await expectAccessible(page, 'the delivery failures tab', 'main');
}, 180_000);
