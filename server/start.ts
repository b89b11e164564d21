// `npm start`: one Node process that serves the built site from dist/ and the demo server, on PORT and HOST.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { createDemoServer, optionsFromEnv } from './index.ts';
import { refuseUpgrade } from './http-responses.ts';

const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
if (!existsSync(distDir)) {
  console.error('There is no dist/ folder to serve. Run `npm run build` first.');
  process.exit(1);
}

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST || undefined;
const demo = createDemoServer(optionsFromEnv(process.env));
const notFoundPage = readFileSync(new URL('404.html', `file://${distDir}`));

const serveStatic = sirv(distDir, {
  dev: false,
  etag: true,
  setHeaders(res, pathname) {
    // Astro fingerprints everything under /_astro/, so those files never change; pages may.
    res.setHeader('Cache-Control', pathname.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache');
  },
});

const server = createServer((request, response) => {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  if (demo.handleRequest(request, response)) return;
  serveStatic(request, response, () => {
    response.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(notFoundPage);
  });
});

server.on('upgrade', (request, socket, head) => {
  if (!demo.handleUpgrade(request, socket, head)) refuseUpgrade(socket, 404, 'Only /ws/* paths accept WebSocket upgrades.');
});

server.listen(port, host, () => {
  const address = server.address();
  const shown = typeof address === 'object' && address ? `http://${host ?? 'localhost'}:${address.port}` : String(address);
  console.log(`WebSocket Workshop serving dist/ and the demo server at ${shown}`);
});

async function shutDown(signal: string): Promise<void> {
  console.log(`${signal} received: closing WebSocket connections and the HTTP server.`);
  server.close();
  await demo.close(1001);
  server.closeAllConnections();
  process.exit(0);
}

process.once('SIGTERM', () => void shutDown('SIGTERM'));
process.once('SIGINT', () => void shutDown('SIGINT'));
