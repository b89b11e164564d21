// The site's sub-path (BASE_PATH, Astro's `base`): read once, used by the build's link step and by `npm start`.
import type { HastPluginDefinition } from 'satteri';

/**
 * BASE_PATH as Astro and `npm start` both want it: `/` when unset, else `/websocket-workshop/` with one slash at
 * each end. A value with a scheme, a query or a fragment is a URL, not a path, and stops the build with the rule.
 */
export function basePathFrom(value: string | undefined): string {
  const trimmed = value?.trim() ?? '';
  if (!trimmed || trimmed === '/') return '/';
  if (/[?#]|^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//')) {
    throw new Error(`BASE_PATH must be a path such as /websocket-workshop/, not ${JSON.stringify(trimmed)}.`);
  }
  return `/${trimmed.replace(/^\/+|\/+$/g, '')}/`;
}

/** `/frames/` becomes `/websocket-workshop/frames/`; a link with a scheme, `//host`, a fragment or a relative path stays. */
export function withBase(href: string, base: string): string {
  const prefix = base.replace(/\/+$/, '');
  if (!prefix || !href.startsWith('/') || href.startsWith('//')) return href;
  if (href === prefix || href.startsWith(`${prefix}/`)) return href;
  return `${prefix}${href}`;
}

/** The elements whose link attribute the chapters write root-relative. */
const LINK_ATTRIBUTE: Record<string, string> = { a: 'href', img: 'src', source: 'src' };

/**
 * A Markdown step (a Sätteri hast plugin, the processor Astro and Starlight use) for the chapters. They link to each
 * other as `/frames/`, the path a reader sees, and Astro leaves links in Markdown as written, so under a sub-path they
 * would point outside the site. This rewrites them at build time from the same setting Astro's `base` comes from, so
 * no chapter has to know where it is deployed. Returns no plugin at the root, where there is nothing to rewrite.
 */
export function baseLinksPlugin(base: string): HastPluginDefinition | undefined {
  if (base === '/') return undefined;
  return {
    name: 'websocket-workshop:base-links',
    element: {
      filter: Object.keys(LINK_ATTRIBUTE),
      visit(node, ctx) {
        const attribute = LINK_ATTRIBUTE[node.tagName]!;
        const value = node.properties?.[attribute];
        if (typeof value !== 'string') return;
        const rewritten = withBase(value, base);
        if (rewritten !== value) ctx.setProperty(node, attribute, rewritten);
      },
    },
  };
}
