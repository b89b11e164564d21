// The committed conformance matrix is not stale: its summary is what its reports say, and a fresh run of each server
// agrees with its committed report on a sample of cases (as tests/server/recordings.test.ts does for the byte dumps).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MATRIX_SERVERS, startMatrixServer, type MatrixServer } from '../../../conformance/matrix/servers.ts';
import { EXPLANATIONS } from '../../../conformance/matrix/explanations.ts';
import { unexplainedCases } from '../../../conformance/matrix/explained-cases.ts';
import { tallyByCategory, verdictLists, type ServerSummary } from '../../../conformance/matrix/summary.ts';
import type { JsonReport } from '../../../conformance/report-json.ts';
import { runSuite } from '../../../conformance/suite.ts';

/** Every example server the matrix runs, by path, so examples-coverage sees that a test runs each. */
const EXAMPLE_SERVERS = [
  'examples/servers/node-ws/server.js',
  'examples/servers/go-gorilla/main.go',
  'examples/servers/go-xnet/main.go',
  'examples/servers/go-nhooyr/main.go',
  'examples/servers/python-websockets/server.py',
  'examples/servers/python-aiohttp/server.py',
  'examples/servers/python-tornado/server.py',
  'examples/servers/ruby-faye/server.rb',
  'examples/servers/java-jetty9/EchoServer.java',
];

/** Cases every server runs afresh: one or two from each category, quick and with a settled outcome. */
const SAMPLE = [
  'h.1',
  'h.4',
  '1.1.1',
  '1.2.8',
  '2.5',
  '2.10',
  '3.2',
  '4.1.1',
  '5.9',
  '5.6',
  '6.3.1',
  '6.12.1',
  '6.2.3',
  '7.3.2',
  '7.5.1',
  '7.9.1',
  '9.1.1',
  '10.1.1',
  '12.1.1',
  '13.2.1',
];

const summary = JSON.parse(readFileSync('src/data/conformance/summary.json', 'utf8')) as { servers: ServerSummary[] };
const report = (id: string) => JSON.parse(readFileSync(`src/data/conformance/reports/${id}.json`, 'utf8')) as JsonReport;

/** Why a server cannot run on this machine, or null when its toolchain is there (CI installs them all). */
function missingToolchain(server: MatrixServer): string | null {
  const has = (command: string, args: string[]) => spawnSync(command, args).status === 0;
  if (server.language === 'Go' && !has('go', ['version'])) return 'no Go toolchain';
  if (server.language === 'Python' && !has('/usr/bin/python3', ['-c', `import ${server.id.split('-')[1]}`]))
    return `no python3-${server.id.split('-')[1]}`;
  if (server.language === 'Ruby' && !has('ruby', ['-e', 'require "faye/websocket"; require "thin"']))
    return 'no ruby-faye-websocket or thin';
  if (server.language === 'Java' && !has('java', ['-version'])) return 'no Java';
  return null;
}

const binDir = mkdtempSync(join(tmpdir(), 'conformance-matrix-test-'));
afterAll(() => rmSync(binDir, { recursive: true, force: true }));

describe('the conformance matrix', () => {
  it('covers at least ten servers in five languages, each example server among them', () => {
    expect(MATRIX_SERVERS.length).toBeGreaterThanOrEqual(10);
    expect(new Set(MATRIX_SERVERS.map((s) => s.language)).size).toBe(5);
    expect(MATRIX_SERVERS.map((s) => s.source).filter((source) => source.startsWith('examples/'))).toEqual(EXAMPLE_SERVERS);
    expect(summary.servers.map((s) => s.id)).toEqual(MATRIX_SERVERS.map((s) => s.id));
  });

  it.each(MATRIX_SERVERS.map((s) => [s.id]))('%s: the committed summary is what the committed report says', (id) => {
    const committed = summary.servers.find((s) => s.id === id)!;
    const full = report(id);
    expect(full.cases).toHaveLength(523);
    expect(committed.categories).toEqual(tallyByCategory(full));
    expect({ failed: committed.failed, nonStrict: committed.nonStrict, informational: committed.informational }).toEqual(
      verdictLists(full),
    );
  });

  it('explains every case a server does not pass strictly, and every explanation explains something', () => {
    const { unexplained, used } = unexplainedCases(summary.servers);
    expect(unexplained).toEqual([]);
    expect(EXPLANATIONS.map((e) => e.id).filter((id) => !used.has(id))).toEqual([]);
  });

  for (const server of MATRIX_SERVERS) {
    const missing = missingToolchain(server);
    it.skipIf(missing !== null)(
      `${server.id}: a fresh run agrees with the committed report${missing ? ` (skipped: ${missing})` : ''}`,
      async () => {
        const committed = new Map(report(server.id).cases.map((c) => [c.id, c]));
        const running = await startMatrixServer(server, binDir);
        try {
          const compression = running.compressionUrl ? { compressionUrl: running.compressionUrl } : {};
          const run = await runSuite(running.url, { cases: SAMPLE.join(','), ...compression });
          const fresh = run.results.map((r) => `${r.id} ${r.behavior} ${r.behaviorClose}`);
          const recorded = run.results.map((r) => `${r.id} ${committed.get(r.id)?.behavior} ${committed.get(r.id)?.behaviorClose}`);
          expect(fresh, 'stale: run npm run conformance:matrix').toEqual(recorded);
        } finally {
          await running.stop();
        }
      },
      120_000,
    );
  }
});
