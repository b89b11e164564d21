// "HTTP/2 in front breaks WebSocket", observed in each engine: a page served by an HTTP/2-only front end cannot open a WebSocket to it, and the same page behind Caddy (HTTP/2 and HTTP/1.1 on one port) can.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test as journeyTest, type Driver } from './journey.ts';
import { startSite } from './site-fixture.ts';
import { caddyBinary, startCaddyFront, type CaddyFront } from '../support/caddy-front.ts';
import { startHttp2Front, type Http2Front } from '../support/http2-front.ts';
import { selfSignedCertificate } from '../support/local-servers.ts';

interface SocketOutcome {
  events: string[];
  code: number;
  wasClean: boolean;
}

/** The reader's page opens `new WebSocket('wss://<same origin>/ws/echo')`, sends one message and reports every event until close. */
async function echoOverSameOrigin(page: Driver): Promise<SocketOutcome> {
  return page.evaluate(
    () =>
      new Promise<SocketOutcome>((resolve) => {
        const events: string[] = [];
        const socket = new WebSocket(new URL('/ws/echo', location.href).href.replace('https:', 'wss:'));
        socket.onopen = () => {
          events.push('open');
          socket.send('through the front');
        };
        socket.onmessage = (event) => {
          events.push(`message ${String(event.data)}`);
          socket.close(1000);
        };
        socket.onerror = () => events.push('error');
        socket.onclose = (event) => resolve({ events: [...events, 'close'], code: event.code, wasClean: event.wasClean });
      }),
    undefined,
  );
}

/** The protocol the page itself came over, from Navigation Timing. */
async function pageProtocol(page: Driver): Promise<string> {
  return page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).nextHopProtocol, undefined);
}

// The site is an HTTP/2-only front end alone: both drivers accept its throwaway self-signed certificate.
const http2OnlyTest = journeyTest.extend<{ front: Http2Front }>({
  front: async ({}, use) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ws-h2-front-'));
    const pem = selfSignedCertificate(dir, 'localhost');
    const front = await startHttp2Front(pem.cert, pem.key);
    try {
      await use(front);
    } finally {
      await front.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
  site: async ({ front }, use) => use({ origin: front.origin, base: '/' }),
});

http2OnlyTest(
  'a page served by an HTTP/2-only front end loads, and its WebSocket fails in the TLS handshake',
  async ({ driver: page, front }) => {
    // The reader opens the page: it arrives over HTTP/2.
    await page.goto('/');
    expect(await pageProtocol(page)).toBe('h2');
    // The page opens a WebSocket to its own origin. The front end sent no SETTINGS_ENABLE_CONNECT_PROTOCOL, so the
    // engine cannot use the HTTP/2 connection (RFC 8441 §3) and opens a new TLS connection offering only http/1.1,
    // which the front end refuses with an alert: the engine reports a failed connection, never an HTTP status.
    const outcome = await echoOverSameOrigin(page);
    // (Chromium may also drop a spare connection with a certificate_unknown alert: the certificate is self-signed.)
    expect(front.refusedHandshakes).toContain('ERR_SSL_NO_APPLICATION_PROTOCOL');
    expect(front.negotiatedProtocols).toEqual(['h2']);
    // Chromium reports 1006; Firefox reports 1015, the code RFC 6455 §7.4.1 reserves for a failed TLS handshake.
    expect(outcome).toEqual({ events: ['error', 'close'], code: page.engine === 'firefox' ? 1015 : 1006, wasClean: false });
    const consoleText =
      page.engine === 'firefox'
        ? /^Firefox can’t establish a connection to the server at wss:\/\/localhost:\d+\/ws\/echo\.$/
        : /^WebSocket connection to 'wss:\/\/localhost:\d+\/ws\/echo' failed: Error in connection establishment: net::ERR_SSL_PROTOCOL_ERROR$/;
    expect(page.errors).toEqual([expect.stringMatching(consoleText)]);
  },
);

// The site is npm start behind examples/production/Caddyfile, which serves HTTP/2 and HTTP/1.1 on one TLS port.
const caddyTest = journeyTest.extend<{ caddy: CaddyFront }>({
  caddy: async ({}, use) => {
    const upstream = await startSite();
    try {
      const caddy = await startCaddyFront(Number(new URL(upstream.origin).port));
      try {
        await use(caddy);
      } finally {
        await caddy.stop();
      }
    } finally {
      await upstream.stop();
    }
  },
  site: async ({ caddy, siteBase }, use) => use({ origin: caddy.origin, base: siteBase }),
});

caddyTest.skip(!caddyBinary, 'Caddy is not installed');

caddyTest(
  'behind Caddy the page comes over HTTP/2 and the WebSocket over its own HTTP/1.1 connection, and echoes',
  async ({ driver: page, caddy }) => {
    // The reader opens the echo chapter through Caddy: it arrives over HTTP/2.
    await page.goto('/browser-api/');
    expect(await pageProtocol(page)).toBe('h2');
    // The page opens a WebSocket to its own origin and sends one message.
    const outcome = await echoOverSameOrigin(page);
    expect(outcome).toEqual({ events: ['open', 'message through the front', 'close'], code: 1000, wasClean: true });
    // Caddy's access log: the page over HTTP/2, the upgrade over HTTP/1.1 (Caddy 2.6 sends no
    // SETTINGS_ENABLE_CONNECT_PROTOCOL). Caddy writes the socket's line once it has closed.
    await expect.poll(() => caddy.accessLog().find((line) => line.request.uri === '/ws/echo')).toBeTruthy();
    const lines = caddy.accessLog();
    expect(lines.find((line) => line.request.uri === '/browser-api/')?.request.proto).toBe('HTTP/2.0');
    // (Caddy 2.6 logs status 0 for the upgraded connection, so the echo above is the proof it switched.)
    expect(lines.find((line) => line.request.uri === '/ws/echo')).toMatchObject({
      request: { proto: 'HTTP/1.1', method: 'GET', headers: { Upgrade: ['websocket'] } },
    });
  },
);
