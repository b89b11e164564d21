// What an HTTP/2 front end says about WebSocket, on the wire: Caddy's SETTINGS carry no RFC 8441, and HTTP/2 cannot carry the HTTP/1.1 upgrade's headers at all.
import { once } from 'node:events';
import { connect as http2Connect, createServer as createH2cServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { caddyBinary, startCaddyFront, type CaddyFront } from '../support/caddy-front.ts';

const running: CaddyFront[] = [];
afterEach(async () => {
  for (const caddy of running.splice(0)) await caddy.stop();
});

describe.skipIf(!caddyBinary)('examples/production/Caddyfile over HTTP/2', () => {
  it('sends SETTINGS without SETTINGS_ENABLE_CONNECT_PROTOCOL, so a browser may not send an extended CONNECT to it (RFC 8441 §3)', async () => {
    // The upstream is never reached: the SETTINGS frame comes first.
    const caddy = await startCaddyFront(9);
    running.push(caddy);
    const session = http2Connect(caddy.origin, { rejectUnauthorized: false });
    try {
      await once(session, 'remoteSettings');
      expect(session.alpnProtocol).toBe('h2');
      expect(session.remoteSettings.enableConnectProtocol).toBe(false);
    } finally {
      session.close();
    }
  });
});

describe('the HTTP/1.1 upgrade inside HTTP/2', () => {
  it('cannot be sent: Connection and Upgrade are connection-specific fields, which an HTTP/2 message must not carry (RFC 9113 §8.2.2)', async () => {
    const server = createH2cServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const session = http2Connect(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    try {
      // What a proxy that copied the browser's upgrade request into HTTP/2 would send.
      expect(() => session.request({ ':path': '/ws/echo', connection: 'Upgrade', upgrade: 'websocket' })).toThrow(
        expect.objectContaining({ code: 'ERR_HTTP2_INVALID_CONNECTION_HEADERS' }),
      );
      expect(() => session.request({ ':path': '/ws/echo', upgrade: 'websocket' })).toThrow(
        expect.objectContaining({ code: 'ERR_HTTP2_INVALID_CONNECTION_HEADERS' }),
      );
    } finally {
      session.close();
      server.close();
    }
  });
});
