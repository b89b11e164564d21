// symptom=proxy-dropped-upgrade: the answer that comes back through a proxy that did not forward Upgrade and Connection.
import { webSocketOnlyAnswer } from '../http-responses.ts';
import type { Symptom } from './symptom.ts';
import { writeResponse } from './wrong-status.ts';

/**
 * The backend never saw an upgrade: a proxy that does not forward the hop-by-hop Upgrade and Connection headers
 * (RFC 9110 §7.6.1) turns the handshake into a plain GET. The demo server answers a plain GET of a WebSocket path
 * with 426, and the proxy passes that on; `tests/server/troubleshooting-proxies.test.ts` checks that real nginx does.
 */
export const proxyDroppedUpgrade: Symptom = {
  name: 'proxy-dropped-upgrade',
  beforeUpgrade: (request) => ({
    answer: (socket) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      const { status, message, headers } = webSocketOnlyAnswer(path);
      const body = `${message}\n`;
      writeResponse(
        socket,
        `HTTP/1.1 ${status} Upgrade Required`,
        { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)), ...headers, Connection: 'close' },
        body,
      );
    },
  }),
};
