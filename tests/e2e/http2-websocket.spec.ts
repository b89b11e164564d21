// Chromium opens its WebSocket as an RFC 8441 extended CONNECT when npm start serves TLS with HTTP/2, and the demo server's inspector reports that request.
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startTlsSite } from '../server/self-signed-certificate.ts';
import type { HandshakeReport } from '../../src/lib/demo-messages.ts';

/** The reader's page opens `new WebSocket('wss://…/ws/inspect')` and keeps the server's first report: the handshake as received. */
async function handshakeSeenByServer(page: import('@playwright/test').Page): Promise<HandshakeReport> {
  return page.evaluate(
    () =>
      new Promise<HandshakeReport>((resolve, reject) => {
        const socket = new WebSocket(new URL('/ws/inspect', location.href).href.replace('https:', 'wss:'));
        socket.onmessage = (event) => {
          resolve(JSON.parse(String(event.data)) as HandshakeReport);
          socket.close();
        };
        socket.onerror = () => reject(new Error('The WebSocket failed.'));
      }),
  );
}

test('Chromium sends an extended CONNECT with :protocol websocket, and the inspector shows its pseudo-headers', async ({ browser }) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ws-workshop-h2-'));
  const site = await startTlsSite(dir);
  const origin = `https://${site.authority}`;
  let context: import('@playwright/test').BrowserContext | undefined;
  try {
    // The certificate is a throwaway one; the context accepts it, for the page and its WebSockets alike.
    context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    // The reader opens a page of the site over HTTPS; the page opens a WebSocket to /ws/inspect.
    await page.goto(`${origin}/extensions/`);
    const report = await handshakeSeenByServer(page);
    expect(report.request.startLine).toBe('CONNECT /ws/inspect HTTP/2.0');
    expect(report.request.headers).toEqual(
      expect.arrayContaining([
        [':protocol', 'websocket'],
        [':method', 'CONNECT'],
      ]),
    );
    expect(report.request.headers).toContainEqual(['origin', origin]);
    expect(report.response.startLine).toBe(':status: 200');
  } finally {
    await context?.close();
    site.child.kill('SIGTERM');
    await once(site.child, 'exit');
    rmSync(dir, { recursive: true, force: true });
  }
});
