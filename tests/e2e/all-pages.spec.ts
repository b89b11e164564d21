// Every built page, swept: no console errors, no axe violations in light or dark, every internal link resolves,
// and no page ships more JavaScript than it should.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import type { Page, Response } from '@playwright/test';
import { builtPages, isUntranslatedFallback } from './deploy-variants.ts';
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
const PAGES = builtPages(DIST_DIR);

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

/**
 * axe rules whose results depend on colour. The dark pass runs only these: the scheme changes colours and nothing
 * else (Starlight swaps CSS custom properties on `data-theme`), and a full second pass doubled the sweep's time.
 */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/** Internal URLs already fetched by this worker: pages link to the same sidebar, so each target is fetched once. */
const fetchedTargets = new Map<string, Promise<{ status: number; text: string }>>();

// Axe on a long chapter takes a while on a busy 2-core machine.
test.describe.configure({ timeout: 120_000 });

test('the build wrote the pages we expect', () => {
  expect(PAGES).toEqual(expect.arrayContaining(['/', '/404.html', '/handshake/']));
});

// One test per page and one load per colour scheme: the light load is weighed, swept by axe and link-checked; the
// dark load is swept by axe's colour rules.
for (const path of PAGES) {
  test(`page ${path}: no console errors, no axe violations light or dark, no broken links, JavaScript within budget`, async ({
    page,
    request,
  }) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));

    await page.emulateMedia({ colorScheme: 'light' });
    const { ours, theirs } = await loadAndWeighScripts(page, path);
    const widget = hasWidget(path);
    test.info().annotations.push({
      type: 'page weight',
      description: `${ours} B gz of ours (${widget ? 'widget' : 'prose'} page) + ${theirs} B gz of Starlight's own`,
    });
    expect(ours, `${path}: JavaScript of ours`).toBeLessThanOrEqual(widget ? WIDGET_PAGE_JS_BUDGET_BYTES : 0);
    if (widget) expect(ours, `${path}: its widgets' scripts were not recognised as ours`).toBeGreaterThan(0);

    // Markdown that did not render shows as text: CommonMark will not close `**` between a Chinese full stop and the
    // next character, so a page can print its asterisks instead of bold.
    const strayAsterisks = await page.evaluate(() => {
      const found: string[] = [];
      const walker = document.createTreeWalker(document.querySelector('main') ?? document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.textContent?.includes('**') && !node.parentElement?.closest('pre, code, script, style'))
          found.push(node.textContent.trim().slice(0, 80));
      }
      return found;
    });
    expect(strayAsterisks, `${path}: Markdown emphasis printed as text`).toEqual([]);

    // An untranslated /zh-cn/ page shows the English page's content in the Chinese frame. That content is swept on
    // the English page; here, check it is the same, and sweep the frame around it.
    const fallback = isUntranslatedFallback(DIST_DIR, path);
    const axe = () => (fallback ? new AxeBuilder({ page }).exclude('main .sl-markdown-content') : new AxeBuilder({ page }));
    if (fallback) {
      const englishPath = path.slice('/zh-cn'.length);
      // Both as built, before any widget script writes into them (a Reproduce control fills in its URL).
      const [here = '', english = ''] = await page.evaluate(
        async (urls) => {
          const text = async (url: string) =>
            new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html').querySelector('main .sl-markdown-content')
              ?.textContent ?? '';
          return Promise.all(urls.map(text));
        },
        [path, englishPath],
      );
      expect(here.length).toBeGreaterThan(0);
      expect(here, `${path} shows the content of ${englishPath}`).toBe(english);
      await expect(page.getByText('此内容尚不支持你的语言。')).toBeVisible();
    }

    // axe's default rule set: WCAG 2.x A and AA plus best practices (its experimental rules stay off).
    if (checksAxe(path)) {
      const light = await axe().analyze();
      expect(describeViolations('light', light.violations)).toEqual([]);
    }

    const origin = new URL(page.url()).origin;
    const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    const internal = [...new Set(hrefs)].filter((href) => href.startsWith(origin));
    expect(internal.length).toBeGreaterThan(0);
    for (const href of internal) {
      const url = new URL(href);
      const target = url.pathname + url.search;
      if (!fetchedTargets.has(target)) {
        fetchedTargets.set(
          target,
          request.get(target).then(async (response) => ({ status: response.status(), text: await response.text() })),
        );
      }
      const { status, text } = await fetchedTargets.get(target)!;
      expect(status, `${href} (linked from ${path})`).toBe(200);
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment && fragment !== '_top') {
        expect(text, `#${fragment} on ${url.pathname} (linked from ${path})`).toContain(`id="${fragment}"`);
      }
    }

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(path);
    expect(await page.evaluate(() => document.documentElement.dataset.theme ?? 'dark')).toBe('dark');
    if (checksAxe(path)) {
      const dark = await axe().withRules(COLOUR_RULES).analyze();
      expect(describeViolations('dark', dark.violations)).toEqual([]);
    }

    expect(errors).toEqual([]);
  });
}

function describeViolations(scheme: string, violations: { id: string; nodes: { target: unknown[] }[] }[]): string[] {
  return violations.map((v) => `${scheme}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
