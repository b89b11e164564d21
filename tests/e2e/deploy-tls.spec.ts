// The split deploy over TLS: the tls build (PUBLIC_DEMO_URL=https://demo.workshop.test:…) served by nginx with
// examples/production/nginx-static.conf and the build's generated nginx-headers.conf on https://workshop.test:…, and
// the demo server behind examples/production/nginx.conf on https://demo.workshop.test:…. The widgets use wss:. Each
// engine resolves both names, and only those, to 127.0.0.1: Chromium by --host-resolver-rules, Firefox by the pref
// network.dns.localDomains. Both accept the test's self-signed certificate (the driver layer's contexts accept
// self-signed TLS; Chromium is also told the certificate's key). The journeys run in both engines (journey.ts); the
// headers comparison needs Playwright's page (response headers, request events) and stays in Chromium.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test as base, expect, playwrightPage } from './journey.ts';
import { siteHeaders } from '../../server/security-headers.ts';
import { freePort, renderNginx, replaceOnce, selfSignedCertificate, spkiHash, startNginx } from '../support/local-servers.ts';
import { FIXED_PORT_WAIT_MS, nginx, Running, startNpmStart } from './deploy-fixture.ts';
import { JOURNEYS, pageUrl, searchFindsTheHandshakeChapter, type Deployment } from './deploy-journeys.ts';
import { pagesToSweep, readVariant, TLS_DEMO_HOST, TLS_SITE_HOST } from './deploy-variants.ts';
import { samplePages } from './sweep-record.ts';

const STATIC_EXAMPLE = 'examples/production/nginx-static.conf';
const PROXY_EXAMPLE = 'examples/production/nginx.conf';
/** Where the static example expects the built folder; the test points it at the tls build. */
const EXAMPLE_ROOT = '/srv/websocket-workshop/dist';

const variant = readVariant('tls');

interface TlsDeploy extends Deployment {
  /** base64 SHA-256 of the certificate's public key, for Chromium's --ignore-certificate-errors-spki-list. */
  spki: string;
  /** `npm start` itself, behind the proxy. */
  upstreamOrigin: string;
  /** Stops the servers and frees the fixed proxy port (for this file's run in the other engine). */
  stop(): Promise<void>;
}

const test = base.extend<{}, { deploy: TlsDeploy }>({
  deploy: [
    async ({}, use) => {
      if (!nginx) throw new Error('The TLS deploy test runs nginx, and there is none (apt-get install nginx).');
      const running = new Running();
      await running.lockPort(variant.demoPort);
      const dir = running.scratchDir();
      const { cert, key } = selfSignedCertificate(dir, TLS_SITE_HOST, TLS_DEMO_HOST);
      const sitePort = await freePort();
      const siteOrigin = `https://${TLS_SITE_HOST}:${sitePort}`;

      // The demo server, as the guide runs it behind a proxy, allowing the static site's origin.
      const upstream = await startNpmStart(running, {
        DIST_DIR: variant.outDir,
        PUBLIC_DEMO_URL: variant.demoUrl,
        ALLOWED_ORIGINS: siteOrigin,
        TRUSTED_PROXIES: 'loopback',
      });
      const proxyDir = running.scratchDir();
      const proxyConf = renderNginx(
        replaceOnce(readFileSync(PROXY_EXAMPLE, 'utf8'), 'server 127.0.0.1:8080;', `server 127.0.0.1:${upstream};`),
        { httpPort: await freePort(), httpsPort: variant.demoPort, dir: proxyDir, cert, key },
      );
      running.keep(await startNginx(nginx, proxyDir, proxyConf, variant.demoPort));

      // The static site: the example config as it is, pointed at the build.
      const siteDir = running.scratchDir();
      const siteConf = renderNginx(readFileSync(STATIC_EXAMPLE, 'utf8'), {
        httpPort: await freePort(),
        httpsPort: sitePort,
        dir: siteDir,
        cert,
        key,
      });
      running.keep(await startNginx(nginx, siteDir, siteConf.replaceAll(EXAMPLE_ROOT, path.resolve(variant.outDir)), sitePort));

      await use({
        siteOrigin,
        base: variant.base,
        demoSocketOrigin: `wss://${TLS_DEMO_HOST}:${variant.demoPort}`,
        spki: spkiHash(cert),
        upstreamOrigin: `http://127.0.0.1:${upstream}`,
        stop: () => running.stop(),
      });
      await running.stop();
    },
    { scope: 'worker', timeout: FIXED_PORT_WAIT_MS + 60_000 },
  ],
  // Both engines resolve the two names to loopback; Chromium also trusts the test certificate's key.
  launchExtras: [
    async ({ deploy }, use) =>
      use({
        chromiumArgs: [
          `--host-resolver-rules=MAP ${TLS_SITE_HOST} 127.0.0.1, MAP ${TLS_DEMO_HOST} 127.0.0.1`,
          `--ignore-certificate-errors-spki-list=${deploy.spki}`,
        ],
        firefoxPrefs: { 'network.dns.localDomains': `${TLS_SITE_HOST},${TLS_DEMO_HOST}` },
      }),
    { scope: 'worker' },
  ],
  // The driver's site is the static site behind nginx, so the default site server never starts.
  site: async ({ deploy }, use) => use({ origin: deploy.siteOrigin, base: variant.base }),
});

// One proxy on a port fixed at build time: the file's tests share one worker, in order.
// A journey here crosses two servers (and the chat two tabs) on a shared machine: give it room.
test.describe.configure({ mode: 'default', timeout: 60_000 });
// The other engine's worker waits for the port: free it as soon as this file is done, not when the worker exits.
test.afterAll(async ({ deploy }) => deploy.stop());

/** What only Playwright's page does (response headers, request events): the firefox project skips these. */
const CHROMIUM_ONLY = { tag: '@chromium-only' };

for (const journey of JOURNEYS) {
  test(`${journey.widget} works over https${journey.connects ? ', with wss: to the demo server behind nginx' : ''}`, async ({
    driver: page,
    deploy,
  }) => {
    await journey.run(page, deploy);
  });
}

// The untranslated /zh-cn/ copies repeat English pages with the same assets; the English pages stand for them.
const PAGES = pagesToSweep(variant.outDir);
// Every page's headers are fetched; the browser renders the page sweep's sample of them under those headers (every
// widget in each language, every layout, a few more), as the policy is one for the whole site.
const SAMPLE = samplePages(variant.outDir, PAGES);

test(
  "nginx sends the build's generated headers on every page, the same npm start sends, and a sample of pages runs under them with no violation",
  CHROMIUM_ONLY,
  async ({ driver, deploy }) => {
    // A few seconds a page on a busy machine: the budget grows with the sample.
    test.setTimeout(30_000 + SAMPLE.length * 4_000 + PAGES.length * 200);
    const page = playwrightPage(driver);
    const expected = siteHeaders(variant.outDir, variant.demoUrl);
    // npm start, serving the same build, sends exactly these: one source for both.
    const fromNpmStart = await fetch(`${deploy.upstreamOrigin}/handshake/`);
    for (const [name, value] of Object.entries(expected)) expect(fromNpmStart.headers.get(name), `${name} from npm start`).toBe(value);
    expect(expected['Content-Security-Policy']).toContain(
      `connect-src 'self' https://${TLS_DEMO_HOST}:${variant.demoPort} wss://${TLS_DEMO_HOST}:${variant.demoPort}`,
    );
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content.Security.Policy/i.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
    // ERR_ABORTED is the browser dropping a page's late requests (the favicon) as the next page loads, not a failure.
    // Whatever the policy blocks, Chromium also reports as a console error ("Refused to …"), counted above.
    page.on('requestfailed', (request) => {
      if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`failed ${request.url()}: ${request.failure()?.errorText}`);
    });
    const expectSiteHeaders = (path: string, status: number, headers: Record<string, string>) => {
      expect(status, path).toBe(200);
      for (const [name, value] of Object.entries(expected)) expect(headers[name.toLowerCase()], `${name} on ${path}`).toBe(value);
      expect(headers['strict-transport-security'], path).toBe('max-age=31536000');
    };
    for (const path of SAMPLE) {
      const response = (await page.goto(pageUrl(deploy, path), { waitUntil: 'networkidle' }))!;
      expectSiteHeaders(path, response.status(), response.headers());
    }
    // Every other page through the browser's own connection to nginx, without rendering it.
    const fetched = await page.evaluate(
      async (urls) =>
        Promise.all(
          urls.map(async (url) => {
            const response = await fetch(url, { cache: 'no-store' });
            return { status: response.status, headers: Object.fromEntries(response.headers) };
          }),
        ),
      PAGES.map((path) => pageUrl(deploy, path)),
    );
    PAGES.forEach((path, index) => expectSiteHeaders(path, fetched[index]!.status, fetched[index]!.headers));
    // A page that does not exist gets the site's 404 page, under the same policy; the browser logs the 404 itself.
    const missing = (await page.goto(pageUrl(deploy, '/no-such-page/'), { waitUntil: 'networkidle' }))!;
    expect(missing.status()).toBe(404);
    expect(missing.headers()['content-security-policy']).toBe(expected['Content-Security-Policy']);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('404');
    expect(
      problems.filter(
        (problem) =>
          !problem.startsWith(`${pageUrl(deploy, '/no-such-page/')}: Failed to load resource: the server responded with a status of 404`),
      ),
    ).toEqual([]);
  },
);

test('search (Pagefind, WebAssembly under the policy) finds a chapter over https', async ({ driver: page, deploy }) => {
  await searchFindsTheHandshakeChapter(page, deploy);
});
