// A language guide's echo console, pointed with ?server= at that guide's example server (Python's websockets), echoes
// text as text and binary as binary, as the guide says it will.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MATRIX_SERVERS, startMatrixServer, type RunningServer } from '../../conformance/matrix/servers.ts';
import { expect, test as base, type Driver } from './journey.ts';
import { startSite, type RunningSite } from './site-fixture.ts';

/** examples/servers/python-websockets/server.py on a loopback port, and a site whose CSP lets pages reach it, as the guide says. */
const test = base.extend<{}, { exampleServer: RunningServer; siteServer: RunningSite }>({
  exampleServer: [
    async ({}, use) => {
      const binDir = mkdtempSync(join(tmpdir(), 'ws-workshop-guide-e2e-'));
      const server = await startMatrixServer(
        MATRIX_SERVERS.find((candidate) => candidate.id === 'python-websockets')!,
        binDir,
      );
      await use(server);
      await server.stop();
      rmSync(binDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 40_000 },
  ],
  siteServer: [
    async ({ exampleServer }, use) => {
      const site = await startSite({ PUBLIC_DEMO_URL: exampleServer.url });
      await use(site);
      await site.stop();
    },
    { scope: 'worker' },
  ],
});

const received = (page: Driver) => page.getByRole('log', { name: 'Message log' }).locator('li[data-direction="received"]');

test("the Python guide's echo console talks to examples/servers/python-websockets/server.py with ?server=", async ({
  driver: page,
  exampleServer,
}) => {
  // The server prints ws://127.0.0.1:PORT/; the reader types it into the address bar as the guide shows, without the slash.
  const server = exampleServer.url.replace(/\/$/, '');
  await page.goto(`/guides/python/?server=${encodeURIComponent(server)}`);
  // The reader presses Connect: the console opens /ws/echo on the example server, not on the demo server.
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByLabel('readyState')).toHaveText('OPEN (1)');
  expect(await page.sockets()).toEqual([`${server}/ws/echo`]);
  // The reader sends a text message; websockets echoes it as text.
  await page.getByLabel('Message', { exact: true }).fill('Hello, websockets');
  await page.getByLabel('Message', { exact: true }).press('Enter');
  await expect(received(page).first()).toContainText('received text (17 bytes): Hello, websockets');
  // The reader sends two bytes that are not UTF-8 as binary; they come back as binary, byte for byte.
  await page.getByLabel('Binary: hex bytes').check();
  await page.getByLabel('Message', { exact: true }).fill('ff fe');
  await page.getByLabel('Message', { exact: true }).press('Enter');
  await expect(received(page).nth(1)).toContainText('received binary (2 bytes): ff fe');
});
