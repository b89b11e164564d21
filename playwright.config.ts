// Browser tests run against the built site (npm run build) served by the real `npm start` server on port 0.
// Two projects: every journey runs in Chromium (Playwright) and in Firefox ESR (puppeteer-core over WebDriver BiDi),
// through the driver layer in tests/e2e/driver/. What only Playwright can do (axe, the all-pages sweep) is
// Chromium-only: all-pages.spec.ts, and tests tagged @chromium-only.
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import type { Engine } from './tests/e2e/driver/driver.ts';

/** CHROME_PATH first, then Debian's Chromium, else Playwright's own browser if one is installed. */
function chromiumPath(): string | undefined {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

const executablePath = chromiumPath();

export default defineConfig<{}, { engine: Engine }>({
  testDir: 'tests/e2e',
  forbidOnly: Boolean(process.env.CI),
  fullyParallel: true,
  workers: 2,
  // Two browsers share two cores with everything else on the machine: give a journey room.
  timeout: 60_000,
  reporter: process.env.CI ? 'list' : [['list']],
  projects: [
    { name: 'chromium', use: { engine: 'chromium' } },
    { name: 'firefox', use: { engine: 'firefox' }, testIgnore: ['all-pages.spec.ts'], grepInvert: /@chromium-only/ },
  ],
  use: {
    browserName: 'chromium',
    trace: 'retain-on-failure',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      // Without the background-networking flags Chromium keeps dialling out to a closed network.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
