// One short journey per widget, as a reader takes it, written against any deployment and run in both engines through
// the driver layer (journey.ts): the page paths are joined to the site's base, and every connection a widget makes
// must go to the demo server the build names (PUBLIC_DEMO_URL).
import { createHash, randomBytes } from 'node:crypto';
import { wsReceive } from '../unit/protocol/ws-oracle.ts';
import { expect, siteUrl, type Driver } from './journey.ts';

export interface Deployment {
  /** The static site's origin and base: pages are at `${siteOrigin}${base}handshake/`. */
  siteOrigin: string;
  base: string;
  /** Where the widgets must connect: PUBLIC_DEMO_URL's origin in the WebSocket scheme (ws://… or wss://…). */
  demoSocketOrigin: string;
}

export interface Journey {
  widget: string;
  /** The chapter it lives on, without the base. */
  page: string;
  /** Whether it talks to the demo server. */
  connects: boolean;
  run(page: Driver, deployment: Deployment): Promise<void>;
}

export function pageUrl(deployment: Deployment, path: string): string {
  return siteUrl({ origin: deployment.siteOrigin, base: deployment.base }, path);
}

/** Opens the journey's page; `page.sockets()` then lists every WebSocket it opens. */
async function open(page: Driver, deployment: Deployment, path: string): Promise<void> {
  await page.goto(pageUrl(deployment, path));
}

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const acceptFor = (key: string) =>
  createHash('sha1')
    .update(key + GUID)
    .digest('base64');

export const JOURNEYS: Journey[] = [
  {
    widget: 'Echo console',
    page: '/browser-api/',
    connects: true,
    async run(page, deployment) {
      await open(page, deployment, this.page);
      // The reader presses Connect, sends a message, and disconnects.
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await expect(page.getByLabel('readyState')).toHaveText('OPEN (1)');
      expect(await page.sockets()).toEqual([`${deployment.demoSocketOrigin}/ws/echo`]);
      await page.getByLabel('Message', { exact: true }).fill('Hello across origins');
      await page.getByLabel('Message', { exact: true }).press('Enter');
      const log = page.getByRole('log', { name: 'Message log' });
      await expect(log.locator('li[data-direction="received"]')).toContainText('received text (20 bytes): Hello across origins');
      await page.getByRole('button', { name: 'Disconnect' }).click();
      await expect(log).toContainText('close: code 1000, reason "Reader pressed Disconnect", wasClean true');
    },
  },
  {
    widget: 'Handshake inspector',
    page: '/handshake/',
    connects: true,
    async run(page, deployment) {
      await open(page, deployment, this.page);
      const widget = page.getByRole('region', { name: 'Handshake inspector' });
      // The reader presses the inspector's button.
      await widget.getByRole('button', { name: 'Connect and inspect' }).click();
      await expect(widget.getByLabel('Verdict')).toHaveText(/^matches/);
      expect(await page.sockets()).toEqual([`${deployment.demoSocketOrigin}/ws/inspect`]);
      const request = await widget.getByRole('figure', { name: 'Request, as the server received it' }).locator('pre').textContent();
      // The page's own origin travels in the handshake: that is what the demo server's ALLOWED_ORIGINS let in.
      expect(request!.split('\n')).toContain(`Origin: ${deployment.siteOrigin}`);
      const key = /^Sec-WebSocket-Key: (.+)$/im.exec(request!)![1]!;
      await expect(widget.getByLabel('Sec-WebSocket-Accept from the response')).toHaveText(acceptFor(key));
    },
  },
  {
    widget: 'Accept calculator',
    page: '/handshake/',
    connects: false,
    async run(page, deployment) {
      await open(page, deployment, this.page);
      const calculator = page.getByRole('region', { name: 'Accept calculator' });
      const key = randomBytes(16).toString('base64');
      // The reader types a key of their own.
      await calculator.getByLabel('Sec-WebSocket-Key').fill(key);
      await expect(calculator.getByLabel('3. Base64 of the digest: Sec-WebSocket-Accept')).toHaveText(acceptFor(key));
    },
  },
  {
    widget: 'Live capture',
    page: '/frames/',
    connects: true,
    async run(page, deployment) {
      await open(page, deployment, this.page);
      const widget = page.getByRole('region', { name: 'Live capture' });
      // The reader types a message and sends it.
      await widget.getByLabel('Message', { exact: true }).fill('Hi');
      await widget.getByLabel('Message', { exact: true }).press('Enter');
      await expect(widget.getByLabel('Captured frame')).toHaveText(/^Frame \d+ \(text\): 8 bytes on the wire, 6 of header/);
      expect(await page.sockets()).toEqual([`${deployment.demoSocketOrigin}/ws/inspect`]);
      const hex = (await widget.getByLabel('Bytes as the server received them (hex)').textContent())!;
      const bytes = Uint8Array.from(hex.trim().split(/\s+/), (pair) => parseInt(pair, 16));
      // ws's Receiver, acting as the server, is the oracle.
      expect(await wsReceive(bytes, 'client')).toEqual({ events: [{ kind: 'text', text: 'Hi' }], failedWith: null });
    },
  },
  {
    widget: 'Frame workbench',
    page: '/frames/',
    connects: false,
    async run(page, deployment) {
      await open(page, deployment, this.page);
      const workbench = page.getByRole('region', { name: 'Frame workbench' });
      // The reader scrolls down to the workbench, which loads its code as it comes near.
      await workbench.scrollIntoViewIfNeeded();
      await expect(workbench).toContainText('11 bytes from the client (opcode 0x1: Text): a complete frame that breaks no rule.');
    },
  },
  {
    widget: 'Mask visualizer',
    page: '/frames/',
    connects: false,
    async run(page, deployment) {
      await open(page, deployment, this.page);
      const visualizer = page.getByRole('region', { name: 'Mask visualizer' });
      // The reader scrolls down to the visualizer and types a payload.
      await visualizer.scrollIntoViewIfNeeded();
      await visualizer.getByLabel('Payload', { exact: true }).fill('Hi');
      await expect(visualizer.getByLabel('Unmasked with the same key')).toHaveText('48 69');
    },
  },
  {
    widget: 'Protocol lab',
    page: '/closing/',
    connects: true,
    async run(page, deployment) {
      await open(page, deployment, this.page);
      const widget = page.getByRole('region', { name: 'Protocol lab' });
      // The reader connects to the lab and asks for a Ping.
      await widget.getByRole('button', { name: 'Connect to the lab' }).click();
      await expect(widget.getByRole('button', { name: 'Send a Ping' })).toBeEnabled();
      expect(await page.sockets()).toEqual([`${deployment.demoSocketOrigin}/ws/lab`]);
      await widget.getByRole('button', { name: 'Send a Ping' }).click();
      await expect(widget.getByRole('table', { name: /^Timeline/ }).getByRole('figure', { name: /automatic Pong/ })).toBeVisible();
    },
  },
  {
    widget: 'Chat room',
    page: '/writing-a-server/',
    connects: true,
    async run(page, deployment) {
      await open(page, deployment, this.page);
      const other = await page.newTab();
      await other.goto(pageUrl(deployment, this.page));
      // Two readers join, one says something, both see it.
      for (const [tab, nickname] of [
        [page, 'ada'],
        [other, 'bob'],
      ] as const) {
        await tab.getByLabel('Nickname').fill(nickname);
        await tab.getByLabel('Nickname').press('Enter');
        await expect(tab.getByLabel('Status')).toHaveText(`In the room as ${nickname}.`);
      }
      expect(await page.sockets()).toEqual([`${deployment.demoSocketOrigin}/ws/chat`]);
      await page.getByLabel('Message', { exact: true }).fill('Hello from a static host');
      await page.getByLabel('Message', { exact: true }).press('Enter');
      for (const tab of [page, other]) {
        await expect(tab.getByRole('log', { name: 'Chat log' }).locator('li[data-kind="message"]')).toHaveText([
          /^\d\d:\d\d ada: Hello from a static host$/,
        ]);
      }
      await other.close();
    },
  },
  {
    widget: 'Transport race',
    page: '/why-websocket/',
    connects: true,
    async run(page, deployment) {
      await open(page, deployment, this.page);
      // The reader sets a small, quick race and starts it.
      await page.getByLabel('Number of events').fill('6');
      await page.getByLabel('Interval between events (ms)').fill('40');
      await page.getByLabel('Payload size (bytes)').fill('64');
      await page.getByLabel('Short-poll interval (ms)').fill('120');
      await page.getByRole('button', { name: 'Start the race' }).click();
      await expect(page.getByRole('status')).toHaveText('Done. The results below are from this run.', { timeout: 30_000 });
      const row = page.getByRole('table', { name: /Measured results/ }).getByRole('row', { name: /^WebSocket/ });
      await expect(row.getByRole('cell').first()).toHaveText('6 of 6');
      // Every HTTP leg went to the demo server: the full URLs of the page's Resource Timing entries (both engines
      // list fetch()es there; the driver's resources() keeps only paths, so read the origins here).
      const raceOrigins = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((entry) => new URL(entry.name))
          .filter((url) => url.pathname.startsWith('/race/'))
          .map((url) => url.origin),
      );
      const demoHttpOrigin = deployment.demoSocketOrigin.replace(/^ws/, 'http');
      expect(new Set(raceOrigins)).toEqual(new Set([demoHttpOrigin]));
      const sockets = await page.sockets();
      expect(sockets).toHaveLength(1);
      expect(sockets[0]).toMatch(new RegExp(`^${deployment.demoSocketOrigin.replaceAll('.', '\\.')}/ws/race\\?run=`));
    },
  },
];

/** The reader searches for a header name and follows the result to its chapter: Pagefind's index and links under the base. */
export async function searchFindsTheHandshakeChapter(page: Driver, deployment: Deployment): Promise<void> {
  await open(page, deployment, '/');
  // The reader opens search and types a word from the handshake chapter.
  await page.getByRole('button', { name: 'Search' }).click();
  const dialog = page.getByRole('dialog', { name: 'Search' });
  await dialog.getByRole('textbox', { name: 'Search' }).fill('Sec-WebSocket-Accept');
  const result = dialog.getByRole('link', { name: 'The opening handshake', exact: true });
  await expect(result).toBeVisible({ timeout: 15_000 });
  await result.click();
  const chapter = pageUrl(deployment, '/handshake/');
  await page.waitFor(() => page.url() === chapter, `the search result opens ${chapter}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The opening handshake');
  // Console errors and uncaught exceptions, on both pages.
  expect(page.errors).toEqual([]);
}
