// The fixture every widget journey uses: `driver` (one tab in the project's engine) and `site` (where the site is).
// The Playwright config runs each journey spec twice, as project "chromium" (Playwright) and "firefox" (BiDi).
import { test as base, type Browser as PlaywrightBrowser, type Page } from '@playwright/test';
import type { Browser as BidiBrowser } from 'puppeteer-core';
import { launchFirefox, openBidiTab } from './driver/bidi-adapter.ts';
import { Driver, type Engine, type Site } from './driver/driver.ts';
import { openPlaywrightTab } from './driver/playwright-adapter.ts';
import { startSite, type RunningSite } from './site-fixture.ts';

export { expect } from './driver/expect.ts';
export { Driver, Locator, siteUrl, type Engine, type Site } from './driver/driver.ts';

type EngineBrowser = { engine: 'chromium'; browser: PlaywrightBrowser } | { engine: 'firefox'; browser: BidiBrowser };

/**
 * What a spec adds to how each engine is launched, e.g. the TLS deploy mapping its host names to loopback: Chromium
 * command-line arguments, Firefox preferences. Each engine gets only its own.
 */
export interface EngineLaunchExtras {
  chromiumArgs: string[];
  firefoxPrefs: Record<string, unknown>;
}

export const test = base.extend<
  { driver: Driver; site: Site },
  {
    engine: Engine;
    siteBase: string;
    siteEnv: Record<string, string>;
    siteServer: RunningSite;
    launchExtras: EngineLaunchExtras;
    engineBrowser: EngineBrowser;
  }
>({
  engine: ['chromium', { option: true, scope: 'worker' }],
  // A sub-path build or a split deploy sets these; the journeys only ever see `site`.
  siteBase: [process.env.SITE_BASE ?? '/', { option: true, scope: 'worker' }],
  // Environment for the worker's `npm start`, e.g. short /ws/trouble timings so a journey waits seconds, not minutes.
  siteEnv: [{}, { option: true, scope: 'worker' }],
  siteServer: [
    async ({ siteEnv }, use) => {
      const server = await startSite(siteEnv);
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  launchExtras: [{ chromiumArgs: [], firefoxPrefs: {} }, { scope: 'worker' }],
  engineBrowser: [
    async ({ engine, playwright, launchOptions, launchExtras }, use) => {
      if (engine === 'chromium') {
        const browser = await playwright.chromium.launch({
          ...launchOptions,
          args: [...(launchOptions.args ?? []), ...launchExtras.chromiumArgs],
        });
        await use({ engine, browser });
        await browser.close();
      } else {
        const browser = await launchFirefox(launchExtras.firefoxPrefs);
        await use({ engine, browser });
        await browser.close();
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  site: async ({ siteServer, siteBase }, use) => use({ origin: siteServer.origin, base: siteBase }),
  driver: async ({ engineBrowser, site }, use) => {
    const { adapter, context } =
      engineBrowser.engine === 'chromium' ? await openPlaywrightTab(engineBrowser.browser) : await openBidiTab(engineBrowser.browser);
    await use(new Driver(adapter, site));
    await context.close();
  },
});

/** The Playwright page behind a Chromium driver, for what only Playwright does (axe, emulateMedia). */
export function playwrightPage(driver: Driver): Page {
  const page = (driver.adapter as { page?: Page }).page;
  if (driver.engine !== 'chromium' || !page) throw new Error('playwrightPage() needs the chromium project');
  return page;
}
