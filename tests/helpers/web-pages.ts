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

/** An app user of its own for one test, with a made-up e-mail, in the given role; answers its login and user id. */
export async function createAppUser(strapi: any, role: 'business' | 'va' | 'sitter', prefix: string, password: string) {
  const suffix = Math.random().toString(36).slice(2, 8);
  const account = { email: `${prefix}-${suffix}@demo.test`, password };
  const roleRow = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: role } });
  const data = await strapi.plugin('users-permissions').service('user').ensureHashedPasswords({
    username: `${prefix}-${suffix}`,
    email: account.email,
    password,
    provider: 'local',
    confirmed: true,
    blocked: false,
    role: roleRow.id,
  });
  const user = await strapi.db.query('plugin::users-permissions.user').create({ data });
  return { account, userId: user.id as number, suffix };
}

/**
 * A business of its own for one test run, at 40% like New Paws as seeded (name, contact name, email, phone),
 * so a test can take it through gating whatever other suites did to the demo accounts.
 */
export async function createGatedBusiness(strapi: any, name: string): Promise<{ email: string; password: string }> {
  const { account, userId, suffix } = await createAppUser(strapi, 'business', 'gated', 'Gated-Biz-1!');
  await strapi.db.query('plugin::people.business-profile').create({
    data: { user: userId, name, contactName: 'Gail Gated', email: `hello-${suffix}@example.com`, phone: '+15035550142' },
  });
  return account;
}
