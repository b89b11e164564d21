// The transport race on its English and its Chinese page: a small race, run as a reader would, with every figure
// checked for being real. Labels come from the widget's text table, so a string the page leaves untranslated fails.
import AxeBuilder from '@axe-core/playwright';
import { RACE_TEXT, type RaceText } from '../../src/components/transport-race-text.ts';
import { TRANSPORTS as TRANSPORT_IDS } from '../../src/lib/race-messages.ts';
import { expect, playwrightPage, test, type Driver, type Locator } from './journey.ts';
import { startSite } from './site-fixture.ts';

const EVENTS = 8;

/** Each page the race is on, with the words its commentary must use. */
const PAGES = [
  { path: '/why-websocket/', text: RACE_TEXT.en, headerRepetition: 'Header repetition', latencyFloor: 'latency floor' },
  { path: '/zh-cn/why-websocket/', text: RACE_TEXT['zh-CN'], headerRepetition: '头部的重复', latencyFloor: '延迟下限' },
] as const;

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

const bytes = (text: string): number => Number(text.replace(/[^\d]/g, ''));
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function figuresOf(page: Driver, text: RaceText, transport: string): Promise<Figures> {
  const row = page
    .getByRole('table', { name: new RegExp(escape(text.caption.before)) })
    .getByRole('row', { name: new RegExp(`^${escape(transport)}`) });
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

async function setUpSmallRace(page: Driver, text: RaceText): Promise<void> {
  // The reader sets a small, quick race.
  await page.getByLabel(text.labels.events).fill(String(EVENTS));
  await page.getByLabel(text.labels.intervalMs).fill('40');
  await page.getByLabel(text.labels.payloadBytes).fill('64');
  await page.getByLabel(text.labels.pollMs).fill('120');
}

const status = (page: Driver): Locator => page.getByRole('status');

for (const { path, text, headerRepetition, latencyFloor } of PAGES) {
  test(`${path}: connects only when the reader presses Start`, async ({ driver: page }) => {
    await page.goto(path);
    await expect(page.getByRole('button', { name: text.start })).toBeEnabled();
    await expect(status(page)).toHaveText(text.notStarted);
    expect((await page.resources()).filter((path) => /\/(race|ws)\//.test(path))).toEqual([]);
    expect(await page.sockets()).toEqual([]);
  });

  test(`${path}: runs all four transports and shows real, consistent figures for each`, async ({ driver: page }) => {
    await page.goto(path);
    await setUpSmallRace(page, text);
    // The reader starts the race by keyboard.
    await page.getByRole('button', { name: text.start }).focus();
    await page.keyboard.press('Enter');
    await expect(status(page)).toHaveText(text.status.done, { timeout: 30_000 });

    await expect(page.getByRole('table', { name: new RegExp(escape(text.measuredOn)) })).toBeVisible();
    const figures = Object.fromEntries(
      await Promise.all(TRANSPORT_IDS.map(async (t) => [t, await figuresOf(page, text, text.transportNames[t])] as const)),
    );
    for (const transport of TRANSPORT_IDS) {
      const f = figures[transport]!;
      expect(f.delivered, transport).toBe(text.delivered(EVENTS, EVENTS));
      const duration = new RegExp(`^${escape(text.ms('0.0')).replace('0\\.0', '\\d+\\.\\d')}$`);
      expect(f.median, transport).toMatch(duration);
      expect(f.p95, transport).toMatch(duration);
      expect(f.requests, transport).toBeGreaterThanOrEqual(1);
      expect(f.connections, transport).toBeGreaterThanOrEqual(1);
      expect(f.connections, transport).toBeLessThanOrEqual(f.requests);
      // At least a request line up, and at least every event's payload down.
      expect(f.bytesUp, transport).toBeGreaterThan(f.requests * 16);
      expect(f.bytesDown, transport).toBeGreaterThan(EVENTS * 64);
      expect(Math.abs(f.bytesPerEvent - (f.bytesUp + f.bytesDown) / EVENTS), transport).toBeLessThanOrEqual(0.5);
    }
    // One request each for SSE and WebSocket; the polls need at least one response per batch of events.
    expect(figures['sse']!.requests).toBe(1);
    expect(figures['websocket']!.requests).toBe(1);
    expect(figures['long-poll']!.requests).toBeGreaterThanOrEqual(2);
    expect(figures['websocket']!.bytesPerEvent).toBeLessThan(figures['short-poll']!.bytesPerEvent);

    // The charts and the commentary are built from the same run, with text for every bar.
    const bytesChart = page.getByRole('figure', { name: text.chartBytes });
    await expect(bytesChart.getByRole('listitem')).toHaveCount(4);
    await expect(bytesChart.getByRole('listitem').last()).toContainText(
      `WebSocket${text.bytes(figures['websocket']!.bytesPerEvent.toLocaleString('en-US'))}`,
    );
    await expect(page.getByRole('figure', { name: text.chartLatency }).getByRole('listitem')).toHaveCount(4);
    const why = page.getByRole('region', { name: text.why });
    await expect(why).toContainText(headerRepetition);
    await expect(why).toContainText(latencyFloor);
    await expect(why).toContainText('§5.2');
    // The results, once shown, pass axe too (the page sweep only sees the widget before a run); axe is Playwright's.
    if (page.engine === 'chromium') {
      const results = await new AxeBuilder({ page: playwrightPage(page) }).include('ws-transport-race').analyze();
      expect(results.violations.map((v) => v.id)).toEqual([]);
    }
  });

  test(`${path}: refuses a bad parameter with the server’s reason`, async ({ driver: page }) => {
    await page.goto(path);
    await setUpSmallRace(page, text);
    // The reader asks for more than the server allows; the browser's own min/max check is bypassed to reach the server.
    await page.evaluate(() => document.getElementById('race-events')!.removeAttribute('max'));
    await page.getByLabel(text.labels.events).fill('5000');
    await page.getByRole('button', { name: text.start }).click();
    await expect(page.getByRole('alert')).toHaveText(
      text.refusal('DEMO_ERR_RACE_BAD_PARAMETER', '"events" must be a whole number from 1 to 200, and it is "5000".'),
    );
    await expect(page.getByRole('button', { name: text.start })).toBeEnabled();
  });

  test(`${path}: says plainly when the demo server cannot be reached`, async ({ driver: page }) => {
    // A server of our own, stopped after the page has loaded.
    const site = await startSite();
    await page.goto(`${site.origin}${path}`);
    await site.stop();
    await page.getByRole('button', { name: text.start }).click();
    // The alert names where the page looked and how to start the server; the status line says it in the page's language.
    await expect(page.getByRole('alert')).toContainText(`${site.origin}/race/`);
    await expect(page.getByRole('alert')).toContainText('`npm run dev`');
    await expect(status(page)).toHaveText(text.status.unreachable);
    await expect(page.getByRole('button', { name: text.start })).toBeEnabled();
  });
}
