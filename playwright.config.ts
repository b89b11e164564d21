// Browser tests run against the built site (npm run build) served by the real `npm start` server on port 0.
// Two projects: every journey runs in Chromium (Playwright) and in Firefox ESR (puppeteer-core over WebDriver BiDi),
// through the driver layer in tests/e2e/driver/. What only Playwright can do (axe, the all-pages sweep) is
// Chromium-only: all-pages.spec.ts, and tests tagged @chromium-only.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from './tests/e2e/driver/chromium-launch.ts';
import type { Engine } from './tests/e2e/driver/driver.ts';

export default defineConfig<{}, { engine: Engine }>({
  testDir: 'tests/e2e',
  forbidOnly: Boolean(process.env.CI),
  fullyParallel: true,
  // Three at a time on two cores: a journey spends most of its time waiting on the server, the network or timers,
  // so two workers left the cores idle about half the time. PW_WORKERS overrides it.
  workers: Number(process.env.PW_WORKERS ?? 3),
  // Two browsers share two cores with everything else on the machine: give a journey room.
  timeout: 60_000,
  reporter: process.env.CI ? 'list' : [['list']],
  projects: [
    { name: 'chromium', use: { engine: 'chromium' } },
    {
      name: 'firefox',
      use: { engine: 'firefox' },
      testIgnore: ['all-pages.spec.ts'],
      grepInvert: /@chromium-only/,
    },
  ],
  use: {
    browserName: 'chromium',
    trace: 'retain-on-failure',
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
  },
});
