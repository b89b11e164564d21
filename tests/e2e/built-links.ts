// Links and assets read from a build's HTML, without a browser: every page's internal URLs, checked against the
// files of the build the way a plain static host would answer them.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** `<a href>`, and the `src`/`href` of scripts, stylesheets, icons and images: what a page links to or loads. */
const URL_ATTRIBUTE = /<(a|link|script|img|source|iframe)\b[^>]*?\s(href|src)="([^"]*)"/g;

function fileOfPage(outDir: string, page: string): string {
  return path.join(outDir, page.endsWith('/') ? `${page}index.html` : page);
}

/** The file a static host serves for a path below the build's root, or undefined when it has none. */
function servedFile(outDir: string, pathBelowBase: string): string | undefined {
  const file = path.join(outDir, decodeURIComponent(pathBelowBase));
  if (existsSync(file) && statSync(file).isFile()) return file;
  const index = path.join(file, 'index.html');
  return existsSync(index) ? index : undefined;
}

/** The internal URLs of a built page as written (`&amp;` decoded) and resolved against the page's own URL. */
export function builtUrls(outDir: string, origin: string, base: string, page: string): Map<string, URL> {
  const pageUrl = new URL(base.replace(/\/$/, '') + page, origin);
  const urls = new Map<string, URL>();
  for (const [, , , raw] of readFileSync(fileOfPage(outDir, page), 'utf8').matchAll(URL_ATTRIBUTE)) {
    const value = raw!.replaceAll('&amp;', '&');
    if (value === '' || /^(mailto|data|javascript):/i.test(value)) continue;
    const url = new URL(value, pageUrl);
    if (url.origin === pageUrl.origin) urls.set(value, url);
  }
  return urls;
}

/** Pages link to the same few targets (the sidebar): each target is read once. */
const targets = new Map<string, string>();
function htmlOf(file: string): string {
  if (!targets.has(file)) targets.set(file, readFileSync(file, 'utf8'));
  return targets.get(file)!;
}

/**
 * What is wrong with the internal URLs of `page` (a path below `base`, as `builtPages()` gives it) in the build at
 * `outDir` published at `origin` + `base`: a URL that leaves the base, names no file of the build, or names a
 * #fragment its target page does not have. An empty list when all is well.
 */
export function brokenBuiltLinks(outDir: string, origin: string, base: string, page: string): string[] {
  const problems: string[] = [];
  for (const [value, url] of builtUrls(outDir, origin, base, page)) {
    if (!url.pathname.startsWith(base)) {
      problems.push(`${value} (on ${page}) leaves ${base}`);
      continue;
    }
    const file = servedFile(outDir, url.pathname.slice(base.length));
    if (!file) {
      problems.push(`${value} (on ${page}) names no file of the build`);
      continue;
    }
    const fragment = decodeURIComponent(url.hash.slice(1));
    if (fragment && fragment !== '_top' && file.endsWith('.html') && !htmlOf(file).includes(`id="${fragment}"`)) {
      problems.push(`${value} (on ${page}): no #${fragment} on ${url.pathname}`);
    }
  }
  return problems;
}
