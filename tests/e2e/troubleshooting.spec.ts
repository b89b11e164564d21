// Every Reproduce control on the troubleshooting pages, pressed by keyboard in Chromium and Firefox: the symptom
// appears as its page says, and each console line the engine writes is one the page quotes.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { mergedMessages } from '../../server/trouble/merged.ts';
import { REPRODUCE_TEXT } from '../../src/components/reproduce-text.ts';
import { expect, playwrightPage, type Driver, type Locator } from './journey.ts';
import {
  consoleLineWith,
  engineName,
  entries,
  expectPageQuotes,
  pressReproduce,
  TROUBLE_OPTIONS,
  troubleTest as test,
} from './troubleshooting-pages.ts';

// `test` runs npm start with short /ws/trouble timings: the idle cut comes after 1.5 s, not a reader's 5 s.

/** The seconds the log's entry matching `pattern` was written at, counted from the click. */
async function secondsOf(log: Locator, pattern: RegExp): Promise<number> {
  const texts = await log.locator('li').allTextContents();
  const line = texts.find((text) => pattern.test(text));
  return Number(/^(\d+\.\d{3}) s /.exec(line ?? '')?.[1] ?? NaN);
}

const CLOSE_1006_AFTER_OPEN = 'close: code 1006, wasClean false, reason "". The TCP connection ended without a Close frame.';
const CLOSE_1006_NO_OPEN = 'close: code 1006, wasClean false, reason "". The handshake failed, so the connection never opened.';
const ERROR = /^error \(the event carries no detail/;

/**
 * A refused handshake: error, close 1006, and one console line about this socket's URL, which the page quotes.
 * Chromium's line names the reason (`chromiumReason`); Firefox's is the same for every refusal.
 */
async function expectRefusedHandshake(page: Driver, title: string, chromiumReason: string): Promise<void> {
  const { log } = await pressReproduce(page, title);
  await expect(log).toContainText(CLOSE_1006_NO_OPEN);
  const seen = await entries(log);
  expect(seen).toHaveLength(3);
  expect(seen[0]).toMatch(/^new WebSocket\("ws:\/\/127\.0\.0\.1:\d+\/ws\/trouble\?symptom=[\w-]+"\)$/);
  expect(seen[1]).toMatch(ERROR);
  const url = seen[0]!.slice('new WebSocket("'.length, -2);
  const observed = await consoleLineWith(page, url);
  if (page.engine === 'chromium') expect(observed).toBe(`WebSocket connection to '${url}' failed: ${chromiumReason}`);
  await expectPageQuotes(page, observed);
}

test('closed with 1006: a cut after open logs nothing; a refused handshake fires error first', async ({ driver: page }) => {
  await page.goto('/troubleshooting/closed-1006/');
  // Nothing connects until the reader presses a button.
  expect(await page.sockets()).toEqual([]);
  const { log } = await pressReproduce(page, 'Reproduce: a connection cut after open');
  await expect(log).toContainText(CLOSE_1006_AFTER_OPEN);
  const greeting = `Open. In ${TROUBLE_OPTIONS.troubleDropAfterMs} ms the server cuts the TCP connection without sending a Close frame.`;
  // An ordinary TCP close (FIN), as here, fires no error in either engine, as the page says; a reset differs (/engines/).
  expect((await entries(log)).slice(1)).toEqual(['open', `message (text, ${greeting.length} bytes): ${greeting}`, CLOSE_1006_AFTER_OPEN]);
  expect(page.consoleLines).toEqual([]);
  expect(await page.sockets()).toHaveLength(1);
  // The second control, whose handshake is answered with 404.
  await expectRefusedHandshake(
    page,
    'Reproduce: a handshake that fails',
    'Error during WebSocket handshake: Unexpected response code: 404',
  );
});

test('在中文页面上：a cut after open is logged in Chinese, by the Chinese control', async ({ driver: page }) => {
  const text = REPRODUCE_TEXT['zh-CN'];
  await page.goto('/zh-cn/troubleshooting/closed-1006/');
  const { log } = await pressReproduce(page, '复现：open 之后被切断的连接', text);
  const cut = text.closeFields(1006, false, '') + text.meaning.noCloseFrame;
  await expect(log).toContainText(cut);
  const seen = await entries(log);
  expect(seen[0]).toMatch(/^new WebSocket\("ws:\/\/127\.0\.0\.1:\d+\/ws\/trouble\?symptom=drop"\)$/);
  expect(seen.slice(1, 2)).toEqual([text.open]);
  // The server's greeting stays English; the widget's own words around it are Chinese.
  expect(seen[2]).toMatch(/^message（文本，\d+ 字节）：Open\. /);
  expect(seen[3]).toBe(cut);
  expect((await log.locator('li').first().textContent()) ?? '').toMatch(/^\d+\.\d{3} 秒 /);
});

test('403: the foreign-origin control is refused with 403, error then close 1006', async ({ driver: page }) => {
  await page.goto('/troubleshooting/handshake-403/');
  await expectRefusedHandshake(
    page,
    'Reproduce: a server that does not allow this origin',
    'Error during WebSocket handshake: Unexpected response code: 403',
  );
});

// DevTools' Network panel is fed by the DevTools protocol, which only Chromium speaks; WebDriver BiDi has no view of
// what Firefox's own DevTools show for a socket.
test("403: DevTools shows only the console's error, no response", { tag: '@chromium-only' }, async ({ driver: page }) => {
  await page.goto('/troubleshooting/handshake-403/');
  const chromium = playwrightPage(page);
  const cdp = await chromium.context().newCDPSession(chromium);
  await cdp.send('Network.enable');
  const devtools: string[] = [];
  cdp.on('Network.webSocketHandshakeResponseReceived', (event) => devtools.push(`response ${event.response.status}`));
  cdp.on('Network.webSocketFrameError', (event) => devtools.push(`error ${event.errorMessage}`));
  await pressReproduce(page, 'Reproduce: a server that does not allow this origin');
  await expect.poll(() => devtools).toEqual(['error Error during WebSocket handshake: Unexpected response code: 403']);
});

test('unexpected response code: each control gets its own status, and the console says what the page quotes', async ({ driver: page }) => {
  await page.goto('/troubleshooting/unexpected-response-code/');
  for (const [status, text] of [
    [200, 'OK'],
    [400, 'Bad Request'],
    [404, 'Not Found'],
  ] as const) {
    // The reader presses each control in turn.
    await expectRefusedHandshake(
      page,
      `Reproduce: ${status} ${text} instead of 101`,
      `Error during WebSocket handshake: Unexpected response code: ${status}`,
    );
  }
});

test('behind a proxy: a dropped Upgrade gives 426 on the way in and a rejected 101 on the way out', async ({ driver: page }) => {
  await page.goto('/troubleshooting/behind-a-proxy/');
  await expectRefusedHandshake(
    page,
    'Reproduce: a proxy that drops Upgrade on the way in',
    'Error during WebSocket handshake: Unexpected response code: 426',
  );
  await expectRefusedHandshake(
    page,
    'Reproduce: a proxy that drops Upgrade on the way out',
    "Error during WebSocket handshake: 'Upgrade' header is missing",
  );
});

test('drops when idle: the quiet connection is cut with 1006 after the timeout; with server pings it stays open', async ({
  driver: page,
}) => {
  await page.goto('/troubleshooting/drops-when-idle/');
  const cutSeconds = TROUBLE_OPTIONS.troubleIdleCutMs / 1000;
  // Both controls run at once, so the test waits for the timeout once.
  const quiet = await pressReproduce(page, 'Reproduce: a proxy that cuts quiet connections');
  const pinged = await pressReproduce(page, 'Reproduce: the same proxy, with server pings');
  await expect(quiet.log).toContainText(CLOSE_1006_AFTER_OPEN, { timeout: (cutSeconds + 5) * 1000 });
  const cutAt = await secondsOf(quiet.log, /close: code 1006/);
  expect(cutAt).toBeGreaterThanOrEqual(cutSeconds);
  // Generous: on a loaded machine timers run late, but a cut from anything else would come long before or never.
  expect(cutAt).toBeLessThan(cutSeconds * 3);
  expect(await entries(quiet.log)).not.toContainEqual(expect.stringMatching(ERROR));
  // One more timeout past the cut, the pinged socket (opened just after the quiet one) is still open. Showing that a
  // cut does not come takes waiting for it, so this wait is the one timeout, not a guess.
  await new Promise((resolve) => setTimeout(resolve, TROUBLE_OPTIONS.troubleIdleCutMs));
  await expect(pinged.widget.getByLabel('Open sockets')).toHaveText('1');
  // The reader closes it.
  await pinged.widget.getByRole('button', { name: 'Close sockets' }).click();
  await expect(pinged.log).toContainText('close: code 1000, wasClean true, reason "Reader pressed Close sockets".');
  await expect(pinged.widget.getByLabel('Open sockets')).toHaveText('0');
  expect(page.consoleLines).toEqual([]);
});

test('CORS: the handshake carries Origin and the Fetch metadata the page says; no preflight comes first', async ({ driver: page }) => {
  await page.goto('/troubleshooting/cors/');
  const { log } = await pressReproduce(page, 'Reproduce: what the handshake tells the server');
  await expect(log).toContainText('close: code 1000, wasClean true, reason "Headers reported"');
  const origin = new URL(page.url()).origin;
  const report = (await entries(log)).find((line) => line.includes('The handshake carried origin:'))!;
  const fetchMetadata = /sec-fetch-site: (.+); sec-fetch-mode: (.+); sec-fetch-dest: (.+); and no Cookie header\./.exec(report);
  expect(report).toContain(`The handshake carried origin: ${origin}; sec-fetch-site:`);
  expect(fetchMetadata, report).not.toBeNull();
  const [site, mode, dest] = fetchMetadata!.slice(1);
  expect(page.requests.filter((request) => request.startsWith('OPTIONS'))).toEqual([]);
  // The page says what this engine sent.
  const prose = page.locator('.sl-markdown-content');
  if ([site, mode, dest].every((value) => value === '(not sent)'))
    await expect(prose).toContainText(`${engineName(page)} sent Origin and no Sec-Fetch-* headers`);
  else
    await expect(prose).toContainText(
      `${engineName(page)} sent Origin, Sec-Fetch-Site: ${site}, Sec-Fetch-Mode: ${mode} and Sec-Fetch-Dest: ${dest}`,
    );
});

test('merged or split: five whole messages in order; a message cut between fragments never arrives', async ({ driver: page }) => {
  await page.goto('/troubleshooting/messages-merged-or-split/');
  const merged = await pressReproduce(page, 'Reproduce: merged and split writes');
  await expect(merged.log).toContainText('close: code 1000, wasClean true, reason "All 5 messages sent"');
  const messages = (await entries(merged.log)).filter((line) => line.startsWith('message ')).map((line) => line.replace(/^[^:]+: /, ''));
  expect(messages).toEqual(mergedMessages(TROUBLE_OPTIONS.troubleSplitDelayMs));
  // The second control: two fragments, then the cut.
  const cut = await pressReproduce(page, 'Reproduce: a message cut between fragments');
  await expect(cut.log).toContainText(CLOSE_1006_AFTER_OPEN);
  expect((await entries(cut.log)).filter((line) => line.startsWith('message '))).toHaveLength(1);
});

test("too many: the server's cap refuses the fourth socket with 429; Close sockets gives the places back", async ({ driver: page }) => {
  await page.goto('/troubleshooting/too-many-connections/');
  const cap = TROUBLE_OPTIONS.troubleMaxOpenPerIp;
  const { widget, log } = await pressReproduce(page, 'Reproduce: one connection too many');
  await expect(log).toContainText(`socket ${cap + 1}: ${CLOSE_1006_NO_OPEN}`);
  await expect(widget.getByLabel('Open sockets')).toHaveText(String(cap));
  const seen = await entries(log);
  for (let n = 1; n <= cap; n++)
    expect(seen).toContainEqual(
      `socket ${n}: message (text, ${`Open: connection ${n} of the ${cap} this endpoint allows one address.`.length} bytes): Open: connection ${n} of the ${cap} this endpoint allows one address.`,
    );
  expect(seen).toContainEqual(expect.stringMatching(new RegExp(`^socket ${cap + 1}: error`)));
  const observed = await consoleLineWith(page, 'symptom=too-many');
  if (page.engine === 'chromium') expect(observed).toMatch(/ failed: Error during WebSocket handshake: Unexpected response code: 429$/);
  await expectPageQuotes(page, observed);
  // The reader presses Close sockets.
  await widget.getByRole('button', { name: 'Close sockets' }).click();
  await expect(widget.getByLabel('Open sockets')).toHaveText('0');
});

test("the browser's own cap: one page holds as many open WebSockets as the page says, and fails the next", async ({ driver: page }) => {
  // The site's Content-Security-Policy allows sockets to its own origin only, and Firefox cannot be told to bypass
  // it, so the sockets are opened from a blank page of the test's own server, on that server's origin.
  const http = createServer((_request, response) => response.end('<!doctype html><title>Sockets</title>'));
  const wss = new WebSocketServer({ server: http });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/`;
  await page.goto(url.replace('ws:', 'http:'));
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
  // Every socket past the cap fails the same way: error, then close 1006.
  expect(result).toEqual({ open: result.open, firstClosed: result.open, errors: 260 - result.open, codes: [1006] });
  const refused = await consoleLineWith(page, url);
  await page.goto('/troubleshooting/too-many-connections/');
  await expectPageQuotes(page, refused);
  await expect(page.locator('.sl-markdown-content')).toContainText(`${engineName(page)} held ${result.open}`);
  wss.close();
  http.close();
});
