// WebSocket over HTTP/2 (RFC 8441) with Node's own http2 client: extended CONNECT on /ws/echo and /ws/inspect, the same guards as HTTP/1.1, and the HTTP/1.1 upgrade still served on the same port.
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http2, { type ClientHttp2Session, type ClientHttp2Stream, type IncomingHttpHeaders } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createDemoServer, type DemoServer, type DemoServerOptions } from '../../server/index.ts';
import { encodeFrame, FrameParser, Opcode } from '../../src/lib/protocol/index.ts';
import type { InspectMessage } from '../../src/lib/demo-messages.ts';
import { selfSignedCertificate, startTlsSite } from './self-signed-certificate.ts';

/** A throwaway self-signed pair for localhost, made with openssl as README's TLS section shows. */
const certDir = mkdtempSync(path.join(tmpdir(), 'ws-workshop-tls-'));
const pem = selfSignedCertificate(certDir, 'localhost');
const tls = { key: readFileSync(pem.key), cert: readFileSync(pem.cert) };
afterAll(() => rmSync(certDir, { recursive: true, force: true }));

const RFC_MASK = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);
const running: { server: http2.Http2SecureServer; demo: DemoServer; sessions: ClientHttp2Session[] }[] = [];

afterEach(async () => {
  for (const { server, demo, sessions } of running.splice(0)) {
    for (const session of sessions) session.destroy();
    await demo.close();
    server.close();
  }
});

/** HTTP/2 and HTTP/1.1 on one TLS port, as `npm start` serves them with TLS_CERT and TLS_KEY. */
async function startTlsDemo(options: Partial<DemoServerOptions> = {}) {
  const demo = createDemoServer(options);
  const server = http2.createSecureServer({ ...tls, allowHTTP1: true, settings: { enableConnectProtocol: true } }, (_request, response) => {
    response.writeHead(418).end();
  });
  server.on('connect', (request: http2.Http2ServerRequest, response: http2.Http2ServerResponse) => {
    if (!demo.handleConnect(request, response)) response.writeHead(404).end();
  });
  server.on('upgrade', (request, socket, head) => {
    if (!demo.handleUpgrade(request, socket, head)) socket.destroy();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const sessions: ClientHttp2Session[] = [];
  running.push({ server, demo, sessions });
  const authority = `localhost:${(server.address() as AddressInfo).port}`;
  return {
    authority,
    demo,
    /** An HTTP/2 session that has seen the server's SETTINGS, so it may send an extended CONNECT (RFC 8441 §3). */
    async session(): Promise<ClientHttp2Session> {
      const session = http2.connect(`https://${authority}`, { ca: tls.cert, servername: 'localhost' });
      sessions.push(session);
      await once(session, 'remoteSettings');
      return session;
    },
  };
}

/** Opens an extended CONNECT stream (RFC 8441 §4, §5) and waits for the response headers. */
async function connectWebSocket(
  session: ClientHttp2Session,
  authority: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ stream: ClientHttp2Stream; response: IncomingHttpHeaders; frames(): Promise<ReturnType<typeof nextFrame>> }> {
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
  const parser = new FrameParser({ sender: 'server' });
  const queue: { opcode: number; payload: Uint8Array }[] = [];
  stream.on('data', (chunk: Buffer) => {
    for (const event of parser.push(chunk)) if (event.kind === 'frame') queue.push(event.decoded.frame);
    stream.emit('frame');
  });
  return {
    stream,
    response,
    frames: async () => {
      while (queue.length === 0) await once(stream, 'frame');
      return nextFrame(queue);
    },
  };
}

function nextFrame(queue: { opcode: number; payload: Uint8Array }[]) {
  return queue.shift()!;
}

async function bodyOf(stream: ClientHttp2Stream): Promise<string> {
  let body = '';
  for await (const chunk of stream) body += String(chunk);
  return body;
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const clientText = (message: string) => encodeFrame({ opcode: Opcode.Text, payload: message, maskingKey: RFC_MASK }).bytes;

describe('npm start with TLS_CERT and TLS_KEY', () => {
  it('serves the site over HTTP/2 and WebSockets over extended CONNECT and the HTTP/1.1 upgrade, on one port', async () => {
    const { authority, child, cert } = await startTlsSite(mkdtempSync(path.join(certDir, 'start-')));
    try {
      const session = http2.connect(`https://${authority}`, { ca: cert, servername: 'localhost' });
      try {
        await once(session, 'remoteSettings');
        expect(session.remoteSettings.enableConnectProtocol).toBe(true);
        const page = session.request({ ':path': '/extensions/' });
        const [headers] = (await once(page, 'response')) as [IncomingHttpHeaders];
        expect(headers[':status']).toBe(200);
        expect(await bodyOf(page)).toContain('<ws-deflate-inspector');
        const ws = await connectWebSocket(session, authority, '/ws/echo', { origin: `https://${authority}` });
        expect(ws.response[':status']).toBe(200);
        ws.stream.write(clientText('over HTTP/2'));
        expect(text((await ws.frames()).payload)).toBe('over HTTP/2');
      } finally {
        session.destroy();
      }
      const fallback = new WebSocket(`wss://${authority}/ws/echo`, { ca: cert });
      await once(fallback, 'open');
      fallback.send('over HTTP/1.1');
      expect(String(((await once(fallback, 'message')) as [Buffer])[0])).toBe('over HTTP/1.1');
      fallback.close();
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('WebSocket over HTTP/2 (RFC 8441)', () => {
  it('advertises SETTINGS_ENABLE_CONNECT_PROTOCOL and echoes over an extended CONNECT on /ws/echo', async () => {
    const { authority, session } = await startTlsDemo();
    const client = await session();
    expect(client.remoteSettings.enableConnectProtocol).toBe(true);
    const ws = await connectWebSocket(client, authority, '/ws/echo');
    expect(ws.response[':status']).toBe(200);
    // No Sec-WebSocket-Accept: the stream is the handshake (RFC 8441 §5).
    expect(ws.response['sec-websocket-accept']).toBeUndefined();
    ws.stream.write(clientText('Hello over HTTP/2'));
    const echoed = await ws.frames();
    expect(echoed.opcode).toBe(Opcode.Text);
    expect(text(echoed.payload)).toBe('Hello over HTTP/2');
  });

  it('reports the CONNECT request on /ws/inspect: pseudo-headers in order, and the 200', async () => {
    const { authority, session } = await startTlsDemo();
    const ws = await connectWebSocket(await session(), authority, '/ws/inspect');
    const report = JSON.parse(text((await ws.frames()).payload)) as InspectMessage;
    expect(report.type).toBe('handshake');
    if (report.type !== 'handshake') return;
    expect(report.request.startLine).toBe('CONNECT /ws/inspect HTTP/2.0');
    expect(report.request.headers.slice(0, 5).map(([name]) => name)).toEqual([':method', ':protocol', ':scheme', ':path', ':authority']);
    expect(report.response.startLine).toBe(':status: 200');
    ws.stream.write(clientText('Hi'));
    const frame = JSON.parse(text((await ws.frames()).payload)) as InspectMessage;
    expect(frame).toMatchObject({ type: 'frame', hex: Buffer.from(clientText('Hi')).toString('hex') });
  });

  it('applies the same guards as HTTP/1.1: Origin, version, path and the per-address cap', async () => {
    const { authority, session } = await startTlsDemo({ maxConnectionsPerIp: 1, maxConnections: 10 });
    const client = await session();
    const foreign = await connectWebSocket(client, authority, '/ws/echo', { origin: 'https://evil.example' });
    expect(foreign.response[':status']).toBe(403);
    expect(await bodyOf(foreign.stream)).toContain('may not connect');
    const oldVersion = await connectWebSocket(client, authority, '/ws/echo', { 'sec-websocket-version': '8' });
    expect(oldVersion.response[':status']).toBe(426);
    expect(oldVersion.response['sec-websocket-version']).toBe('13');
    const nowhere = await connectWebSocket(client, authority, '/ws/nowhere');
    expect(nowhere.response[':status']).toBe(404);
    const first = await connectWebSocket(client, authority, '/ws/echo', { origin: `https://${authority}` });
    expect(first.response[':status']).toBe(200);
    const second = await connectWebSocket(client, authority, '/ws/echo');
    expect(second.response[':status']).toBe(429);
    // The first is still served.
    first.stream.write(clientText('still here'));
    expect(text((await first.frames()).payload)).toBe('still here');
  });

  it('closes a message over maxMessageBytes with 1009, as on HTTP/1.1', async () => {
    const { authority, session } = await startTlsDemo({ maxMessageBytes: 1024 });
    const ws = await connectWebSocket(await session(), authority, '/ws/echo');
    ws.stream.write(encodeFrame({ opcode: Opcode.Binary, payload: new Uint8Array(2048), maskingKey: RFC_MASK }).bytes);
    const close = await ws.frames();
    expect(close.opcode).toBe(Opcode.Close);
    expect((close.payload[0]! << 8) | close.payload[1]!).toBe(1009);
  });

  it('still takes the HTTP/1.1 upgrade on the same port, which clients and proxies without RFC 8441 use', async () => {
    const { authority } = await startTlsDemo();
    const ws = new WebSocket(`wss://${authority}/ws/echo`, { ca: tls.cert });
    await once(ws, 'open');
    ws.send('plain upgrade');
    expect(String(((await once(ws, 'message')) as [Buffer])[0])).toBe('plain upgrade');
    ws.close();
  });
});
