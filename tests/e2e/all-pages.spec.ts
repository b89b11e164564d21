// Every built page, swept: no console errors, no axe violations in light or dark, every internal link resolves,
// and no page ships more JavaScript than it should.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import type { Page, Response } from '@playwright/test';
import { expect, test } from './site-fixture.ts';

/**
 * JavaScript of ours a widget page may load at load time, gzipped. Widgets share one budget per page because
 * Astro bundles a page's widget scripts together, and the byte widgets share the protocol core's decoder and
 * annotator (about 6 KB). Widgets far down a page load their code when they come near the viewport, which this
 * check does not count. README.md documents this number.
 */
const WIDGET_PAGE_JS_BUDGET_BYTES = 16 * 1024;

/** Every page the build wrote, as the path a browser asks for. */
const DIST_DIR = process.env.DIST_DIR || 'dist';
const PAGES = readdirSync(DIST_DIR, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.html') && !file.startsWith('pagefind'))
  .map((file) => `/${file.replace(/\\/g, '/')}`.replace(/(^|\/)index\.html$/, '$1'))
  .sort();

/**
 * The client-mode conformance reports come from the same generator as the server reports, which the sweep checks
 * one by one; axe on a 300-case report takes about half a minute here, so the first client report stands for the
 * others in the axe check (every one is still checked for its links).
 */
const FIRST_CLIENT_REPORT = PAGES.find((path) => path.startsWith('/conformance/clients/'));
const checksAxe = (path: string) => !path.startsWith('/conformance/clients/') || path === FIRST_CLIENT_REPORT;

/** Pages with a widget carry one of our custom elements; every other page is prose. */
function hasWidget(page: string): boolean {
  const file = page.endsWith('/') ? `${DIST_DIR}${page}index.html` : `${DIST_DIR}${page}`;
  return /<ws-[a-z-]+/.test(readFileSync(file, 'utf8'));
}

/**
 * Astro names a script chunk after its first module: `EchoConsole.astro_astro_type_script_….js` or `bytes.….js`.
 * A chunk named after one of our source files is ours; every other chunk is Starlight's (or Expressive Code's).
 */
const OUR_MODULE_NAMES = new Set(
  readdirSync('src', { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(astro|ts)$/.test(file) && !file.startsWith('content'))
    .map((file) => file.split(/[\\/]/).pop()!.split('.')[0]!),
);

function isOurScript(url: string): boolean {
  return OUR_MODULE_NAMES.has(new URL(url).pathname.split('/').pop()!.split('.')[0]!);
}

interface ScriptWeight {
  ours: number;
  theirs: number;
}

/** Loads a page and sums the gzipped size of the scripts it fetched while loading: ours, and Starlight's own. */
async function loadAndWeighScripts(page: Page, path: string): Promise<ScriptWeight> {
  const weighed: Promise<[boolean, number]>[] = [];
  const weigh = (response: Response): void => {
    if (response.request().resourceType() !== 'script') return;
    weighed.push(response.body().then((body) => [isOurScript(response.url()), gzipSync(body).length]));
  };
  page.on('response', weigh);
  await page.goto(path, { waitUntil: 'networkidle' });
  // Load is over: a script fetched later (a widget scrolled into view) is not load weight, and its body could
  // still be in flight when the page closes.
  page.off('response', weigh);
  const weight = { ours: 0, theirs: 0 };
  for (const [ours, size] of await Promise.all(weighed)) weight[ours ? 'ours' : 'theirs'] += size;
  return weight;
}

// Two colour schemes of axe on a long chapter take a while on a busy 2-core machine.
test.describe.configure({ timeout: 120_000 });

test('the build wrote the pages we expect', () => {
  expect(PAGES).toEqual(expect.arrayContaining(['/', '/404.html', '/handshake/']));
});

for (const path of PAGES) {
  test.describe(`page ${path}`, () => {
    test('loads with no console errors and no axe violations, light and dark', async ({ page }) => {
      test.skip(!checksAxe(path), 'the first client report stands for the others: one generator');
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await page.goto(path, { waitUntil: 'networkidle' });
        // axe's default rule set: WCAG 2.x A and AA plus best practices (its experimental rules stay off).
        const results = await new AxeBuilder({ page }).analyze();
        const violations = results.violations.map((v) => `${colorScheme}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        expect(violations).toEqual([]);
      }
      expect(errors).toEqual([]);
    });

    test('links only to pages and anchors that exist', async ({ page, request }) => {
      await page.goto(path);
      const origin = new URL(page.url()).origin;
      const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
      const internal = [...new Set(hrefs)].filter((href) => href.startsWith(origin));
      expect(internal.length).toBeGreaterThan(0);
      for (const href of internal) {
        const url = new URL(href);
        const response = await request.get(url.pathname + url.search);
        expect(response.status(), `${href} (linked from ${path})`).toBe(200);
        const fragment = decodeURIComponent(url.hash.slice(1));
        if (fragment && fragment !== '_top') {
          expect(await response.text(), `#${fragment} on ${url.pathname} (linked from ${path})`).toContain(`id="${fragment}"`);
        }
      }
    });
  });
}

test("prose pages ship no JavaScript beyond Starlight's own, and widget pages stay within budget", async ({ page }) => {
  const report: string[] = [];
  for (const path of PAGES) {
    const fresh = await page.context().newPage();
    const { ours, theirs } = await loadAndWeighScripts(fresh, path);
    await fresh.close();
    const widget = hasWidget(path);
    report.push(`${path}: ${ours} B gz of ours (${widget ? 'widget' : 'prose'} page) + ${theirs} B gz of Starlight's own`);
    expect(ours, `${path}: JavaScript of ours`).toBeLessThanOrEqual(widget ? WIDGET_PAGE_JS_BUDGET_BYTES : 0);
    if (widget) expect(ours, `${path}: its widgets' scripts were not recognised as ours`).toBeGreaterThan(0);
  }
  test.info().annotations.push({ type: 'page weight', description: report.join('\n') });
  console.log(report.join('\n'));
});
