// The recorded full sweep of every built page (src/data/sweep.json, written by `npm run sweep`): what each page was,
// byte for byte, when all its checks last passed, and the sample of pages `npm test` sweeps again on every run.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { builtPages, isUntranslatedFallback } from './deploy-variants.ts';

export const SWEEP_FILE = 'src/data/sweep.json';

/** What the full sweep found on one page; it records a page only when every check on it passed. */
export interface SweptPage {
  /** `pageFingerprint()` of the page when it was swept. */
  sha256: string;
  /** Gzipped bytes of JavaScript the page loaded: ours (the budget's measure) and Starlight's own. */
  scriptBytes: { ours: number; theirs: number };
  /** Whether axe swept it (every page but the client reports after the first, which share its generator). */
  axe: boolean;
  /** Internal links on the page, each fetched and found (with its #fragment). */
  links: number;
}

export interface SweepRecording {
  about: string;
  /** axe-core's version: another axe may find what this one did not, so a new one means a new sweep. */
  axeVersion: string;
  pages: Record<string, SweptPage>;
}

/** The version of axe-core installed, which the sweep ran. */
export function installedAxeVersion(): string {
  return (JSON.parse(readFileSync('node_modules/axe-core/package.json', 'utf8')) as { version: string }).version;
}

export function readSweepRecording(): SweepRecording | undefined {
  try {
    return JSON.parse(readFileSync(SWEEP_FILE, 'utf8')) as SweepRecording;
  } catch {
    return undefined;
  }
}

function fileOfPage(distDir: string, page: string): string {
  return path.join(distDir, page.endsWith('/') ? `${page}index.html` : page);
}

/**
 * The files a page may load besides itself: Astro's bundles and styles (named after their content, so a new build
 * of the same sources names them the same) and every other non-page file of the build but the search index, whose
 * shards hold every page's text and are checked by the search journeys, not by the sweep.
 */
function assetNames(distDir: string): Map<string, string> {
  const assets = new Map<string, string>();
  for (const file of readdirSync(distDir, { recursive: true, encoding: 'utf8' })) {
    const relative = file.replace(/\\/g, '/');
    if (/\.(html|br|gz)$/.test(relative) || (relative.startsWith('pagefind/') && !/^pagefind\/[^/]+\.(js|css)$/.test(relative))) continue;
    if (!statSync(path.join(distDir, relative)).isFile()) continue;
    const name = path.posix.basename(relative);
    if (assets.has(name))
      throw new Error(`Two assets named ${name} (${assets.get(name)}, ${relative}): a fingerprint could follow the wrong one`);
    assets.set(name, relative);
  }
  return assets;
}

/** One build folder's assets, and each file's digest and the assets it names, read once per index. */
class BuildIndex {
  readonly #distDir: string;
  readonly #assets: Map<string, string>;
  readonly #files = new Map<string, { sha256: string; names: string[] }>();

  constructor(distDir: string) {
    this.#distDir = distDir;
    this.#assets = assetNames(distDir);
  }

  #digest(relative: string): { sha256: string; names: string[] } {
    let entry = this.#files.get(relative);
    if (!entry) {
      const bytes = readFileSync(path.join(this.#distDir, relative));
      const names = new Set<string>();
      if (/\.(html|js|mjs|css|svg|json)$/.test(relative)) {
        // Split at whatever cannot be in a URL path; a token's last segment is a file name when it names an asset.
        for (const token of bytes.toString('utf8').split(/[\s"'`()<>,;=\\{}[\]]+/)) {
          const file = this.#assets.get(token.slice(token.lastIndexOf('/') + 1).replace(/[?#].*$/, ''));
          if (file) names.add(file);
        }
      }
      entry = { sha256: createHash('sha256').update(bytes).digest('hex'), names: [...names].sort() };
      this.#files.set(relative, entry);
    }
    return entry;
  }

  fingerprint(page: string): string {
    const hash = createHash('sha256');
    const start = path.relative(this.#distDir, fileOfPage(this.#distDir, page)).replace(/\\/g, '/');
    const seen = new Set([start]);
    const pending = [start];
    while (pending.length > 0) {
      const relative = pending.shift()!;
      const { sha256, names } = this.#digest(relative);
      hash.update(`${relative} ${sha256}\n`);
      for (const file of names) {
        if (seen.has(file)) continue;
        seen.add(file);
        pending.push(file);
      }
    }
    return hash.digest('hex');
  }
}

/**
 * SHA-256 of a built page and of every asset it names, and every asset those name, in a fixed order: any change to
 * what a browser loads for the page changes it. An asset is found by its file name appearing in the text that loads
 * it (`/_astro/page.cNngjUgL.js`, `import("./bytes.D1x.js")`, `url(/_astro/font.woff2)`), which may follow an asset
 * the page does not load, never miss one it does (every asset name is unique in the build, see assetNames).
 */
export function pageFingerprint(distDir: string, page: string): string {
  return new BuildIndex(distDir).fingerprint(page);
}

/** What a page is made of, for choosing a sample that has each of them: its language, widgets and layout. */
export function pageTraits(distDir: string, page: string): string[] {
  const html = readFileSync(fileOfPage(distDir, page), 'utf8');
  const lang = /<html[^>]*\slang="([^"]+)"/.exec(html)?.[1] ?? 'none';
  const traits = [`lang ${lang}`];
  for (const [, widget] of html.matchAll(/<(ws-[a-z-]+)/g)) traits.push(`${widget} in ${lang}`);
  // Starlight marks its layouts on <html>: a splash page has no sidebar, a hero, no table of contents …
  for (const [, attribute] of html.matchAll(/<html[^>]*?\s(data-has-[a-z-]+)/g)) traits.push(`${attribute} in ${lang}`);
  const layout =
    /<html[^>]*>/
      .exec(html)?.[0]
      .match(/data-has-[a-z-]+/g)
      ?.sort()
      .join(' ') ?? 'not Starlight';
  traits.push(`layout ${layout}`);
  if (isUntranslatedFallback(distDir, page)) traits.push('untranslated copy');
  if (page.startsWith('/conformance/reports/')) traits.push('server conformance report');
  if (page.startsWith('/conformance/clients/')) traits.push('client conformance report');
  if (/<pre[^>]*data-language/.test(html)) traits.push(`code block in ${lang}`);
  if (/<svg[^>]*role="img"/.test(html)) traits.push(`diagram in ${lang}`);
  return [...new Set(traits)];
}

/** How many pages beyond the covering set each run sweeps again, chosen by the build's own hash. */
export const EXTRA_SAMPLE_PAGES = 6;

/** SHA-256 of every built page's HTML: cheap, and different whenever any page is. */
function buildDigest(distDir: string, pages: string[]): string {
  const hash = createHash('sha256');
  for (const page of pages) hash.update(page).update(readFileSync(fileOfPage(distDir, page)));
  return hash.digest('hex');
}

/**
 * The pages `npm test` sweeps in full: a small set that has every trait some page has (each widget in each language,
 * each layout, a report of each kind), then EXTRA_SAMPLE_PAGES more ranked by a hash of the whole build, so the
 * sample moves whenever the site changes and is the same on every machine for the same sources.
 */
export function samplePages(distDir: string, pages: string[]): string[] {
  const traits = new Map(pages.map((page) => [page, pageTraits(distDir, page)]));
  const uncovered = new Set([...traits.values()].flat());
  const size = new Map(pages.map((page) => [page, statSync(fileOfPage(distDir, page)).size]));
  const chosen: string[] = [];
  // Greedy set cover: the page with the most traits not yet had, ties to the smaller page (axe takes longer on more).
  while (uncovered.size > 0) {
    let best = '';
    let bestGain = 0;
    for (const page of pages) {
      const gain = traits.get(page)!.filter((trait) => uncovered.has(trait)).length;
      if (gain > bestGain || (gain === bestGain && gain > 0 && size.get(page)! < size.get(best)!)) [best, bestGain] = [page, gain];
    }
    chosen.push(best);
    for (const trait of traits.get(best)!) uncovered.delete(trait);
  }
  const digest = buildDigest(distDir, pages);
  const rank = (page: string) => createHash('sha256').update(`${digest}${page}`).digest('hex');
  const extra = pages
    .filter((page) => !chosen.includes(page))
    .sort((a, b) => rank(a).localeCompare(rank(b)))
    .slice(0, EXTRA_SAMPLE_PAGES);
  return [...chosen, ...extra].sort();
}

/** Every built page with its fingerprint. */
export function fingerprintBuild(distDir: string): Map<string, string> {
  const index = new BuildIndex(distDir);
  return new Map(builtPages(distDir).map((page) => [page, index.fingerprint(page)]));
}
