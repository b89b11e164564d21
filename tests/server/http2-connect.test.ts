// WebSocket over HTTP/2 (RFC 8441) with Node's own http2 client: extended CONNECT on /ws/echo and /ws/inspect, the same guards as HTTP/1.1, and the HTTP/1.1 upgrade still served on the same port.
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http2, { type ClientHttp2Session, type ClientHttp2Stream, type IncomingHttpHeaders } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { constants, deflateRawSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createDemoServer, type DemoServer, type DemoServerOptions } from '../../server/index.ts';
import { encodeFrame, FrameParser, Opcode, type Frame } from '../../src/lib/protocol/index.ts';
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
  const parser = new FrameParser({ sender: 'server', permessageDeflate: response['sec-websocket-extensions'] !== undefined });
  const queue: Frame[] = [];
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

function nextFrame(queue: Frame[]) {
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
    expect(report.response.headers.map(([name]) => name)).toEqual(['date']);
    expect(report.http2).toEqual({ streamId: ws.stream.id });
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
    // HTTP/2 has no Upgrade field (RFC 9113 §8.2.2) and a 426 must carry one, so: 400 naming version 13 (RFC 6455 §4.4).
    const oldVersion = await connectWebSocket(client, authority, '/ws/echo', { 'sec-websocket-version': '8' });
    expect(oldVersion.response[':status']).toBe(400);
    expect(oldVersion.response['sec-websocket-version']).toBe('13');
    expect(oldVersion.response['upgrade']).toBeUndefined();
    expect(await bodyOf(oldVersion.stream)).toMatch(/not a 426.*RFC 9113 §8\.2\.2/);
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

  it('answers a Ping with a Pong, as ws does on HTTP/1.1', async () => {
    const { authority, session } = await startTlsDemo();
    const ws = await connectWebSocket(await session(), authority, '/ws/echo');
    ws.stream.write(encodeFrame({ opcode: Opcode.Ping, payload: 'are you there?', maskingKey: RFC_MASK }).bytes);
    const pong = await ws.frames();
    expect(pong.opcode).toBe(Opcode.Pong);
    expect(text(pong.payload)).toBe('are you there?');
  });

  it('picks a subprotocol the endpoint speaks from sec-websocket-protocol, as on HTTP/1.1 (RFC 8441 §5)', async () => {
    const { authority, session } = await startTlsDemo();
    const ws = await connectWebSocket(await session(), authority, '/ws/echo', { 'sec-websocket-protocol': 'chat, superchat' });
    expect(ws.response['sec-websocket-protocol']).toBe('chat');
  });
});

/** RFC 7692 §7.2.3.1: "Hello" compressed, the trailing 00 00 ff ff removed. */
const COMPRESSED_HELLO = Uint8Array.of(0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00);
const compressedText = (payload: Uint8Array) => encodeFrame({ opcode: Opcode.Text, rsv1: true, payload, maskingKey: RFC_MASK }).bytes;

describe('/ws/deflate over HTTP/2', () => {
  it('negotiates permessage-deflate in the CONNECT, as RFC 8441 §5 keeps Sec-WebSocket-Extensions, and echoes compressed', async () => {
    const { authority, session } = await startTlsDemo();
    const ws = await connectWebSocket(await session(), authority, '/ws/deflate', {
      'sec-websocket-extensions': 'permessage-deflate; client_max_window_bits',
    });
    expect(ws.response[':status']).toBe(200);
    expect(ws.response['sec-websocket-extensions']).toBe('permessage-deflate; client_max_window_bits=12; server_max_window_bits=12');
    ws.stream.write(compressedText(COMPRESSED_HELLO));
    const echo = await ws.frames();
    expect(echo).toMatchObject({ opcode: Opcode.Text, rsv1: true });
    expect(Buffer.from(echo.payload).toString('hex')).toBe(Buffer.from(COMPRESSED_HELLO).toString('hex'));
  });

  it('closes a deflate bomb with 1009, judged on the inflated size, and the next stream is served', async () => {
    const { authority, session } = await startTlsDemo({ deflateMaxMessageBytes: 1024 });
    const client = await session();
    const offer = { 'sec-websocket-extensions': 'permessage-deflate' };
    const bomb = await connectWebSocket(client, authority, '/ws/deflate', offer);
    bomb.stream.write(compressedText(deflateRawSync(Buffer.alloc(100_000, 0x20), { finishFlush: constants.Z_SYNC_FLUSH }).subarray(0, -4)));
    const close = await bomb.frames();
    expect(close.opcode).toBe(Opcode.Close);
    expect((close.payload[0]! << 8) | close.payload[1]!).toBe(1009);
    const next = await connectWebSocket(client, authority, '/ws/deflate', offer);
    next.stream.write(compressedText(COMPRESSED_HELLO));
    expect((await next.frames()).opcode).toBe(Opcode.Text);
  });

  it('counts HTTP/2 streams in deflateMaxConnections: one too many gets 503 and a reason', async () => {
    const { authority, session } = await startTlsDemo({ deflateMaxConnections: 1 });
    const client = await session();
    const offer = { 'sec-websocket-extensions': 'permessage-deflate' };
    const first = await connectWebSocket(client, authority, '/ws/deflate', offer);
    expect(first.response[':status']).toBe(200);
    const second = await connectWebSocket(client, authority, '/ws/deflate', offer);
    expect(second.response[':status']).toBe(503);
    expect(await bodyOf(second.stream)).toContain('compressed connections');
    // The place comes back when the first stream ends.
    first.stream.close();
    await once(first.stream, 'close');
    await expect.poll(async () => (await connectWebSocket(client, authority, '/ws/deflate', offer)).response[':status']).toBe(200);
  });
});
