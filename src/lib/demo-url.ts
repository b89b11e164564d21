// Where widgets find the demo server: PUBLIC_DEMO_URL when the site was built with one, else the page's own origin.

/**
 * The WebSocket URL of a demo endpoint such as `/ws/echo`.
 * `demoBase` is PUBLIC_DEMO_URL (http(s): or ws(s):, optionally with a path prefix); empty means the page's own origin.
 * The scheme follows the base: https: and wss: give wss:, so a page served over TLS never asks for plain ws: (mixed content).
 */
export function demoSocketUrl(endpoint: string, pageHref: string, demoBase = ''): string {
  const base = demoBase.trim() ? new URL(demoBase.trim()) : new URL('/', pageHref);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const url = new URL(endpoint.replace(/^\//, ''), base);
  url.protocol = url.protocol === 'https:' || url.protocol === 'wss:' ? 'wss:' : 'ws:';
  return url.href;
}

/**
 * The HTTP URL of a demo endpoint such as `/race/runs`, by the same rules as `demoSocketUrl`: PUBLIC_DEMO_URL when
 * set, else the page's own origin. wss: and https: give https:, so a page served over TLS never fetches plain http:.
 */
export function demoHttpUrl(endpoint: string, pageHref: string, demoBase = ''): string {
  const url = new URL(demoSocketUrl(endpoint, pageHref, demoBase));
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  return url.href;
}
