// The hands-on track's last reference solution against the demo server's own bad-input suite: the same cases, the same answers.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from '../../workshop/steps/08-limits/solution.ts';
import { FRAME_CASES } from './bad-input/frame-cases.ts';
import { HANDSHAKE_CASES } from './bad-input/handshake-cases.ts';
import { watchServerReads } from './bad-input/one-byte-per-read.ts';
import { describeBadInputSuite } from './bad-input/suite.ts';
import { NOT_FOR_THE_READERS_SERVER } from '../../workshop/checker/suite-filter.ts';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer();
  watchServerReads(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

it('leaves out only cases that test a demo-server policy, each with its reason', () => {
  const ids = new Set([...HANDSHAKE_CASES, ...FRAME_CASES].map((testCase) => testCase.id));
  for (const [id, reason] of Object.entries(NOT_FOR_THE_READERS_SERVER)) {
    expect(ids.has(id), id).toBe(true);
    expect(reason.length).toBeGreaterThan(20);
  }
  expect(Object.keys(NOT_FOR_THE_READERS_SERVER).sort()).toEqual(['9.2.a', '9.2.b', 'h.17', 'h.20', 'h.21']);
});

describeBadInputSuite(
  () => base,
  (id) => id in NOT_FOR_THE_READERS_SERVER,
);
