// The production HTTP server: the built site from dist/ and the demo server, composed on one origin.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createSecureServer, type Http2SecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import sirv from 'sirv';
import { applyHttpLimits, createDemoServer, httpServerOptions, type DemoServer, type DemoServerOptions } from './index.ts';
import { refuseUpgrade, sendText } from './http-responses.ts';
import { checkHeaderCount } from './http-limits.ts';
import { IMMUTABLE_CACHE_CONTROL, PAGE_CACHE_CONTROL, siteHeaders } from './security-headers.ts';

export interface SiteServer {
  /** Plain HTTP/1.1, or with `tls` HTTPS speaking HTTP/2 and HTTP/1.1 on one port. */
  http: Server | Http2SecureServer;
  demo: DemoServer;
}

/** A certificate and its key, PEM, as `npm start` reads them from TLS_CERT and TLS_KEY. */
export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

/** What the site was built with, which the server must know too, and how it is served. */
export interface BuiltSite {
  /** PUBLIC_DEMO_URL, if any: the Content-Security-Policy must let pages connect to it. */
  demoUrl?: string | undefined;
  /** BASE_PATH as `basePathFrom()` gives it (`/` or `/websocket-workshop/`): the site answers under it. */
  base?: string;
  /**
   * With a certificate, the server speaks HTTPS, offers HTTP/2 and HTTP/1.1 (ALPN), and advertises
   * SETTINGS_ENABLE_CONNECT_PROTOCOL, so browsers may open WebSockets as RFC 8441 extended CONNECT streams.
   */
  tls?: TlsFiles | undefined;
}

/**
 * Under a base path the pages answer below it, and `/` redirects there; the demo endpoints (`/ws/*`, `/race/*`,
 * `/healthz`, `/metrics`) stay at the origin's root, where the widgets look for them (src/lib/demo-url.ts).
 */
export function createSiteServer(distDir: string, demoOptions: Partial<DemoServerOptions> = {}, site: BuiltSite = {}): SiteServer {
  const tls = site.tls;
  const demo = createDemoServer(demoOptions);
  const base = site.base ?? '/';
  const headers = Object.entries(siteHeaders(distDir, site.demoUrl));
  const notFoundPage = readFileSync(path.join(distDir, '404.html'));
  const serveStatic = sirv(distDir, {
    dev: false,
    etag: true,
    // The build writes .br and .gz copies (server/precompress-integration.ts); sirv picks one by Accept-Encoding.
    brotli: true,
    gzip: true,
    setHeaders(res, pathname) {
      // Astro fingerprints everything under /_astro/, so those files never change; pages may.
      res.setHeader('Cache-Control', pathname.startsWith('/_astro/') ? IMMUTABLE_CACHE_CONTROL : PAGE_CACHE_CONTROL);
    },
  });

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    for (const [name, value] of headers) response.setHeader(name, value);
    // Which node answered: behind a load balancer, a reader (or a test) can see where each request went.
    response.setHeader('X-Demo-Node', demo.nodeName(request));
    const tooManyHeaders = checkHeaderCount(request, demo.options.maxHeaderCount);
    if (tooManyHeaders) {
      sendText(response, tooManyHeaders.status, tooManyHeaders.message, { Connection: 'close' });
      return;
    }
    if (demo.handleRequest(request, response)) return;
    const notFound = () => {
      response.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(notFoundPage);
    };
    if (base === '/') return serveStatic(request, response, notFound);
    const url = request.url ?? '/';
    if (url === '/' || url === base.slice(0, -1)) {
      response.writeHead(308, { Location: base });
      return response.end();
    }
    if (!url.startsWith(base)) return notFound();
    // sirv serves dist/ from the root; the base is only in the URL.
    request.url = url.slice(base.length - 1);
    serveStatic(request, response, notFound);
  };

  const http = tls ? createHttp2Server(tls, demo, handle) : createServer(httpServerOptions(demo.options), handle);
  if (!tls) applyHttpLimits(http as Server, demo.options);

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!demo.handleUpgrade(request, socket, head)) refuseUpgrade(socket, 404, 'Only /ws/* paths accept WebSocket upgrades.');
  });

  return { http, demo };
}

/**
 * HTTPS with HTTP/2 and HTTP/1.1 on one port. HTTP/2 requests reach the same handler through Node's compatibility
 * API; an extended CONNECT reaches the demo server's RFC 8441 transport; an HTTP/1.1 client, or a proxy without RFC
 * 8441, upgrades as before. Node's HTTP/2 server has its own limits on header size (maxHeaderListPairs, the HPACK
 * table); the HTTP/1.1 side keeps Node's defaults here.
 */
function createHttp2Server(tls: TlsFiles, demo: DemoServer, handle: (request: IncomingMessage, response: ServerResponse) => void) {
  const server = createSecureServer(
    {
      ...tls,
      allowHTTP1: true,
      settings: { enableConnectProtocol: true },
      maxHeaderListPairs: demo.options.maxHeaderCount,
    },
    (request, response) => handle(request as unknown as IncomingMessage, response as unknown as ServerResponse),
  );
  server.on('connect', (request: Http2ServerRequest, response: Http2ServerResponse) => {
    if (!demo.handleConnect(request, response))
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Only /ws/* paths accept WebSocket CONNECT requests.\n');
  });
  return server;
}
