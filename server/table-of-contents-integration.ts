// An Astro integration that gives Starlight's "On this page" lists our cheaper start-up (src/components/starlight-toc.ts).
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';

/** How Starlight's TableOfContents and MobileTableOfContents components name the module that defines the element. */
const STARLIGHT_TOC_MODULE = /components-internals\/TableOfContents\/starlight-toc(\.[jt]s)?$/;
const OUR_TOC_MODULE = fileURLToPath(new URL('../src/components/starlight-toc.ts', import.meta.url));

/**
 * Starlight's components stay in place, with their markup and styles; only the module their scripts import is
 * swapped, so the desktop list and the mobile one (which extends the desktop element's class) both get ours. A
 * Starlight upgrade that renames the module would silently bring its own back, so the page sweep checks that the
 * built script is ours (tests/e2e/table-of-contents.spec.ts).
 */
export function tableOfContentsIntegration(): AstroIntegration {
  return {
    name: 'websocket-workshop:table-of-contents',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'websocket-workshop:table-of-contents',
                enforce: 'pre',
                resolveId(source) {
                  if (STARLIGHT_TOC_MODULE.test(source)) return OUR_TOC_MODULE;
                },
              },
            ],
          },
        });
      },
    },
  };
}
