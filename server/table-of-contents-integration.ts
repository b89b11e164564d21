// An Astro integration that gives Starlight's "On this page" lists our cheaper start-up (src/components/starlight-toc.ts).
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { vitePluginIntegration } from './vite-plugin-integration.ts';

/** How Starlight's TableOfContents and MobileTableOfContents components name the module that defines the element. */
const STARLIGHT_TOC_MODULE = /components-internals\/TableOfContents\/starlight-toc(\.[jt]s)?$/;
const OUR_TOC_MODULE = fileURLToPath(new URL('../src/components/starlight-toc.ts', import.meta.url));

/**
 * Starlight's components stay in place, with their markup and styles; only the module their scripts import is
 * swapped, so the desktop list and the mobile one (which extends the desktop element's class) both get ours. A
 * Starlight upgrade that renames the module would silently bring its own back, so tests/e2e/table-of-contents.spec.ts
 * checks that the built pages run ours, and that it watches what Starlight's would.
 */
export function tableOfContentsIntegration(): AstroIntegration {
  return vitePluginIntegration({
    name: 'websocket-workshop:table-of-contents',
    enforce: 'pre',
    resolveId(source) {
      return STARLIGHT_TOC_MODULE.test(source) ? OUR_TOC_MODULE : null;
    },
  });
}
