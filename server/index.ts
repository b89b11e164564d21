// The demo server: createDemoServer(options) routes /ws/* upgrades to one module per endpoint, and answers /healthz and /metrics.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { Duplex } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { refuseUpgrade, sendJson, sendText, webSocketOnlyAnswer } from './http-responses.ts';
import { checkVersion } from '../src/lib/protocol/handshake-headers.ts';
import { resolveOptions, type DemoServerOptions } from './limits.ts';
import { demoError, DemoProtocolError } from './demo-errors.ts';
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
import * as deflate from './endpoints/deflate.ts';
import { WebSocketServers, type ChooseCompression, type CompressionPlace } from './websocket-servers.ts';
import { isWebSocketConnect, openStreamSocket, refuseStream } from './transports/http2-connect.ts';
import * as race from './race/index.ts';
import type { ChatBroker } from './broker/broker.ts';
import { chooseBroker, chooseConnectionLedger } from './broker/choose-broker.ts';
import { startCapsSync } from './caps-sync.ts';
import { healthReport, sendHealth } from './health.ts';
import { hostname } from 'node:os';
import * as trouble from './trouble/index.ts';
import * as authCookie from './auth/cookie.ts';
import * as authTicket from './auth/ticket.ts';
import * as authFirstMessage from './auth/first-message.ts';
import * as authSubprotocol from './auth/subprotocol.ts';
import * as authQuery from './auth/query.ts';
import { CredentialStore } from './auth/credentials.ts';
import { handleAuthRequest } from './auth/http.ts';
import * as cswshUnsafe from './cswsh/unsafe.ts';
import * as mqtt from './endpoints/mqtt.ts';
import { linkToBroker, type MqttBrokerLink } from './mqtt/broker-link.ts';
import { startSecondOrigin, type SecondOrigin } from './cswsh/second-origin.ts';
import { handleStopNode, mayStopNode } from './stop-node.ts';
import { STOP_NODE_PATH_PREFIX } from '../src/lib/demo-messages.ts';

export { LIMITS, optionsFromEnv, resolveOptions, type DemoServerOptions } from './limits.ts';
export { httpServerOptions, applyHttpLimits } from './http-limits.ts';
export { mosquittoBinary } from './mqtt/mosquitto.ts';

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

/** What the demo server shares with its endpoints besides options: they receive these, never import them. */
export interface DemoServices {
  /** Carries the chat room between connections, and between nodes when there are several. */
  broker: ChatBroker;
  /** This node's name (DEMO_NODE_NAME, or the host name and port the first request came in on). */
  node: string;
  /** The /auth/* sessions, tickets and tokens the /ws/auth/* endpoints check. */
  credentials: CredentialStore;
  /** The CSWSH demo's second origin, with DEMO_SECOND_ORIGIN on; null otherwise. */
  secondOrigin: SecondOrigin | null;
  /** The broker /ws/mqtt relays to (DEMO_MQTT_URL, or mosquitto started with DEMO_MQTT_BROKER on); null when MQTT is off. */
  mqtt: MqttBrokerLink | null;
  /** Whether the reader who sent `request` may stop this node (cluster mode, on loopback): the chat's welcome says so. */
  mayStopNode(request: IncomingMessage): boolean;
}

/** What an endpoint may decide before ws upgrades: refuse, or write its own answer (the trouble endpoint's broken servers). */
export type UpgradeDecision =
  { refusal: DemoProtocolError; headers?: Record<string, string> } | { answer(socket: Duplex, request: IncomingMessage): void };

interface Endpoint {
  path: string;
  /** The subprotocols the endpoint speaks; without this list, ws's default applies: the first name offered. */
  subprotocols?: readonly string[];
  /** Whether this request's connection is compressed; endpoints without it never negotiate permessage-deflate. */
  compression?: ChooseCompression;
  /** Runs after every guard and cap has passed, on HTTP/1.1 upgrades; null lets ws upgrade as usual. */
  beforeUpgrade?(request: IncomingMessage, options: DemoServerOptions, ip: string, services: DemoServices): UpgradeDecision | null;
  /** Why the endpoint cannot serve at all right now (MQTT without a broker), for a plain GET to it; null when it can. */
  unavailable?(services: DemoServices): DemoProtocolError | null;
  /** Only the CSWSH demo's deliberately unsafe endpoint sets this; it exists only with DEMO_SECOND_ORIGIN on. */
  skipsOriginCheck?: boolean;
  /** Its beforeUpgrade only admits or refuses (never writes an answer), so RFC 8441's extended CONNECT runs it too. */
  admitsOnEveryTransport?: boolean;
  onConnection(socket: WebSocket, options: DemoServerOptions, request: IncomingMessage, upgrade: Upgrade, services: DemoServices): void;
}

const ENDPOINTS: readonly Endpoint[] = [
  echo,
  inspect,
  lab,
  chat,
  deflate,
  race.socketEndpoint,
  trouble,
  authCookie,
  authTicket,
  authFirstMessage,
  authSubprotocol,
  authQuery,
  mqtt,
];

/** Where the CSWSH demo's page asks for the second origin's port: 404 when it is off. */
const SECOND_ORIGIN_PATH = '/cswsh/second-origin';

/** The prefix under which every WebSocket endpoint lives; any other upgrade (such as Vite's HMR) is not ours. */
export const WEBSOCKET_PREFIX = '/ws/';

export interface DemoServer {
  readonly options: DemoServerOptions;
  readonly metrics: DemoMetrics;
  /** The open WebSocket connections and what the server knows about each, for tests and diagnostics. */
  readonly connections: OpenConnections;
  /** This node's name (DEMO_NODE_NAME, or the host name and the port `request` came in on), for X-Demo-Node. */
  nodeName(request: IncomingMessage): string;
  /** Answers the request if it is the demo server's (such as /healthz or /metrics) and returns true; otherwise returns false and touches nothing but the X-Demo-Node header. */
  handleRequest(request: IncomingMessage, response: ServerResponse): boolean;
  /** Takes an upgrade request under /ws/ and returns true; any other path returns false, untouched. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Takes an HTTP/2 extended CONNECT for WebSocket (RFC 8441) under /ws/ and returns true; anything else returns false. */
  handleConnect(request: Http2ServerRequest, response: Http2ServerResponse): boolean;
  /** Closes every connection with `code` (1001 Going Away by default), waiting for the close handshake up to closeGraceMs. */
  close(code?: number): Promise<void>;
}

export function createDemoServer(overrides: Partial<DemoServerOptions> = {}): DemoServer {
  const options = resolveOptions(overrides);
  const log = createLogger(options.logLevel);
  const metrics = createMetrics();
  const caps = new ConnectionCaps(options.maxConnectionsPerIp, options.maxConnections);
  const trustedProxies = compileTrustedProxies(options.trustedProxies);
  const services: DemoServices = {
    broker: chooseBroker(options, log),
    node: options.nodeName,
    credentials: new CredentialStore(options.authMaxCredentials, options.authMaxCredentialsPerIp),
    secondOrigin: options.secondOrigin ? startSecondOrigin() : null,
    mqtt: linkToBroker(options),
    mayStopNode: (request) => mayStopNode(request, { offered: options.offerStopNode, trustedProxies }),
  };
  // The unsafe endpoint is not merely refused without the second origin: it is not there.
  const endpoints: readonly Endpoint[] = options.secondOrigin ? [...ENDPOINTS, cswshUnsafe] : ENDPOINTS;
  const ledger = chooseConnectionLedger(options);
  const stopCapsSync = ledger ? startCapsSync(caps, ledger, () => services.node) : async () => {};
  // ws's response lines and handshake errors are handled alike on every server (one plain, one per compression setting).
  const responseLines = new WeakMap<IncomingMessage, readonly string[]>();
  const servers = new WebSocketServers<typeof CountedWebSocket>(
    {
      maxPayload: options.maxMessageBytes,
      // The demo server keeps its own map of open connections (below), with what each one's limits need; ws's set of
      // clients would repeat it, with one more close listener per connection.
      clientTracking: false,
      WebSocket: CountedWebSocket,
      // The server picks one of the offered names it speaks, or none: then its 101 carries no Sec-WebSocket-Protocol
      // (RFC 6455 §4.2.2, step 4 of /subprotocol/). ws alone would take the first name offered, spoken or not, so an
      // endpoint that lists what it speaks gets exactly that; the others keep ws's default.
      handleProtocols: (offered: Set<string>, request: IncomingMessage) => {
        const speaks = endpoints.find((e) => e.path === pathOf(request))?.subprotocols;
        if (!speaks) return offered.values().next().value ?? false;
        return [...offered].find((name) => speaks.includes(name)) ?? false;
      },
    },
    (wss) => {
      // ws emits the response lines just before it writes them to the socket, so this is what went on the wire.
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
    },
  );
  const connections = new Map<WebSocket, ConnectionWatch>();
  const stopIdleSweep = startIdleSweep(connections, options.idleTimeoutMs);
  const stopHeartbeat = startHeartbeat(connections, options.heartbeatIntervalMs, ({ id }) =>
    log.info({ event: 'terminated', id }, 'The peer did not answer the previous ping, so it was terminated.'),
  );
  let closing = false;
  let lastConnectionId = 0;

  /** The default name needs the port, which only a request knows (the host server may listen on port 0). */
  function nodeName(request: IncomingMessage): string {
    if (services.node === '') services.node = `${hostname()}:${request.socket.localPort ?? 0}`;
    return services.node;
  }

  function handleRequest(request: IncomingMessage, response: ServerResponse): boolean {
    // Set on every response, as npm start does too: a header no one sends yet touches nothing else.
    response.setHeader('X-Demo-Node', nodeName(request));
    // First, so the race's byte ledger sees where every request on a keep-alive connection starts.
    if (race.handleRaceRequest(request, response, options, services.node)) return true;
    const path = pathOf(request);
    if (path === '/healthz') {
      sendHealth(request, response, healthReport(closing, services.node, services.broker.health()));
      return true;
    }
    if (path.startsWith(STOP_NODE_PATH_PREFIX)) {
      // The same shutdown as `kill <pid>`: npm start's SIGTERM handler closes every socket with 1001 and exits.
      const stop = () => {
        log.warn({ event: 'stop-node', node: services.node }, 'A reader on loopback pressed Stop this node.');
        process.kill(process.pid, 'SIGTERM');
      };
      const context = { offered: options.offerStopNode, node: services.node, trustedProxies, allowedOrigins: options.allowedOrigins, stop };
      if (handleStopNode(request, response, path, context)) return true;
    }
    if (path === '/metrics') {
      void metrics.registry
        .metrics()
        .then((text) => sendText(response, 200, text.trimEnd(), { 'Content-Type': metrics.registry.contentType }));
      return true;
    }
    if (handleAuthRequest(request, response, path, services.credentials, options, clientAddress(request, trustedProxies))) return true;
    if (path === SECOND_ORIGIN_PATH) {
      const secondOrigin = services.secondOrigin;
      if (!secondOrigin) sendText(response, 404, 'The second origin is off on this server (DEMO_SECOND_ORIGIN).');
      else void secondOrigin.ready.then((port) => sendJson(response, 200, { port }));
      return true;
    }
    if (!path.startsWith(WEBSOCKET_PREFIX)) return false;
    const endpoint = endpoints.find((e) => e.path === path);
    const down = endpoint?.unavailable?.(services);
    if (!endpoint) sendText(response, 404, `There is no WebSocket endpoint at ${path}.`);
    else if (down) sendText(response, down.status, `${down.code}: ${down.message}`);
    else {
      const { status, message, headers } = webSocketOnlyAnswer(path);
      sendText(response, status, message, { ...headers, Connection: 'Upgrade' });
    }
    return true;
  }

  function refuse(socket: Duplex, request: IncomingMessage, error: DemoProtocolError, headers: Record<string, string> = {}): void {
    count(request, error);
    refuseUpgrade(socket, error.status, error.message, headers);
  }

  /** Every refusal, on any transport, is counted and logged here. */
  function count(request: IncomingMessage, error: DemoProtocolError): void {
    metrics.refusals.inc({ reason: error.code });
    services.secondOrigin?.note(request, error.status, error.code);
    log.info(
      { event: 'refused', code: error.code, status: error.status, ip: clientAddress(request, trustedProxies), path: pathOf(request) },
      error.message,
    );
  }

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    nodeName(request);
    const path = pathOf(request);
    if (!path.startsWith(WEBSOCKET_PREFIX)) return false;
    const admission = admit(request, path, 'GET', true);
    if (admission instanceof Refusal) {
      refuse(socket, request, admission.error, admission.headers);
      return true;
    }
    const { endpoint, place, compressed } = admission;
    // Until ws has upgraded the socket, its place goes back when the socket closes (ws may yet refuse the handshake).
    socket.once('close', place.release);
    const decision = endpoint.beforeUpgrade?.(request, options, place.ip, services) ?? null;
    if (decision && 'refusal' in decision) {
      refuse(socket, request, decision.refusal, decision.headers);
      return true;
    }
    if (decision) {
      decision.answer(socket, request);
      return true;
    }
    // #region hand-over
    servers.for(compressed?.compression ?? null).handleUpgrade(request, socket, head, (ws) => {
      // ws has already sent the right close code (1002, 1007, 1009…) when it emits 'error'; without a
      // listener the error would be thrown and take every other connection down with the process.
      ws.on('error', logPeerError);
      if (compressed) ws.once('close', compressed.release);
      accept(ws, socket, endpoint, request, place);
    });
    // #endregion hand-over
    return true;
  }

  function handleConnect(request: Http2ServerRequest, response: Http2ServerResponse): boolean {
    if (!isWebSocketConnect(request)) return false;
    // The guards read the method, path, headers, raw headers and peer address, which an HTTP/2 request has too.
    const asMessage = request as unknown as IncomingMessage;
    const path = pathOf(asMessage);
    if (!path.startsWith(WEBSOCKET_PREFIX)) return false;
    const admission = admit(asMessage, path, 'CONNECT', true);
    if (admission instanceof Refusal) {
      count(asMessage, admission.error);
      refuseStream(response, admission.error.status, admission.error.message, admission.headers);
      return true;
    }
    const { endpoint, place, compressed } = admission;
    const stream = response.stream;
    stream.once('close', place.release);
    // A guard that only admits or refuses runs here too; one that may write its own HTTP/1.1 answer (trouble) cannot.
    if (endpoint.admitsOnEveryTransport) {
      const decision = endpoint.beforeUpgrade?.(asMessage, options, place.ip, services) ?? null;
      if (decision && 'refusal' in decision) {
        count(asMessage, decision.refusal);
        refuseStream(response, decision.refusal.status, decision.refusal.message, decision.headers ?? {});
        return true;
      }
    }
    // The ws server that would take this request on HTTP/1.1, so its limits and permessage-deflate setting apply alike.
    const opened = openStreamSocket(servers.for(compressed?.compression ?? null), request, response);
    if ('refusal' in opened) {
      const error = demoError('DEMO_ERR_BAD_HANDSHAKE', opened.refusal);
      count(asMessage, error);
      refuseStream(response, error.status, error.message);
      return true;
    }
    const { ws } = opened;
    responseLines.set(asMessage, opened.responseLines);
    ws.on('error', logPeerError);
    if (compressed) ws.once('close', compressed.release);
    accept(ws, stream, endpoint, asMessage, place);
    return true;
  }

  /**
   * The guards every transport runs, in order of cost: endpoint, shutdown, method, Host (or HTTP/2's :authority),
   * header count, version, Origin, the connection caps and, where the transport can negotiate it, compression.
   */
  function admit(request: IncomingMessage, path: string, method: 'GET' | 'CONNECT', mayCompress: boolean): Admission | Refusal {
    const endpoint = endpoints.find((e) => e.path === path);
    if (!endpoint) return new Refusal(demoError('DEMO_ERR_NO_ENDPOINT', `There is no WebSocket endpoint at ${path}.`));
    if (closing) return new Refusal(demoError('DEMO_ERR_SHUTTING_DOWN', 'The demo server is shutting down.'), { 'Retry-After': '1' });
    if (request.method !== method) {
      const error = demoError(
        'DEMO_ERR_METHOD_NOT_ALLOWED',
        `An opening handshake is a GET request, not ${request.method} (RFC 6455 §4.1, item 2).`,
      );
      return new Refusal(error, { Allow: 'GET' });
    }
    // Node lets an upgrade without Host through (plain requests get its 400); §4.1 item 4 requires the field.
    if (hostOf(request) === undefined) {
      return new Refusal(
        demoError(
          'DEMO_ERR_BAD_HANDSHAKE',
          'The request has no Host header field, which an opening handshake must have (RFC 6455 §4.1, item 4).',
        ),
      );
    }
    const tooManyHeaders = checkHeaderCount(request, options.maxHeaderCount);
    if (tooManyHeaders) return new Refusal(tooManyHeaders);
    // ws would answer an unknown version with 400 and offer draft version 8 too; the RFC's answer is
    // 426 Upgrade Required with "Sec-WebSocket-Version: 13" (§4.2.2, §4.4), which readers can then look up, plus
    // the "Upgrade: websocket" that HTTP requires of every 426 (RFC 9110 §15.5.22).
    const version = checkVersion(request.headers['sec-websocket-version']);
    if (!version.ok) {
      const unsupported = version.response.status === 426;
      const code = unsupported ? 'DEMO_ERR_UNSUPPORTED_VERSION' : 'DEMO_ERR_BAD_VERSION';
      if (unsupported && method === 'CONNECT') {
        // HTTP/2 has no Upgrade field (RFC 9113 §8.2.2), and a 426 must carry one (RFC 9110 §15.5.22), so the answer
        // is RFC 6455 §4.4's other one: 400 with the versions the server speaks in Sec-WebSocket-Version.
        const reason = `${version.reason} Over HTTP/2 that is a 400, not a 426: a 426 must name an Upgrade, which HTTP/2 does not have (RFC 9113 §8.2.2).`;
        return new Refusal(demoError('DEMO_ERR_UNSUPPORTED_VERSION_HTTP2', reason), version.response.headers);
      }
      // A 426 names the protocol to upgrade to, and a sender of Upgrade lists it in Connection (RFC 9110 §15.5.22, §7.8).
      const upgradeTo = unsupported ? { Upgrade: 'websocket', Connection: 'Upgrade, close' } : {};
      return new Refusal(demoError(code, version.reason), { ...version.response.headers, ...upgradeTo });
    }
    // #region origin-guard
    const foreignOrigin = endpoint.skipsOriginCheck ? null : checkOrigin(request, options.allowedOrigins);
    if (foreignOrigin) return new Refusal(foreignOrigin);
    // #endregion origin-guard
    const ip = clientAddress(request, trustedProxies);
    const overCap = caps.reserve(ip);
    if (overCap) return new Refusal(overCap);
    // permessage-deflate (RFC 7692) only where an endpoint asks for it; see the note on it in ARCHITECTURE.md.
    const compressed = mayCompress ? (endpoint.compression?.(request, options) ?? null) : null;
    if (compressed instanceof DemoProtocolError) {
      caps.release(ip);
      return new Refusal(compressed);
    }
    const release = () => {
      caps.release(ip);
      compressed?.release();
    };
    return { endpoint, place: { ip, release }, compressed };
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
    endpoint.onConnection(
      ws,
      options,
      request,
      {
        stream,
        responseLines: responseLines.get(request) ?? [],
        closeForViolation: (error) => closeForViolation(ws, error),
      },
      services,
    );
  }

  /** The raw socket's 'data' listener: the watch reads each chunk's frame headers, and a limit passed closes the connection. */
  function readFrames(watch: ConnectionWatch): (chunk: Buffer) => void {
    return (chunk) => {
      const error = watch.push(chunk, performance.now());
      if (error) closeForViolation(watch.ws, error);
    };
  }

  /**
   * The one 'error' listener every connection shares. ws sends only the close code, so the cause (such as "invalid
   * UTF-8 sequence") would be lost; RFC 6455 §7.1.7 asks a server that fails a connection to log the problem.
   */
  function logPeerError(this: WebSocket, error: Error & { code?: string }): void {
    const watch = connections.get(this);
    log.info({ event: 'protocol-error', id: watch?.id, endpoint: watch?.endpoint, code: error.code }, error.message);
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
    await servers.close();
    await Promise.all([services.broker.close(), stopCapsSync(), services.secondOrigin?.close(), services.mqtt?.close()]);
  }

  return { options, metrics, connections, nodeName, handleRequest, handleUpgrade, handleConnect, close };
}

/** What the guards let through: the endpoint, the client's place under the caps, and the compression chosen, if any. */
interface Admission {
  endpoint: Endpoint;
  place: Place;
  compressed: CompressionPlace | null;
}

/** A guard's refusal, with the headers its answer needs (Allow, Retry-After, Sec-WebSocket-Version). */
class Refusal {
  readonly error: DemoProtocolError;
  readonly headers: Record<string, string>;
  constructor(error: DemoProtocolError, headers: Record<string, string> = {}) {
    this.error = error;
    this.headers = headers;
  }
}

/** Host on HTTP/1.1; HTTP/2 carries the same in :authority (RFC 9113 §8.3.1), which RFC 8441 §4 requires. */
function hostOf(request: IncomingMessage): string | undefined {
  return request.headers.host ?? (request.headers[':authority'] as string | undefined);
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
