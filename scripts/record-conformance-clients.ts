// `npm run conformance:clients`: runs every client of the client matrix against one fuzzing server and writes src/data/conformance/clients/.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { MATRIX_CLIENTS, clientVersion, runLibraryClient, type MatrixClient } from '../conformance/matrix/clients.ts';
import { MATRIX_DIR, committedReportFile } from '../conformance/matrix/committed-report.ts';
import { tallyByCategory, verdictLists, type ServerSummary } from '../conformance/matrix/summary.ts';
import { startFuzzingServer } from '../conformance/fuzzing-server.ts';
import { jsonReport } from '../conformance/report-json.ts';
import { launchFirefox, openBidiTab } from '../tests/e2e/driver/bidi-adapter.ts';
import { CHROMIUM_LAUNCH_OPTIONS } from '../tests/e2e/driver/chromium-launch.ts';
import { Driver } from '../tests/e2e/driver/driver.ts';
import { openPlaywrightTab } from '../tests/e2e/driver/playwright-adapter.ts';
import { runClientPage, serveClientPage } from '../tests/e2e/fuzzing-client.ts';

export const CLIENTS_DIR = join(MATRIX_DIR, 'clients');
/** A browser's whole run of the default cases; it takes well under a minute. */
const BROWSER_RUN_TIMEOUT_MS = 5 * 60_000;

/** Runs one browser's WebSocket through the example page; returns the browser's version. */
async function runBrowser(client: MatrixClient, fuzzingUrl: string): Promise<string> {
  const pages = await serveClientPage();
  const browser = client.id === 'chromium' ? await chromium.launch(CHROMIUM_LAUNCH_OPTIONS) : await launchFirefox();
  try {
    const { adapter } = client.id === 'chromium' ? await openPlaywrightTab(browser as never) : await openBidiTab(browser as never);
    await runClientPage(
      new Driver(adapter, { origin: 'http://127.0.0.1', base: '/' }),
      pages.pageUrl(fuzzingUrl, client.id),
      BROWSER_RUN_TIMEOUT_MS,
    );
    return adapter.version;
  } finally {
    await browser.close();
    await pages.close();
  }
}

const only = process.argv.slice(2);
const binDir = mkdtempSync(join(tmpdir(), 'conformance-clients-'));
mkdirSync(join(CLIENTS_DIR, 'reports'), { recursive: true });
const fuzzing = await startFuzzingServer({ port: 0 });
const summaries: ServerSummary[] = [];
try {
  for (const client of MATRIX_CLIENTS.filter((c) => only.length === 0 || only.includes(c.id))) {
    process.stderr.write(`${client.id}: running against ${fuzzing.url}\n`);
    const started = performance.now();
    const version = client.language === 'Browser' ? await runBrowser(client, fuzzing.url) : await clientVersion(client);
    if (client.language !== 'Browser') await runLibraryClient(client, fuzzing.url, binDir);
    const durationMs = Math.round(performance.now() - started);
    const results = await fuzzing.results(client.id);
    if (results.length !== fuzzing.cases.length)
      throw new Error(`${client.id} ran ${results.length} of the ${fuzzing.cases.length} cases; a recording needs them all.`);
    const report = jsonReport(client.id, fuzzing.url, results);
    writeFileSync(join(CLIENTS_DIR, 'reports', `${client.id}.json`), committedReportFile(report, { afterHead: true }));
    summaries.push({
      id: client.id,
      language: client.language,
      library: client.library,
      version,
      source: client.source,
      durationMs,
      categories: tallyByCategory(report),
      ...verdictLists(report),
    });
    process.stderr.write(
      `${client.id}: ${results.length} cases in ${(durationMs / 1000).toFixed(1)} s, ${summaries.at(-1)!.failed.length} FAILED\n`,
    );
  }
} finally {
  await fuzzing.close();
  rmSync(binDir, { recursive: true, force: true });
}
if (only.length === 0) writeFileSync(join(CLIENTS_DIR, 'summary.json'), `${JSON.stringify({ clients: summaries }, null, 2)}\n`);
else process.stderr.write('Ran only some clients: summary.json left as it was; run without arguments to rewrite it.\n');
