// Client mode: the fuzzing server speaks Autobahn's protocol and judges clients, planted flaws fail the right cases,
// and the committed client matrix is not stale (a fresh run of the Node clients on a sample of cases agrees with it).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CLIENT_EXPLANATIONS } from '../../../conformance/matrix/client-explanations.ts';
import { MATRIX_CLIENTS, runLibraryClient } from '../../../conformance/matrix/clients.ts';
import { unexplainedCases } from '../../../conformance/matrix/explained-cases.ts';
import { tallyByCategory, verdictLists, type ServerSummary } from '../../../conformance/matrix/summary.ts';
import { startFuzzingServer, type FuzzingServer } from '../../../conformance/fuzzing-server.ts';
import { clientModeCases } from '../../../conformance/cases/index.ts';
import type { JsonReport } from '../../../conformance/report-json.ts';
import { runRawClient, runWsClient } from './planted-client.ts';

/** Every example client, by path, so examples-coverage sees that a test runs each (the browser page: tests/e2e/). */
const EXAMPLE_CLIENTS = [
  'examples/clients/browser/index.html',
  'examples/clients/browser/index.html',
  'examples/clients/node-websocket.js',
  'examples/clients/ws-client.js',
  'examples/clients/python-websockets.py',
  'examples/clients/go-gorilla/main.go',
];

/**
 * Cases the staleness check runs afresh with the Node clients: one or two a category, quick and with a settled
 * outcome. The cases where a good message and a bad frame race (3.2 … 5.15, see client-explanations.ts) are left
 * out: their outcome is timing. Python's and gorilla's clients run a few of them, to keep CI quick.
 */
const CLIENT_SAMPLE = '1.1.1,1.2.8,2.10,3.1,4.1.1,5.6,5.9,6.3.1,6.4.1,6.12.1,7.3.2,7.5.1,7.9.1,9.1.1,10.1.1';
const SHORT_SAMPLE = '1.1.1,6.3.1,7.5.1';

const summary = JSON.parse(readFileSync('src/data/conformance/clients/summary.json', 'utf8')) as { clients: ServerSummary[] };
const report = (id: string) => JSON.parse(readFileSync(`src/data/conformance/clients/reports/${id}.json`, 'utf8')) as JsonReport;
const verdicts = async (server: FuzzingServer, agent: string) =>
  (await server.results(agent)).map((r) => `${r.id} ${r.behavior} ${r.behaviorClose}`);

/** Starts a fuzzing server for one test on a free loopback port, closed after the test. */
async function fuzzing(cases: string, caseTimeLimitMs?: number): Promise<FuzzingServer> {
  const server = await startFuzzingServer({ port: 0, cases, ...(caseTimeLimitMs ? { caseTimeLimitMs } : {}) });
  servers.push(server);
  return server;
}
const servers: FuzzingServer[] = [];
const binDir = mkdtempSync(join(tmpdir(), 'conformance-clients-test-'));
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(binDir, { recursive: true, force: true });
});

/** Autobahn's /getCaseStatus: the behaviour of one agent's case. */
const statusOf = (server: FuzzingServer, n: number, agent: string) =>
  new Promise<unknown>((resolve) =>
    new WebSocket(`${server.url}/getCaseStatus?case=${n}&agent=${agent}`).on('message', (data) => resolve(JSON.parse(String(data)))),
  );

/** Sends a raw upgrade request and returns the response head. */
function rawUpgrade(server: FuzzingServer, path: string, version = '13'): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(server.port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('close', () => resolve(text));
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: ${version}\r\n\r\n`,
    );
  });
}

describe('the fuzzing server (npm run conformance -- --serve)', () => {
  it('listens on loopback, counts the frame cases only, and answers bad requests with the rule broken', async () => {
    const server = await fuzzing('h.*,1.1.*');
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    expect(server.cases.map((c) => c.id)).toEqual(
      clientModeCases()
        .filter((c) => c.id.startsWith('1.1.'))
        .map((c) => c.id),
    );
    const ask = (path: string) =>
      new Promise<unknown>((resolve) => new WebSocket(`${server.url}${path}`).on('message', (data) => resolve(JSON.parse(String(data)))));
    expect(await ask('/getCaseCount')).toBe(8);
    expect(await ask('/getCaseInfo?case=2')).toEqual({ id: '1.1.2', description: server.cases[1]!.description });
    expect(await rawUpgrade(server, '/runCase?case=9&agent=x')).toMatch(/^HTTP\/1\.1 404[^]*case=N with N from 1 to 8/);
    expect(await rawUpgrade(server, '/nowhere')).toMatch(/^HTTP\/1\.1 404[^]*\/getCaseCount/);
    const refused = await rawUpgrade(server, '/getCaseCount', '8');
    expect(refused).toMatch(/^HTTP\/1\.1 426/);
    expect(refused).toMatch(/Sec-WebSocket-Version: 13/);
  });

  it('fails a case, not the run, when a client hangs: it never echoes and never closes', async () => {
    // A short time limit for the test; the case's own end (its killAfter) still fits in it.
    const server = await fuzzing('1.1.1,1.1.2', 4000);
    // Case 1: a raw client sends its upgrade request, then reads nothing and writes nothing, not even a Close.
    const hung = connect(server.port, '127.0.0.1');
    hung.on('error', () => {});
    hung.write(
      'GET /runCase?case=1&agent=hangs HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    hung.pause();
    // Case 2 runs normally, on a connection of its own, while case 1 is still stuck.
    await new Promise<void>((resolve) => {
      const ok = new WebSocket(`${server.url}/runCase?case=2&agent=hangs`);
      ok.on('message', (data, isBinary) => ok.send(data, { binary: isBinary }));
      ok.on('close', () => resolve());
    });
    const results = await server.results('hangs');
    hung.destroy();
    expect(await statusOf(server, 2, 'hangs')).toEqual({ behavior: 'OK' });
    expect(results.map((r) => `${r.id} ${r.behavior} ${r.behaviorClose}`)).toEqual(['1.1.1 FAILED FAILED', '1.1.2 OK OK']);
    expect(results[0]!.durationMs).toBeLessThan(6000);
  });

  it('fails every case of a client that does not mask its frames, and none of the same client when it masks', async () => {
    const server = await fuzzing('1.1.1,2.2,7.1.1');
    await runRawClient(server.url, 'masks', { masks: true });
    await runRawClient(server.url, 'never-masks', { masks: false });
    expect(await verdicts(server, 'masks')).toEqual(['1.1.1 OK OK', '2.2 OK OK', '7.1.1 OK OK']);
    // The echo, the Pong and the Close come unmasked, so the server fails each connection and never sees the reply.
    expect((await verdicts(server, 'never-masks')).map((v) => v.split(' ')[1])).toEqual(['FAILED', 'FAILED', 'FAILED']);
  });

  it('fails the invalid-UTF-8 cases of a client that skips UTF-8 validation, and none of the same client that validates', async () => {
    const server = await fuzzing('1.1.1,6.2.1,6.3.1,6.3.2,6.12.1');
    await runWsClient(server.url, 'validates');
    await runWsClient(server.url, 'skips-utf8', { skipUTF8Validation: true });
    expect(await verdicts(server, 'validates')).toEqual(['1.1.1 OK OK', '6.2.1 OK OK', '6.3.1 OK OK', '6.3.2 OK OK', '6.12.1 OK OK']);
    expect(await verdicts(server, 'skips-utf8')).toEqual([
      '1.1.1 OK OK',
      '6.2.1 OK OK',
      '6.3.1 FAILED FAILED',
      '6.3.2 FAILED FAILED',
      '6.12.1 FAILED FAILED',
    ]);
  });

  it('--serve --once writes both reports for the client, marks the handshake cases not applicable, and exits with the verdict', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conformance-serve-'));
    try {
      const cli = spawn(
        process.execPath,
        [
          'conformance/cli.ts',
          '--serve',
          '--port',
          '0',
          '--once',
          '--cases',
          '1.1.1,6.3.1',
          '--json',
          join(dir, '{agent}.json'),
          '--html',
          join(dir, '{agent}.html'),
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const url = await new Promise<string>((resolve) =>
        cli.stdout.on('data', (chunk: Buffer) => {
          const match = /listening on (ws:\/\/\S+)/.exec(String(chunk));
          if (match) resolve(match[1]!);
        }),
      );
      await runWsClient(url, 'skips-utf8', { skipUTF8Validation: true });
      const code = await new Promise((resolve) => cli.on('exit', resolve));
      expect(code).toBe(1);
      const json = JSON.parse(readFileSync(join(dir, 'skips-utf8.json'), 'utf8')) as JsonReport;
      expect(json.agent).toBe('skips-utf8');
      expect(json.cases.map((c) => `${c.id} ${c.behavior}`)).toEqual(['1.1.1 OK', '6.3.1 FAILED']);
      // The bytes the suite sent are the server's: the 101 response, then unmasked frames.
      expect(Buffer.from(json.cases[0]!.sent, 'hex').toString('latin1')).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
      const html = readFileSync(join(dir, 'skips-utf8.html'), 'utf8');
      expect(html).toContain('Not applicable: these cases test how a server answers upgrade requests.');
      expect(html).toContain('Received from the client');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the client matrix', () => {
  it('covers both browsers and four libraries, each example client among them', () => {
    expect(MATRIX_CLIENTS.map((c) => c.source)).toEqual(EXAMPLE_CLIENTS);
    expect(MATRIX_CLIENTS.filter((c) => c.language === 'Browser').map((c) => c.id)).toEqual(['chromium', 'firefox']);
    expect(summary.clients.map((c) => c.id)).toEqual(MATRIX_CLIENTS.map((c) => c.id));
  });

  it.each(MATRIX_CLIENTS.map((c) => [c.id]))('%s: the committed summary is what the committed report says', (id) => {
    const committed = summary.clients.find((c) => c.id === id)!;
    const full = report(id);
    expect(full.cases).toHaveLength(clientModeCases().length);
    expect(committed.categories).toEqual(tallyByCategory(full));
    expect({ failed: committed.failed, nonStrict: committed.nonStrict, informational: committed.informational }).toEqual(
      verdictLists(full),
    );
  });

  it('explains every case a client does not pass strictly, and every explanation explains something', () => {
    const { unexplained, used } = unexplainedCases(summary.clients, CLIENT_EXPLANATIONS);
    expect(unexplained).toEqual([]);
    expect(CLIENT_EXPLANATIONS.map((e) => e.id).filter((id) => !used.has(id))).toEqual([]);
  });

  // The Node clients are the fast subset CI runs; Python's and gorilla's when their toolchains are here.
  const hasPython = spawnSync('/usr/bin/python3', ['-c', 'import websockets']).status === 0;
  const hasGo = spawnSync('go', ['version']).status === 0;
  for (const client of MATRIX_CLIENTS.filter((c) => c.language !== 'Browser')) {
    const missing =
      client.language === 'Python' && !hasPython ? 'no python3-websockets' : client.language === 'Go' && !hasGo ? 'no Go' : null;
    it.skipIf(missing !== null)(
      `${client.id}: a fresh run agrees with the committed report${missing ? ` (skipped: ${missing})` : ''}`,
      async () => {
        const committed = new Map(report(client.id).cases.map((c) => [c.id, c]));
        const server = await fuzzing(client.language === 'Node' ? CLIENT_SAMPLE : SHORT_SAMPLE);
        await runLibraryClient(client, server.url, binDir, 60_000);
        const fresh = await verdicts(server, client.id);
        const recorded = fresh
          .map((line) => line.split(' ')[0]!)
          .map((id) => `${id} ${committed.get(id)?.behavior} ${committed.get(id)?.behaviorClose}`);
        expect(fresh, 'stale: run npm run conformance:clients').toEqual(recorded);
      },
      90_000,
    );
  }
});
