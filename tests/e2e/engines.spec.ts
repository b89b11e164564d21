// Re-observes, in this project's engine, every fact the "What Chromium and Firefox do" page shows, and fails when
// the committed src/data/engines.json says otherwise (a new browser version, or a changed observation).
import { ENGINE_FACTS_FILE, FACT_DEFINITIONS, observeEngine, readEngineFacts } from './engine-facts.ts';
import { expect, test } from './journey.ts';

test('src/data/engines.json holds what this engine does today', async ({ driver }) => {
  test.setTimeout(240_000);
  const observed = { version: driver.adapter.version, facts: await observeEngine(driver) };
  const committed = readEngineFacts();
  const stale = `${ENGINE_FACTS_FILE} is stale for ${driver.engine}: run \`npm run engines\` and commit the result`;
  expect(committed?.definitions, stale).toEqual(FACT_DEFINITIONS);
  expect(committed?.engines[driver.engine], stale).toEqual(observed);
});
