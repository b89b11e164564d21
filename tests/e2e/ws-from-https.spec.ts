// The mixed-content page over real TLS, in Chromium and Firefox: this site behind an https server in the test, a
// non-loopback host name mapped to 127.0.0.1, and each engine seeing what a reader of the deployed site sees.
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSiteServer, type SiteServer } from '../../server/site-server.ts';
import { selfSignedCertificate } from '../server/self-signed-certificate.ts';
import { expect, test as base, type Driver } from './journey.ts';
import { loadExample } from './load-example.ts';
import { consoleLineWith, entries, expectPageQuotes, pressReproduce } from './troubleshooting-pages.ts';

/** A name that is not loopback to the browser, so mixed content applies, though each engine resolves it to 127.0.0.1. */
const HOST = 'workshop.test';
const DIST_DIR = process.env.DIST_DIR || 'dist';

interface HttpsSite {
  /** The site as deployed, with its Content-Security-Policy. */
  origin: string;
  /** The same site behind a proxy that drops the Content-Security-Policy header: a deploy that sends none. */
  originWithoutCsp: string;
}

/** A TLS front for the site server's own listeners, as a proxy in front would be; `dropCsp` strips that one header. */
function tlsFront(site: SiteServer, key: Buffer, cert: Buffer, dropCsp: boolean): Server {
  const tls = createServer({ key, cert });
  tls.on('request', (request, response) => {
    if (dropCsp) {
      const setHeader = response.setHeader.bind(response);
      response.setHeader = (name, value) => (name.toLowerCase() === 'content-security-policy' ? response : setHeader(name, value));
    }
    site.http.emit('request', request, response);
  });
  tls.on('upgrade', (request, socket, head) => site.http.emit('upgrade', request, socket, head));
  tls.listen(0, '127.0.0.1');
  return tls;
}

/** The built site and the demo server on two https: origins (with and without CSP), with a certificate made for the test. */
async function startHttpsSite(): Promise<HttpsSite & { stop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ws-https-'));
  const pem = selfSignedCertificate(dir, HOST);
  const [key, cert] = [readFileSync(pem.key), readFileSync(pem.cert)];
  const site: SiteServer = createSiteServer(DIST_DIR, { logLevel: 'silent' });
  const fronts = [tlsFront(site, key, cert, false), tlsFront(site, key, cert, true)];
  await Promise.all(fronts.map((front) => once(front, 'listening')));
  const [origin, originWithoutCsp] = fronts.map((front) => `https://${HOST}:${(front.address() as AddressInfo).port}`);
  return {
    origin: origin!,
    originWithoutCsp: originWithoutCsp!,
    async stop() {
      await site.demo.close();
      for (const front of fronts) front.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const test = base.extend<{}, { httpsSite: HttpsSite }>({
  httpsSite: [
    async ({}, use) => {
      const site = await startHttpsSite();
      await use(site);
      await site.stop();
    },
    { scope: 'worker' },
  ],
  // Both engines resolve the test's host name, and only it, to loopback; both contexts accept self-signed TLS.
  launchExtras: [
    { chromiumArgs: [`--host-resolver-rules=MAP ${HOST} 127.0.0.1`], firefoxPrefs: { 'network.dns.localDomains': HOST } },
    { scope: 'worker' },
  ],
  // The driver's site is the https: one, so the default `npm start` never starts.
  site: async ({ httpsSite }, use) => use({ origin: httpsSite.origin, base: '/' }),
});

const PAGE = '/troubleshooting/ws-from-https/';
const TITLE = 'Reproduce: a ws: URL from this page';

/** The control's log line when the constructor throws; its error text, without the widget's sentence around it. */
const THREW = /^new WebSocket threw (.+)\. No socket exists, so no event will follow\.$/;

/**
 * What the engine threw, as the control's log line shows it: the widget drops a final full stop, and names a thrown
 * value that is not an Error (Firefox's exception objects) "Error".
 */
function thrownForms(logLine: string): string[] {
  const thrown = THREW.exec(logLine)?.[1];
  expect(thrown, logLine).toBeDefined();
  return [thrown!, `${thrown}.`, thrown!.replace(/^Error: /, '')];
}

/** The socket's URL the control builds on this page: its own host, with ws:. */
function controlUrl(page: Driver): string {
  return `${new URL(page.url()).origin.replace('https:', 'ws:')}/ws/trouble?symptom=show-headers`;
}

test("on this site over https:, the control's ws: URL is blocked by the page's Content-Security-Policy", async ({ driver: page }) => {
  await page.goto(PAGE);
  const wsUrl = controlUrl(page);
  const { log } = await pressReproduce(page, TITLE);
  await expect(log.locator('li')).toHaveCount(2);
  const [constructed, outcome] = await entries(log);
  expect(constructed).toBe(`new WebSocket("${wsUrl}")`);
  // Chromium lets the constructor return and fails the socket; Firefox's constructor throws. The page says which.
  if (page.engine === 'chromium') expect(outcome).toMatch(/^error \(the event carries no detail/);
  else await expectPageQuotes(page, thrownForms(outcome!));
  await expectPageQuotes(page, await consoleLineWith(page, 'Content'));
});

test.describe('without a Content-Security-Policy', () => {
  test('the constructor throws SecurityError and the console logs the mixed-content block; loopback is let through', async ({
    driver: page,
    httpsSite,
  }) => {
    await page.goto(httpsSite.originWithoutCsp + PAGE);
    const wsUrl = controlUrl(page);
    const { log } = await pressReproduce(page, TITLE);
    await expect(log.locator('li')).toHaveCount(2);
    const [constructed, outcome] = await entries(log);
    expect(constructed).toBe(`new WebSocket("${wsUrl}")`);
    const thrown = THREW.exec(outcome!)?.[1];
    expect(thrown, outcome).toMatch(/^SecurityError: /);
    await expectPageQuotes(page, thrownForms(outcome!));
    if (page.engine === 'chromium') {
      const mixed = await consoleLineWith(page, 'Mixed Content:');
      expect(mixed).toBe(
        `Mixed Content: The page at '${httpsSite.originWithoutCsp}${PAGE}' was loaded over HTTPS, but attempted to connect to the insecure WebSocket endpoint '${wsUrl}'. This request has been blocked; this endpoint must be available over WSS.`,
      );
      await expectPageQuotes(page, mixed);
    } else {
      // The page says Firefox reported no console line for it through WebDriver BiDi; nothing came before the throw.
      expect(page.consoleLines).toEqual([]);
    }
    // A loopback address is potentially trustworthy, so the same page may try ws://127.0.0.1.
    const loopback = await page.evaluate((port) => {
      try {
        new WebSocket(`ws://127.0.0.1:${port}/ws/echo`).close();
        return 'constructed';
      } catch (error) {
        return String(error);
      }
    }, new URL(httpsSite.originWithoutCsp).port);
    expect(loopback).toBe('constructed');
  });
});

test('examples/troubleshooting/socket-url.js builds a wss: URL on an https: page, and it opens under the CSP', async ({ driver: page }) => {
  await page.goto(PAGE);
  await loadExample(page, 'examples/troubleshooting/socket-url.js');
  const result = await page.evaluate(async () => {
    const { socketUrl } = (window as unknown as { examples: Record<string, Record<string, (path: string) => string>> }).examples[
      'examples/troubleshooting/socket-url.js'
    ]!;
    const url = socketUrl!('/ws/trouble?symptom=show-headers');
    const first = await new Promise<string>((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.onmessage = (event) => resolve(String(event.data));
      socket.onclose = (event) => reject(new Error(`closed with ${event.code}`));
    });
    return { url, first };
  });
  const origin = new URL(page.url()).origin;
  expect(result.url).toBe(`${origin.replace('https:', 'wss:')}/ws/trouble?symptom=show-headers`);
  expect(result.first).toMatch(new RegExp(`^The handshake carried origin: ${origin.replace(/[.]/g, '\\.')};`));
});
