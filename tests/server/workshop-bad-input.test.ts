// The hands-on track's last reference solution against the demo server's own bad-input suite: the same cases, the same answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from '../../workshop/steps/08-limits/solution.ts';
import { CLIENT_CLOSE, FRAME_CASES } from './bad-input/frame-cases.ts';
import { HANDSHAKE_CASES } from './bad-input/handshake-cases.ts';
import { echoStillWorks, RawClient, request } from './bad-input/raw-client.ts';
import { NOT_FOR_THE_READERS_SERVER } from '../../workshop/checker/suite-filter.ts';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const ways = [
  { name: 'whole', bytewise: false },
  { name: 'byte by byte', bytewise: true },
] as const;

it('leaves out only cases that test a demo-server policy, each with its reason', () => {
  const ids = new Set([...HANDSHAKE_CASES, ...FRAME_CASES].map((testCase) => testCase.id));
  for (const [id, reason] of Object.entries(NOT_FOR_THE_READERS_SERVER)) {
    expect(ids.has(id), id).toBe(true);
    expect(reason.length).toBeGreaterThan(20);
  }
  expect(Object.keys(NOT_FOR_THE_READERS_SERVER).sort()).toEqual(['9.2.a', '9.2.b', 'h.17', 'h.20', 'h.21']);
});

describe('handshakes', () => {
  for (const testCase of HANDSHAKE_CASES) {
    if (testCase.id in NOT_FOR_THE_READERS_SERVER) continue;
    for (const way of ways) {
      if (way.bytewise && testCase.wholeOnly) continue;
      it(`${testCase.id} ${testCase.title}: ${testCase.status} (${way.name})`, async () => {
        const client = await RawClient.open(base);
        await client.write(request(testCase.lines(base)), way.bytewise);
        const answer = await client.readResponse();
        client.destroy();
        expect(answer.status).toBe(testCase.status);
        for (const [name, value] of Object.entries(testCase.headers ?? {})) expect(answer.headers[name]).toBe(value);
        if (testCase.body) expect(answer.body).toContain(testCase.body);
        expect(await echoStillWorks(base)).toBe('still serving');
      });
    }
  }
});

describe('frames (Autobahn|Testsuite categories 1–7 and 9)', () => {
  for (const testCase of FRAME_CASES) {
    if (testCase.id in NOT_FOR_THE_READERS_SERVER) continue;
    for (const way of ways) {
      if (way.bytewise && testCase.wholeOnly) continue;
      const answer = testCase.closeCode === null ? 'an empty Close' : `Close ${testCase.closeCode}`;
      it(`${testCase.id} ${testCase.title}: ${answer} (${way.name})`, async () => {
        const client = await RawClient.open(base);
        await client.handshake(base);
        await client.write(testCase.bytes, way.bytewise);
        if (testCase.clientCloses) await client.write(CLIENT_CLOSE);
        const { frames, close } = await client.readUntilClose();
        client.destroy();
        expect(close?.code).toBe(testCase.closeCode);
        if (testCase.checkReplies !== false) expect(frames).toEqual(testCase.replies ?? []);
        expect(await echoStillWorks(base)).toBe('still serving');
      });
    }
  }
});
