// /ws/inspect over real sockets: the handshake as it went over the wire, and each client frame byte for byte.
import { once } from 'node:events';
import { connect as tcpConnect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startDemo } from './demo-harness.ts';
import type { CapturedFrame, HandshakeReport, InspectMessage } from '../../src/lib/demo-messages.ts';

/** The RFC's masking key (§5.7), so every frame the client sends has known bytes. */
const RFC_MASK = Buffer.from('37fa213d', 'hex');
const generateMask = (mask: Buffer) => mask.set(RFC_MASK);

/** A ws client that keeps every message the server sends, parsed, for `next()` to hand out in order. */
async function inspectClient(base: string): Promise<{ ws: WebSocket; next(): Promise<InspectMessage> }> {
  const ws = new WebSocket(`ws://${base}/ws/inspect`, { generateMask, perMessageDeflate: false });
  const inbox: InspectMessage[] = [];
  ws.on('message', (data) => {
    inbox.push(JSON.parse(String(data)) as InspectMessage);
    ws.emit('inbox');
  });
  await once(ws, 'open');
  return {
    ws,
    async next() {
      while (inbox.length === 0) await once(ws, 'inbox');
      return inbox.shift()!;
    },
  };
}

/** A client that speaks raw TCP, to send exactly the bytes a test wants and read exactly what comes back. */
async function rawClient(base: string, request: string, extra = Buffer.alloc(0)) {
  const [host, port] = base.split(':');
  const socket: Socket = tcpConnect(Number(port), host);
  await once(socket, 'connect');
  socket.setNoDelay(true);
  let received = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    socket.emit('received');
  });
  socket.write(Buffer.concat([Buffer.from(request), extra]));
  const until = async (done: () => boolean) => {
    while (!done()) await once(socket, 'received');
  };
  await until(() => received.includes('\r\n\r\n'));
  const headerEnd = received.indexOf('\r\n\r\n') + 4;
  const response = received.subarray(0, headerEnd).toString('latin1');
  const messages = async (): Promise<InspectMessage[]> => {
    // Server frames here are short unmasked text frames: 0x81, a 7- or 16-bit length, the JSON.
    const out: InspectMessage[] = [];
    let at = headerEnd;
    while (at + 2 <= received.length) {
      const len7 = received[at + 1]! & 0x7f;
      const start = at + (len7 === 126 ? 4 : 2);
      const length = len7 === 126 ? received.readUInt16BE(at + 2) : len7;
      if (received.length < start + length) break;
      if ((received[at]! & 0x0f) === 0x1) out.push(JSON.parse(received.subarray(start, start + length).toString()) as InspectMessage);
      at = start + length;
    }
    return out;
  };
  return {
    socket,
    response,
    async waitForMessages(count: number): Promise<InspectMessage[]> {
      let got = await messages();
      while (got.length < count) {
        await once(socket, 'received');
        got = await messages();
      }
      return got;
    },
  };
}

const RFC_REQUEST = [
  'GET /ws/inspect?room=1 HTTP/1.1',
  'Host: server.example.com',
  'Upgrade: websocket',
  'Connection: Upgrade',
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
  'X-Repeated: one',
  'x-repeated: two',
  'Sec-WebSocket-Version: 13',
  '',
  '',
].join('\r\n');

describe('/ws/inspect: the handshake', () => {
  it('reports the request line and headers in order, case and repeats kept, and the response byte for byte', async () => {
    const { base } = await startDemo();
    const client = await rawClient(base, RFC_REQUEST);
    const [report] = (await client.waitForMessages(1)) as [HandshakeReport];
    expect(report.request).toEqual({
      startLine: 'GET /ws/inspect?room=1 HTTP/1.1',
      headers: [
        ['Host', 'server.example.com'],
        ['Upgrade', 'websocket'],
        ['Connection', 'Upgrade'],
        ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
        ['X-Repeated', 'one'],
        ['x-repeated', 'two'],
        ['Sec-WebSocket-Version', '13'],
      ],
    });
    // The RFC's own example pair (§1.3): this key must give this accept value.
    expect(report.response).toEqual({
      startLine: 'HTTP/1.1 101 Switching Protocols',
      headers: [
        ['Upgrade', 'websocket'],
        ['Connection', 'Upgrade'],
        ['Sec-WebSocket-Accept', 's3pPLMBiTxaQ9kYGzzhZRbK+xOo='],
      ],
    });
    // And that is exactly what the client received.
    const rebuilt = [report.response.startLine, ...report.response.headers.map(([n, v]) => `${n}: ${v}`), '', ''].join('\r\n');
    expect(client.response).toBe(rebuilt);
    client.socket.destroy();
  });
});

describe('/ws/inspect: frames', () => {
  it('reports a frame with its mask exactly as it arrived, and its decoded fields', async () => {
    const { base } = await startDemo();
    const { ws, next } = await inspectClient(base);
    expect((await next()).type).toBe('handshake');
    ws.send('Hello');
    // The RFC's masked "Hello" (§5.7).
    expect(await next()).toEqual({
      type: 'frame',
      index: 0,
      offset: 0,
      hex: '818537fa213d7f9f4d5158',
      fin: true,
      rsv1: false,
      rsv2: false,
      rsv3: false,
      opcode: 1,
      maskingKey: '37fa213d',
      payloadLength: 5,
      lengthEncoding: '7-bit',
    } satisfies CapturedFrame);
    ws.send(Buffer.from([1, 2]), { binary: true });
    expect(await next()).toMatchObject({ index: 1, offset: 11, hex: '828237fa213d36f8', opcode: 2 });
    ws.close();
  });

  it('reports frames that arrived with the handshake, in the upgrade head', async () => {
    const { base } = await startDemo();
    const client = await rawClient(base, RFC_REQUEST, Buffer.from('818537fa213d7f9f4d5158', 'hex'));
    const [, frame] = await client.waitForMessages(2);
    expect(frame).toMatchObject({ type: 'frame', offset: 0, hex: '818537fa213d7f9f4d5158' });
    client.socket.destroy();
  });

  it('puts a frame back together however TCP splits it', async () => {
    const { base } = await startDemo();
    const client = await rawClient(base, RFC_REQUEST);
    await client.waitForMessages(1);
    for (const piece of ['81', '8537', 'fa213d7f', '9f4d5158']) {
      client.socket.write(Buffer.from(piece, 'hex'));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const [, frame] = await client.waitForMessages(2);
    expect(frame).toMatchObject({ hex: '818537fa213d7f9f4d5158', payloadLength: 5 });
    client.socket.destroy();
  });

  it('reports a 64 KiB message, the largest allowed, in full with its 64-bit length', async () => {
    const { base } = await startDemo();
    const { ws, next } = await inspectClient(base);
    await next();
    ws.send(Buffer.alloc(65536, 0x37), { binary: true });
    const frame = (await next()) as CapturedFrame;
    expect(frame.hex.slice(0, 28)).toBe('82ff000000000001000037fa213d');
    expect(frame.hex.length).toBe(2 * (14 + 65536));
    expect(frame).toMatchObject({ payloadLength: 65536, lengthEncoding: '64-bit' });
    ws.close();
  });

  it("reports the client's Close frame before the server answers it", async () => {
    const { base } = await startDemo();
    const { ws, next } = await inspectClient(base);
    await next();
    ws.close(1000, 'done');
    // 1000 = 03 e8, then "done", all masked with 37 fa 21 3d.
    expect(await next()).toMatchObject({ opcode: 8, hex: '888637fa213d34124552599f' });
    const [code] = await once(ws, 'close');
    expect(code).toBe(1000);
  });

  it('reports the first rule a frame breaks, then fails the connection with its code', async () => {
    const { base } = await startDemo();
    const client = await rawClient(base, RFC_REQUEST);
    await client.waitForMessages(1);
    // An unmasked text frame "Hi" from a client.
    client.socket.write(Buffer.from('81024869', 'hex'));
    const [, report] = await client.waitForMessages(2);
    expect(report).toEqual({
      type: 'violation',
      offset: 0,
      id: 'unmasked-client-frame',
      section: '5.1',
      explanation: 'A frame sent by the client is not masked, but a client must mask every frame it sends.',
      closeCode: 1002,
    });
    await once(client.socket, 'close');
  });

  it('closes with 1008 once a connection has used its budget, and keeps serving others', async () => {
    const { base } = await startDemo({ inspectBudgetBytes: 20 });
    const greedy = await inspectClient(base);
    const other = await inspectClient(base);
    await greedy.next();
    await other.next();
    greedy.ws.send('Hello');
    expect(await greedy.next()).toMatchObject({ type: 'frame' });
    greedy.ws.send('Hello');
    expect(await greedy.next()).toMatchObject({ type: 'budget-used', budgetBytes: 20 });
    const [code, reason] = await once(greedy.ws, 'close');
    expect(code).toBe(1008);
    expect(String(reason)).toBe('Inspect budget used up; reconnect to inspect more');
    other.ws.send('Hello');
    expect(await other.next()).toMatchObject({ type: 'frame', hex: '818537fa213d7f9f4d5158' });
    other.ws.close();
  });

  it('closes with 1009 past the message limit and keeps serving others', async () => {
    const { base } = await startDemo();
    const big = await inspectClient(base);
    const other = await inspectClient(base);
    await big.next();
    await other.next();
    big.ws.send(Buffer.alloc(65537));
    const [code] = await once(big.ws, 'close');
    expect(code).toBe(1009);
    other.ws.send('Hello');
    expect(await other.next()).toMatchObject({ type: 'frame' });
    other.ws.close();
  });
});
