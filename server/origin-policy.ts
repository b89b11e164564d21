// Which browser pages may open a WebSocket to the demo server: its own origin, plus ALLOWED_ORIGINS (against CSWSH).
import type { IncomingMessage } from 'node:http';
import { demoError, type DemoProtocolError } from './demo-errors.ts';

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' };

// #region origin-check
/**
 * Returns the refusal for a cross-origin browser, or null when the request may go on.
 *
 * Browsers send Origin on every WebSocket handshake (RFC 6455 §4.1, item 8; §10.2), and a browser may send the
 * reader's cookies along to another site's server (depending on SameSite and its third-party cookie policy), so a
 * page elsewhere could act as the reader (Cross-Site WebSocket Hijacking). A request
 * with no Origin comes from a program, not a browser page, and is allowed. "Own origin" compares host and port
 * with the Host header, whatever the scheme: behind a TLS-terminating proxy the page is https: while the server
 * speaks plain HTTP.
 */
export function checkOrigin(request: IncomingMessage, allowedOrigins: readonly string[]): DemoProtocolError | null {
  const origin = request.headers.origin;
  if (origin === undefined) return null;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return refuse(origin);
  }
  if (allowedOrigins.includes(url.origin)) return null;
  // HTTP/2 carries Host as :authority (RFC 9113 §8.3.1), as an RFC 8441 CONNECT does.
  const host = request.headers.host ?? (request.headers[':authority'] as string | undefined);
  if (host !== undefined && url.origin !== 'null' && sameHostAndPort(url, host)) return null;
  return refuse(origin);
}

function sameHostAndPort(origin: URL, host: string): boolean {
  let hostUrl: URL;
  try {
    hostUrl = new URL(`${origin.protocol}//${host}`);
  } catch {
    return false;
  }
  const port = (url: URL) => url.port || DEFAULT_PORTS[url.protocol] || '';
  return hostUrl.hostname === origin.hostname && port(hostUrl) === port(origin);
}
// #endregion origin-check

function refuse(origin: string): DemoProtocolError {
  return demoError(
    'DEMO_ERR_ORIGIN_NOT_ALLOWED',
    `Pages from ${JSON.stringify(origin)} may not connect: only this site's own pages and the origins in ALLOWED_ORIGINS may (RFC 6455 §10.2).`,
  );
}
