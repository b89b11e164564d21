// The bad-input suite: raw bytes at the demo server, its exact answer to each, and after every case a fresh client still gets its echo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyHttpLimits, createDemoServer, httpServerOptions, type DemoServer, type DemoServerOptions } from '../../../server/index.ts';
import { CLIENT_CLOSE, FRAME_CASES } from './frame-cases.ts';
import { HANDSHAKE_CASES } from './handshake-cases.ts';
import { echoStillWorks, RawClient, request } from './raw-client.ts';

/** One server for the whole suite, so a case that broke it would fail every case after it. */
let server: { http: Server; demo: DemoServer; base: string };

async function listen(options: Partial<DemoServerOptions>): Promise<typeof server> {
  const demo = createDemoServer(options);
  const http = createServer(httpServerOptions(demo.options), (req, res) => {
    if (!demo.handleRequest(req, res)) res.writeHead(404).end();
  });
  applyHttpLimits(http, demo.options);
  http.on('upgrade', (req, socket, head) => {
    if (!demo.handleUpgrade(req, socket, head)) socket.destroy();
  });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  return { http, demo, base: `127.0.0.1:${(http.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  server = await listen({ allowedOrigins: ['https://allowed.example'] });
});

afterAll(async () => {
  await server.demo.close();
  server.http.closeAllConnections();
  server.http.close();
});

const ways = [
  { name: 'whole', bytewise: false },
  { name: 'byte by byte', bytewise: true },
] as const;

describe('handshakes', () => {
  for (const testCase of HANDSHAKE_CASES) {
    for (const way of ways) {
      if (way.bytewise && testCase.wholeOnly) continue;
      it(`${testCase.id} ${testCase.title}: ${testCase.status} (${way.name})`, async () => {
        const client = await RawClient.open(server.base);
        await client.write(request(testCase.lines(server.base)), way.bytewise);
        const answer = await client.readResponse();
        client.destroy();
        expect(answer.status).toBe(testCase.status);
        for (const [name, value] of Object.entries(testCase.headers ?? {})) expect(answer.headers[name]).toBe(value);
        if (testCase.body) expect(answer.body).toContain(testCase.body);
        expect(await echoStillWorks(server.base)).toBe('still serving');
      });
    }
  }
});

describe('frames (Autobahn|Testsuite categories 1–7 and 9)', () => {
  for (const testCase of FRAME_CASES) {
    for (const way of ways) {
      if (way.bytewise && testCase.wholeOnly) continue;
      const answer = testCase.closeCode === null ? 'an empty Close' : `Close ${testCase.closeCode}`;
      it(`${testCase.id} ${testCase.title}: ${answer} (${way.name})`, async () => {
        const client = await RawClient.open(server.base);
        await client.handshake(server.base);
        await client.write(testCase.bytes, way.bytewise);
        if (testCase.clientCloses) await client.write(CLIENT_CLOSE);
        const { frames, close } = await client.readUntilClose();
        client.destroy();
        expect(close?.code).toBe(testCase.closeCode);
        if (testCase.checkReplies !== false) expect(frames).toEqual(testCase.replies ?? []);
        expect(await echoStillWorks(server.base)).toBe('still serving');
      });
    }
  }
});
