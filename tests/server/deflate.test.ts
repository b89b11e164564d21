// /ws/deflate over real sockets: permessage-deflate negotiated with ws's client, its limits judged after inflating, its cap, and every other endpoint still uncompressed.
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { connect as tcpConnect } from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startDemo } from './demo-harness.ts';
import type { DeflateMessage } from '../../src/lib/demo-messages.ts';

/** The RFC's masking key (RFC 6455 §5.7), so every frame the client sends has known bytes. */
const RFC_MASK = Buffer.from('37fa213d', 'hex');
const generateMask = (mask: Buffer) => mask.set(RFC_MASK);

/**
 * A ws client that offers permessage-deflate as ws does by default (`permessage-deflate; client_max_window_bits`);
 * `answer` is the server's Sec-WebSocket-Extensions, or '' for none.
 */
async function open(url: string, options: WebSocket.ClientOptions = {}): Promise<WebSocket & { answer: string; inbox: Inbox }> {
  const ws = new WebSocket(url, { generateMask, ...options });
  let answer = '';
  ws.once('upgrade', (response: IncomingMessage) => (answer = String(response.headers['sec-websocket-extensions'] ?? '')));
  // Before 'open': a report may come in the same TCP segment as the 101.
  const messages = inbox(ws);
  await once(ws, 'open');
  return Object.assign(ws, { answer, inbox: messages });
}

async function echoes(ws: WebSocket & { inbox: Inbox }, message: string): Promise<string> {
  ws.send(message);
  return ws.inbox.next();
}

interface Inbox {
  next(): Promise<string>;
}

/** Collects every message, in order, as text; reports are JSON, echoes are whatever was sent. */
function inbox(ws: WebSocket): Inbox {
  const queue: string[] = [];
  ws.on('message', (data) => {
    queue.push(String(data));
    ws.emit('queued');
  });
  return {
    async next() {
      while (queue.length === 0) await once(ws, 'queued');
      return queue.shift()!;
    },
  };
}

/** The HTTP status a handshake is refused with, and its body. */
async function refusal(url: string, options: WebSocket.ClientOptions = {}): Promise<{ status: number; body: string }> {
  const ws = new WebSocket(url, options);
  const [, response] = (await once(ws, 'unexpected-response')) as [unknown, IncomingMessage];
  let body = '';
  for await (const chunk of response) body += String(chunk);
  return { status: response.statusCode ?? 0, body };
}

describe('/ws/deflate', () => {
  it('negotiates permessage-deflate with both windows capped, and echoes', async () => {
    const { base } = await startDemo();
    const ws = await open(`ws://${base}/ws/deflate`);
    expect(ws.answer).toBe('permessage-deflate; client_max_window_bits=12; server_max_window_bits=12');
    expect(await echoes(ws, 'Hello, Hello, Hello')).toBe('Hello, Hello, Hello');
    ws.close();
  });

  it('answers server_no_context_takeover with ?context=off', async () => {
    const { base } = await startDemo({ deflateMaxWindowBits: 15 });
    const ws = await open(`ws://${base}/ws/deflate?context=off`);
    expect(ws.answer).toBe('permessage-deflate; client_max_window_bits=15; server_no_context_takeover; server_max_window_bits=15');
    expect(await echoes(ws, 'Hello')).toBe('Hello');
    ws.close();
  });

  it('caps only its own window for a client that did not offer client_max_window_bits (RFC 7692 §7.1.2.2)', async () => {
    const { base } = await startDemo();
    // The offer as Firefox words it; ws's client always adds client_max_window_bits, so this one is written by hand.
    const [host, port] = base.split(':');
    const socket = tcpConnect(Number(port), host);
    socket.write(
      `GET /ws/deflate HTTP/1.1\r\nHost: ${base}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n',
    );
    let response = '';
    while (!response.includes('\r\n\r\n')) response += String(((await once(socket, 'data')) as [Buffer])[0]);
    socket.destroy();
    expect(response).toMatch(/^HTTP\/1\.1 101 /);
    expect(response).toContain('\r\nSec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=12\r\n');
  });

  it('declines a malformed offer (RFC 7692 §5) and echoes uncompressed', async () => {
    const { base } = await startDemo();
    // ws's client would fail the connection if the server answered with an extension it did not itself offer.
    const ws = await open(`ws://${base}/ws/deflate`, {
      perMessageDeflate: false,
      headers: { 'Sec-WebSocket-Extensions': 'permessage-deflate; server_max_window_bits=7' },
    });
    expect(ws.answer).toBe('');
    expect(ws.extensions).toBe('');
    expect(await echoes(ws, 'plain')).toBe('plain');
    ws.close();
  });

  it('closes a deflate bomb with 1009, judged on the inflated size, and keeps serving', async () => {
    const { base } = await startDemo({ deflateMaxMessageBytes: 16 * 1024 });
    const bomber = await open(`ws://${base}/ws/deflate`);
    const sentBefore = (bomber as unknown as { _socket: { bytesWritten: number } })._socket.bytesWritten;
    // 1 MiB of zeros, which ws's client compresses to about a kilobyte: far under any wire limit.
    bomber.send(Buffer.alloc(1024 * 1024));
    const [code] = (await once(bomber, 'close')) as [number, Buffer];
    const onWire = (bomber as unknown as { _socket: { bytesWritten: number } })._socket.bytesWritten - sentBefore;
    expect(code).toBe(1009);
    expect(onWire).toBeLessThan(4096);

    const next = await open(`ws://${base}/ws/deflate`);
    expect(await echoes(next, 'still here')).toBe('still here');
    // The limit is the inflated size: exactly the limit passes, one byte more does not.
    next.send(Buffer.alloc(16 * 1024));
    expect((await next.inbox.next()).length).toBe(16 * 1024);
    next.send(Buffer.alloc(16 * 1024 + 1));
    expect(((await once(next, 'close')) as [number])[0]).toBe(1009);
  });

  it('refuses compressed connections past deflateMaxConnections with 503 and a reason, and lets plain ones in', async () => {
    const { base } = await startDemo({ deflateMaxConnections: 2 });
    const first = await open(`ws://${base}/ws/deflate`);
    const second = await open(`ws://${base}/ws/deflate`);
    const refused = await refusal(`ws://${base}/ws/deflate`);
    expect(refused.status).toBe(503);
    expect(refused.body).toContain('at most 2 compressed connections');
    // Not a compressed connection, so not under this cap.
    const plain = await open(`ws://${base}/ws/deflate`, { perMessageDeflate: false });
    expect(plain.extensions).toBe('');
    first.close();
    await once(first, 'close');
    const third = await open(`ws://${base}/ws/deflate`);
    expect(third.extensions).toContain('permessage-deflate');
    for (const ws of [second, plain, third]) ws.close();
  });

  it.each(['/ws/echo', '/ws/inspect', '/ws/lab', '/ws/chat'])('leaves %s uncompressed when the client offers deflate', async (path) => {
    const { base } = await startDemo();
    const ws = await open(`ws://${base}${path}`);
    expect(ws.answer).toBe('');
    expect(ws.extensions).toBe('');
    ws.close();
  });

  it('with ?report=frames, reports the client frames and the echoes as they went over the wire (RFC 7692 §7.2.3.1, §7.2.3.2)', async () => {
    const { base } = await startDemo();
    const ws = await open(`ws://${base}/ws/deflate?report=frames`);
    const messages = ws.inbox;
    const handshake = JSON.parse(await messages.next()) as DeflateMessage;
    expect(handshake.type === 'handshake' && handshake.response.headers).toContainEqual([
      'Sec-WebSocket-Extensions',
      'permessage-deflate; client_max_window_bits=12; server_max_window_bits=12',
    ]);
    const round = async () => {
      ws.send('Hello');
      const frame = JSON.parse(await messages.next()) as DeflateMessage;
      const echo = await messages.next();
      const sent = JSON.parse(await messages.next()) as DeflateMessage;
      return { frame, echo, sent };
    };
    const first = await round();
    // ws's client compresses "Hello" as RFC 7692 §7.2.3.1 does, then masks it with the RFC 6455 §5.7 key.
    expect(first.frame).toMatchObject({
      type: 'frame',
      rsv1: true,
      opcode: 1,
      hex: `c187${RFC_MASK.toString('hex')}${mask('f248cdc9c90700')}`,
    });
    expect(first.echo).toBe('Hello');
    expect(first.sent).toMatchObject({ type: 'sent', rsv1: true, hex: 'c107f248cdc9c90700', maskingKey: null });
    const second = await round();
    // The second "Hello" refers back to the first one in the shared window (§7.2.3.2).
    expect(second.sent).toMatchObject({ type: 'sent', hex: 'c105f200110000' });
    expect(second.frame).toMatchObject({ type: 'frame', hex: `c185${RFC_MASK.toString('hex')}${mask('f200110000')}` });
    ws.close();
  });

  it('with ?report=frames&context=off, compresses every echo afresh', async () => {
    const { base } = await startDemo();
    const ws = await open(`ws://${base}/ws/deflate?report=frames&context=off`);
    const messages = ws.inbox;
    await messages.next();
    const sentHex: string[] = [];
    for (let i = 0; i < 2; i++) {
      ws.send('Hello');
      await messages.next();
      expect(await messages.next()).toBe('Hello');
      sentHex.push((JSON.parse(await messages.next()) as { hex: string }).hex);
    }
    expect(sentHex).toEqual(['c107f248cdc9c90700', 'c107f248cdc9c90700']);
    ws.close();
  });
});

/** XORs hex bytes with the RFC's masking key, as a client's frame carries them. */
function mask(payloadHex: string): string {
  const bytes = Buffer.from(payloadHex, 'hex');
  return Buffer.from(bytes.map((b, i) => b ^ RFC_MASK[i % 4]!)).toString('hex');
}
