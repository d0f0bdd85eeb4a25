import type { Page } from 'playwright-core';

/** Signs in through the web app's /login form. */
export async function signIn(page: Page, webUrl: string, account: { email: string; password: string }): Promise<void> {
  await page.goto(`${webUrl}/login`);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Leaves a mark in the page's JavaScript state; a reload would wipe it. */
export async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => ((window as any).__notReloaded = true));
}

export async function pageWasNotReloaded(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as any).__notReloaded === true);
}

/**
 * A business of its own for one test run, at 40% like New Paws as seeded (name, contact name, email, phone),
 * so a test can take it through gating whatever other suites did to the demo accounts.
 */
export async function createGatedBusiness(strapi: any, name: string): Promise<{ email: string; password: string }> {
  const suffix = Math.random().toString(36).slice(2, 8);
  const account = { email: `gated-${suffix}@demo.test`, password: 'Gated-Biz-1!' };
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'business' } });
  const data = await strapi.plugin('users-permissions').service('user').ensureHashedPasswords({
    username: `gated-${suffix}`,
    email: account.email,
    password: account.password,
    provider: 'local',
    confirmed: true,
    blocked: false,
    role: role.id,
  });
  const user = await strapi.db.query('plugin::users-permissions.user').create({ data });
  await strapi.db.query('plugin::people.business-profile').create({
    data: { user: user.id, name, contactName: 'Gail Gated', email: `hello-${suffix}@example.com`, phone: '+15035550142' },
  });
  return account;
}
