// `npm run conformance:matrix`: starts every matrix server, runs the default suite against each, and writes src/data/conformance/.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MATRIX_SERVERS, libraryVersion, startMatrixServer } from '../conformance/matrix/servers.ts';
import { tallyByCategory, verdictLists, type ServerSummary } from '../conformance/matrix/summary.ts';
import { jsonReport } from '../conformance/report-json.ts';
import { runSuite } from '../conformance/suite.ts';
import { MATRIX_DIR, committedReportFile } from '../conformance/matrix/committed-report.ts';

const only = process.argv.slice(2);
const binDir = mkdtempSync(join(tmpdir(), 'conformance-matrix-'));
mkdirSync(join(MATRIX_DIR, 'reports'), { recursive: true });
const summaries: ServerSummary[] = [];
try {
  for (const server of MATRIX_SERVERS.filter((s) => only.length === 0 || only.includes(s.id))) {
    process.stderr.write(`${server.id}: starting\n`);
    const running = await startMatrixServer(server, binDir);
    try {
      const run = await runSuite(running.url, running.compressionUrl ? { compressionUrl: running.compressionUrl } : {});
      const report = jsonReport(server.id, running.url, run.results);
      writeFileSync(join(MATRIX_DIR, 'reports', `${server.id}.json`), committedReportFile(report));
      summaries.push({
        id: server.id,
        language: server.language,
        library: server.library,
        version: await libraryVersion(server),
        source: server.source,
        durationMs: run.durationMs,
        categories: tallyByCategory(report),
        ...verdictLists(report),
      });
      process.stderr.write(
        `${server.id}: ${run.results.length} cases in ${(run.durationMs / 1000).toFixed(1)} s, ${summaries.at(-1)!.failed.length} FAILED\n`,
      );
    } finally {
      await running.stop();
    }
  }
} finally {
  rmSync(binDir, { recursive: true, force: true });
}
if (only.length === 0) writeFileSync(join(MATRIX_DIR, 'summary.json'), `${JSON.stringify({ servers: summaries }, null, 2)}\n`);
else process.stderr.write('Ran only some servers: summary.json left as it was; run without arguments to rewrite it.\n');
