// The two extra builds the deploy tests use, built by `npm run build:variants` into dist-variants/ (never dist/).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

/**
 * PUBLIC_DEMO_URL is fixed at build time, port included, so each variant's demo server port is picked when the
 * variant is built and recorded beside it; the test then listens on exactly that port. It is picked below the
 * kernel's ephemeral range (32768 and up here), where no port-0 listener or outgoing connection can take it
 * between the build and the test.
 */
export interface DeployVariant {
  name: 'split' | 'tls';
  /** The build folder, relative to the project. */
  outDir: string;
  /** BASE_PATH the variant was built with. */
  base: string;
  /** PUBLIC_DEMO_URL the variant was built with. */
  demoUrl: string;
  /** The port in demoUrl, where the test must put the demo server (or the TLS proxy in front of it). */
  demoPort: number;
  /** Pages the variant was built without (OMIT_PAGES, content entry ids such as `zh-cn/troubleshooting/http2-in-front`). */
  omitted: string[];
}

export const VARIANTS_DIR = 'dist-variants';

/**
 * split: a static host on one loopback origin (http://localhost:…), under a sub-path, and the demo server on another
 * (http://127.0.0.1:…), built without one Chinese page (SPLIT_UNTRANSLATED). tls: the static site on https://workshop.test:… (nginx with the generated headers) and the
 * demo server behind the production nginx config on https://demo.workshop.test:… (wss: for the widgets); the browser
 * resolves both names to 127.0.0.1. These are the host names the tests use; DNS never sees them (.test is reserved).
 */
export const TLS_SITE_HOST = 'workshop.test';
export const TLS_DEMO_HOST = 'demo.workshop.test';

/**
 * The Chinese page the split variant is built without, so that build always has a page Starlight falls back to the
 * English for, however many pages the real site has translated: the fallback tests load it (zh-cn.spec.ts). A page
 * no other Chinese page links into by #fragment: in this build its headings have their English ids.
 */
export const SPLIT_UNTRANSLATED = {
  id: 'zh-cn/troubleshooting/http2-in-front',
  path: '/zh-cn/troubleshooting/http2-in-front/',
  english: '/troubleshooting/http2-in-front/',
};

export function variantSettings(name: DeployVariant['name'], demoPort: number): DeployVariant {
  const outDir = path.join(VARIANTS_DIR, name);
  if (name === 'split') {
    const demoUrl = `http://127.0.0.1:${demoPort}`;
    return { name, outDir, base: '/websocket-workshop/', demoUrl, demoPort, omitted: [SPLIT_UNTRANSLATED.id] };
  }
  return { name, outDir, base: '/', demoUrl: `https://${TLS_DEMO_HOST}:${demoPort}`, demoPort, omitted: [] };
}

export function manifestPath(name: DeployVariant['name']): string {
  return path.join(VARIANTS_DIR, `${name}.json`);
}

/** The variant as built, or an error that says how to build it. */
export function readVariant(name: DeployVariant['name']): DeployVariant {
  try {
    return JSON.parse(readFileSync(manifestPath(name), 'utf8')) as DeployVariant;
  } catch {
    throw new Error(`The deploy tests need the ${name} build in ${VARIANTS_DIR}/: run \`npm run build:variants\` first.`);
  }
}

/** Every page a build wrote, as the path below its base that a browser asks for (`/`, `/handshake/`, `/404.html`). */
export function builtPages(outDir: string): string[] {
  return readdirSync(outDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html') && !file.startsWith('pagefind'))
    .map((file) => `/${file.replace(/\\/g, '/')}`.replace(/(^|\/)index\.html$/, '$1'))
    .sort();
}

/**
 * A page Starlight wrote for a language it has no translation of yet: the English page under /zh-cn/, with the
 * locale's sidebar and a notice. Its `<main>` says it is English; a translated page's says zh-CN.
 */
export function isUntranslatedFallback(outDir: string, page: string): boolean {
  if (!page.startsWith('/zh-cn/')) return false;
  const file = path.join(outDir, page.endsWith('/') ? `${page}index.html` : page);
  return /<main[^>]*\slang="en"/.test(readFileSync(file, 'utf8'));
}

/** The built pages a sweep must load: every page but the untranslated copies, whose content is the English page's. */
export function pagesToSweep(outDir: string): string[] {
  return builtPages(outDir).filter((page) => !isUntranslatedFallback(outDir, page));
}

/**
 * The text of each URL's Markdown content (`main .sl-markdown-content`) as built, fetched by the page before any
 * widget script writes into it (a Reproduce control fills in its URL): an untranslated copy's must be its English
 * page's.
 */
export async function builtContentText(page: Page, urls: string[]): Promise<string[]> {
  return page.evaluate(async (urls) => {
    const text = async (url: string) =>
      new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html').querySelector('main .sl-markdown-content')
        ?.textContent ?? '';
    return Promise.all(urls.map(text));
  }, urls);
}
