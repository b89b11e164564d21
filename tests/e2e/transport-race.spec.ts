// The transport race in Chromium: a small race, run as a reader would, with every figure checked for being real.
import AxeBuilder from '@axe-core/playwright';
import { expect, playwrightPage, test, type Driver, type Locator } from './journey.ts';
import { startSite } from './site-fixture.ts';

const TRANSPORTS = ['Short polling', 'Long polling', 'Server-Sent Events', 'WebSocket'] as const;
const EVENTS = 8;

interface Figures {
  delivered: string;
  median: string;
  p95: string;
  requests: number;
  connections: number;
  bytesUp: number;
  bytesDown: number;
  bytesPerEvent: number;
}

const bytes = (text: string): number => Number(text.replace(/[ ,B]/g, ''));

async function figuresOf(page: Driver, transport: string): Promise<Figures> {
  const row = page.getByRole('table', { name: /Measured results/ }).getByRole('row', { name: new RegExp(`^${transport}`) });
  const cells = await row.getByRole('cell').allTextContents();
  const [delivered, median, p95, requests, connections, up, down, perEvent] = cells as [string, ...string[]];
  return {
    delivered,
    median: median!,
    p95: p95!,
    requests: Number(requests),
    connections: Number(connections),
    bytesUp: bytes(up!),
    bytesDown: bytes(down!),
    bytesPerEvent: bytes(perEvent!),
  };
}

async function setUpSmallRace(page: Driver): Promise<void> {
  // The reader sets a small, quick race.
  await page.getByLabel('Number of events').fill(String(EVENTS));
  await page.getByLabel('Interval between events (ms)').fill('40');
  await page.getByLabel('Payload size (bytes)').fill('64');
  await page.getByLabel('Short-poll interval (ms)').fill('120');
}

const status = (page: Driver): Locator => page.getByRole('status');

test('connects only when the reader presses Start', async ({ driver: page }) => {
  await page.goto('/why-websocket/');
  await expect(page.getByRole('button', { name: 'Start the race' })).toBeEnabled();
  await expect(status(page)).toHaveText('Not started.');
  expect((await page.resources()).filter((path) => /\/(race|ws)\//.test(path))).toEqual([]);
  expect(await page.sockets()).toEqual([]);
});

test('runs all four transports and shows real, consistent figures for each', async ({ driver: page }) => {
  await page.goto('/why-websocket/');
  await setUpSmallRace(page);
  // The reader starts the race by keyboard.
  await page.getByRole('button', { name: 'Start the race' }).focus();
  await page.keyboard.press('Enter');
  await expect(status(page)).toHaveText('Done. The results below are from this run.', { timeout: 30_000 });

  await expect(page.getByRole('table', { name: /HTTP\/1\.1 on this connection, no TLS/ })).toBeVisible();
  const figures = Object.fromEntries(await Promise.all(TRANSPORTS.map(async (t) => [t, await figuresOf(page, t)] as const)));
  for (const transport of TRANSPORTS) {
    const f = figures[transport]!;
    expect(f.delivered, transport).toBe(`${EVENTS} of ${EVENTS}`);
    expect(f.median, transport).toMatch(/^\d+\.\d ms$/);
    expect(f.p95, transport).toMatch(/^\d+\.\d ms$/);
    expect(f.requests, transport).toBeGreaterThanOrEqual(1);
    expect(f.connections, transport).toBeGreaterThanOrEqual(1);
    expect(f.connections, transport).toBeLessThanOrEqual(f.requests);
    // At least a request line up, and at least every event's payload down.
    expect(f.bytesUp, transport).toBeGreaterThan(f.requests * 16);
    expect(f.bytesDown, transport).toBeGreaterThan(EVENTS * 64);
    expect(Math.abs(f.bytesPerEvent - (f.bytesUp + f.bytesDown) / EVENTS), transport).toBeLessThanOrEqual(0.5);
  }
  // One request each for SSE and WebSocket; the polls need at least one response per batch of events.
  expect(figures['Server-Sent Events']!.requests).toBe(1);
  expect(figures['WebSocket']!.requests).toBe(1);
  expect(figures['Long polling']!.requests).toBeGreaterThanOrEqual(2);
  expect(figures['WebSocket']!.bytesPerEvent).toBeLessThan(figures['Short polling']!.bytesPerEvent);

  // The charts and the commentary are built from the same run, with text for every bar.
  const bytesChart = page.getByRole('figure', { name: 'Bytes per delivered event, both directions' });
  await expect(bytesChart.getByRole('listitem')).toHaveCount(4);
  await expect(bytesChart.getByRole('listitem').last()).toContainText(
    `WebSocket${figures['WebSocket']!.bytesPerEvent.toLocaleString('en-US')} B`,
  );
  await expect(page.getByRole('figure', { name: /Median latency/ }).getByRole('listitem')).toHaveCount(4);
  const why = page.getByRole('region', { name: 'Why the numbers differ' });
  await expect(why).toContainText('Header repetition');
  await expect(why).toContainText('latency floor');
  await expect(why).toContainText('§5.2');
  // The results, once shown, pass axe too (the page sweep only sees the widget before a run); axe is Playwright's.
  if (page.engine === 'chromium') {
    const results = await new AxeBuilder({ page: playwrightPage(page) }).include('ws-transport-race').analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  }
});

test('refuses a bad parameter with the server’s reason', async ({ driver: page }) => {
  await page.goto('/why-websocket/');
  await setUpSmallRace(page);
  // The reader asks for more than the server allows; the browser's own min/max check is bypassed to reach the server.
  await page.evaluate(() => document.getElementById('race-events')!.removeAttribute('max'));
  await page.getByLabel('Number of events').fill('5000');
  await page.getByRole('button', { name: 'Start the race' }).click();
  await expect(page.getByRole('alert')).toHaveText('"events" must be a whole number from 1 to 200, and it is "5000".');
  await expect(page.getByRole('button', { name: 'Start the race' })).toBeEnabled();
});

test('says plainly when the demo server cannot be reached', async ({ driver: page }) => {
  // A server of our own, stopped after the page has loaded.
  const site = await startSite();
  await page.goto(`${site.origin}/why-websocket/`);
  await site.stop();
  await page.getByRole('button', { name: 'Start the race' }).click();
  await expect(page.getByRole('alert')).toContainText('The demo server could not be reached');
  await expect(status(page)).toHaveText('The demo server could not be reached.');
  await expect(page.getByRole('button', { name: 'Start the race' })).toBeEnabled();
});
