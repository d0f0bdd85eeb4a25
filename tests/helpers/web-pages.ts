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
