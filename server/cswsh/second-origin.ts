// The CSWSH demo's second origin: a tiny HTTP server on loopback, another port, whose page tries to use the reader's cookie.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { sendJson, sendText } from '../http-responses.ts';
import { cookieValue, SESSION_COOKIE } from '../auth/http.ts';
import type { Locale } from '../../src/lib/i18n/locale.ts';
import { SECOND_ORIGIN_TEXT, secondOriginLocale, type SecondOriginPageText } from './second-origin-text.ts';

/** What the demo server answered one handshake from the second origin's page, for that page to show. */
export interface SeenHandshake {
  path: string;
  status: number;
  code: string | null;
  /** Whether the browser sent the sign-in cookie along: the whole point of the demo. */
  cookieSent: boolean;
}

export interface SecondOrigin {
  /** The port, once listening (always on 127.0.0.1, and on ::1 where the machine has it). */
  readonly ready: Promise<number>;
  /** Records the answer to a handshake whose Origin is this second origin; others are ignored. */
  note(request: IncomingMessage, status: number, code: string | null): void;
  close(): Promise<void>;
}

/** The last handshakes the page may read back; a page makes two. */
const KEPT = 10;
const PAGE_DIR = path.join(import.meta.dirname, 'page');

/**
 * The page's own headers: it runs only its own script and may connect anywhere over ws: (that is its job). It is
 * never framed and sends no Referer, so nothing about it leaks to the demo server but its Origin.
 */
const PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self' ws: wss:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

export function startSecondOrigin(): SecondOrigin {
  const template = readFileSync(path.join(PAGE_DIR, 'attacker.html'), 'utf8');
  const pages = Object.fromEntries(
    Object.keys(SECOND_ORIGIN_TEXT).map((locale) => [locale, Buffer.from(fillPage(template, locale as Locale))]),
  ) as Record<Locale, Buffer>;
  const files: Record<string, { type: string; body: Buffer }> = {
    '/attacker.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(path.join(PAGE_DIR, 'attacker.js')) },
    '/attacker.css': { type: 'text/css; charset=utf-8', body: readFileSync(path.join(PAGE_DIR, 'attacker.css')) },
  };
  const seen: SeenHandshake[] = [];
  const servers: Server[] = [];
  let port = 0;

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Only GET.', { Allow: 'GET' });
    if (url.pathname === '/seen') return sendJson(response, 200, seen, PAGE_HEADERS);
    // The page speaks the language of the workshop page that sent the reader here.
    const file =
      url.pathname === '/'
        ? { type: 'text/html; charset=utf-8', body: pages[secondOriginLocale(url.searchParams.get('from'))] }
        : files[url.pathname];
    if (!file) return sendText(response, 404, `There is no ${url.pathname} on the second origin.`, PAGE_HEADERS);
    response.writeHead(200, { ...PAGE_HEADERS, 'Content-Type': file.type, 'Content-Length': file.body.length });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  };

  const ready = (async () => {
    const v4 = createServer(handle);
    servers.push(v4);
    // Loopback only, whatever HOST the site listens on: this page must never be reachable from elsewhere.
    v4.listen(0, '127.0.0.1');
    await once(v4, 'listening');
    port = (v4.address() as AddressInfo).port;
    // A reader on http://localhost may reach 127.0.0.1 or ::1; the same port on ::1 serves either, where it exists.
    const v6 = createServer(handle);
    v6.on('error', () => {});
    v6.listen(port, '::1');
    servers.push(v6);
    return port;
  })();

  return {
    ready,
    note(request, status, code) {
      if (port === 0 || !fromThisOrigin(request.headers.origin, port)) return;
      seen.push({
        path: (request.url ?? '/').split('?')[0]!,
        status,
        code,
        cookieSent: cookieValue(request, SESSION_COOKIE) !== undefined,
      });
      if (seen.length > KEPT) seen.shift();
    },
    async close() {
      await ready.catch(() => {});
      const listening = servers.filter((server) => server.listening);
      await Promise.all(
        listening.map(
          (server) =>
            new Promise((resolve) => {
              server.close(resolve);
              // Keep-alive connections from the reader's browser would hold close() open.
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}

/** attacker.html with one language's words in place: its text escaped for HTML, the script's sentences as JSON. */
function fillPage(template: string, locale: Locale): string {
  const { page, script } = SECOND_ORIGIN_TEXT[locale];
  // In a <script> block only "</script" could end the JSON early; \u003c keeps every "<" out of it.
  const json = JSON.stringify(script).replaceAll('<', '\\u003c');
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) =>
    key === 'script' ? json : escapeHtml(page[key as keyof SecondOriginPageText]),
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function fromThisOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return false;
  try {
    return new URL(origin).port === String(port);
  } catch {
    return false;
  }
}
