// The mixed-content page over real TLS: this site behind an https server in the test, a non-loopback host name mapped to
// 127.0.0.1, and Chromium seeing what a reader of the deployed site sees.
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test as base, expect } from '@playwright/test';
import { createSiteServer, type SiteServer } from '../../server/site-server.ts';
import { selfSignedCertificate } from '../server/self-signed-certificate.ts';
import { loadExample } from './load-example.ts';

/** A name that is not loopback to the browser, so mixed content applies, though Chromium resolves it to 127.0.0.1. */
const HOST = 'workshop.test';
const DIST_DIR = process.env.DIST_DIR || 'dist';

/** The built site and the demo server on one https: origin, with a certificate made for the test. */
async function startHttpsSite(): Promise<{ origin: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ws-https-'));
  const { key, cert } = selfSignedCertificate(dir, HOST);
  const site: SiteServer = createSiteServer(DIST_DIR, { logLevel: 'silent' });
  // The site server's own listeners answer; TLS is all this server adds, as a proxy in front would.
  const tls: Server = createServer({ key: readFileSync(key), cert: readFileSync(cert) });
  tls.on('request', (request, response) => site.http.emit('request', request, response));
  tls.on('upgrade', (request, socket, head) => site.http.emit('upgrade', request, socket, head));
  tls.listen(0, '127.0.0.1');
  await once(tls, 'listening');
  return {
    origin: `https://${HOST}:${(tls.address() as AddressInfo).port}`,
    async stop() {
      await site.demo.close();
      tls.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const test = base.extend<{}, { httpsSite: { origin: string } }>({
  httpsSite: [
    async ({}, use) => {
      const site = await startHttpsSite();
      await use(site);
      await site.stop();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ httpsSite }, use) => use(httpsSite.origin),
  // The project's Chromium flags, plus one that resolves the test's host name to loopback.
  launchOptions: [
    async ({ launchOptions }, use) =>
      use({ ...launchOptions, args: [...(launchOptions.args ?? []), `--host-resolver-rules=MAP ${HOST} 127.0.0.1`] }),
    { scope: 'worker' },
  ],
});

test.use({ ignoreHTTPSErrors: true });

const PAGE = '/troubleshooting/ws-from-https/';
const TITLE = 'Reproduce: a ws: URL from this page';

async function openPage(page: Page): Promise<string[]> {
  const consoleLines: string[] = [];
  page.on('console', (message) => consoleLines.push(message.text()));
  await page.goto(PAGE);
  return consoleLines;
}

/** The page quotes a console line with "…" for the host; the observed line must match one of its quotes. */
async function expectPageQuotes(page: Page, observed: string): Promise<void> {
  const quoted = await page.locator('.sl-markdown-content pre .ec-line').allTextContents();
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const matches = quoted.some((line) => new RegExp(`^${line.split('…').map(escape).join('.*')}$`).test(observed));
  expect(matches, `the page quotes ${observed}`).toBe(true);
}

/** The reader presses the control; returns its log's entries without their times. */
async function reproduce(page: Page): Promise<() => Promise<string[]>> {
  const widget = page.getByRole('region', { name: TITLE });
  await widget.getByRole('button', { name: 'Reproduce' }).focus();
  await page.keyboard.press('Enter');
  const log = widget.getByRole('log', { name: 'Browser events' });
  return async () => (await log.locator('li').allTextContents()).map((text) => text.replace(/^\d+\.\d{3} s /, ''));
}

test("on this site over https:, the control's ws: URL is blocked by the page's Content-Security-Policy", async ({ page }) => {
  const consoleLines = await openPage(page);
  const wsUrl = `${new URL(page.url()).origin.replace('https:', 'ws:')}/ws/trouble?symptom=show-headers`;
  const entries = await reproduce(page);
  await expect.poll(entries).toEqual([`new WebSocket("${wsUrl}")`, expect.stringMatching(/^error \(the event carries no detail/)]);
  const observed = `Connecting to '${wsUrl}' violates the following Content Security Policy directive: "connect-src 'self'". The action has been blocked.`;
  await expect.poll(() => consoleLines).toContain(observed);
  await expectPageQuotes(page, observed);
});

test.describe('without a Content-Security-Policy', () => {
  test.use({ bypassCSP: true });

  test('the constructor throws SecurityError and Chromium logs the mixed-content block; loopback is let through', async ({ page }) => {
    const consoleLines = await openPage(page);
    const origin = new URL(page.url()).origin;
    const wsUrl = `${origin.replace('https:', 'ws:')}/ws/trouble?symptom=show-headers`;
    const entries = await reproduce(page);
    const thrown =
      "SecurityError: Failed to construct 'WebSocket': An insecure WebSocket connection may not be initiated from a page loaded over HTTPS.";
    await expect
      .poll(entries)
      .toEqual([
        `new WebSocket("${wsUrl}")`,
        `new WebSocket threw ${thrown.replace(/\.$/, '')}. No socket exists, so no event will follow.`,
      ]);
    await expectPageQuotes(page, thrown);
    const mixed = consoleLines.find((line) => line.startsWith('Mixed Content:'))!;
    expect(mixed).toBe(
      `Mixed Content: The page at '${origin}${PAGE}' was loaded over HTTPS, but attempted to connect to the insecure WebSocket endpoint '${wsUrl}'. This request has been blocked; this endpoint must be available over WSS.`,
    );
    await expectPageQuotes(page, mixed);
    // A loopback address is potentially trustworthy, so the same page may try ws://127.0.0.1.
    const loopback = await page.evaluate((port) => {
      try {
        new WebSocket(`ws://127.0.0.1:${port}/ws/echo`).close();
        return 'constructed';
      } catch (error) {
        return String(error);
      }
    }, new URL(origin).port);
    expect(loopback).toBe('constructed');
  });

  test('examples/troubleshooting/socket-url.js builds a wss: URL on an https: page, and it opens', async ({ page }) => {
    await openPage(page);
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
});
