// The static deploy, end to end: the split build (PUBLIC_DEMO_URL, BASE_PATH=/websocket-workshop/) on a plain static
// server on one origin, the demo server (`npm start`, ALLOWED_ORIGINS) on another, and every widget used across them.
// The journeys run in both engines (journey.ts); the page sweep and the npm start checks need Playwright's page.
import { test as base, expect, playwrightPage } from './journey.ts';
import { JOURNEYS, pageUrl, searchFindsTheHandshakeChapter, type Deployment } from './deploy-journeys.ts';
import { FIXED_PORT_WAIT_MS, Running, startNpmStart, startPlainStaticHost } from './deploy-fixture.ts';
import { brokenBuiltLinks, builtUrls } from './built-links.ts';
import { pagesToSweep, readVariant } from './deploy-variants.ts';
import { samplePages } from './sweep-record.ts';

const variant = readVariant('split');

interface SplitDeploy {
  /** The site on a host whose origin the demo server allows. */
  allowed: Deployment;
  /** The same build on an origin the demo server does not list. */
  refused: Deployment;
  /** `npm start` itself, serving the same base-path build as the demo server does. */
  demoOrigin: string;
  /** Stops the servers and frees the fixed demo port (for this file's run in the other engine). */
  stop(): Promise<void>;
}

const test = base.extend<{}, { deploy: SplitDeploy }>({
  deploy: [
    async ({}, use) => {
      const running = new Running();
      await running.lockPort(variant.demoPort);
      const [allowedPort, refusedPort] = [
        await startPlainStaticHost(running, variant.outDir, variant.base),
        await startPlainStaticHost(running, variant.outDir, variant.base),
      ];
      const allowedOrigin = `http://localhost:${allowedPort}`;
      // As the guide says: the demo server on the port PUBLIC_DEMO_URL names, told the build's settings and the site's origin.
      await startNpmStart(running, {
        PORT: String(variant.demoPort),
        DIST_DIR: variant.outDir,
        BASE_PATH: variant.base,
        PUBLIC_DEMO_URL: variant.demoUrl,
        ALLOWED_ORIGINS: allowedOrigin,
      });
      const demoSocketOrigin = new URL(variant.demoUrl).origin.replace(/^http/, 'ws');
      await use({
        allowed: { siteOrigin: allowedOrigin, base: variant.base, demoSocketOrigin },
        refused: { siteOrigin: `http://localhost:${refusedPort}`, base: variant.base, demoSocketOrigin },
        demoOrigin: new URL(variant.demoUrl).origin,
        stop: () => running.stop(),
      });
      await running.stop();
    },
    { scope: 'worker', timeout: FIXED_PORT_WAIT_MS + 60_000 },
  ],
  // The driver's site is the static host the demo server allows, so the default site server never starts.
  site: async ({ deploy }, use) => use({ origin: deploy.allowed.siteOrigin, base: variant.base }),
});

// One demo server on a port fixed at build time: the file's tests share one worker, in order.
// A journey here crosses two servers (and the chat two tabs) on a shared machine: give it room.
test.describe.configure({ mode: 'default', timeout: 60_000 });
// The other engine's worker waits for the port: free it as soon as this file is done, not when the worker exits.
test.afterAll(async ({ deploy }) => deploy.stop());

/** What only Playwright's page does (response and request events, page.request): the firefox project skips these. */
const CHROMIUM_ONLY = { tag: '@chromium-only' };

// The untranslated /zh-cn/ copies repeat English pages with the same assets; the English pages stand for them.
const PAGES = pagesToSweep(variant.outDir);
// The browser loads the page sweep's sample of them (every widget in each language, every layout, a few more); the
// links and assets of every page are checked in the built HTML, and the main build's sweep loaded every page.
const SAMPLE = samplePages(variant.outDir, PAGES);

for (const journey of JOURNEYS) {
  test(`${journey.widget} works on a static host under ${variant.base}${journey.connects ? ', with the demo server on another origin' : ''}`, async ({
    driver: page,
    deploy,
  }) => {
    await journey.run(page, deploy.allowed);
  });
}

test(`every page's links and assets, as built, stay under ${variant.base} and name files of the build`, CHROMIUM_ONLY, () => {
  expect(PAGES).toEqual(expect.arrayContaining(['/', '/handshake/', '/workshop/04-echo/']));
  // Any origin: the static host serves the build below the base, and only the path matters.
  expect(
    PAGES.flatMap((path) => brokenBuiltLinks(variant.outDir, 'http://localhost', variant.base, path)),
    `broken links; this build leaves out ${variant.omitted.join(', ')} on purpose (SPLIT_UNTRANSLATED in deploy-variants.ts)`,
  ).toEqual([]);
});

test(
  `a sample of pages loads under ${variant.base} with all its assets and no console error, and its links stay under it and resolve`,
  CHROMIUM_ONLY,
  async ({ driver, deploy }) => {
    // A few seconds a page on a busy machine: the budget grows with the sample.
    test.setTimeout(30_000 + SAMPLE.length * 4_000);
    const page = playwrightPage(driver);
    const { siteOrigin, base: basePath } = deploy.allowed;
    const errors: string[] = [];
    const failed: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    // ERR_ABORTED is the browser dropping a page's late requests (the favicon) as the next page loads, not a failure.
    page.on('requestfailed', (request) => {
      if (request.failure()?.errorText !== 'net::ERR_ABORTED') failed.push(`failed ${request.url()}: ${request.failure()?.errorText}`);
    });
    const links = new Map<string, string>();
    const asBuilt = new Set<string>();
    for (const path of SAMPLE) {
      await page.goto(pageUrl(deploy.allowed, path), { waitUntil: 'networkidle' });
      for (const url of builtUrls(variant.outDir, siteOrigin, basePath, path).values()) asBuilt.add(url.href);
      for (const href of await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))) {
        if (href.startsWith(siteOrigin)) links.set(href, path);
      }
    }
    expect(errors).toEqual([]);
    expect(failed).toEqual([]);
    for (const [href, from] of links) {
      const url = new URL(href);
      expect(url.pathname.startsWith(basePath), `${href} (linked from ${from}) leaves ${basePath}`).toBe(true);
      // A link in the built HTML is checked against the build above, for every page; fetch those scripts made.
      if (asBuilt.has(href)) continue;
      const response = await page.request.get(href);
      expect(response.status(), `${href} (linked from ${from})`).toBe(200);
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment && fragment !== '_top') expect(await response.text(), `#${fragment} on ${url.pathname}`).toContain(`id="${fragment}"`);
    }
  },
);

test(`search finds a chapter and links to it under ${variant.base}`, async ({ driver: page, deploy }) => {
  await searchFindsTheHandshakeChapter(page, deploy.allowed);
});

test('on an origin the demo server does not allow, a widget says it could not connect, at once and without hanging', async ({
  driver: page,
  deploy,
}) => {
  await page.goto(pageUrl(deploy.refused, '/browser-api/'));
  const started = Date.now();
  // The reader presses Connect; the demo server answers the handshake with 403.
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const log = page.getByRole('log', { name: 'Message log' });
  await expect(log).toContainText('refused this page', { timeout: 5000 });
  await expect(log).toContainText('ALLOWED_ORIGINS');
  await expect(page.getByLabel('readyState')).toHaveText('CLOSED (3)');
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeEnabled();
  expect(Date.now() - started).toBeLessThan(5000);
  expect(await page.sockets()).toEqual([`${deploy.refused.demoSocketOrigin}/ws/echo`]);
});

test(
  `npm start serves the same base-path build: ${variant.base} for the pages, the demo endpoints at the root`,
  CHROMIUM_ONLY,
  async ({ driver, deploy }) => {
    const page = playwrightPage(driver);
    const root = await page.request.get(`${deploy.demoOrigin}/`, { maxRedirects: 0 });
    expect(root.status()).toBe(308);
    expect(root.headers()['location']).toBe(variant.base);
    expect((await page.request.get(`${deploy.demoOrigin}/handshake/`)).status()).toBe(404);
    expect((await page.request.get(`${deploy.demoOrigin}/healthz`)).status()).toBe(200);
    // Its pages are same-origin with PUBLIC_DEMO_URL here, so the Origin check passes by Host.
    const echo = JOURNEYS.find((journey) => journey.widget === 'Echo console')!;
    await echo.run(driver, { siteOrigin: deploy.demoOrigin, base: variant.base, demoSocketOrigin: deploy.allowed.demoSocketOrigin });
  },
);
