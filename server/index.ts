// The demo server: createDemoServer(options) routes /ws/* upgrades to one module per endpoint, and answers /healthz and /metrics.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { WebSocket, WebSocketServer } from 'ws';
import { refuseUpgrade, sendText, webSocketOnlyAnswer } from './http-responses.ts';
import { checkVersion } from '../src/lib/protocol/handshake-headers.ts';
import { resolveOptions, type DemoServerOptions } from './limits.ts';
import { demoError, type DemoProtocolError } from './demo-errors.ts';
import { checkOrigin } from './origin-policy.ts';
import { checkHeaderCount } from './http-limits.ts';
import { ConnectionCaps } from './connection-caps.ts';
import { clientAddress, compileTrustedProxies } from './client-address.ts';
import { ConnectionWatch, type OpenConnections } from './connection-watch.ts';
import { startHeartbeat } from './heartbeat.ts';
import { startIdleSweep } from './idle-timeout.ts';
import { createMetrics, type DemoMetrics, type MessageTally } from './metrics.ts';
import { createLogger } from './logger.ts';
import * as echo from './endpoints/echo.ts';
import * as inspect from './endpoints/inspect.ts';
import * as lab from './endpoints/lab.ts';
import * as chat from './endpoints/chat.ts';
import * as race from './race/index.ts';
import * as trouble from './trouble/index.ts';

export { LIMITS, optionsFromEnv, resolveOptions, type DemoServerOptions } from './limits.ts';
export { httpServerOptions, applyHttpLimits } from './http-limits.ts';

/** What the upgrade left behind that ws does not expose: the byte stream under the WebSocket and the response it wrote. */
export interface Upgrade {
  /** The upgraded TCP socket. A 'data' listener sees the same chunks as ws's receiver, `head` included. */
  stream: Duplex;
  /** The lines of the 101 response exactly as ws wrote them, status line first. */
  responseLines: readonly string[];
  /** Closes with the error's code and reason, logs it, and cuts the peer if it does not answer within closeGraceMs. */
  closeForViolation(error: DemoProtocolError): void;
}

/** A place under the connection caps, held by the client at `ip` until `release` (or forget()) gives it back. */
interface Place {
  ip: string;
  release: () => void;
}

/** What an endpoint may decide before ws upgrades: refuse, or write its own answer (the trouble endpoint's broken servers). */
export type UpgradeDecision =
  { refusal: DemoProtocolError; headers?: Record<string, string> } | { answer(socket: Duplex, request: IncomingMessage): void };

interface Endpoint {
  path: string;
  /** Runs after every guard and cap has passed; null lets ws upgrade as usual. */
  beforeUpgrade?(request: IncomingMessage, options: DemoServerOptions, ip: string): UpgradeDecision | null;
  onConnection(socket: WebSocket, options: DemoServerOptions, request: IncomingMessage, upgrade: Upgrade): void;
}

const ENDPOINTS: readonly Endpoint[] = [echo, inspect, lab, chat, race.socketEndpoint, trouble];

/** The prefix under which every WebSocket endpoint lives; any other upgrade (such as Vite's HMR) is not ours. */
export const WEBSOCKET_PREFIX = '/ws/';

export interface DemoServer {
  readonly options: DemoServerOptions;
  readonly metrics: DemoMetrics;
  /** The open WebSocket connections and what the server knows about each, for tests and diagnostics. */
  readonly connections: OpenConnections;
  /** Answers the request if it is the demo server's (such as /healthz or /metrics) and returns true; otherwise returns false and touches nothing. */
  handleRequest(request: IncomingMessage, response: ServerResponse): boolean;
  /** Takes an upgrade request under /ws/ and returns true; any other path returns false, untouched. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Closes every connection with `code` (1001 Going Away by default), waiting for the close handshake up to closeGraceMs. */
  close(code?: number): Promise<void>;
}

export function createDemoServer(overrides: Partial<DemoServerOptions> = {}): DemoServer {
  const options = resolveOptions(overrides);
  const log = createLogger(options.logLevel);
  const metrics = createMetrics();
  const caps = new ConnectionCaps(options.maxConnectionsPerIp, options.maxConnections);
  const trustedProxies = compileTrustedProxies(options.trustedProxies);
  const wss = new WebSocketServer<typeof CountedWebSocket>({
    noServer: true,
    maxPayload: options.maxMessageBytes,
    // permessage-deflate (RFC 7692) stays off. Each compressed connection keeps zlib state, tens of KiB per socket
    // and CPU for every message (about 8× slower echo measured here); a tiny compressed message can inflate to
    // megabytes (a zip bomb), so maxPayload would be checked only after the work; and readers of a tutorial about
    // bytes on the wire should see plain frames, not DEFLATE output with RSV1 set.
    perMessageDeflate: false,
    // The demo server keeps its own map of open connections (below), with what each one's limits need; ws's set of
    // clients would repeat it, with one more close listener per connection.
    clientTracking: false,
    WebSocket: CountedWebSocket,
  });
  // ws emits the response lines just before it writes them to the socket, so this is what went on the wire.
  const responseLines = new WeakMap<IncomingMessage, readonly string[]>();
  wss.on('headers', (lines: string[], request: IncomingMessage) => responseLines.set(request, [...lines]));
  // With a listener, ws leaves the answer to us, so every refusal has the same shape and is counted. By the time ws
  // checks anything, method and version have passed, so what is left (Upgrade, key, subprotocols) is a 400 (§4.2.1).
  wss.on('wsClientError', (error: Error, socket: Duplex, request: IncomingMessage) =>
    refuse(
      socket,
      request,
      demoError('DEMO_ERR_BAD_HANDSHAKE', `${error.message}, so this is not a valid opening handshake (RFC 6455 §4.2.1).`),
    ),
  );
  const connections = new Map<WebSocket, ConnectionWatch>();
  const stopIdleSweep = startIdleSweep(connections, options.idleTimeoutMs);
  const stopHeartbeat = startHeartbeat(connections, options.heartbeatIntervalMs, ({ id }) =>
    log.info({ event: 'terminated', id }, 'The peer did not answer the previous ping, so it was terminated.'),
  );
  let closing = false;
  let lastConnectionId = 0;

  function handleRequest(request: IncomingMessage, response: ServerResponse): boolean {
    // First, so the race's byte ledger sees where every request on a keep-alive connection starts.
    if (race.handleRaceRequest(request, response, options)) return true;
    const path = pathOf(request);
    if (path === '/healthz') {
      sendText(response, closing ? 503 : 200, closing ? 'closing' : 'ok');
      return true;
    }
    if (path === '/metrics') {
      void metrics.registry
        .metrics()
        .then((text) => sendText(response, 200, text.trimEnd(), { 'Content-Type': metrics.registry.contentType }));
      return true;
    }
    if (!path.startsWith(WEBSOCKET_PREFIX)) return false;
    const endpoint = ENDPOINTS.find((e) => e.path === path);
    if (!endpoint) sendText(response, 404, `There is no WebSocket endpoint at ${path}.`);
    else {
      const { status, message, headers } = webSocketOnlyAnswer(path);
      sendText(response, status, message, { ...headers, Connection: 'Upgrade' });
    }
    return true;
  }

  function refuse(socket: Duplex, request: IncomingMessage, error: DemoProtocolError, headers: Record<string, string> = {}): void {
    metrics.refusals.inc({ reason: error.code });
    log.info(
      { event: 'refused', code: error.code, status: error.status, ip: clientAddress(request, trustedProxies), path: pathOf(request) },
      error.message,
    );
    refuseUpgrade(socket, error.status, error.message, headers);
  }

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = pathOf(request);
    if (!path.startsWith(WEBSOCKET_PREFIX)) return false;
    const endpoint = ENDPOINTS.find((e) => e.path === path);
    if (!endpoint) {
      refuse(socket, request, demoError('DEMO_ERR_NO_ENDPOINT', `There is no WebSocket endpoint at ${path}.`));
      return true;
    }
    if (closing) {
      refuse(socket, request, demoError('DEMO_ERR_SHUTTING_DOWN', 'The demo server is shutting down.'), { 'Retry-After': '1' });
      return true;
    }
    if (request.method !== 'GET') {
      const error = demoError(
        'DEMO_ERR_METHOD_NOT_ALLOWED',
        `An opening handshake is a GET request, not ${request.method} (RFC 6455 §4.1, item 2).`,
      );
      refuse(socket, request, error, { Allow: 'GET' });
      return true;
    }
    // Node lets an upgrade without Host through (plain requests get its 400); §4.1 item 4 requires the field.
    if (request.headers.host === undefined) {
      refuse(
        socket,
        request,
        demoError(
          'DEMO_ERR_BAD_HANDSHAKE',
          'The request has no Host header field, which an opening handshake must have (RFC 6455 §4.1, item 4).',
        ),
      );
      return true;
    }
    const tooManyHeaders = checkHeaderCount(request, options.maxHeaderCount);
    if (tooManyHeaders) {
      refuse(socket, request, tooManyHeaders);
      return true;
    }
    // ws would answer an unknown version with 400 and offer draft version 8 too; the RFC's answer is
    // 426 Upgrade Required with "Sec-WebSocket-Version: 13" (§4.2.2, §4.4), which readers can then look up.
    const version = checkVersion(request.headers['sec-websocket-version']);
    if (!version.ok) {
      const code = version.response.status === 426 ? 'DEMO_ERR_UNSUPPORTED_VERSION' : 'DEMO_ERR_BAD_VERSION';
      refuse(socket, request, demoError(code, version.reason), version.response.headers);
      return true;
    }
    // #region origin-guard
    const foreignOrigin = checkOrigin(request, options.allowedOrigins);
    if (foreignOrigin) {
      refuse(socket, request, foreignOrigin);
      return true;
    }
    // #endregion origin-guard
    const ip = clientAddress(request, trustedProxies);
    const overCap = caps.reserve(ip);
    if (overCap) {
      refuse(socket, request, overCap);
      return true;
    }
    // Until ws has upgraded the socket, its place goes back when the socket closes (ws may yet refuse the handshake).
    const place = { ip, release: () => caps.release(ip) };
    socket.once('close', place.release);
    const decision = endpoint.beforeUpgrade?.(request, options, ip) ?? null;
    if (decision && 'refusal' in decision) {
      refuse(socket, request, decision.refusal, decision.headers);
      return true;
    }
    if (decision) {
      decision.answer(socket, request);
      return true;
    }
    // #region hand-over
    wss.handleUpgrade(request, socket, head, (ws) => {
      // ws has already sent the right close code (1002, 1007, 1009…) when it emits 'error'; without a
      // listener the error would be thrown and take every other connection down with the process.
      ws.on('error', ignoreError);
      accept(ws, socket, endpoint, request, place);
    });
    // #endregion hand-over
    return true;
  }

  /**
   * Sets up an upgraded connection: applies the per-connection limits, and counts and logs its life. This is a
   * function of its own, not code inside the upgrade callback, so that the closures a connection keeps for its
   * whole life do not also keep its IncomingMessage and head buffer.
   */
  function accept(ws: CountedWebSocket, stream: Duplex, endpoint: Endpoint, request: IncomingMessage, place: Place): void {
    const { ip } = place;
    const received = metrics.messageTally(endpoint.path, 'in');
    const watch = new ConnectionWatch(ws, ++lastConnectionId, endpoint.path, ip, options, received, performance.now());
    connections.set(ws, watch);
    // From now on forget() gives the place back: ws emits 'close' once the TCP socket has closed, and the
    // connection then keeps no closure for it.
    stream.removeListener('close', place.release);
    ws.on('close', forget);
    ws.sent = metrics.messageTally(endpoint.path, 'out');
    // Prepended, so a limit is judged on a frame's header before ws acts on the same bytes.
    stream.prependListener('data', readFrames(watch));
    metrics.connections.inc({ endpoint: endpoint.path });
    log.info({ event: 'open', id: watch.id, endpoint: endpoint.path, ip }, 'connection opened');
    endpoint.onConnection(ws, options, request, {
      stream,
      responseLines: responseLines.get(request) ?? [],
      closeForViolation: (error) => closeForViolation(ws, error),
    });
  }

  /** The raw socket's 'data' listener: the watch reads each chunk's frame headers, and a limit passed closes the connection. */
  function readFrames(watch: ConnectionWatch): (chunk: Buffer) => void {
    return (chunk) => {
      const error = watch.push(chunk, performance.now());
      if (error) closeForViolation(watch.ws, error);
    };
  }

  /** The one 'close' listener every connection shares: counts and logs the close, and drops the connection's watch. */
  function forget(this: WebSocket, code: number, reason: Buffer): void {
    const watch = connections.get(this);
    if (!watch) return;
    connections.delete(this);
    caps.release(watch.ip);
    metrics.connections.dec({ endpoint: watch.endpoint });
    metrics.closes.inc({ code: closeCodeLabel(code) });
    const { id, endpoint, ip } = watch;
    const durationMs = Math.round(performance.now() - watch.openedAt);
    log.info({ event: 'close', id, endpoint, ip, code, reason: reason.toString(), durationMs }, 'connection closed');
  }

  /** Closes with the error's code and reason, and cuts the socket if the peer does not finish the close handshake in time. */
  function closeForViolation(ws: WebSocket, error: DemoProtocolError): void {
    log.info({ event: 'violation', id: connections.get(ws)?.id, code: error.code, status: error.status }, error.message);
    ws.close(error.status, error.closeReason);
    const timer = setTimeout(() => ws.terminate(), options.closeGraceMs);
    timer.unref();
    ws.once('close', () => clearTimeout(timer));
  }

  async function close(code = 1001): Promise<void> {
    closing = true;
    stopHeartbeat();
    stopIdleSweep();
    const clients = [...connections.keys()];
    await Promise.all(clients.map((ws) => closeGracefully(ws, code, options.closeGraceMs)));
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }

  return { options, metrics, connections, handleRequest, handleUpgrade, close };
}

const UNCOUNTED: MessageTally = { count: 0 };

/**
 * ws's WebSocket, counting every message it sends into its endpoint's tally. Endpoints send through ws.send as
 * usual, so they stay free of metrics code. A subclass (ws's `WebSocket` option) rather than a wrapper assigned
 * to each connection's send: the tally is a field of every instance, and the method is shared.
 */
class CountedWebSocket extends WebSocket {
  /** Set by accept() as soon as ws hands the connection over, before anything is sent. */
  sent: MessageTally = UNCOUNTED;

  override send(data: SendData, callback?: SendCallback): void;
  override send(data: SendData, options: SendOptions, callback?: SendCallback): void;
  override send(data: SendData, optionsOrCallback?: SendOptions | SendCallback, callback?: SendCallback): void {
    this.sent.count++;
    // ws's own send sorts out which of the two forms it was given.
    super.send(data, optionsOrCallback as SendOptions, callback);
  }
}

type SendData = Parameters<WebSocket['send']>[0];
type SendOptions = Exclude<Parameters<WebSocket['send']>[1], SendCallback | undefined>;
type SendCallback = (error?: Error) => void;

function ignoreError(): void {}

/** Peers choose codes 3000–4999 freely; one series per range keeps a peer from minting 2000 of them. */
function closeCodeLabel(code: number): string {
  if (code >= 4000 && code <= 4999) return '4000-4999';
  if (code >= 3000 && code <= 3999) return '3000-3999';
  return String(code);
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
