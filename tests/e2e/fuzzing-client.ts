// The browser clients of the client matrix: serves examples/clients/ on loopback and runs its page in one engine's tab.
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Driver } from './driver/driver.ts';

/** The only files the page needs, with their types: nothing else under examples/ is served. */
const PAGE_FILES: Record<string, [string, string]> = {
  '/browser/index.html': ['examples/clients/browser/index.html', 'text/html; charset=utf-8'],
  '/websocket-echo-client.js': ['examples/clients/websocket-echo-client.js', 'text/javascript; charset=utf-8'],
};

export interface ClientPageServer {
  /** The page's URL for a fuzzing server and an agent name. */
  pageUrl(fuzzingUrl: string, agent: string): string;
  close(): Promise<void>;
}

/** Serves the echo-client page on 127.0.0.1, on a port of its own (the fuzzing server is another origin, as WebSocket allows). */
export async function serveClientPage(): Promise<ClientPageServer> {
  const server = createServer(async (req, res) => {
    const file = PAGE_FILES[new URL(req.url ?? '/', 'http://page').pathname];
    if (!file) res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Only the fuzzing client page is served here.\n');
    else res.writeHead(200, { 'Content-Type': file[1], 'Cache-Control': 'no-store' }).end(await readFile(file[0]));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    pageUrl: (fuzzingUrl, agent) => `${origin}/browser/index.html?${new URLSearchParams({ server: fuzzingUrl, agent }).toString()}`,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** Opens the page in the tab and waits until it has run every case (`timeoutMs` for the whole run). */
export async function runClientPage(page: Driver, pageUrl: string, timeoutMs: number): Promise<string> {
  // The reader opens the page with ?server= and ?agent=; it starts at once.
  await page.goto(pageUrl);
  // The page runs the cases one by one; its status says when all are done.
  const status = page.getByLabel('Status');
  await page.waitFor(
    async () => /^Done/.test((await status.textContent()) ?? ''),
    `the fuzzing client page to finish (${pageUrl})`,
    timeoutMs,
  );
  return (await status.textContent()) ?? '';
}
