import type { Browser } from 'playwright-core';
import { startStrapi, type RunningStrapi } from './strapi';
import { launchBrowser } from './browser';
import { reserveWebOrigin, startWeb, type RunningWeb } from './web';

export interface WebStack {
  app: RunningStrapi;
  web: RunningWeb;
  browser: Browser;
  /** Closes the browser, the web app and Strapi, in that order; safe after a failed start. */
  stop(): Promise<void>;
}

/** What a web-app browser test runs against: Strapi, the SvelteKit app on an origin Strapi's CORS allows, Chromium. */
export async function startWebStack(): Promise<WebStack> {
  const webUrl = await reserveWebOrigin();
  const app = await startStrapi();
  const web = await startWeb(app.baseUrl, webUrl);
  const browser = await launchBrowser();
  return {
    app,
    web,
    browser,
    stop: async () => {
      await browser?.close();
      await web?.stop();
      await app?.stop();
    },
  };
}
