// What a browser engine does where RFC 6455 and WHATWG leave room, or where engines stray: observed with small raw
// servers on 127.0.0.1 that send exact bytes, read back with ws's Receiver. The engines spec and
// `npm run engines` (scripts/record-engines.ts) both run these, so the committed table is what a test saw.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http2 from 'node:http2';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { selfSignedCertificate } from '../support/local-servers.ts';
import type { Driver } from './driver/driver.ts';

/** One row of the table: what was tried, the rule it is about, and what each engine did. */
export interface FactDefinition {
  id: string;
  /** What the server (or page) did, in a few words. */
  situation: string;
  /** The rule that applies, with its section: shown on the page beside the observations. */
  rule: string;
  /** Where the rule is written: a label and a link for each source the rule cites. */
  sources: { label: string; href: string }[];
}

const rfc = (section: string, number = 6455) => ({
  label: `RFC ${number} §${section}`,
  href: `https://www.rfc-editor.org/rfc/rfc${number}#section-${section}`,
});
const WHATWG_ESTABLISH = {
  label: 'WHATWG WebSockets: establish a connection',
  href: 'https://websockets.spec.whatwg.org/#concept-websocket-establish',
};
const WHATWG_FEEDBACK = {
  label: 'WHATWG WebSockets: feedback from the protocol',
  href: 'https://websockets.spec.whatwg.org/#feedback-from-the-protocol',
};

/** What one engine did: the events the page saw, and what the browser put on the wire in reply. */
export interface Observation {
  page: string[];
  wire: string;
}

export interface EngineRecord {
  version: string;
  facts: Record<string, Observation>;
}

export interface EngineFacts {
  about: string;
  definitions: FactDefinition[];
  engines: Record<string, EngineRecord>;
}

export const ENGINE_FACTS_FILE = 'src/data/engines.json';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const text = (s: string) => Buffer.from(s, 'utf8');
const closeFrame = (code: number, reason: Buffer = Buffer.alloc(0)) =>
  Buffer.concat([Buffer.from([0x88, 2 + reason.length, code >> 8, code & 0xff]), reason]);

/** Scenarios on a raw HTTP/1.1 server: the frames the server sends right after its 101, and what the page offers. */
interface RawScenario extends FactDefinition {
  serverSends?: Buffer;
  offer?: string[];
  /** Drop the TCP connection instead of sending anything. */
  reset?: boolean;
}

const RESERVED_CLOSE_CODES: [number, string][] = [
  [1004, 'is "Reserved. The specific meaning might be defined in the future." (RFC 6455 §7.4.1)'],
  [1005, 'MUST NOT be set as a status code in a Close control frame by an endpoint (RFC 6455 §7.4.1)'],
  [1006, 'MUST NOT be set as a status code in a Close control frame by an endpoint (RFC 6455 §7.4.1)'],
  [1015, 'MUST NOT be set as a status code in a Close control frame by an endpoint (RFC 6455 §7.4.1)'],
  [1016, 'is unassigned: 1000–2999 are for this protocol and its extensions, assigned through IANA (RFC 6455 §7.4.2)'],
  [2999, 'is unassigned: 1000–2999 are for this protocol and its extensions, assigned through IANA (RFC 6455 §7.4.2)'],
  [5000, 'is outside every range RFC 6455 §7.4.2 defines (0–4999)'],
];

const RAW_SCENARIOS: RawScenario[] = [
  {
    id: 'non-minimal-16',
    situation: 'Server sends "Hello" with a 16-bit length (126, then 0x0005)',
    rule: 'The minimal number of bytes MUST be used to encode the length (RFC 6455 §5.2); the RFC binds the sender and states no receiver action.',
    sources: [rfc('5.2'), rfc('7.1.7')],
    serverSends: Buffer.concat([Buffer.from([0x81, 126, 0x00, 0x05]), text('Hello')]),
  },
  {
    id: 'non-minimal-64',
    situation: 'Server sends "Hello" with a 64-bit length (127, then 0x…05)',
    rule: 'The minimal number of bytes MUST be used to encode the length (RFC 6455 §5.2).',
    sources: [rfc('5.2')],
    serverSends: Buffer.concat([Buffer.from([0x81, 127, 0, 0, 0, 0, 0, 0, 0, 0x05]), text('Hello')]),
  },
  {
    id: 'masked-server-frame',
    situation: 'Server sends a masked frame (the RFC’s masked "Hello")',
    rule: 'A client MUST close a connection if it detects a masked frame (RFC 6455 §5.1).',
    sources: [rfc('5.1')],
    serverSends: Buffer.from('818537fa213d7f9f4d5158', 'hex'),
  },
  ...RESERVED_CLOSE_CODES.map(([code, why]) => ({
    id: `close-${code}`,
    situation: `Server sends a Close frame with code ${code}`,
    rule: `${code} ${why}. RFC 6455 does not say what the receiver of such a code must do; 1002 is its code for a protocol error (§7.4.1).`,
    sources: [rfc('7.4.1'), rfc('7.4.2')],
    serverSends: closeFrame(code),
  })),
  {
    id: 'invalid-utf8-text',
    situation: 'Server sends a text message that is not UTF-8 (C3 28)',
    rule: 'The endpoint MUST fail the connection when text is not valid UTF-8 (RFC 6455 §8.1); 1007 is the matching code, which an endpoint MAY use (§7.4.1).',
    sources: [rfc('8.1'), rfc('7.4.1')],
    serverSends: Buffer.from([0x81, 0x02, 0xc3, 0x28]),
  },
  {
    id: 'invalid-utf8-close-reason',
    situation: 'Server sends Close 1000 with a reason that is not UTF-8 (C3 28)',
    rule: 'A close reason is UTF-8 (RFC 6455 §5.5.1); invalid UTF-8 means failing the connection (§8.1), for which 1007 is the matching code (§7.4.1).',
    sources: [rfc('5.5.1'), rfc('8.1')],
    serverSends: Buffer.concat([closeFrame(1000, Buffer.from([0xc3, 0x28]))]),
  },
  {
    id: 'subprotocol-declined',
    situation: 'Page offers x-unknown; the server’s 101 names no subprotocol',
    rule: 'If the page offered subprotocols and the response has no Sec-WebSocket-Protocol, the browser must fail the connection (WHATWG WebSockets, “establish a WebSocket connection”; RFC 6455 §4.1 leaves it to the client).',
    sources: [WHATWG_ESTABLISH, rfc('4.1')],
    offer: ['x-unknown'],
  },
  {
    id: 'tcp-reset',
    situation: 'Server drops the TCP connection with no Close frame',
    rule: 'The connection is closed without a close handshake: the page sees code 1006 and wasClean false (RFC 6455 §7.1.5, §7.4.1; WHATWG).',
    sources: [rfc('7.1.5'), WHATWG_FEEDBACK],
    reset: true,
  },
];

const TLS_FAILURE: FactDefinition = {
  id: 'tls-handshake-failure',
  situation: 'wss: whose TLS handshake fails (the server demands a client certificate)',
  rule: 'RFC 6455 §7.4.1 names 1015 for a failed TLS handshake; WHATWG has the browser fail the connection and report 1006, so 1015 should reach a page only if a server sends it.',
  sources: [rfc('7.4.1'), WHATWG_FEEDBACK],
};
const RFC_8441: FactDefinition = {
  id: 'rfc-8441',
  situation: 'https: page on an HTTP/2 server that offers SETTINGS_ENABLE_CONNECT_PROTOCOL, then new WebSocket(wss:) to it',
  rule: 'RFC 8441 §3–5: a client may bootstrap WebSocket with an extended CONNECT (:protocol websocket) on HTTP/2 once the server sends SETTINGS_ENABLE_CONNECT_PROTOCOL = 1; otherwise the HTTP/1.1 Upgrade of RFC 6455 §4.1.',
  sources: [rfc('4', 8441), rfc('5', 8441), rfc('4.1')],
};

export const FACT_DEFINITIONS: FactDefinition[] = [
  ...RAW_SCENARIOS.map(({ id, situation, rule, sources }) => ({ id, situation, rule, sources })),
  TLS_FAILURE,
  RFC_8441,
];

/** What the page saw of one `new WebSocket()`, as short event lines; resolves at close or after `waitMs`. */
function watchSocket(page: Driver, url: string, offer: string[] = []): Promise<string[]> {
  return page.evaluate(
    ({ url, offer }) =>
      new Promise<string[]>((resolve) => {
        const seen: string[] = [];
        const socket = new WebSocket(url, offer);
        const done = () => resolve(seen);
        const timer = setTimeout(() => {
          seen.push(`still ${['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'][socket.readyState]} after 10 s`);
          done();
        }, 10_000);
        socket.onopen = () => {
          seen.push(`open (protocol "${socket.protocol}")`);
          // The server waits for this before it acts, so what it sends arrives after open, in every engine.
          socket.send('ready');
        };
        socket.onmessage = (event) => seen.push(`message ${JSON.stringify(String(event.data))}`);
        socket.onerror = () => seen.push('error');
        socket.onclose = (event) => {
          seen.push(
            `close ${event.code}${event.wasClean ? ' (clean)' : ' (not clean)'}${event.reason ? ` reason ${JSON.stringify(event.reason)}` : ''}`,
          );
          clearTimeout(timer);
          done();
        };
      }),
    { url, offer },
  );
}

/**
 * The frames the browser sent after its handshake, read by a parser of our own rather than ws's Receiver, which
 * would refuse the very close codes under test. The page's own 'ready' is left out.
 */
export function describeWire(bytes: Buffer): string {
  const frames: string[] = [];
  let at = 0;
  while (at + 2 <= bytes.length) {
    const opcode = bytes[at]! & 0x0f;
    const masked = (bytes[at + 1]! & 0x80) !== 0;
    let length = bytes[at + 1]! & 0x7f;
    let header = 2;
    if (length === 126) [length, header] = [bytes.readUInt16BE(at + 2), 4];
    else if (length === 127) [length, header] = [Number(bytes.readBigUInt64BE(at + 2)), 10];
    const key = masked ? bytes.subarray(at + header, at + header + 4) : null;
    const start = at + header + (masked ? 4 : 0);
    if (start + length > bytes.length) {
      frames.push('a partial frame');
      break;
    }
    const payload = Buffer.from(bytes.subarray(start, start + length).map((b, i) => (key ? b ^ key[i % 4]! : b)));
    at = start + length;
    const unmasked = masked ? '' : ' (unmasked!)';
    if (opcode === 0x8) frames.push(payload.length >= 2 ? `Close ${payload.readUInt16BE(0)}${unmasked}` : `Close with no code${unmasked}`);
    else if (opcode === 0x1 && payload.toString() === 'ready') continue;
    else frames.push(`opcode 0x${opcode.toString(16)}${unmasked}`);
  }
  return frames.join(', ') || 'no frame';
}

/** A raw HTTP/1.1 server: serves an empty page at /, answers an upgrade with 101 and then does what `act` says. */
async function rawServer(act: (socket: Socket, request: string) => void): Promise<{ origin: string; server: Server }> {
  const server = createServer((socket) => {
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      const request = head.subarray(0, end).toString('latin1');
      const rest = head.subarray(end + 4);
      if (!/^upgrade: websocket/im.test(request)) {
        socket.end(
          'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 31\r\nConnection: close\r\n\r\n<!doctype html><title>.</title>',
        );
        return;
      }
      if (rest.length) socket.unshift(rest);
      act(socket, request);
    };
    socket.on('data', onData);
    socket.on('error', () => {});
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function accept(request: string): string {
  const key = /^sec-websocket-key:\s*(\S+)/im.exec(request)![1]!;
  const value = createHash('sha1')
    .update(key + GUID)
    .digest('base64');
  return `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${value}\r\n\r\n`;
}

async function observeRaw(page: Driver, scenario: RawScenario): Promise<Observation> {
  const fromBrowser: Buffer[] = [];
  let ended!: () => void;
  const socketEnded = new Promise<void>((resolve) => (ended = resolve));
  const { origin, server } = await rawServer((socket, request) => {
    socket.on('data', (chunk: Buffer) => fromBrowser.push(chunk));
    socket.on('close', () => ended());
    socket.write(accept(request));
    // The server acts once the page's 'ready' arrives, that is after open fired.
    socket.once('data', () => {
      if (scenario.reset) socket.resetAndDestroy();
      else if (scenario.serverSends) socket.write(scenario.serverSends);
    });
    // The server never closes on its own otherwise: what the browser does next is the observation.
    setTimeout(() => socket.destroy(), 3000).unref();
  });
  try {
    await page.goto(`${origin}/`);
    const events = await watchSocket(page, `${origin.replace('http:', 'ws:')}/ws`, scenario.offer);
    // Give the browser's last bytes (its Close, if any) time to arrive before reading them.
    await Promise.race([socketEnded, new Promise((resolve) => setTimeout(resolve, 1500))]);
    return { page: events, wire: describeWire(Buffer.concat(fromBrowser)) };
  } finally {
    server.close();
  }
}

async function observeTlsFailure(page: Driver, certificate: { key: string; cert: string }): Promise<Observation> {
  const { origin, server: pageServer } = await rawServer((socket) => socket.destroy());
  const server = tls.createServer({ ...certificate, requestCert: true, rejectUnauthorized: true }, (socket) => socket.destroy());
  server.on('tlsClientError', () => {});
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    await page.goto(`${origin}/`);
    const events = await watchSocket(page, `wss://127.0.0.1:${(server.address() as AddressInfo).port}/ws`);
    return { page: events, wire: 'TLS handshake refused by the server' };
  } finally {
    server.close();
    pageServer.close();
  }
}

async function observeRfc8441(page: Driver, certificate: { key: string; cert: string }): Promise<Observation> {
  let used = 'no WebSocket request reached the server';
  const server = http2.createSecureServer({ ...certificate, allowHTTP1: true, settings: { enableConnectProtocol: true } });
  server.on('stream', (stream, headers) => {
    if (headers[':method'] === 'CONNECT') {
      used = `HTTP/2 CONNECT with :protocol ${headers[':protocol']}`;
      stream.respond({ ':status': 403 });
      stream.end();
      return;
    }
    stream.respond({ ':status': 200, 'content-type': 'text/html' });
    stream.end('<!doctype html><title>.</title>');
  });
  server.on('request', (request, response) => {
    // HTTP/1.1 requests (allowHTTP1) that are not upgrades.
    if (request.httpVersion !== '2.0') response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>.</title>');
  });
  server.on('upgrade', (_request, socket: Socket) => {
    used = 'HTTP/1.1 GET with Upgrade: websocket';
    socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
  });
  server.on('sessionError', () => {});
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await page.goto(`${origin}/`);
    const protocol = await page.evaluate(
      () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).nextHopProtocol,
    );
    await watchSocket(page, `${origin.replace('https:', 'wss:')}/ws`);
    return { page: [`page loaded over ${protocol}`], wire: used };
  } finally {
    server.close();
  }
}

/** Runs every observation in this driver's engine, one after another. */
export async function observeEngine(page: Driver): Promise<Record<string, Observation>> {
  const facts: Record<string, Observation> = {};
  for (const scenario of RAW_SCENARIOS) facts[scenario.id] = await observeRaw(page, scenario);
  const dir = mkdtempSync(path.join(tmpdir(), 'engine-facts-'));
  try {
    const files = selfSignedCertificate(dir, '127.0.0.1');
    const certificate = { key: readFileSync(files.key, 'utf8'), cert: readFileSync(files.cert, 'utf8') };
    facts[TLS_FAILURE.id] = await observeTlsFailure(page, certificate);
    facts[RFC_8441.id] = await observeRfc8441(page, certificate);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return facts;
}

/** The committed table, or null when there is none yet. */
export function readEngineFacts(): EngineFacts | null {
  try {
    return JSON.parse(readFileSync(ENGINE_FACTS_FILE, 'utf8')) as EngineFacts;
  } catch {
    return null;
  }
}
