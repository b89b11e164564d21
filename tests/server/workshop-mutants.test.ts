// Two mutants of the last reference solution prove that the byte-wise runs split what the server reads: each passes
// when its bytes come whole, and fails the step's byte-wise check and the suite's byte-wise runs.
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { frameCase } from '../../workshop/checker/frame-case-by-id.ts';
import type { CheckResult } from '../../workshop/checker/run-checks.ts';
import { watchServerReads } from './bad-input/one-byte-per-read.ts';
import { FRAME_CASES } from './bad-input/frame-cases.ts';
import { runFrameCase } from './bad-input/suite.ts';
import { check } from './workshop-harness.ts';
import { DROPS_PARTIAL_FRAMES } from './workshop-mutants/drops-partial-frames.ts';
import { writeMutant } from './workshop-mutants/mutant.ts';
import { THROWS_ON_PARTIAL_64_BIT_LENGTH } from './workshop-mutants/throws-on-partial-64-bit-length.ts';

const outcome = (results: CheckResult[], id: string) => results.find((result) => result.id === id)?.passed;
const failedBytewise = (results: CheckResult[]) =>
  results.filter((result) => !result.passed && result.id.endsWith('-bytewise')).map((result) => result.id);

describe.concurrent('a server that drops partial frames', () => {
  const file = writeMutant(DROPS_PARTIAL_FRAMES);

  it("fails step 4's byte-wise check, and passes the same frame written whole", { timeout: 180_000 }, async () => {
    const { results } = await check(4, file);
    expect(outcome(results, '7.1.1')).toBe(true);
    expect(outcome(results, '7.1.1-bytewise')).toBe(false);
  });

  it(
    "fails the suite's byte-wise runs, in process as the demo server's suite runs them, and passes them whole",
    { timeout: 60_000 },
    async () => {
      const { createServer } = (await import(pathToFileURL(file).href)) as { createServer: () => Server };
      const server = createServer();
      watchServerReads(server);
      // The mutant loses every frame that arrives in pieces and so never answers: a case would wait for ever for a
      // Close. So each connection is cut 3 s after it opens (upgraded sockets leave closeAllConnections' reach).
      const sockets = new Set<Socket>();
      server.on('connection', (socket: Socket) => {
        sockets.add(socket);
        setTimeout(() => socket.destroy(), 3000).unref();
      });
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      const base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        await runFrameCase(base, frameCase('7.1.1'), false);
        await runFrameCase(base, frameCase('5.3'), false);
        // All at once, so that the cases wait out their 3 s together.
        const cases = FRAME_CASES.filter((testCase) => !testCase.wholeOnly);
        const outcomes = await Promise.allSettled(cases.map((testCase) => runFrameCase(base, testCase, true)));
        const passed = cases.filter((_, i) => outcomes[i]!.status === 'fulfilled').map((testCase) => testCase.id);
        // Every case fails but those whose frames need no answer (a lost Pong looks like a Pong the server ignored),
        // which may pass or, on a loaded machine, be cut before they finish.
        expect(passed.filter((id) => id !== '2.7' && id !== '2.8')).toEqual([]);
      } finally {
        sockets.forEach((socket) => socket.destroy());
        server.close();
      }
    },
  );
});

describe.concurrent('a server that throws on a partly arrived 64-bit length', () => {
  const file = writeMutant(THROWS_ON_PARTIAL_64_BIT_LENGTH);

  it(
    "fails step 2's cut-short 64-bit length and step 8's byte-wise checks, and passes the same frames whole",
    { timeout: 180_000 },
    async () => {
      const { results } = await check(8, file);
      expect(outcome(results, '2.13')).toBe(false);
      expect(outcome(results, '9.1.b')).toBe(true);
      expect(outcome(results, '9.1.c')).toBe(true);
      expect(outcome(results, '9.1.b-bytewise')).toBe(false);
      expect(outcome(results, '9.1.c-bytewise')).toBe(false);
      const crash = results.find((result) => result.id === '9.1.c-bytewise')!.failure!.received;
      expect(crash).toMatch(/your server threw an exception:\n.*RangeError/);
    },
  );

  it("fails the suite's byte-wise runs of the frames with a 64-bit length", { timeout: 180_000 }, async () => {
    const { results } = await check('suite', file);
    expect(failedBytewise(results)).toEqual(expect.arrayContaining(['9.1.b-bytewise', '9.1.c-bytewise']));
    expect(outcome(results, '9.1.b')).toBe(true);
    expect(outcome(results, '9.1.c')).toBe(true);
  });
});
