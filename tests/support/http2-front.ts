// An HTTP/2 front end on loopback for the "HTTP/2 in front breaks WebSocket" page: Node's http2 server as it comes (HTTP/2 only, no RFC 8441), serving one page. No test runner's API, so Vitest and Playwright tests can both use it.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createSecureServer, type Http2SecureServer } from 'node:http2';
import type { AddressInfo } from 'node:net';

export interface Http2Front {
  origin: string;
  server: Http2SecureServer;
  /** The protocol each TLS connection agreed on, in arrival order (`false`: none, the client offered no `h2`). */
  negotiatedProtocols: (string | false)[];
  /** The code of each TLS handshake the server refused, e.g. `ERR_SSL_NO_APPLICATION_PROTOCOL` for an `http/1.1`-only offer. */
  refusedHandshakes: string[];
  close(): Promise<void>;
}

/**
 * `http2.createSecureServer` with Node's defaults: `allowHTTP1` false, so a TLS client that offers only `http/1.1`
 * in ALPN is turned away, and no `enableConnectProtocol`, so no RFC 8441. It serves a blank page at every path.
 */
export async function startHttp2Front(certFile: string, keyFile: string): Promise<Http2Front> {
  const negotiatedProtocols: (string | false)[] = [];
  const refusedHandshakes: string[] = [];
  const server = createSecureServer({
    cert: readFileSync(certFile),
    key: readFileSync(keyFile),
    // Node's default, spelled out because it is the point: an HTTP/1.1-only client gets no answer.
    allowHTTP1: false,
    // Node waits this long before dropping a client that negotiated no protocol; a test needs no 10 s wait.
    unknownProtocolTimeout: 500,
  });
  server.on('secureConnection', (socket) => negotiatedProtocols.push(socket.alpnProtocol ?? false));
  server.on('tlsClientError', (error: NodeJS.ErrnoException) => refusedHandshakes.push(error.code ?? error.message));
  server.on('stream', (stream) => {
    stream.respond({ ':status': 200, 'content-type': 'text/html; charset=utf-8' });
    stream.end('<!doctype html><html lang="en"><title>HTTP/2 front</title><p>An HTTP/2-only front end.</p></html>');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://localhost:${port}`,
    server,
    negotiatedProtocols,
    refusedHandshakes,
    close: async () => {
      server.close();
      await once(server, 'close');
    },
  };
}
