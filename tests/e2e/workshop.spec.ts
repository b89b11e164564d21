// The hands-on track in a browser: a step page shows its files and checks, and its echo console, pointed at the step's
// reference solution with ?server=, echoes through the reader's kind of server rather than the demo server.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from '../../workshop/steps/04-echo/solution.ts';
import { CHECKER_TEXT } from '../../workshop/checker/checker-text.ts';
import { STEPS, stepsIn } from '../../workshop/steps.ts';
import { expect, test as base, type Driver } from './journey.ts';
import { startSite, type RunningSite } from './site-fixture.ts';

/** Step 4's reference solution on a port of its own, and a site whose Content-Security-Policy lets pages reach it. */
const test = base.extend<{}, { readersServer: { server: Server; url: string }; siteServer: RunningSite }>({
  readersServer: [
    async ({}, use) => {
      const server = createServer();
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      await use({ server, url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}` });
      server.closeAllConnections();
      server.close();
    },
    { scope: 'worker' },
  ],
  siteServer: [
    async ({ readersServer }, use) => {
      // npm start allows connections to its own origin and PUBLIC_DEMO_URL's; the README says as much to readers.
      const site = await startSite({ PUBLIC_DEMO_URL: readersServer.url });
      await use(site);
      await site.stop();
    },
    { scope: 'worker' },
  ],
});

const step4 = STEPS.find((step) => step.number === 4)!;
const log = (page: Driver) => page.getByRole('log', { name: 'Message log' });

test('a step page shows the start file with its gap marked, and the checks from the checker', async ({ driver: page }) => {
  await page.goto('/workshop/04-echo/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(step4.title);
  // The sidebar lists every step in order.
  const group = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /./ });
  await expect(group.filter({ hasText: STEPS[0]!.title })).toHaveAttribute('href', '/workshop/01-handshake/');
  // The start file is shown as the region around its gap, its only marked line; a comment line stands for the rest.
  const start = page.locator('figure').filter({ hasText: 'workshop/steps/04-echo/start.ts' });
  await expect(start.locator('.ec-line.mark')).toHaveText([/TODO\(step 4\): read frames from the socket/]);
  await expect(
    start
      .locator('.ec-line')
      .filter({ hasText: /^\s*\/\/ … lines \d+–\d+ unchanged …$/ })
      .first(),
  ).toBeVisible();
  await expect(page.getByText(/The whole file is workshop\/steps\/04-echo\/start\.ts\./)).toBeVisible();
  // The checks table lists what the checker runs, in order.
  const checks = page.getByRole('table', { name: `The ${step4.checks.length} checks of step 4` });
  await expect(checks.locator('tbody tr td:first-child')).toHaveText(step4.checks.map((check) => check.id));
  // The reader opens the reference solution.
  await page.getByText(/^The reference solution: \d+ lines added, \d+ removed$/).click();
  await expect(
    page.locator('figure').filter({ hasText: 'workshop/steps/04-echo/solution.ts' }).locator('.ec-line.ins').first(),
  ).toBeVisible();
});

test("the Chinese step page lists the checks in the checker's Chinese words, and shows the Chinese hints", async ({ driver: page }) => {
  const zhStep4 = stepsIn('zh-CN').find((step) => step.number === 4)!;
  const words = CHECKER_TEXT['zh-CN'].page;
  await page.goto('/zh-cn/workshop/04-echo/');
  const checks = page.getByRole('table', { name: words.caption(zhStep4.checks.length, 4) });
  await expect(checks.getByRole('columnheader')).toHaveText(Object.values(words.columns));
  await expect(checks.locator('tbody tr td:first-child')).toHaveText(zhStep4.checks.map((check) => check.id));
  await expect(checks.locator('tbody tr td:nth-child(2)')).toHaveText(zhStep4.checks.map((check) => check.title));
  // Its hints are the Chinese file's, read from that file: a page still importing the English hints fails here.
  const hints = readFileSync('workshop/steps/04-echo/hints.zh-cn.md', 'utf8').matchAll(/^<summary>(.+)<\/summary>$/gm);
  const summaries = [...hints].map((match) => match[1]!);
  expect(summaries).toHaveLength(3);
  for (const summary of summaries) await expect(page.locator('details > summary').filter({ hasText: summary })).toBeVisible();
});

test('copying a change leaves out the lines it removes, so the reader pastes the code after it', async ({ driver: page }) => {
  // Step 7's solution removes lines from its start file (the gap's TODO among them), so its block shows deleted lines.
  const slug = '07-validation';
  await page.goto(`/workshop/${slug}/`);
  await page.getByText(/^The reference solution: \d+ lines added, \d+ removed$/).click();
  const block = page.locator('figure').filter({ hasText: `workshop/steps/${slug}/solution.ts` });
  const shown = await block.locator('.ec-line').count();
  const deleted = block.locator('.ec-line.del');
  await expect(deleted.filter({ hasText: 'TODO(step 7)' }).first()).toBeVisible();
  const deletedCount = await deleted.count();
  // What the page hands to the clipboard is read where it hands it over: reading the clipboard back needs a
  // permission only Chromium lets a test grant.
  await page.evaluate(() => {
    const clipboard = navigator.clipboard;
    const write = clipboard.writeText.bind(clipboard);
    clipboard.writeText = (text: string) => {
      (window as { copied?: string }).copied = text;
      return write(text).catch(() => undefined);
    };
  });
  await block.getByRole('button', { name: 'Copy to clipboard' }).click();
  await expect.poll(() => page.evaluate(() => typeof (window as { copied?: string }).copied)).toBe('string');
  const copied = (await page.evaluate(() => (window as { copied?: string }).copied!)).split('\n');
  // What was copied is the shown lines less the deleted ones, and each of them is a line of the solution file itself
  // (or a comment standing for lines left out).
  expect(copied).toHaveLength(shown - deletedCount);
  const solution = new Set(readFileSync(`workshop/steps/${slug}/solution.ts`, 'utf8').split('\n'));
  expect(copied.filter((line) => !solution.has(line) && !/^\s*\/\/ … lines \d+–\d+ unchanged …$/.test(line))).toEqual([]);
});

test("the echo console talks to the reader's own server when the page says ?server=", async ({ driver: page, readersServer }) => {
  await page.goto(`/workshop/04-echo/?server=${encodeURIComponent(readersServer.url)}`);
  // The reader connects and sends a message; step 4's server echoes it.
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByLabel('readyState')).toHaveText('OPEN (1)');
  expect(await page.sockets()).toEqual([`${readersServer.url}/ws/echo`]);
  await page.getByLabel('Message', { exact: true }).fill('Hello, my own server');
  await page.getByLabel('Message', { exact: true }).press('Enter');
  await expect(log(page).locator('li[data-direction="received"]')).toContainText('received text (20 bytes): Hello, my own server');
});

test('a server address off this machine is ignored: the widget stays on the demo server', async ({ driver: page }) => {
  await page.goto('/workshop/04-echo/?server=wss://elsewhere.example');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByLabel('readyState')).toHaveText('OPEN (1)');
  expect(await page.sockets()).toEqual([new URL('/ws/echo', page.url()).href.replace('http:', 'ws:')]);
});
