// Every content page of the build, in both languages, holds something a reader can run or that a test re-checks: a
// widget (a <ws-…> element), a code block titled with a file under examples/ or workshop/steps/ (each run by a test:
// tests/unit/examples-coverage.test.ts), or a table drawn from recorded or tested data (data-source names the file,
// and a test under tests/ names it). Runs against the build that `npm test` makes first (DIST_DIR, else dist/).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtPages } from '../e2e/deploy-variants.ts';

const distDir = process.env['DIST_DIR'] || 'dist';

/** Pages that lead to the others rather than teach one thing, each with why it has no live element of its own. */
const NAVIGATION_PAGES: Record<string, string> = {
  '/': 'the home page: it introduces the chapters and links to each',
  '/glossary/': 'the terms, each linking to the chapter where it can be tried',
  '/troubleshooting/': 'the index of symptoms; every symptom page reproduces its own',
};

const testSources = readdirSync('tests', { recursive: true, encoding: 'utf8' })
  .filter((file) => /\.(ts|js|mjs)$/.test(file))
  .map((file) => readFileSync(path.join('tests', file), 'utf8'))
  .join('\n');

/** The build's pages (not its 404 or report pages), by path. */
function contentAndNavigationPages(): string[] {
  if (!existsSync(path.join(distDir, 'index.html'))) throw new Error(`No build in ${distDir}/: run \`npm run build\` first.`);
  return builtPages(distDir).filter((page) => page.endsWith('/') && !page.startsWith('/_'));
}

/** What on the page a test runs or re-checks, named for the failure message. */
function liveElements(html: string): string[] {
  // Only the page's content: Starlight's header, sidebar and footer are the same on every page.
  const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
  const widgets = [...main.matchAll(/<(ws-[a-z-]+)/g)].map((m) => `<${m[1]}>`);
  // A title may name the part shown after the path: "examples/production/nginx.conf (the upgrade lines)".
  const testedFiles = [...main.matchAll(/<span class="title">((?:examples|workshop\/steps)\/[^<\s]+)/g)]
    .map((m) => m[1]!)
    .filter((file) => existsSync(file));
  const sources = [...main.matchAll(/data-source="([^"]+)"/g)]
    .map((m) => m[1]!)
    .filter((file) => existsSync(file) && testSources.includes(path.basename(file).replace(/\.(ts|json)$/, '')));
  return [...widgets, ...testedFiles, ...sources];
}

describe(`every content page of the build in ${distDir}/`, () => {
  const pages = contentAndNavigationPages();
  const contentPages = pages.filter((page) => !NAVIGATION_PAGES[page.replace(/^\/zh-cn\//, '/')]);

  it('counts at least 30 English content pages, each with a Chinese one', () => {
    const english = contentPages.filter((page) => !page.startsWith('/zh-cn/'));
    expect(english.length).toBeGreaterThanOrEqual(30);
    expect(english.filter((page) => !pages.includes(`/zh-cn${page}`))).toEqual([]);
  });

  it.each(contentPages.map((page) => [page]))('%s has a widget, a tested file or tested data', (page) => {
    const html = readFileSync(path.join(distDir, page, 'index.html'), 'utf8');
    expect(liveElements(html), `${page} has no <ws-…> widget, no code block titled with a tested file, no data-source`).not.toEqual([]);
  });

  it('leaves out only the navigation pages, which exist in both languages', () => {
    const left = pages.filter((page) => !contentPages.includes(page));
    expect(left).toEqual(
      Object.keys(NAVIGATION_PAGES)
        .flatMap((page) => [page, `/zh-cn${page}`])
        .sort(),
    );
  });
});
