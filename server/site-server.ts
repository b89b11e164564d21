// The production HTTP server: the built site from dist/ and the demo server, composed on one origin.
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sirv from 'sirv';
import { applyHttpLimits, createDemoServer, httpServerOptions, type DemoServer, type DemoServerOptions } from './index.ts';
import { refuseUpgrade, sendText } from './http-responses.ts';
import { checkHeaderCount } from './http-limits.ts';
import { demoServerSources, inlineScriptHashes, securityHeaders } from './security-headers.ts';

export interface SiteServer {
  http: Server;
  demo: DemoServer;
}

/**
 * `demoUrl` is the PUBLIC_DEMO_URL the site was built with, if any: the Content-Security-Policy must let pages
 * connect to it.
 */
export function createSiteServer(distDir: string, demoOptions: Partial<DemoServerOptions> = {}, demoUrl?: string): SiteServer {
  const demo = createDemoServer(demoOptions);
  const headers = Object.entries(securityHeaders(inlineScriptHashes(distDir), demoServerSources(demoUrl)));
  const notFoundPage = readFileSync(path.join(distDir, '404.html'));
  const serveStatic = sirv(distDir, {
    dev: false,
    etag: true,
    // The build writes .br and .gz copies (server/precompress-integration.ts); sirv picks one by Accept-Encoding.
    brotli: true,
    gzip: true,
    setHeaders(res, pathname) {
      // Astro fingerprints everything under /_astro/, so those files never change; pages may.
      res.setHeader('Cache-Control', pathname.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache');
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
    serveStatic(request, response, () => {
      response.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(notFoundPage);
    });
  });

  applyHttpLimits(http, demo.options);

  http.on('upgrade', (request, socket, head) => {
    if (!demo.handleUpgrade(request, socket, head)) refuseUpgrade(socket, 404, 'Only /ws/* paths accept WebSocket upgrades.');
  });

  return { http, demo };
}
