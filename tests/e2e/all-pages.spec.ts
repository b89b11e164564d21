// The page sweep: no console errors, no axe violations in light or dark, every internal link resolves, and no page
// ships more JavaScript than it should. `npm run sweep` (scripts/sweep.ts, SWEEP=full) sweeps every built page and
// records each one's fingerprint in src/data/sweep.json; `npm test` checks every page against that recording and
// sweeps a sample again (sweep-record.ts): a page that changed fails until the full sweep runs again.
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import type { Page, Response } from '@playwright/test';
import { builtContentText, builtPages, isUntranslatedFallback } from './deploy-variants.ts';
import { appendStyle, DRAW_EVERYTHING } from './draw-everything.ts';
import { expect, test } from './site-fixture.ts';
import { fingerprintBuild, installedAxeVersion, pageFingerprint, readSweepRecording, samplePages, SWEEP_FILE } from './sweep-record.ts';

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

/** `npm run sweep` sets these: sweep every page, and write what each passing page was to SWEEP_RECORD_FILE. */
const FULL_SWEEP = process.env.SWEEP === 'full';
const RECORD_FILE = process.env.SWEEP_RECORD_FILE;
const SWEPT_PAGES = FULL_SWEEP ? PAGES : samplePages(DIST_DIR, PAGES);

/**
 * The client-mode conformance reports come from the same generator as the server reports, which the sweep checks
 * one by one; axe on a 300-case report takes about half a minute here, so the first client report stands for the
 * others in the axe check (every one is still checked for its links).
 */
const FIRST_CLIENT_REPORT = PAGES.find((path) => path.startsWith('/conformance/clients/'));
const checksAxe = (path: string) => !path.startsWith('/conformance/clients/') || path === FIRST_CLIENT_REPORT;

function fileOf(page: string): string {
  return page.endsWith('/') ? `${DIST_DIR}${page}index.html` : `${DIST_DIR}${page}`;
}

/** Pages with a widget carry one of our custom elements; every other page is prose. */
function hasWidget(page: string): boolean {
  return /<ws-[a-z-]+/.test(readFileSync(fileOf(page), 'utf8'));
}

/**
 * Our modules that stand in for a Starlight script of the same name on every page (server/table-of-contents-
 * integration.ts): they replace JavaScript Starlight would ship anyway, so they count as Starlight's. (Ours is about
 * 100 bytes larger gzipped than Starlight's 963.)
 */
const STARLIGHT_REPLACEMENTS = new Set(['starlight-toc']);

/**
 * Astro names a script chunk after its first module: `EchoConsole.astro_astro_type_script_….js` or `bytes.….js`.
 * A chunk named after one of our source files is ours; every other chunk is Starlight's (or Expressive Code's).
 */
const OUR_MODULE_NAMES = new Set(
  readdirSync('src', { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(astro|ts)$/.test(file) && !file.startsWith('content'))
    .map((file) => file.split(/[\\/]/).pop()!.split('.')[0]!)
    .filter((name) => !STARLIGHT_REPLACEMENTS.has(name)),
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

// Axe on a long chapter takes a while on a busy 2-core machine; the full sweep, run while others work, gets more.
test.describe.configure({ timeout: FULL_SWEEP ? 300_000 : 120_000 });

test('the build wrote the pages we expect', () => {
  expect(PAGES).toEqual(expect.arrayContaining(['/', '/404.html', '/handshake/']));
});

// Every page the sample below leaves out is checked here: it must be byte for byte (with what it loads) the page the
// last full sweep passed. Links from a page that did not change can only break by a change to the page they lead
// to, whose own fingerprint then differs; the demo server, which no fingerprint covers, is met by every widget in
// the sample.
test(`every built page is the page the full sweep in ${SWEEP_FILE} passed`, () => {
  test.skip(FULL_SWEEP, 'the full sweep checks every page itself');
  const rerun = `run \`npm run sweep\` and commit ${SWEEP_FILE}`;
  const recording = readSweepRecording();
  expect(recording, `${SWEEP_FILE} is missing: ${rerun}`).toBeDefined();
  expect(recording!.axeVersion, `the sweep ran another axe-core: ${rerun}`).toBe(installedAxeVersion());
  const fingerprints = fingerprintBuild(DIST_DIR);
  const stale: string[] = [];
  for (const [page, fingerprint] of fingerprints) {
    const recorded = recording!.pages[page];
    if (!recorded) stale.push(`${page}: new since the sweep`);
    else if (recorded.sha256 !== fingerprint) stale.push(`${page}: changed since the sweep`);
  }
  for (const page of Object.keys(recording!.pages)) if (!fingerprints.has(page)) stale.push(`${page}: no longer built`);
  expect(stale, `pages the full sweep has not seen as they are now: ${rerun}`).toEqual([]);
});

// Where a stylesheet sits decides how often Chromium restyles a page while parsing it (bench/README.md): Expressive
// Code's belongs in <head>, once (server/code-stylesheet-integration.ts).
test("every built page links Expressive Code's stylesheet at most once, in <head>", () => {
  const misplaced: string[] = [];
  let withCode = 0;
  for (const page of PAGES) {
    const html = readFileSync(fileOf(page), 'utf8');
    const links = [...html.matchAll(/<link rel="stylesheet" href="[^"]*\/_astro\/ec\.[\w-]+\.css"/g)];
    if (links.length > 0) withCode++;
    if (links.length > 1) misplaced.push(`${page}: ${links.length} links`);
    else if (links.length === 1 && links[0]!.index > html.indexOf('</head>')) misplaced.push(`${page}: in the body`);
  }
  expect(withCode).toBeGreaterThan(0);
  expect(misplaced).toEqual([]);
});

test('the sample swept again has every widget in each language and every layout, and a few pages more', () => {
  test.skip(FULL_SWEEP, 'the full sweep loads every page');
  expect(SWEPT_PAGES.length).toBeLessThan(PAGES.length);
  expect(SWEPT_PAGES).toEqual(expect.arrayContaining(['/404.html']));
  const widgets = (pages: string[]) =>
    new Set(pages.flatMap((page) => [...readFileSync(fileOf(page), 'utf8').matchAll(/<(ws-[a-z-]+)/g)].map((m) => m[1])));
  expect([...widgets(SWEPT_PAGES)].sort()).toEqual([...widgets(PAGES)].sort());
});

// One test per page and one load per colour scheme: the light load is weighed, swept by axe and link-checked; the
// dark load is swept by axe's colour rules.
for (const path of SWEPT_PAGES) {
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
    // Each <link> a script adds restyles the whole page; Vite's preload links are off (server/no-modulepreload-integration.ts).
    const preloads = await page.locator('link[rel="modulepreload"]').evaluateAll((links) => links.map((l) => l.getAttribute('href')));
    expect(preloads, `${path}: module preload links added while loading`).toEqual([]);

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
      const [here = '', english = ''] = await builtContentText(page, [path, englishPath]);
      expect(here.length).toBeGreaterThan(0);
      expect(here, `${path} shows the content of ${englishPath}`).toBe(english);
      await expect(page.getByText('此内容尚不支持你的语言。')).toBeVisible();
    }

    // axe's default rule set: WCAG 2.x A and AA plus best practices (its experimental rules stay off). It reports the
    // colours of text the browser skipped drawing as "incomplete"; a reader sees each part drawn once it is on screen.
    if (checksAxe(path)) {
      await page.evaluate(appendStyle, DRAW_EVERYTHING);
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
      await page.evaluate(appendStyle, DRAW_EVERYTHING);
      const dark = await axe().withRules(COLOUR_RULES).analyze();
      expect(describeViolations('dark', dark.violations)).toEqual([]);
    }

    expect(errors).toEqual([]);
    if (RECORD_FILE) {
      const record = {
        page: path,
        sha256: pageFingerprint(DIST_DIR, path),
        scriptBytes: { ours, theirs },
        axe: checksAxe(path),
        links: internal.length,
      };
      appendFileSync(RECORD_FILE, `${JSON.stringify(record)}\n`);
    }
  });
}

function describeViolations(scheme: string, violations: { id: string; nodes: { target: unknown[] }[] }[]): string[] {
  return violations.map((v) => `${scheme}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
