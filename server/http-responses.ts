// Plain HTTP answers the demo server gives: on a normal response, or straight onto a socket that asked to upgrade.
import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';

/**
 * Refuses an upgrade request with an HTTP status, so the connection is never upgraded. The answer always says
 * `Connection: close`; a `Connection` in `headers` replaces that line and must keep `close` in it.
 */
export function refuseUpgrade(socket: Duplex, status: number, message: string, headers: Record<string, string> = {}): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = `${message}\n`;
  // The connection always closes after a refusal; a caller may name more options (a 426's "Upgrade, close").
  const { Connection: connection = 'close', ...others } = headers;
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    `Connection: ${connection}`,
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(others).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

export function sendText(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  const body = `${message}\n`;
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...(isHttp2(res) ? withoutConnectionHeaders(headers) : headers),
  });
  res.end(body);
}

/** A JSON answer that no cache keeps (the demo's credentials and addresses are per reader). */
export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string | string[]> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(body);
}

/** HTTP/2 forbids connection-specific header fields (RFC 9113 §8.2.2), and Node throws on them. */
const CONNECTION_HEADERS = new Set(['connection', 'upgrade', 'keep-alive', 'transfer-encoding', 'proxy-connection']);

function isHttp2(res: ServerResponse): boolean {
  return 'stream' in res;
}

export function withoutConnectionHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !CONNECTION_HEADERS.has(name.toLowerCase())));
}

/**
 * The answer to a plain GET (no Upgrade) of a WebSocket path: 426 Upgrade Required (RFC 9110 §15.5.22). It is also what a
 * browser gets through a proxy that drops the Upgrade header, which the trouble endpoint reproduces.
 */
export function webSocketOnlyAnswer(path: string): { status: 426; message: string; headers: { Upgrade: 'websocket' } } {
  return { status: 426, message: `${path} speaks WebSocket only: connect with new WebSocket(url).`, headers: { Upgrade: 'websocket' } };
}
