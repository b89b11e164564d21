// A WebSocket echo server (RFC 6455) built on node: modules alone, one checked step at a time.
import { createHash } from 'node:crypto';
import { createServer as createHttpServer, STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';

/** The one path this server speaks WebSocket on. */
const ENDPOINT = '/ws/echo';
/** Appended to the client's key before hashing it (§1.3); every WebSocket server uses this same string. */
const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** The server the checker starts: it calls createServer(), then listen(port) on what it returns. */
export function createServer(): Server {
  const server = createHttpServer((req, res) => {
    // A request without "Upgrade: websocket" lands here. On the endpoint, say what it speaks; elsewhere, there is nothing.
    // A 426 names the protocol to upgrade to, and a sender of Upgrade lists it in Connection too (RFC 9110 §15.5.22, §7.8).
    const onEndpoint = new URL(req.url ?? '/', 'http://localhost').pathname === ENDPOINT;
    const body = onEndpoint ? 'This endpoint speaks WebSocket only.\n' : 'Not found.\n';
    const headers = {
      'Content-Type': 'text/plain',
      'Content-Length': Buffer.byteLength(body),
      ...(onEndpoint ? { Upgrade: 'websocket', Connection: 'Upgrade' } : {}),
    };
    res.writeHead(onEndpoint ? 426 : 404, headers).end(body);
  });
  server.on('upgrade', (req: IncomingMessage, duplex) => {
    const socket = duplex as Socket;
    socket.on('error', () => socket.destroy());
    const refusal = checkHandshake(req);
    if (refusal !== null) return refuse(socket, refusal);
    const accept = computeAccept(req.headers['sec-websocket-key']!);
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
  });
  return server;
}

/** A handshake we will not accept: the status, a sentence saying why, and any header fields the status calls for. */
interface Refusal {
  status: number;
  message: string;
  headers?: Record<string, string>;
}

/** The first rule of §4.2.1 the request breaks, or null when it is a valid opening handshake. */
function checkHandshake(req: IncomingMessage): Refusal | null {
  if (req.method !== 'GET') return { status: 405, message: 'A WebSocket handshake is a GET request (§4.1).', headers: { Allow: 'GET' } };
  if (req.httpVersion === '1.0') return { status: 400, message: 'A WebSocket handshake is an HTTP/1.1 or higher request (§4.1, item 2).' };
  if (new URL(req.url ?? '/', 'http://localhost').pathname !== ENDPOINT) return { status: 404, message: `Try ${ENDPOINT}.` };
  if (!req.headers.host) return { status: 400, message: 'There is no Host header field (§4.1).' };
  // Node emits 'upgrade' only when Connection names "upgrade", so that rule is already checked. Upgrade is a list.
  const upgrades = (req.headers.upgrade ?? '').split(',').map((name) => name.trim().toLowerCase());
  if (!upgrades.includes('websocket')) return { status: 400, message: 'Upgrade must name "websocket" (§4.2.1).' };
  const key = req.headers['sec-websocket-key'];
  if (key === undefined) return { status: 400, message: 'There is no Sec-WebSocket-Key header field (§4.2.1).' };
  // 16 bytes in base64 are 22 characters and "==" (§4.1). Node joins two keys with ", ", so they fail here too.
  if (!/^[A-Za-z0-9+/]{22}==$/.test(key)) return { status: 400, message: 'Sec-WebSocket-Key must be 16 bytes in base64 (§4.2.1).' };
  const version = req.headers['sec-websocket-version'];
  if (version === undefined) return { status: 400, message: 'There is no Sec-WebSocket-Version header field (§4.2.1).' };
  // A version is a number from 0 to 255 without leading zeros (§4.3); a well-formed one we do not speak gets 426.
  if (!/^(0|[1-9][0-9]?|1[0-9]{2}|2[0-4][0-9]|25[0-5])$/.test(version))
    return { status: 400, message: `"${version}" is not a version (§4.3).` };
  if (version !== '13') {
    // 426 with the version we speak (§4.2.2); a 426 also names the protocol in Upgrade, and Upgrade goes with
    // Connection: upgrade (RFC 9110 §15.5.22, §7.8).
    const headers = { 'Sec-WebSocket-Version': '13', Upgrade: 'websocket', Connection: 'Upgrade, close' };
    return { status: 426, message: 'This server speaks version 13 (§4.2.2).', headers };
  }
  const protocols = req.headers['sec-websocket-protocol'];
  if (protocols !== undefined && !protocols.split(',').every((name) => /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name.trim()))) {
    return { status: 400, message: 'Each Sec-WebSocket-Protocol value must be a token (§4.1).' };
  }
  return null;
}

/** Answers a handshake we refuse with a plain HTTP response that says why, then closes the connection. */
function refuse(socket: Socket, { status, message, headers = {} }: Refusal): void {
  const body = `${message}\n`;
  const fields = Object.entries({
    'Content-Type': 'text/plain',
    'Content-Length': String(Buffer.byteLength(body)),
    Connection: 'close',
    ...headers,
  });
  const head = [`HTTP/1.1 ${status} ${STATUS_CODES[status]}`, ...fields.map(([name, value]) => `${name}: ${value}`)];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}

/** Sec-WebSocket-Accept: the SHA-1 of the key and the GUID, in base64 (§4.2.2). */
function computeAccept(key: string): string {
  return createHash('sha1')
    .update(key + WEBSOCKET_GUID)
    .digest('base64');
}

/** The fields of a frame's header (§5.2), read from the bytes before its payload. */
export interface FrameHeader {
  fin: boolean;
  /** RSV1, RSV2 and RSV3 as one number from 0 to 7. */
  rsv: number;
  opcode: number;
  masked: boolean;
  payloadLength: number;
  /** The 4 bytes of the masking key, or null when the MASK bit is 0. */
  maskingKey: Buffer | null;
  /** How many bytes come before the payload: 2, 4 or 10, plus 4 for a masking key. */
  headerLength: number;
}

/** Reads a frame's header from the start of `bytes`, or returns null when not all of the header has arrived yet. */
export function parseFrameHeader(_bytes: Buffer): FrameHeader | null {
  // TODO(step 2): read FIN, RSV, opcode, MASK, the payload length in its three encodings and the masking key (§5.2).
  throw new Error('TODO(step 2): read the frame header');
}
