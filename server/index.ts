// The demo server: createDemoServer(options) routes /ws/* upgrades to one module per endpoint, and answers /healthz.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { refuseUpgrade, sendText } from './http-responses.ts';
import { checkVersion } from '../src/lib/protocol/handshake-headers.ts';
import { resolveOptions, type DemoServerOptions } from './limits.ts';
import * as echo from './endpoints/echo.ts';
import * as inspect from './endpoints/inspect.ts';
import * as lab from './endpoints/lab.ts';
import * as race from './race/index.ts';

export { LIMITS, optionsFromEnv, resolveOptions, type DemoServerOptions } from './limits.ts';

/** What the upgrade left behind that ws does not expose: the byte stream under the WebSocket and the response it wrote. */
export interface Upgrade {
  /** The upgraded TCP socket. A 'data' listener sees the same chunks as ws's receiver, `head` included. */
  stream: Duplex;
  /** The lines of the 101 response exactly as ws wrote them, status line first. */
  responseLines: readonly string[];
}

interface Endpoint {
  path: string;
  onConnection(socket: WebSocket, options: DemoServerOptions, request: IncomingMessage, upgrade: Upgrade): void;
}

const ENDPOINTS: readonly Endpoint[] = [echo, inspect, lab, race.socketEndpoint];

/** The prefix under which every WebSocket endpoint lives; any other upgrade (such as Vite's HMR) is not ours. */
export const WEBSOCKET_PREFIX = '/ws/';

export interface DemoServer {
  readonly options: DemoServerOptions;
  /** Answers the request if it is the demo server's (such as /healthz) and returns true; otherwise returns false and touches nothing. */
  handleRequest(request: IncomingMessage, response: ServerResponse): boolean;
  /** Takes an upgrade request under /ws/ and returns true; any other path returns false, untouched. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Closes every connection with `code` (1001 Going Away by default), waiting for the close handshake up to closeGraceMs. */
  close(code?: number): Promise<void>;
}

export function createDemoServer(overrides: Partial<DemoServerOptions> = {}): DemoServer {
  const options = resolveOptions(overrides);
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
  // ws emits the response lines just before it writes them to the socket, so this is what went on the wire.
  const responseLines = new WeakMap<IncomingMessage, readonly string[]>();
  wss.on('headers', (lines: string[], request: IncomingMessage) => responseLines.set(request, [...lines]));
  let closing = false;

  function handleRequest(request: IncomingMessage, response: ServerResponse): boolean {
    // First, so the race's byte ledger sees where every request on a keep-alive connection starts.
    if (race.handleRaceRequest(request, response, options)) return true;
    const path = pathOf(request);
    if (path === '/healthz') {
      sendText(response, closing ? 503 : 200, closing ? 'closing' : 'ok');
      return true;
    }
    if (!path.startsWith(WEBSOCKET_PREFIX)) return false;
    const endpoint = ENDPOINTS.find((e) => e.path === path);
    if (!endpoint) sendText(response, 404, `There is no WebSocket endpoint at ${path}.`);
    else
      sendText(response, 426, `${path} speaks WebSocket only: connect with new WebSocket(url).`, {
        Upgrade: 'websocket',
        Connection: 'Upgrade',
      });
    return true;
  }

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = pathOf(request);
    if (!path.startsWith(WEBSOCKET_PREFIX)) return false;
    const endpoint = ENDPOINTS.find((e) => e.path === path);
    if (!endpoint) {
      refuseUpgrade(socket, 404, `There is no WebSocket endpoint at ${path}.`);
      return true;
    }
    if (closing) {
      refuseUpgrade(socket, 503, 'The demo server is shutting down.', { 'Retry-After': '1' });
      return true;
    }
    // ws would answer an unknown version with 400 and offer draft version 8 too; the RFC's answer is
    // 426 Upgrade Required with "Sec-WebSocket-Version: 13" (§4.2.2, §4.4), which readers can then look up.
    const version = checkVersion(request.headers['sec-websocket-version']);
    if (!version.ok) {
      refuseUpgrade(socket, version.response.status, version.reason, version.response.headers);
      return true;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      // ws has already sent the right close code (1002, 1007, 1009…) when it emits 'error'; without a
      // listener the error would be thrown and take every other connection down with the process.
      ws.on('error', () => {});
      endpoint.onConnection(ws, options, request, { stream: socket, responseLines: responseLines.get(request) ?? [] });
    });
    return true;
  }

  async function close(code = 1001): Promise<void> {
    closing = true;
    const clients = [...wss.clients];
    await Promise.all(clients.map((ws) => closeGracefully(ws, code, options.closeGraceMs)));
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }

  return { options, handleRequest, handleUpgrade, close };
}

function pathOf(request: IncomingMessage): string {
  const url = request.url ?? '/';
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

function closeGracefully(ws: WebSocket, code: number, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (ws.readyState === ws.CLOSED) return resolve();
    const timer = setTimeout(() => ws.terminate(), graceMs);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.close(code, code === 1012 ? 'Service restart' : 'Server shutting down');
  });
}
