// The production HTTP server: the built site from dist/ and the demo server, composed on one origin.
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sirv from 'sirv';
import { applyHttpLimits, createDemoServer, httpServerOptions, type DemoServer, type DemoServerOptions } from './index.ts';
import { refuseUpgrade, sendText } from './http-responses.ts';
import { checkHeaderCount } from './http-limits.ts';
import { IMMUTABLE_CACHE_CONTROL, PAGE_CACHE_CONTROL, siteHeaders } from './security-headers.ts';

export interface SiteServer {
  http: Server;
  demo: DemoServer;
}

/** What the site was built with, which the server must know too. */
export interface BuiltSite {
  /** PUBLIC_DEMO_URL, if any: the Content-Security-Policy must let pages connect to it. */
  demoUrl?: string | undefined;
  /** BASE_PATH as `basePathFrom()` gives it (`/` or `/websocket-workshop/`): the site answers under it. */
  base?: string;
}

/**
 * Under a base path the pages answer below it, and `/` redirects there; the demo endpoints (`/ws/*`, `/race/*`,
 * `/healthz`, `/metrics`) stay at the origin's root, where the widgets look for them (src/lib/demo-url.ts).
 */
export function createSiteServer(distDir: string, demoOptions: Partial<DemoServerOptions> = {}, site: BuiltSite = {}): SiteServer {
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

  const http = createServer(httpServerOptions(demo.options), (request, response) => {
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
  });

  applyHttpLimits(http, demo.options);

  http.on('upgrade', (request, socket, head) => {
    if (!demo.handleUpgrade(request, socket, head)) refuseUpgrade(socket, 404, 'Only /ws/* paths accept WebSocket upgrades.');
  });

  return { http, demo };
}
