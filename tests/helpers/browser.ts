import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { repoRoot } from './strapi';

/** Debian's Chromium, headless, with the flags that keep it off the network here. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Screenshots are kept as test artifacts under tests/artifacts (git-ignored). */
export async function keepScreenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(repoRoot, 'tests/artifacts');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export async function adminSignIn(page: Page, baseUrl: string, account: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/admin/auth/login`);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.waitForURL(/\/admin\/?$/);
}

/**
 * Waits until the element holds the keyboard focus, failing after `timeout`. A form moves the focus a frame after it
 * shows its error, so reading document.activeElement as soon as the error's text appears races that frame.
 */
export async function waitForFocus(locator: Locator, timeout = 5_000): Promise<void> {
  const element = await locator.elementHandle();
  await locator.page().waitForFunction((el) => el === document.activeElement, element, { timeout });
}
