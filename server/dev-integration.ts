// An Astro integration that mounts the demo server into `astro dev`, so site and /ws/* share http://localhost:4321.
import type { AstroIntegration } from 'astro';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DemoServer } from './index.ts';
import { noteRequest } from './race/byte-ledger.ts';

type DemoModule = typeof import('./index.ts');

const SERVER_DIR = path.dirname(fileURLToPath(import.meta.url)) + path.sep;

/** The dev server's demo instance lives here, because Astro runs `astro:server:setup` again on every config reload. */
const INSTANCE_KEY = Symbol.for('websocket-workshop.dev-demo-server');
type Instance = { dispose(): Promise<void> };
const registry = globalThis as typeof globalThis & { [INSTANCE_KEY]?: Instance };

export function demoServerIntegration(): AstroIntegration {
  return {
    name: 'websocket-workshop:demo-server',
    hooks: {
      'astro:server:setup': async ({ server, logger }) => {
        // Vitest's getViteConfig() runs this hook too; a live server there would keep Vitest from exiting.
        if (process.env.VITEST) return;
        await registry[INSTANCE_KEY]?.dispose();
        const httpServer = server.httpServer;
        if (!httpServer) return;

        // Loaded through Vite, so an edit under server/ is picked up on the next connection with no restart.
        let current: Promise<DemoServer> | undefined;
        const demo = (): Promise<DemoServer> => {
          current ??= server.ssrLoadModule(path.join(SERVER_DIR, 'index.ts')).then((module) => {
            const { createDemoServer, optionsFromEnv, mosquittoBinary } = module as DemoModule;
            const loopbackOnly = (server.resolvedUrls?.network ?? []).length === 0;
            const fromEnv = optionsFromEnv(process.env);
            // The dev server's own origins (localhost and, with --host, the network addresses) are same-origin by
            // Host already; listing them also covers a page reached through a proxy that rewrites Host.
            const devOrigins = [...(server.resolvedUrls?.local ?? []), ...(server.resolvedUrls?.network ?? [])].map(
              (url) => new URL(url).origin,
            );
            return createDemoServer({
              // JSON lines in the middle of Astro's own log would drown it; LOG_LEVEL=info brings them back.
              logLevel: 'warn',
              ...fromEnv,
              allowedOrigins: [...(fromEnv.allowedOrigins ?? []), ...devOrigins],
              // astro dev listens on localhost unless --host; then it is reachable from elsewhere, and the CSWSH
              // demo's second origin and unsafe endpoint stay off unless DEMO_SECOND_ORIGIN=on.
              secondOrigin: fromEnv.secondOrigin ?? loopbackOnly,
              // The MQTT relay's mosquitto, on the same terms, when it is installed and no DEMO_MQTT_URL names a broker.
              mqttBroker: fromEnv.mqttBroker ?? (!fromEnv.mqttUrl && loopbackOnly && mosquittoBinary() !== undefined),
            });
          });
          return current;
        };
        const restart = async (reason: string, code: number): Promise<void> => {
          const previous = current;
          current = undefined;
          if (!previous) return;
          logger.info(reason);
          await (await previous.catch(() => undefined))?.close(code);
        };

        const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
          // Vite's own HMR socket upgrades on another path; leave every non-/ws/ upgrade alone.
          if (!request.url?.startsWith('/ws/')) return;
          demo()
            .then((d) => d.handleUpgrade(request, socket, head))
            .catch((error: unknown) => {
              logger.error(`The demo server failed to load: ${String(error)}`);
              socket.destroy();
            });
        };
        httpServer.on('upgrade', onUpgrade);

        server.middlewares.use((request, response, next) => {
          // Every request, so the race's byte ledger knows where each one starts on a keep-alive connection.
          noteRequest(request, response);
          const ours =
            request.url === '/healthz' ||
            request.url === '/metrics' ||
            request.url?.startsWith('/ws/') ||
            request.url?.startsWith('/race/') ||
            request.url?.startsWith('/auth/') ||
            request.url?.startsWith('/cswsh/');
          if (!ours) return next();
          demo()
            .then((d) => d.handleRequest(request, response) || next())
            .catch(next);
        });

        const onChange = (file: string): void => {
          if (file.startsWith(SERVER_DIR)) void restart(`${path.relative(process.cwd(), file)} changed: restarting the demo server.`, 1012);
        };
        server.watcher.on('change', onChange);
        server.watcher.on('add', onChange);

        const instance: Instance = {
          async dispose() {
            httpServer.off('upgrade', onUpgrade);
            server.watcher.off('change', onChange);
            server.watcher.off('add', onChange);
            if (registry[INSTANCE_KEY] === instance) delete registry[INSTANCE_KEY];
            await restart('Closing the previous demo server.', 1012);
          },
        };
        registry[INSTANCE_KEY] = instance;
        httpServer.once('close', () => void instance.dispose());
      },
    },
  };
}
