// Limits that belong to the HTTP server under the demo server: header size and count, and the time to send the headers.
import type { IncomingMessage, Server, ServerOptions } from 'node:http';
import { demoError, type DemoProtocolError } from './demo-errors.ts';
import type { DemoServerOptions } from './limits.ts';

type HttpLimits = Pick<DemoServerOptions, 'maxHeaderBytes' | 'maxHeaderCount' | 'handshakeTimeoutMs'>;

/**
 * Options for `http.createServer`. Node itself answers a request whose headers are too big with 431, and one
 * whose headers take longer than `headersTimeout` with 408, then closes the socket. That covers upgrade
 * requests too, since their headers are parsed like any other: a slowloris that never finishes them is cut.
 * Node looks for expired requests every `connectionsCheckingInterval` (30 s by default), so that follows the
 * timeout; otherwise a small timeout would still leave a slowloris up to 30 s.
 */
export function httpServerOptions(options: HttpLimits): ServerOptions {
  return {
    maxHeaderSize: options.maxHeaderBytes,
    headersTimeout: options.handshakeTimeoutMs,
    requestTimeout: options.handshakeTimeoutMs,
    connectionsCheckingInterval: Math.max(10, Math.min(30_000, Math.floor(options.handshakeTimeoutMs / 4))),
  };
}

/**
 * Node never refuses a request for its header count: past `maxHeadersCount` it silently drops the rest.
 * Keeping one more than the limit lets `checkHeaderCount` see that a request went over.
 */
export function applyHttpLimits(server: Server, options: HttpLimits): void {
  server.maxHeadersCount = options.maxHeaderCount + 1;
}

/** The refusal for a request with more header fields than `maxHeaderCount`, or null. */
export function checkHeaderCount(request: IncomingMessage, maxHeaderCount: number): DemoProtocolError | null {
  const count = request.rawHeaders.length / 2;
  if (count <= maxHeaderCount) return null;
  return demoError('DEMO_ERR_TOO_MANY_HEADERS', `A request may carry at most ${maxHeaderCount} header fields, and this one had more.`);
}
