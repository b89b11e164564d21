// The RFC 8441 transport: an HTTP/2 extended CONNECT (`:method` CONNECT, `:protocol` websocket) becomes a ws WebSocket on that one stream.
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { WebSocket } from 'ws';
import { withoutConnectionHeaders } from '../http-responses.ts';

/** Whether a request is RFC 8441's extended CONNECT for WebSocket (§4, §5), as opposed to any other CONNECT or request. */
export function isWebSocketConnect(request: Http2ServerRequest): boolean {
  return request.httpVersionMajor === 2 && request.method === 'CONNECT' && request.headers[':protocol'] === 'websocket';
}

/** Refuses the stream with an HTTP status and a sentence, as the HTTP/1.1 transport refuses an upgrade. */
export function refuseStream(response: Http2ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  if (response.stream.destroyed) return;
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...lowerCased(withoutConnectionHeaders(headers)) });
  response.end(`${message}\n`);
}

/** The response this transport sends, written as the HTTP/1.1 inspector shows its response lines. */
export const CONNECT_RESPONSE_LINES: readonly string[] = [':status: 200'];

/** What ws's WebSocket needs to run on a stream it did not upgrade itself (`setSocket` is how WebSocketServer hands over). */
interface StreamSocket {
  setSocket(
    socket: unknown,
    head: Buffer,
    options: { allowSynchronousEvents: boolean; maxPayload: number; skipUTF8Validation: boolean },
  ): void;
}

const NO_HEAD = Buffer.alloc(0);

/**
 * Answers 200 and runs ws's WebSocket, server side, on the HTTP/2 stream. The stream is a Duplex, which is all ws's
 * receiver and sender use; `setSocket` calls `setNoDelay` only where it exists, and an Http2Stream's `setTimeout` is
 * the stream's own. There is no Sec-WebSocket-Accept: the stream itself is the handshake (RFC 8441 §5).
 */
export function openStreamSocket<T extends WebSocket>(
  WebSocketClass: new (address: null, protocols: undefined, options: object) => T,
  response: Http2ServerResponse,
  maxPayload: number,
): T {
  response.stream.respond({ ':status': 200 });
  const ws = new WebSocketClass(null, undefined, {});
  (ws as unknown as StreamSocket).setSocket(response.stream, NO_HEAD, {
    allowSynchronousEvents: true,
    maxPayload,
    skipUTF8Validation: false,
  });
  return ws;
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
