// The conformance suite against real servers: `ws` passes everything, the demo server everything but its own limits, and planted flaws fail the right cases.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { runSuite } from '../../../conformance/suite.ts';
import type { CaseResult } from '../../../conformance/runner.ts';
import { startDemo } from '../demo-harness.ts';
import { startPlantedServer, type PlantedFlaws } from './planted-server.ts';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function startWsEcho(options: { perMessageDeflate?: boolean } = {}): Promise<string> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', ...options });
  wss.on('connection', (ws) => {
    ws.on('error', () => {});
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  });
  await once(wss, 'listening');
  stops.push(() => new Promise((resolve) => wss.close(() => resolve())));
  return `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`;
}

const failedIds = (results: CaseResult[]) =>
  results.filter((r) => r.behavior === 'FAILED' || r.behaviorClose === 'FAILED').map((r) => r.id);
const byId = (results: CaseResult[]) => new Map(results.map((r) => [r.id, r]));
const isCompression = (id: string) => id.startsWith('12.') || id.startsWith('13.');

/** Categories 12 and 13 sampled: each corpus and each offer, in one frame and fragmented, small and 128 KiB. */
const COMPRESSION_SAMPLE = [
  ...[1, 2, 3, 4, 5].flatMap((j) => [`12.${j}.1`, `12.${j}.11`, `12.${j}.16`]),
  ...[1, 2, 3, 4, 5, 6, 7].flatMap((j) => [`13.${j}.1`, `13.${j}.16`]),
].join(',');

describe('the conformance suite', () => {
  it('passes a plain ws echo server on every case, with only the non-strict and informational verdicts Autobahn gives ws', async () => {
    const all = await runSuite(await startWsEcho());
    expect(all.results).toHaveLength(523);
    // ws's server does not compress unless told to: Autobahn's UNIMPLEMENTED for the compression categories.
    const compressed = all.results.filter((r) => isCompression(r.id));
    expect(compressed).toHaveLength(216);
    expect(compressed.filter((r) => r.behavior !== 'UNIMPLEMENTED' || r.behaviorClose !== 'OK')).toEqual([]);
    const run = { results: all.results.filter((r) => !isCompression(r.id)) };
    expect(failedIds(run.results)).toEqual([]);
    const results = byId(run.results);
    // ws checks UTF-8 when a message is complete, not as each fragment arrives: Autobahn's NON-STRICT (§8.1).
    for (const id of ['6.4.1', '6.4.2', '6.4.3', '6.4.4']) expect(results.get(id)?.behavior).toBe('NON-STRICT');
    for (const id of ['7.1.6', '7.13.1', '7.13.2']) expect(results.get(id)?.behavior).toBe('INFORMATIONAL');
    const notOk = run.results.filter((r) => r.behavior !== 'OK' || r.behaviorClose !== 'OK').map((r) => r.id);
    expect(notOk).toEqual(['6.4.1', '6.4.2', '6.4.3', '6.4.4', '7.1.6', '7.13.1', '7.13.2']);
  }, 120_000);

  it('runs the default suite against the demo server in under a minute, failing only where its documented limits refuse (1009, 1008)', async () => {
    const { base } = await startDemo();
    const run = await runSuite(`ws://${base}/ws/echo`);
    expect(run.durationMs).toBeLessThan(60_000);
    const failed = run.results.filter((r) => r.behavior === 'FAILED' || r.behaviorClose === 'FAILED');
    // Every failure is category 9 over a demo limit.
    const outsideLimits = failed.filter((r) => !r.id.startsWith('9.')).map((r) => r.id);
    expect(outsideLimits).toEqual([]);
    for (const r of failed.filter((r) => r.id.startsWith('9.'))) expect([1008, 1009]).toContain(r.remoteCloseCode);
    // The messages within 64 KiB pass, so the failures are the limit, not the suite.
    for (const id of ['1.1.7', '1.2.7', '9.1.1', '9.2.1', '10.1.1']) expect(byId(run.results).get(id)?.behavior).toBe('OK');
  }, 120_000);

  it('passes ws with permessage-deflate on the compression cases, every offer of category 13 included (RFC 7692)', async () => {
    const run = await runSuite(await startWsEcho({ perMessageDeflate: true }), { cases: COMPRESSION_SAMPLE });
    expect(run.results).toHaveLength(29);
    expect(run.results.filter((r) => r.behavior !== 'OK' || r.behaviorClose !== 'OK').map((r) => [r.id, r.result])).toEqual([]);
  }, 120_000);

  it('runs the compression cases on /ws/deflate, which fails only the messages past its inflated-size limit, with 1009', async () => {
    const { base } = await startDemo();
    const run = await runSuite(`ws://${base}/ws/echo`, { cases: COMPRESSION_SAMPLE, compressionUrl: `ws://${base}/ws/deflate` });
    const failed = run.results.filter((r) => r.behavior !== 'OK');
    // 12.x.16 and 13.x.16 send 128 KiB messages; /ws/deflate takes 16 KiB once inflated.
    expect(failed.map((r) => r.id).sort()).toEqual(
      run.results
        .filter((r) => r.id.endsWith('.16'))
        .map((r) => r.id)
        .sort(),
    );
    for (const r of failed) expect(r.result).toMatch(/closed with 1009/);
    expect(run.results.filter((r) => !r.id.endsWith('.16') && r.behaviorClose !== 'OK')).toEqual([]);
  }, 120_000);

  const planted: [string, PlantedFlaws, string, string[]][] = [
    [
      'skips UTF-8 validation',
      { skipsUtf8Validation: true },
      '6.2.*,6.3.*,6.12.*,6.20.*',
      ['6.3.1', '6.3.2', ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `6.12.${n}`), ...[1, 2, 3, 4, 5, 6, 7].map((n) => `6.20.${n}`)],
    ],
    [
      'accepts RSV bits and reserved opcodes',
      { acceptsReservedBits: true },
      '1.1.1,3.1,3.2,3.5,4.1.1,4.2.1,4.2.3',
      ['3.1', '3.2', '3.5', '4.1.1', '4.2.1', '4.2.3'],
    ],
    ['never answers a Close', { neverAnswersClose: true }, '1.1.1,2.1,2.5,7.1.1,7.3.1,7.7.1', ['1.1.1', '2.1', '7.1.1', '7.3.1', '7.7.1']],
  ];
  for (const [flaw, flaws, cases, mustFail] of planted) {
    it(`fails exactly the right cases of a server that ${flaw}, and none of the same server without the flaw`, async () => {
      const sound = await startPlantedServer();
      stops.push(sound.stop);
      expect(failedIds((await runSuite(sound.url, { cases })).results)).toEqual([]);
      const broken = await startPlantedServer(flaws);
      stops.push(broken.stop);
      expect(failedIds((await runSuite(broken.url, { cases })).results)).toEqual(mustFail);
    }, 60_000);
  }

  it('fails a case, not the run, when the server hangs: every case has a time limit', async () => {
    const broken = await startPlantedServer({ neverAnswersClose: true });
    stops.push(broken.stop);
    const run = await runSuite(broken.url, { cases: '7.3.3', caseTimeLimitMs: 1500 });
    const [result] = run.results;
    expect(result?.behaviorClose).toBe('FAILED');
    expect(result?.durationMs).toBeLessThan(2500);
  });
});
