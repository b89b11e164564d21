// Starts the demo server behind a real HTTP server on port 0 for a test, and stops every one after each test.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { applyHttpLimits, createDemoServer, httpServerOptions, type DemoServer, type DemoServerOptions } from '../../server/index.ts';

const running: { http: Server; demo: DemoServer }[] = [];

afterEach(async () => {
  for (const { http, demo } of running.splice(0)) {
    await demo.close();
    http.close();
  }
});

/** Hands requests and upgrades to a new demo server, with npm start's HTTP limits; `base` is "127.0.0.1:PORT". */
export async function startDemo(options: Partial<DemoServerOptions> = {}): Promise<{ base: string; demo: DemoServer }> {
  const demo = createDemoServer(options);
  const http = createServer(httpServerOptions(demo.options), (req, res) => {
    if (!demo.handleRequest(req, res)) res.writeHead(418).end();
  });
  applyHttpLimits(http, demo.options);
  http.on('upgrade', (req, socket, head) => {
    if (!demo.handleUpgrade(req, socket, head)) socket.destroy();
  });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  running.push({ http, demo });
  return { base: `127.0.0.1:${(http.address() as AddressInfo).port}`, demo };
}
