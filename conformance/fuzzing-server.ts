// Client mode: the suite as a fuzzing server speaking Autobahn's fuzzingserver protocol, playing each case's server side against a client under test.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FrameParser, checkKey, computeAccept, encodeFrame } from '../src/lib/protocol/index.ts';
import { clientModeCases, compareCaseIds, matchesCaseList, type ConformanceCase } from './cases/index.ts';
import { recordedSocket } from './probe-socket.ts';
import { playFrameCaseAsServer, type CaseResult } from './runner.ts';
import { DEFAULT_CASE_TIME_LIMIT_MS, FULL_CASE_TIME_LIMIT_MS } from './suite.ts';

/** Autobahn's fuzzingserver listens on 9001 by default, so clients written for it find this one there too. */
export const DEFAULT_FUZZING_PORT = 9001;

/** At most this many connections at once: a client runs its cases one by one, so more is a runaway client. */
export const MAX_FUZZING_CONNECTIONS = 16;

/** How long a client may take to send its whole upgrade request, in milliseconds. */
export const FUZZING_REQUEST_TIMEOUT_MS = 5000;

/** How long a control connection (/getCaseCount …) waits for the client's Close before the server closes TCP. */
const CONTROL_CLOSE_WAIT_MS = 1000;

/** The agent a report is filed under when a client names none (Autobahn allows that too). */
export const UNNAMED_AGENT = 'unnamed-client';

export interface FuzzingServerOptions {
  /** Where to listen; 127.0.0.1 unless asked otherwise, as the suite tests only what it is pointed at. */
  host?: string;
  /** Default DEFAULT_FUZZING_PORT; 0 picks a free port. */
  port?: number;
  /** A `--cases` list; the handshake cases (`h.*`) test servers and are never played. */
  cases?: string;
  /** Category 9 at Autobahn's sizes. */
  full?: boolean;
  caseTimeLimitMs?: number;
  /** Called after each case, e.g. to print progress. */
  onCase?: (agent: string, result: CaseResult, caseNumber: number, total: number) => void;
  /** Called when a client asks for /updateReports, with that agent's results so far, in suite order. */
  onReport?: (agent: string, results: CaseResult[]) => void | Promise<void>;
}

export interface FuzzingServer {
  /** `ws://host:port`, the base URL a client is given. */
  url: string;
  port: number;
  /** The cases in play, in Autobahn's order: `/runCase?case=N` plays `cases[N - 1]`. */
  cases: readonly ConformanceCase[];
  /** One agent's results so far, in suite order (waiting for any case still being played). */
  results(agent: string): Promise<CaseResult[]>;
  /** Resolves when a client asks to stop: `/updateReports?…&shutdownOnComplete=true` or `/stopServer`. */
  stopRequested: Promise<void>;
  close(): Promise<void>;
}

const ENDPOINTS =
  'This is the conformance suite’s fuzzing server (Autobahn’s fuzzingserver protocol). Connect a WebSocket client to /getCaseCount, then to /runCase?case=N&agent=NAME for N = 1 … count, echoing every message it receives, then to /updateReports?agent=NAME.';

/** Refuses an upgrade with a status and a sentence naming the rule broken, then closes the socket. */
function refuse(socket: Socket, status: number, reason: string, headers: Record<string, string> = {}): void {
  const body = `${reason}\n`;
  const lines = [
    `HTTP/1.1 ${status} ${{ 400: 'Bad Request', 404: 'Not Found', 426: 'Upgrade Required', 503: 'Service Unavailable' }[status] ?? 'Error'}`,
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

/** The request head as the client sent it (rebuilt from Node's raw header list), for the report's bytes. */
function requestHead(req: IncomingMessage): Uint8Array {
  const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

/** A positive whole number from a query parameter, or null. */
function caseNumber(value: string | null): number | null {
  return value !== null && /^[1-9]\d*$/.test(value) ? Number(value) : null;
}

export async function startFuzzingServer(options: FuzzingServerOptions = {}): Promise<FuzzingServer> {
  const cases = clientModeCases(options.full ?? false).filter((c) => matchesCaseList(c.id, options.cases));
  const caseTimeLimitMs = options.caseTimeLimitMs ?? (options.full ? FULL_CASE_TIME_LIMIT_MS : DEFAULT_CASE_TIME_LIMIT_MS);
  /** Each agent's results by case id, as promises so a status or report request can wait for a case in play. */
  const byAgent = new Map<string, Map<string, Promise<CaseResult>>>();
  const sockets = new Set<Socket>();
  let requestStop: () => void = () => {};
  const stopRequested = new Promise<void>((resolve) => (requestStop = resolve));

  const results = async (agent: string) =>
    (await Promise.all(byAgent.get(agent)?.values() ?? [])).sort((a, b) => compareCaseIds(a.id, b.id));

  /** Completes the handshake: 101 with the accept value, no subprotocol and no extension (the cases use neither). */
  const accept = async (req: IncomingMessage) => {
    const response = [
      'HTTP/1.1 101 Switching Protocols',
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Accept: ${await computeAccept(String(req.headers['sec-websocket-key']).trim())}`,
    ].join('\r\n');
    return Buffer.from(`${response}\r\n\r\n`, 'latin1');
  };

  /** A control endpoint: one text message (if any), a Close 1000, then the TCP connection ends. */
  const answerControl = async (req: IncomingMessage, socket: Socket, message?: unknown) => {
    socket.write(await accept(req));
    if (message !== undefined) socket.write(encodeFrame({ opcode: 1, payload: JSON.stringify(message) }).bytes);
    socket.write(encodeFrame({ opcode: 8, payload: new Uint8Array([0x03, 0xe8]) }).bytes);
    const parser = new FrameParser({ sender: 'client' });
    const timer = setTimeout(() => socket.end(), CONTROL_CLOSE_WAIT_MS);
    socket.on('data', (chunk: Buffer) => {
      if (parser.push(chunk).some((e) => e.kind !== 'frame' || e.decoded.frame.opcode === 8)) (clearTimeout(timer), socket.end());
    });
    socket.on('close', () => clearTimeout(timer));
  };

  const onUpgrade = async (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => {});
    // An HTTP server's sockets stay half open when the client ends its side; a client that drops TCP ends the case.
    socket.on('end', () => socket.end());
    if (sockets.size > MAX_FUZZING_CONNECTIONS)
      return refuse(socket, 503, `At most ${MAX_FUZZING_CONNECTIONS} connections at once: a client runs its cases one after the other.`);
    const version = String(req.headers['sec-websocket-version'] ?? '');
    if (version !== '13')
      return refuse(socket, 426, `Sec-WebSocket-Version must be 13, not "${version}" (RFC 6455 §4.2.1, §4.4).`, {
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
      });
    if (req.method !== 'GET')
      return refuse(socket, 400, `The opening handshake must be a GET request, not ${req.method} (RFC 6455 §4.2.1).`);
    const key = checkKey(String(req.headers['sec-websocket-key'] ?? ''));
    if (!key.ok) return refuse(socket, 400, key.reason);
    const url = new URL(req.url ?? '/', 'ws://fuzzing-server');
    const agent = url.searchParams.get('agent') ?? UNNAMED_AGENT;
    const number = caseNumber(url.searchParams.get('case'));
    const needsCase = url.pathname === '/runCase' || url.pathname === '/getCaseInfo' || url.pathname === '/getCaseStatus';
    if (needsCase && (number === null || number > cases.length))
      return refuse(
        socket,
        404,
        `${url.pathname} needs case=N with N from 1 to ${cases.length}, the count /getCaseCount gives; got ${JSON.stringify(url.searchParams.get('case'))}.`,
      );
    const testCase = number === null ? undefined : cases[number - 1]!;
    switch (url.pathname) {
      case '/getCaseCount':
        return answerControl(req, socket, cases.length);
      case '/getCaseInfo':
        return answerControl(req, socket, { id: testCase!.id, description: testCase!.description });
      case '/getCaseStatus': {
        const result = await byAgent.get(agent)?.get(testCase!.id);
        return answerControl(req, socket, { behavior: result?.behavior ?? null });
      }
      case '/updateReports':
        await options.onReport?.(agent, await results(agent));
        if (url.searchParams.get('shutdownOnComplete')?.toLowerCase() === 'true') requestStop();
        return answerControl(req, socket);
      case '/stopServer':
        requestStop();
        return answerControl(req, socket);
      case '/runCase': {
        const probe = recordedSocket(socket, undefined, requestHead(req));
        await probe.write(await accept(req));
        const played = playFrameCaseAsServer(testCase!, { probe, rest: new Uint8Array(head) }, { caseTimeLimitMs });
        let agentResults = byAgent.get(agent);
        if (!agentResults) byAgent.set(agent, (agentResults = new Map()));
        agentResults.set(testCase!.id, played);
        options.onCase?.(agent, await played, number!, cases.length);
        return;
      }
      default:
        return refuse(socket, 404, `No endpoint ${url.pathname}. ${ENDPOINTS}`);
    }
  };

  const server = createServer((_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(426, { 'Content-Type': 'text/plain; charset=utf-8', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13' });
    res.end(`${ENDPOINTS}\n`);
  });
  server.requestTimeout = FUZZING_REQUEST_TIMEOUT_MS;
  server.headersTimeout = FUZZING_REQUEST_TIMEOUT_MS;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    onUpgrade(req, socket, head).catch(() => socket.destroy());
  });
  server.listen(options.port ?? DEFAULT_FUZZING_PORT, options.host ?? '127.0.0.1');
  await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error as Error))]);
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `ws://${host}:${address.port}`,
    port: address.port,
    cases,
    results,
    stopRequested,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
