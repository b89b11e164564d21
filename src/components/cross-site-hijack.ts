// The CSWSH widget's logic: where the second origin's page is, and how the widget describes what it found.
import { demoHttpUrl } from '../lib/demo-url.ts';

/**
 * The second origin's page for a reader on `pageHref`: the same host name (so it is the same site, and the cookie
 * goes along), another port, and `from` telling it where the demo server and the way back are.
 */
export function secondOriginPage(pageHref: string, port: number): string {
  const page = new URL(pageHref);
  page.hash = '';
  const url = new URL(page.href);
  url.protocol = 'http:';
  url.port = String(port);
  url.pathname = '/';
  url.search = '';
  url.searchParams.set('from', page.href);
  return url.href;
}

/** Asks the demo server for the second origin's port; `off` when it has none (any host not on loopback). */
export async function findSecondOrigin(pageHref: string, demoBase = ''): Promise<{ port: number } | { off: true }> {
  const response = await fetch(demoHttpUrl('/cswsh/second-origin', pageHref, demoBase));
  if (response.ok) return (await response.json()) as { port: number };
  return { off: true };
}
