// Each engine opens its WebSocket as an RFC 8441 extended CONNECT when npm start serves TLS with HTTP/2, and the demo server's inspector reports that request.
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test as journeyTest, type Driver } from './journey.ts';
import { startTlsSite } from '../server/self-signed-certificate.ts';
import type { HandshakeReport } from '../../src/lib/demo-messages.ts';

// The site is npm start with TLS, for this test alone: a throwaway self-signed certificate, which both engines'
// drivers accept (Chromium's context ignores HTTPS errors, Firefox launches with acceptInsecureCerts).
const test = journeyTest.extend({
  site: async ({ siteBase }, use) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ws-workshop-h2-'));
    try {
      const tlsSite = await startTlsSite(dir);
      try {
        await use({ origin: `https://${tlsSite.authority}`, base: siteBase });
      } finally {
        tlsSite.child.kill('SIGTERM');
        await once(tlsSite.child, 'exit');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

/** The reader's page opens `new WebSocket('wss://…/ws/inspect')` and keeps the server's first report: the handshake as received. */
async function handshakeSeenByServer(page: Driver): Promise<HandshakeReport> {
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

test('the browser sends an extended CONNECT with :protocol websocket, and the inspector shows its pseudo-headers', async ({
  driver: page,
  site,
}) => {
  // The reader opens a page of the site over HTTPS; the page opens a WebSocket to /ws/inspect.
  await page.goto('/extensions/');
  const report = await handshakeSeenByServer(page);
  expect(report.request.startLine).toBe('CONNECT /ws/inspect HTTP/2.0');
  expect(report.request.headers).toEqual(
    expect.arrayContaining([
      [':protocol', 'websocket'],
      [':method', 'CONNECT'],
    ]),
  );
  expect(report.request.headers).toContainEqual(['origin', site.origin]);
  expect(report.response.startLine).toBe(':status: 200');
});
