// Where widgets find the demo server: the reader's own (?server=ws://localhost:PORT), else PUBLIC_DEMO_URL if the site was built with one, else the page's origin.
import type { Locale } from './i18n/locale.ts';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The hands-on track's override: a page opened with `?server=ws://localhost:8081` points its widgets at the reader's own
 * server. Only a ws:, wss:, http: or https: URL on this machine counts, so a shared link cannot send a reader's widgets
 * to someone else's server.
 */
export function readersServer(pageHref: string): URL | null {
  const value = new URL(pageHref).searchParams.get('server');
  let url: URL;
  try {
    url = new URL(value ?? '');
  } catch {
    return null;
  }
  return /^(wss?|https?):$/.test(url.protocol) && LOOPBACK_HOSTS.has(url.hostname) ? url : null;
}

/**
 * The WebSocket URL of a demo endpoint such as `/ws/echo`: on the reader's own server when the page says so (see
 * `readersServer`), else on the demo server.
 * `demoBase` is PUBLIC_DEMO_URL (http(s): or ws(s):, optionally with a path prefix); empty means the page's own origin.
 * The scheme follows the base: https: and wss: give wss:, so a page served over TLS never asks for plain ws: (mixed content).
 */
export function demoSocketUrl(endpoint: string, pageHref: string, demoBase = ''): string {
  const base = readersServer(pageHref) ?? (demoBase.trim() ? new URL(demoBase.trim()) : new URL('/', pageHref));
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

/**
 * What a widget says when its connection never opened. A page cannot tell an unreachable server from one that refused
 * the handshake (a 403 for an origin it does not allow): either way the browser gives the page an error event and a
 * close with 1006, and no status (the WHATWG WebSockets standard). So the sentence names both, and the setting that
 * decides the second.
 */
export function demoUnreachable(url?: string, locale: Locale = 'en'): string {
  if (locale === 'zh-CN') {
    return (
      `无法连接到${url ? `位于 ${url} 的` : ''}演示服务器，或者它拒绝了这个页面。它在运行吗？` +
      '`npm run dev` 和 `npm start` 都会启动它。另一个源上的演示服务器会拒绝 ALLOWED_ORIGINS 没有列出的源发来的页面。'
    );
  }
  return (
    `The demo server could not be reached${url ? ` at ${url}` : ''}, or it refused this page. Is it running? ` +
    'Both `npm run dev` and `npm start` start it. A demo server on another origin refuses pages from any origin its ALLOWED_ORIGINS does not list.'
  );
}
