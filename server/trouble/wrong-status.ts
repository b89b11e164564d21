// symptom=status-200, status-400, status-404: a server (or whatever answers in its place) that replies to the upgrade with something other than 101.
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import type { Symptom } from './symptom.ts';

/** What answers with each status in real deployments, as the body the browser never shows. */
const ANSWERS = {
  // A static host or single-page-app fallback that serves index.html for every unknown path.
  200: { type: 'text/html; charset=utf-8', body: '<!doctype html><title>App</title><p>The page for every path.</p>\n' },
  // A server that does speak WebSocket, but found the handshake broken (RFC 6455 §4.2.1).
  400: { type: 'text/plain; charset=utf-8', body: 'Bad Request: the opening handshake is missing a required header.\n' },
  // A server or proxy with no route for this path.
  404: { type: 'text/plain; charset=utf-8', body: 'Not Found\n' },
} as const;

/** Writes a complete HTTP/1.1 response onto the upgrade's socket and ends it. */
export function writeResponse(socket: Duplex, statusLine: string, headers: Record<string, string>, body = ''): void {
  const lines = [statusLine, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

function wrongStatus(status: keyof typeof ANSWERS): Symptom {
  const { type, body } = ANSWERS[status];
  return {
    name: `status-${status}`,
    beforeUpgrade: () => ({
      answer: (socket) =>
        writeResponse(
          socket,
          `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
          { 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)), Connection: 'close' },
          body,
        ),
    }),
  };
}

export const status200 = wrongStatus(200);
export const status400 = wrongStatus(400);
export const status404 = wrongStatus(404);
