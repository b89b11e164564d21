// `npm start`: one Node process that serves the built site from dist/ and the demo server, on PORT and HOST.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { basePathFrom } from './base-path.ts';
import { optionsFromEnv } from './index.ts';
import { createSiteServer, type TlsFiles } from './site-server.ts';
import { shutDownWithin } from './shutdown.ts';
import { isLoopbackHost } from './cswsh/loopback.ts';
import { mosquittoBinary } from './mqtt/mosquitto.ts';

// DIST_DIR lets a second build (astro build --outDir elsewhere) be served without touching dist/.
const distDir = path.resolve(import.meta.dirname, '..', process.env.DIST_DIR || 'dist');
if (!existsSync(path.join(distDir, '404.html'))) {
  console.error(`There is no built site in ${distDir}. Run \`npm run build\` first.`);
  process.exit(1);
}

const port = Number(process.env.PORT || 8080);
const host = process.env.HOST || undefined;
// The site was built with these; the server must be told the same values (see README, Deploy).
const tls = tlsFromEnv(process.env);
const site = { demoUrl: process.env.PUBLIC_DEMO_URL, base: basePathFrom(process.env.BASE_PATH), tls };
const demoOptions = optionsFromEnv(process.env);
// The CSWSH demo's second origin and its unsafe endpoint: on only when the site listens on loopback alone, so a
// server reachable from other machines never has them unless DEMO_SECOND_ORIGIN=on says so.
demoOptions.secondOrigin ??= isLoopbackHost(host);
// The MQTT relay's broker, decided the same way: mosquitto on loopback when the site is on loopback alone and mosquitto
// is installed, unless DEMO_MQTT_URL names a broker or DEMO_MQTT_BROKER says otherwise.
demoOptions.mqttBroker ??= !demoOptions.mqttUrl && isLoopbackHost(host) && mosquittoBinary() !== undefined;
const { http, demo } = createSiteServer(distDir, demoOptions, site);
const scheme = tls ? 'https' : 'http';

http.listen(port, host, () => {
  const address = http.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  console.log(`WebSocket Workshop: the site and the demo server are at ${scheme}://${host ?? 'localhost'}:${actualPort}${site.base}`);
});

/** TLS_CERT and TLS_KEY name PEM files; both or neither, or the server would not know what to serve. */
function tlsFromEnv(env: NodeJS.ProcessEnv): TlsFiles | undefined {
  const cert = env['TLS_CERT']?.trim();
  const key = env['TLS_KEY']?.trim();
  if (!cert && !key) return undefined;
  if (!cert || !key) {
    console.error('Set both TLS_CERT and TLS_KEY (PEM files) to serve HTTPS with HTTP/2, or neither for plain HTTP.');
    process.exit(1);
  }
  return { cert: readFileSync(cert), key: readFileSync(key) };
}

async function shutDown(signal: string): Promise<void> {
  console.log(`${signal} received: closing WebSocket connections and the HTTP server.`);
  await shutDownWithin(
    demo.options.shutdownTimeoutMs,
    async () => {
      http.close();
      await demo.close(1001);
      // An HTTP/2 server has no closeAllConnections; its sessions end when their streams have.
      if ('closeAllConnections' in http) http.closeAllConnections();
    },
    (code) => {
      if (code !== 0) console.error(`Shutdown took longer than ${demo.options.shutdownTimeoutMs} ms: exiting anyway.`);
      process.exit(code);
    },
  );
}

process.once('SIGTERM', () => void shutDown('SIGTERM'));
process.once('SIGINT', () => void shutDown('SIGINT'));
