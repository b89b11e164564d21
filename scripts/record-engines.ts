// `npm run engines`: observes every engine fact in Chromium and in Firefox ESR and writes src/data/engines.json,
// which the "What Chromium and Firefox do" page renders. tests/e2e/engines.spec.ts fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { launchFirefox, openBidiTab } from '../tests/e2e/driver/bidi-adapter.ts';
import { CHROMIUM_LAUNCH_OPTIONS } from '../tests/e2e/driver/chromium-launch.ts';
import { Driver, type EngineAdapter } from '../tests/e2e/driver/driver.ts';
import { openPlaywrightTab } from '../tests/e2e/driver/playwright-adapter.ts';
import { ENGINE_FACTS_FILE, FACT_DEFINITIONS, observeEngine, type EngineFacts, type EngineRecord } from '../tests/e2e/engine-facts.ts';

/** The observations need no site: each one serves its own page. */
const NO_SITE = { origin: 'http://127.0.0.1', base: '/' };

async function record(adapter: EngineAdapter): Promise<EngineRecord> {
  const facts = await observeEngine(new Driver(adapter, NO_SITE));
  console.log(`${adapter.version}: ${Object.keys(facts).length} observations`);
  return { version: adapter.version, facts };
}

const chromiumBrowser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
const firefoxBrowser = await launchFirefox();
try {
  const chromiumRecord = await record((await openPlaywrightTab(chromiumBrowser)).adapter);
  const firefoxRecord = await record((await openBidiTab(firefoxBrowser)).adapter);
  const table: EngineFacts = {
    about: 'Written by `npm run engines` (scripts/record-engines.ts) from tests/e2e/engine-facts.ts; do not edit by hand.',
    definitions: FACT_DEFINITIONS,
    engines: { chromium: chromiumRecord, firefox: firefoxRecord },
  };
  writeFileSync(ENGINE_FACTS_FILE, `${JSON.stringify(table, null, 2)}\n`);
  console.log(`wrote ${ENGINE_FACTS_FILE}`);
} finally {
  await chromiumBrowser.close();
  await firefoxBrowser.close();
}
