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

/** Asks the demo server for the second origin's port; null with a sentence when it is off (any host not on loopback). */
export async function findSecondOrigin(pageHref: string, demoBase = ''): Promise<{ port: number } | { off: string }> {
  const response = await fetch(demoHttpUrl('/cswsh/second-origin', pageHref, demoBase));
  if (response.ok) return (await response.json()) as { port: number };
  return {
    off:
      'This demo server has no second origin: it runs only on a server listening on loopback (npm run dev or npm start on ' +
      'your machine), or with DEMO_SECOND_ORIGIN=on.',
  };
}
