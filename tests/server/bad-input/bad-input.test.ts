// The bad-input suite: raw bytes at the demo server, its exact answer to each, and after every case a fresh client still gets its echo.
import { afterAll, beforeAll } from 'vitest';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyHttpLimits, createDemoServer, httpServerOptions, type DemoServer, type DemoServerOptions } from '../../../server/index.ts';
import { watchServerReads } from './one-byte-per-read.ts';
import { describeBadInputSuite } from './suite.ts';

/** One server for the whole suite, so a case that broke it would fail every case after it. */
let server: { http: Server; demo: DemoServer; base: string };

async function listen(options: Partial<DemoServerOptions>): Promise<typeof server> {
  const demo = createDemoServer(options);
  const http = createServer(httpServerOptions(demo.options), (req, res) => {
    if (!demo.handleRequest(req, res)) res.writeHead(404).end();
  });
  applyHttpLimits(http, demo.options);
  // The byte-by-byte runs assert that the demo server read each byte on its own.
  watchServerReads(http);
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

describeBadInputSuite(() => server.base);
