// A WebSocket echo server (RFC 6455) built on node: modules alone, one checked step at a time.
import { createServer as createHttpServer, type Server } from 'node:http';
import type { Socket } from 'node:net';

/** The one path this server speaks WebSocket on. */
const ENDPOINT = '/ws/echo';

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
  server.on('upgrade', (_req, duplex) => {
    const socket = duplex as Socket;
    socket.on('error', () => socket.destroy());
    // TODO(step 1): check the request (§4.2.1), then answer 101 with Sec-WebSocket-Accept (§4.2.2) or refuse with a status that says why.
    throw new Error('TODO(step 1): answer the opening handshake');
  });
  return server;
}
