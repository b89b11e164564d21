// Re-runs a sample of the client-mode cases with this engine's WebSocket (examples/clients/browser/index.html) and
// fails when the committed client matrix (src/data/conformance/clients/) says otherwise.
import { readFileSync } from 'node:fs';
import { startFuzzingServer } from '../../conformance/fuzzing-server.ts';
import type { JsonReport } from '../../conformance/report-json.ts';
import { runClientPage, serveClientPage } from './fuzzing-client.ts';
import { expect, test } from './journey.ts';

/** Quick cases with a settled outcome, one or two a category (the racing 3.2 … 5.15 and the slow 6.4.* left out). */
const BROWSER_SAMPLE = '1.1.1,1.2.8,2.10,4.1.1,5.6,6.3.1,6.12.1,7.5.1,7.9.1,9.1.1,10.1.1';

test('the client matrix holds what this engine’s WebSocket does today', async ({ driver: page }) => {
  const fuzzing = await startFuzzingServer({ port: 0, cases: BROWSER_SAMPLE });
  const pages = await serveClientPage();
  try {
    const status = await runClientPage(page, pages.pageUrl(fuzzing.url, page.engine), 30_000);
    expect(status).toBe(`Done: ${fuzzing.cases.length} cases`);
    const committed = new Map(
      (JSON.parse(readFileSync(`src/data/conformance/clients/reports/${page.engine}.json`, 'utf8')) as JsonReport).cases.map((c) => [
        c.id,
        c,
      ]),
    );
    const fresh = (await fuzzing.results(page.engine)).map((r) => `${r.id} ${r.behavior} ${r.behaviorClose}`);
    const recorded = fresh
      .map((line) => line.split(' ')[0]!)
      .map((id) => `${id} ${committed.get(id)?.behavior} ${committed.get(id)?.behaviorClose}`);
    expect(fresh, 'stale: run npm run conformance:clients').toEqual(recorded);
  } finally {
    await pages.close();
    await fuzzing.close();
  }
});
