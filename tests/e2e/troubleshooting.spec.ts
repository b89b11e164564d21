// Every Reproduce control on the troubleshooting pages, pressed by keyboard in Chromium: the symptom appears as its page says.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConsoleMessage, Locator, Page } from '@playwright/test';
import { WebSocketServer } from 'ws';
import { mergedMessages } from '../../server/trouble/merged.ts';
import { LIMITS } from '../../server/limits.ts';
import { expect, test } from './site-fixture.ts';

/** A page, watched from the start: every WebSocket it opens, and every console line. */
async function openPage(page: Page, path: string): Promise<{ sockets: string[]; consoleLines: string[] }> {
  const sockets: string[] = [];
  const consoleLines: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  page.on('console', (message: ConsoleMessage) => consoleLines.push(message.text()));
  await page.goto(path);
  return { sockets, consoleLines };
}

/** The reader tabs to a control's Reproduce button and presses Enter; returns the control's event log. */
async function pressReproduce(page: Page, title: string): Promise<{ widget: Locator; log: Locator }> {
  const widget = page.getByRole('region', { name: title });
  await widget.getByRole('button', { name: 'Reproduce' }).focus();
  await page.keyboard.press('Enter');
  return { widget, log: widget.getByRole('log', { name: 'Browser events' }) };
}

/** The log's entries without their times, in order. */
async function entries(log: Locator): Promise<string[]> {
  const texts = await log.locator('li').allTextContents();
  return texts.map((text) => text.replace(/^\d+\.\d{3} s /, ''));
}

/** The seconds the log's entry matching `pattern` was written at, counted from the click. */
async function secondsOf(log: Locator, pattern: RegExp): Promise<number> {
  const texts = await log.locator('li').allTextContents();
  const line = texts.find((text) => pattern.test(text));
  return Number(/^(\d+\.\d{3}) s /.exec(line ?? '')?.[1] ?? NaN);
}

/**
 * The page quotes Chromium's console line with "…" where the host goes; the line seen in the console must match it,
 * so the page's quotes are observations, not guesses.
 */
async function expectPageQuotes(page: Page, consoleLine: string): Promise<void> {
  const quoted = await page.locator('.sl-markdown-content pre .ec-line').allTextContents();
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const matches = quoted.some((line) => line.includes('…') && new RegExp(`^${line.split('…').map(escape).join('.*')}$`).test(consoleLine));
  expect(matches, `the page quotes the console line ${consoleLine}`).toBe(true);
}

const CLOSE_1006_AFTER_OPEN = 'close: code 1006, wasClean false, reason "". The TCP connection ended without a Close frame.';
const CLOSE_1006_NO_OPEN = 'close: code 1006, wasClean false, reason "". The handshake failed, so the connection never opened.';
const ERROR = /^error \(the event carries no detail/;

/** A refused handshake as Chromium reports it: error, close 1006, and one console line naming the status. */
async function expectRefusedHandshake(page: Page, title: string, consoleLines: string[], consoleLine: string): Promise<void> {
  const { log } = await pressReproduce(page, title);
  await expect(log).toContainText(CLOSE_1006_NO_OPEN);
  const seen = await entries(log);
  expect(seen).toHaveLength(3);
  expect(seen[0]).toMatch(/^new WebSocket\("ws:\/\/127\.0\.0\.1:\d+\/ws\/trouble\?symptom=[\w-]+"\)$/);
  expect(seen[1]).toMatch(ERROR);
  await expect
    .poll(() => consoleLines.find((line) => line.startsWith(`WebSocket connection to '`) && line.endsWith(consoleLine.split(': ').pop()!)))
    .toBeTruthy();
  const observed = consoleLines.find((line) => line.includes(seen[0]!.slice('new WebSocket("'.length, -2)))!;
  expect(observed).toMatch(new RegExp(`failed: ${consoleLine.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  await expectPageQuotes(page, observed);
}

test('closed with 1006: a cut after open fires no error and logs nothing; a refused handshake fires error first', async ({ page }) => {
  const { sockets, consoleLines } = await openPage(page, '/troubleshooting/closed-1006/');
  // Nothing connects until the reader presses a button.
  expect(sockets).toEqual([]);
  const { log } = await pressReproduce(page, 'Reproduce: a connection cut after open');
  await expect(log).toContainText(CLOSE_1006_AFTER_OPEN);
  const greeting = `Open. In ${LIMITS.troubleDropAfterMs.default} ms the server cuts the TCP connection without sending a Close frame.`;
  expect((await entries(log)).slice(1)).toEqual(['open', `message (text, ${greeting.length} bytes): ${greeting}`, CLOSE_1006_AFTER_OPEN]);
  expect(consoleLines).toEqual([]);
  expect(sockets).toHaveLength(1);
  // The second control, whose handshake is answered with 404.
  await expectRefusedHandshake(
    page,
    'Reproduce: a handshake that fails',
    consoleLines,
    'Error during WebSocket handshake: Unexpected response code: 404',
  );
});

test("403: the foreign-origin control is refused with 403, and DevTools shows only the console's error, no response", async ({ page }) => {
  const { consoleLines } = await openPage(page, '/troubleshooting/handshake-403/');
  // What DevTools' Network panel shows comes from these CDP events.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const devtools: string[] = [];
  cdp.on('Network.webSocketHandshakeResponseReceived', (event) => devtools.push(`response ${event.response.status}`));
  cdp.on('Network.webSocketFrameError', (event) => devtools.push(`error ${event.errorMessage}`));
  await expectRefusedHandshake(
    page,
    'Reproduce: a server that does not allow this origin',
    consoleLines,
    'Error during WebSocket handshake: Unexpected response code: 403',
  );
  await expect.poll(() => devtools).toEqual(['error Error during WebSocket handshake: Unexpected response code: 403']);
});

test('unexpected response code: each control gets its own status, and the console names it', async ({ page }) => {
  const { consoleLines } = await openPage(page, '/troubleshooting/unexpected-response-code/');
  for (const [status, text] of [
    [200, 'OK'],
    [400, 'Bad Request'],
    [404, 'Not Found'],
  ] as const) {
    // The reader presses each control in turn.
    await expectRefusedHandshake(
      page,
      `Reproduce: ${status} ${text} instead of 101`,
      consoleLines,
      `Error during WebSocket handshake: Unexpected response code: ${status}`,
    );
  }
});

test('behind a proxy: a dropped Upgrade gives 426 on the way in and a rejected 101 on the way out', async ({ page }) => {
  const { consoleLines } = await openPage(page, '/troubleshooting/behind-a-proxy/');
  await expectRefusedHandshake(
    page,
    'Reproduce: a proxy that drops Upgrade on the way in',
    consoleLines,
    'Error during WebSocket handshake: Unexpected response code: 426',
  );
  await expectRefusedHandshake(
    page,
    'Reproduce: a proxy that drops Upgrade on the way out',
    consoleLines,
    "Error during WebSocket handshake: 'Upgrade' header is missing",
  );
});

test('drops when idle: the quiet connection is cut with 1006 after the timeout; with server pings it stays open', async ({ page }) => {
  const { consoleLines } = await openPage(page, '/troubleshooting/drops-when-idle/');
  const cutSeconds = LIMITS.troubleIdleCutMs.default / 1000;
  // Both controls run at once, so the test waits for the timeout once.
  const quiet = await pressReproduce(page, 'Reproduce: a proxy that cuts quiet connections');
  const pinged = await pressReproduce(page, 'Reproduce: the same proxy, with server pings');
  await expect(quiet.log).toContainText(CLOSE_1006_AFTER_OPEN, { timeout: (cutSeconds + 5) * 1000 });
  const cutAt = await secondsOf(quiet.log, /close: code 1006/);
  expect(cutAt).toBeGreaterThanOrEqual(cutSeconds);
  // Generous: on a loaded machine timers run late, but a cut from anything else would come long before or never.
  expect(cutAt).toBeLessThan(cutSeconds * 3);
  expect(await entries(quiet.log)).not.toContainEqual(expect.stringMatching(ERROR));
  // A second past the cut, the pinged socket is still open.
  await page.waitForTimeout(1000);
  await expect(pinged.widget.getByLabel('Open sockets')).toHaveText('1');
  // The reader closes it.
  await pinged.widget.getByRole('button', { name: 'Close sockets' }).click();
  await expect(pinged.log).toContainText('close: code 1000, wasClean true, reason "Reader pressed Close sockets".');
  await expect(pinged.widget.getByLabel('Open sockets')).toHaveText('0');
  expect(consoleLines).toEqual([]);
});

test('CORS: the handshake carries Origin and, in Chromium, no Fetch metadata; no preflight comes first', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));
  await openPage(page, '/troubleshooting/cors/');
  const { log } = await pressReproduce(page, 'Reproduce: what the handshake tells the server');
  await expect(log).toContainText('close: code 1000, wasClean true, reason "Headers reported"');
  const origin = new URL(page.url()).origin;
  expect(await entries(log)).toContainEqual(
    expect.stringContaining(
      `The handshake carried origin: ${origin}; sec-fetch-site: (not sent); sec-fetch-mode: (not sent); sec-fetch-dest: (not sent); and no Cookie header.`,
    ),
  );
  expect(requests.filter((request) => request.startsWith('OPTIONS'))).toEqual([]);
  await expect(page.locator('.sl-markdown-content')).toContainText('Chromium 156 sent Origin and no Sec-Fetch-* headers');
});

test('merged or split: five whole messages in order; a message cut between fragments never arrives', async ({ page }) => {
  await openPage(page, '/troubleshooting/messages-merged-or-split/');
  const merged = await pressReproduce(page, 'Reproduce: merged and split writes');
  await expect(merged.log).toContainText('close: code 1000, wasClean true, reason "All 5 messages sent"');
  const messages = (await entries(merged.log)).filter((line) => line.startsWith('message ')).map((line) => line.replace(/^[^:]+: /, ''));
  expect(messages).toEqual(mergedMessages(LIMITS.troubleSplitDelayMs.default));
  // The second control: two fragments, then the cut.
  const cut = await pressReproduce(page, 'Reproduce: a message cut between fragments');
  await expect(cut.log).toContainText(CLOSE_1006_AFTER_OPEN);
  expect((await entries(cut.log)).filter((line) => line.startsWith('message '))).toHaveLength(1);
});

test("too many: the server's cap refuses the fourth socket with 429; Close sockets gives the places back", async ({ page }) => {
  const { consoleLines } = await openPage(page, '/troubleshooting/too-many-connections/');
  const cap = LIMITS.troubleMaxOpenPerIp.default;
  const { widget, log } = await pressReproduce(page, 'Reproduce: one connection too many');
  await expect(log).toContainText(`socket ${cap + 1}: ${CLOSE_1006_NO_OPEN}`);
  await expect(widget.getByLabel('Open sockets')).toHaveText(String(cap));
  const seen = await entries(log);
  for (let n = 1; n <= cap; n++)
    expect(seen).toContainEqual(
      `socket ${n}: message (text, ${`Open: connection ${n} of the ${cap} this endpoint allows one address.`.length} bytes): Open: connection ${n} of the ${cap} this endpoint allows one address.`,
    );
  expect(seen).toContainEqual(expect.stringMatching(new RegExp(`^socket ${cap + 1}: error`)));
  const observed = consoleLines.find((line) => line.endsWith('Unexpected response code: 429'))!;
  await expectPageQuotes(page, observed);
  // The reader presses Close sockets.
  await widget.getByRole('button', { name: 'Close sockets' }).click();
  await expect(widget.getByLabel('Open sockets')).toHaveText('0');
});

test.describe("the browser's own cap", () => {
  // The page's Content-Security-Policy allows sockets to its own origin only; this test's server is elsewhere.
  test.use({ bypassCSP: true });

  test('Chromium holds 255 open WebSockets in one page and fails the 256th with "Insufficient resources"', async ({ page }) => {
    const http = createServer();
    const wss = new WebSocketServer({ server: http });
    http.listen(0, '127.0.0.1');
    await once(http, 'listening');
    const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/`;
    const { consoleLines } = await openPage(page, '/troubleshooting/too-many-connections/');
    const result = await page.evaluate(async (url) => {
      const sockets = Array.from({ length: 260 }, () => new WebSocket(url));
      let errors = 0;
      const codes = new Set<number>();
      const settled = await Promise.all(
        sockets.map(
          (s) =>
            new Promise<string>((resolve) => {
              s.onopen = () => resolve('open');
              s.onerror = () => errors++;
              s.onclose = (event) => {
                codes.add(event.code);
                resolve('closed');
              };
            }),
        ),
      );
      sockets.forEach((s) => s.close());
      return { open: settled.filter((s) => s === 'open').length, firstClosed: settled.indexOf('closed'), errors, codes: [...codes] };
    }, url);
    expect(result).toEqual({ open: 255, firstClosed: 255, errors: 5, codes: [1006] });
    expect(consoleLines).toContainEqual(`WebSocket connection to '${url}' failed: Insufficient resources`);
    await expectPageQuotes(page, `WebSocket connection to '${url}' failed: Insufficient resources`);
    await expect(page.locator('.sl-markdown-content')).toContainText('one page held at most 255 open WebSockets in Chromium 156');
    wss.close();
    http.close();
  });
});
