// The /ws/auth/* guards over RFC 8441's extended CONNECT: the same credential checks as on the HTTP/1.1 upgrade.
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import http2, { type IncomingHttpHeaders } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoServer, type DemoServer } from '../../server/index.ts';
import { FrameParser } from '../../src/lib/protocol/index.ts';
import { selfSignedCertificate } from './self-signed-certificate.ts';

const pem = selfSignedCertificate(mkdtempSync(path.join(tmpdir(), 'ws-auth-h2-')), 'localhost');
const tls = { key: readFileSync(pem.key), cert: readFileSync(pem.cert) };
const running: { server: http2.Http2SecureServer; demo: DemoServer; session?: http2.ClientHttp2Session }[] = [];

afterEach(async () => {
  for (const { server, demo, session } of running.splice(0)) {
    session?.destroy();
    await demo.close();
    server.close();
  }
});

/** The demo server on HTTPS with HTTP/2 and extended CONNECT; `signIn` and `connect` speak to it over one session. */
async function start() {
  const demo = createDemoServer();
  const server = http2.createSecureServer({ ...tls, allowHTTP1: true, settings: { enableConnectProtocol: true } }, (request, response) => {
    if (!demo.handleRequest(request as never, response as never)) response.writeHead(404).end();
  });
  server.on('connect', (request, response) => void demo.handleConnect(request, response));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const authority = `localhost:${(server.address() as AddressInfo).port}`;
  const session = http2.connect(`https://${authority}`, { ca: tls.cert, servername: 'localhost' });
  running.push({ server, demo, session });
  await once(session, 'remoteSettings');
  return {
    async signIn(): Promise<{ user: string; cookie: string }> {
      const stream = session.request({ ':method': 'POST', ':path': '/auth/session' });
      stream.end();
      const [headers] = (await once(stream, 'response')) as [IncomingHttpHeaders];
      let body = '';
      for await (const chunk of stream) body += String(chunk);
      return { user: JSON.parse(body).user, cookie: String((headers['set-cookie'] as string[])[0]).split(';')[0]! };
    },
    /** An extended CONNECT to `path`: the status, and the first text frame when it opened. */
    async connect(path: string, headers: Record<string, string> = {}): Promise<{ status: number; first: string }> {
      const stream = session.request(
        {
          ':method': 'CONNECT',
          ':protocol': 'websocket',
          ':scheme': 'https',
          ':path': path,
          ':authority': authority,
          'sec-websocket-version': '13',
          ...headers,
        },
        { endStream: false },
      );
      const [response] = (await once(stream, 'response')) as [IncomingHttpHeaders];
      const status = Number(response[':status']);
      if (status !== 200) return { status, first: '' };
      const parser = new FrameParser({ sender: 'server' });
      for await (const chunk of stream) {
        for (const event of parser.push(chunk as Buffer)) {
          if (event.kind === 'frame') {
            stream.close();
            return { status, first: new TextDecoder().decode(event.decoded.frame.payload) };
          }
        }
      }
      return { status, first: '' };
    },
  };
}

describe('/ws/auth/* over HTTP/2 (RFC 8441)', () => {
  it('refuses an extended CONNECT without the cookie with 403, and welcomes one with it', async () => {
    const demo = await start();
    expect(await demo.connect('/ws/auth/cookie')).toEqual({ status: 403, first: '' });
    const { user, cookie } = await demo.signIn();
    const admitted = await demo.connect('/ws/auth/cookie', { cookie });
    expect(admitted.status).toBe(200);
    expect(JSON.parse(admitted.first)).toEqual({ type: 'welcome', user, via: 'cookie' });
    expect((await demo.connect('/ws/auth/query?token=nope')).status).toBe(403);
  });
});
