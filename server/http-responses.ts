// Plain HTTP answers the demo server gives: on a normal response, or straight onto a socket that asked to upgrade.
import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';

/** Refuses an upgrade request with an HTTP status, so the connection is never upgraded. */
export function refuseUpgrade(socket: Duplex, status: number, message: string, headers: Record<string, string> = {}): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = `${message}\n`;
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'Connection: close',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

export function sendText(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  const body = `${message}\n`;
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(body);
}

/**
 * The answer to a plain GET (no Upgrade) of a WebSocket path: 426 Upgrade Required (RFC 9110 §15.5.22). It is also what a
 * browser gets through a proxy that drops the Upgrade header, which the trouble endpoint reproduces.
 */
export function webSocketOnlyAnswer(path: string): { status: 426; message: string; headers: { Upgrade: 'websocket' } } {
  return { status: 426, message: `${path} speaks WebSocket only: connect with new WebSocket(url).`, headers: { Upgrade: 'websocket' } };
}
