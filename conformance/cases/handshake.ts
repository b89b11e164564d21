// Our own opening-handshake cases (ids h.1 …), which Autobahn does not have: what a server must answer to good and bad upgrade requests (§4.2).
import type { HandshakeCase } from './case-types.ts';

const KEY = 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==';
/** A valid request's lines without the `omit`ted header fields, with `extra` lines after them. */
const base = (extra: string[], omit: string[] = [], requestLine = 'GET /{path} HTTP/1.1'): string[] => [
  ...[requestLine, 'Host: {host}', 'Upgrade: websocket', 'Connection: Upgrade', KEY, 'Sec-WebSocket-Version: 13'].filter(
    (line) => !omit.some((name) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`)),
  ),
  ...extra,
];

const REFUSED = [400, 403, 404, 405, 426];

export const HANDSHAKE_CASES: HandshakeCase[] = [
  {
    id: 'h.1',
    description: 'Send a valid opening handshake (the RFC’s example key).',
    expectation: '101 Switching Protocols with Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=.',
    rfc: '§4.2.2',
    requestLines: base([]),
    okStatuses: [101],
    requiredHeaders: { upgrade: 'websocket', connection: 'upgrade', 'sec-websocket-accept': 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=' },
  },
  {
    id: 'h.2',
    description: 'Send an opening handshake without Sec-WebSocket-Key.',
    expectation: 'Refused with a 4xx status, such as 400 Bad Request: the key is required.',
    rfc: '§4.2.1',
    requestLines: base([], ['Sec-WebSocket-Key']),
    okStatuses: REFUSED,
  },
  {
    id: 'h.3',
    description: 'Send an opening handshake whose key does not decode to 16 bytes.',
    expectation: 'Refused with a 4xx status, such as 400 Bad Request.',
    rfc: '§4.2.1',
    requestLines: base(['Sec-WebSocket-Key: c2hvcnQ='], ['Sec-WebSocket-Key']),
    okStatuses: REFUSED,
  },
  {
    id: 'h.4',
    description: 'Send an opening handshake with Sec-WebSocket-Version: 99, a version no draft or RFC defined.',
    expectation: 'Refused (426 or 400) with Sec-WebSocket-Version: 13, the version the server speaks.',
    // Not version 8: ws accepts the draft versions 8 and 13, which share the wire format, and §4.2.2 lets a
    // server accept any version it understands. The first run of the matrix caught that mistake of ours.
    rfc: '§4.2.2, §4.4',
    requestLines: base(['Sec-WebSocket-Version: 99'], ['Sec-WebSocket-Version']),
    okStatuses: [400, 426],
    requiredHeaders: { 'sec-websocket-version': '13' },
  },
  {
    id: 'h.5',
    description: 'Send an opening handshake without the Upgrade header.',
    expectation: 'Not upgraded: any status but 101.',
    rfc: '§4.2.1',
    requestLines: base([], ['Upgrade']),
    okStatuses: [...REFUSED, 200, 501],
  },
  {
    id: 'h.6',
    description: 'Send an opening handshake with the POST method.',
    expectation: 'Not upgraded: the handshake must be a GET.',
    rfc: '§4.2.1',
    requestLines: base([], [], 'POST /{path} HTTP/1.1'),
    okStatuses: [...REFUSED, 200, 501],
  },
];
