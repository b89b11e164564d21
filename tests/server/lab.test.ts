// /ws/lab over real sockets: each act announced, then performed with exactly the announced bytes; bad requests refused.
import { once } from 'node:events';
import { connect as tcpConnect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startDemo } from './demo-harness.ts';
import { FRAGMENTED_TEXT, fragments, parseLabRequest } from '../../server/endpoints/lab.ts';
import type { LabAnnouncement, LabMessage, LabRefusal } from '../../src/lib/demo-messages.ts';

/** The RFC's masking key (§5.7), so the client's Pong has known bytes. */
const generateMask = (mask: Buffer) => mask.set(Buffer.from('37fa213d', 'hex'));

/** A ws client that queues the lab's JSON messages for `next()`, and every other event for the test to await. */
async function labClient(base: string) {
  const ws = new WebSocket(`ws://${base}/ws/lab`, { generateMask, perMessageDeflate: false });
  ws.on('error', () => {});
  const inbox: (LabMessage | { type: 'text'; text: string })[] = [];
  ws.on('message', (data) => {
    const text = String(data);
    try {
      inbox.push(JSON.parse(text) as LabMessage);
    } catch {
      inbox.push({ type: 'text', text });
    }
    ws.emit('inbox');
  });
  await once(ws, 'open');
  return {
    ws,
    ask: (request: object | string) => ws.send(typeof request === 'string' ? request : JSON.stringify(request)),
    async next() {
      while (inbox.length === 0) await once(ws, 'inbox');
      return inbox.shift()!;
    },
  };
}

/** A raw TCP client past the handshake: what it reads after the 101 response is exactly what the server wrote. */
async function rawLabClient(base: string) {
  const [host, port] = base.split(':');
  const socket: Socket = tcpConnect(Number(port), host);
  await once(socket, 'connect');
  let received = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    socket.emit('received');
  });
  socket.write(
    'GET /ws/lab HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  const until = async (done: () => boolean) => {
    while (!done()) await once(socket, 'received');
  };
  await until(() => received.includes('\r\n\r\n'));
  received = received.subarray(received.indexOf('\r\n\r\n') + 4);
  return {
    socket,
    /** Sends a request as a masked text frame (mask 00000000 keeps it readable), returns the bytes that follow. */
    async perform(request: object): Promise<{ announcement: LabAnnouncement; after: Buffer }> {
      received = Buffer.alloc(0);
      const payload = Buffer.from(JSON.stringify(request));
      socket.write(Buffer.concat([Buffer.from([0x81, 0x80 | payload.length, 0, 0, 0, 0]), payload]));
      await until(() => received.length >= 2 && received.length >= ((received[1]! & 0x7f) === 126 ? 4 : 2));
      const len7 = received[1]! & 0x7f;
      const start = len7 === 126 ? 4 : 2;
      await until(() => received.length >= start + (len7 === 126 ? received.readUInt16BE(2) : len7));
      const length = len7 === 126 ? received.readUInt16BE(2) : len7;
      const announcement = JSON.parse(received.subarray(start, start + length).toString()) as LabAnnouncement;
      const expected = announcement.frames.reduce((n, f) => n + f.hex.length / 2, 0);
      await until(() => received.length >= start + length + expected);
      return { announcement, after: received.subarray(start + length) };
    },
  };
}

describe('/ws/lab acts', () => {
  it('pings, then reports the Pong the client sent back, mask and all', async () => {
    const { base } = await startDemo();
    const lab = await labClient(base);
    lab.ask({ act: 'ping' });
    const announcement = (await lab.next()) as LabAnnouncement;
    // 0x89 Ping, length 10, "lab ping 1".
    expect(announcement).toMatchObject({ type: 'about-to-send', act: 'ping', frames: [{ hex: '890a6c61622070696e672031' }] });
    // ws answers the Ping itself: 0x8A Pong, masked, the same 10 bytes masked with 37 fa 21 3d.
    expect(await lab.next()).toEqual({ type: 'pong-received', hex: '8a8a37fa213d5b9b431d47934f5a17cb' });
    lab.ws.close();
  });

  it('writes exactly the announced bytes for a ping, fragments and each broken frame', async () => {
    const { base } = await startDemo();
    for (const request of [
      { act: 'ping' },
      { act: 'fragments', count: 3 },
      { act: 'invalid-utf8' },
      { act: 'reserved-opcode' },
      { act: 'masked-frame' },
      { act: 'close', code: 4000, reason: 'bye' },
    ]) {
      const raw = await rawLabClient(base);
      const { announcement, after } = await raw.perform(request);
      expect(announcement.act).toBe(request.act);
      expect(after.toString('hex')).toBe(announcement.frames.map((f) => f.hex).join(''));
      raw.socket.destroy();
    }
  });

  it('sends the announced bytes for the broken frames', async () => {
    const { base } = await startDemo();
    const raw = await rawLabClient(base);
    expect((await raw.perform({ act: 'invalid-utf8' })).after.toString('hex')).toBe('8104636166e9');
    expect((await raw.perform({ act: 'reserved-opcode' })).after.toString('hex')).toBe('83087265736572766564');
    // The RFC's masked "Hello" (§5.7), which only a client may send.
    expect((await raw.perform({ act: 'masked-frame' })).after.toString('hex')).toBe('818537fa213d7f9f4d5158');
    raw.socket.destroy();
  });

  it('sends a message in N fragments that the client reads as one message', async () => {
    const { base } = await startDemo();
    const lab = await labClient(base);
    lab.ask({ act: 'fragments', count: 16 });
    const announcement = (await lab.next()) as LabAnnouncement;
    expect(announcement.frames).toHaveLength(16);
    expect(announcement.frames[0]!.hex.slice(0, 2)).toBe('01');
    expect(announcement.frames[1]!.hex.slice(0, 2)).toBe('00');
    expect(announcement.frames[15]!.hex.slice(0, 2)).toBe('80');
    expect(await lab.next()).toEqual({ type: 'text', text: FRAGMENTED_TEXT });
    lab.ws.close();
  });

  it('splits into non-empty fragments, even through a multi-byte character', () => {
    for (let count = 1; count <= 16; count++) {
      const frames = fragments(FRAGMENTED_TEXT, count);
      const payload = Buffer.concat(frames.map((f) => Buffer.from(f.hex, 'hex').subarray(2)));
      expect(payload.toString()).toBe(FRAGMENTED_TEXT);
      for (const f of frames) expect(f.hex.length).toBeGreaterThan(4);
    }
  });

  it('closes with the code and reason asked for', async () => {
    const { base } = await startDemo();
    const lab = await labClient(base);
    lab.ask({ act: 'close', code: 4000, reason: 'bye' });
    expect(await lab.next()).toMatchObject({ act: 'close', frames: [{ hex: '88050fa0627965' }] });
    const [code, reason] = await once(lab.ws, 'close');
    expect([code, String(reason)]).toEqual([4000, 'bye']);
  });

  it('closes with an empty body, which the client reports as 1005', async () => {
    const { base } = await startDemo();
    const lab = await labClient(base);
    lab.ask({ act: 'close', code: null, reason: '' });
    expect(await lab.next()).toMatchObject({ act: 'close', frames: [{ hex: '8800' }] });
    const [code] = await once(lab.ws, 'close');
    expect(code).toBe(1005);
  });

  it.each([
    ['invalid-utf8', 'WS_ERR_INVALID_UTF8', 1007],
    ['reserved-opcode', 'WS_ERR_INVALID_OPCODE', 1002],
    ['masked-frame', 'WS_ERR_UNEXPECTED_MASK', 1002],
  ])('makes a conforming client fail the connection: %s gives %s and status %i', async (act, errorCode, status) => {
    const { base } = await startDemo();
    const lab = await labClient(base);
    const errors: (Error & { code?: string })[] = [];
    lab.ws.on('error', (error) => errors.push(error));
    lab.ask({ act });
    await lab.next();
    // ws, the reference client, fails the connection and sends this status in its Close frame; having received no
    // Close frame itself, it reports 1006 to its own application, as a browser does.
    const [code] = await once(lab.ws, 'close');
    expect(code).toBe(1006);
    expect(errors.map((e) => e.code)).toEqual([errorCode]);
    expect(Object.getOwnPropertySymbols(errors[0]).map((s) => (errors[0] as unknown as Record<symbol, unknown>)[s])).toContain(status);
  });

  it('resets the TCP connection: no close handshake, 1006, and others are still served', async () => {
    const { base } = await startDemo();
    const lab = await labClient(base);
    const other = await labClient(base);
    lab.ask({ act: 'reset' });
    expect(await lab.next()).toMatchObject({ act: 'reset', frames: [] });
    const [code] = await once(lab.ws, 'close');
    expect(code).toBe(1006);
    other.ask({ act: 'ping' });
    expect(await other.next()).toMatchObject({ act: 'ping' });
    other.ws.close();
  });
});

describe('/ws/lab refusals', () => {
  it.each([
    ['not json', 'DEMO_ERR_NOT_JSON', /"not json" is not JSON/],
    [JSON.stringify([1]), 'DEMO_ERR_UNKNOWN_ACT', /an "act", one of: ping, fragments, close/],
    [JSON.stringify({ act: 'dance' }), 'DEMO_ERR_UNKNOWN_ACT', /does not know the act "dance"/],
    [JSON.stringify({ act: 'fragments', count: 0 }), 'DEMO_ERR_BAD_ARGUMENT', /from 1 to 16, and it is 0/],
    [JSON.stringify({ act: 'fragments', count: 17 }), 'DEMO_ERR_BAD_ARGUMENT', /and it is 17/],
    [JSON.stringify({ act: 'fragments', count: 2.5 }), 'DEMO_ERR_BAD_ARGUMENT', /and it is 2.5/],
    [JSON.stringify({ act: 'fragments', count: '3' }), 'DEMO_ERR_BAD_ARGUMENT', /and it is "3"/],
    [JSON.stringify({ act: 'close', code: 1005 }), 'DEMO_ERR_BAD_ARGUMENT', /Status 1005 may not be sent/],
    [JSON.stringify({ act: 'close', code: 999 }), 'DEMO_ERR_BAD_ARGUMENT', /Status 999 may not be sent/],
    [JSON.stringify({ act: 'close', code: 70000 }), 'DEMO_ERR_BAD_ARGUMENT', /Status 70000 may not be sent/],
    [JSON.stringify({ act: 'close', code: null, reason: 'why' }), 'DEMO_ERR_BAD_ARGUMENT', /needs a status code/],
    [JSON.stringify({ act: 'close', code: 1000, reason: 'é'.repeat(62) }), 'DEMO_ERR_BAD_ARGUMENT', /124 bytes in UTF-8; .* at most 123/],
  ])('refuses %s with %s', (text, code, message) => {
    const refusal = parseLabRequest(text) as LabRefusal;
    expect(refusal).toMatchObject({ type: 'refused', code });
    expect(refusal.message).toMatch(message);
  });

  it('accepts a reason of exactly 123 bytes', () => {
    expect(parseLabRequest(JSON.stringify({ act: 'close', code: 1000, reason: 'x'.repeat(123) }))).toEqual({
      act: 'close',
      code: 1000,
      reason: 'x'.repeat(123),
    });
  });

  it('answers malformed requests over the wire and keeps working', async () => {
    const { base } = await startDemo();
    const lab = await labClient(base);
    lab.ask('{"act":');
    expect(await lab.next()).toMatchObject({ type: 'refused', code: 'DEMO_ERR_NOT_JSON' });
    lab.ask({ act: 'nope' });
    expect(await lab.next()).toMatchObject({ type: 'refused', code: 'DEMO_ERR_UNKNOWN_ACT' });
    lab.ws.send(Buffer.from('{"act":"ping"}'), { binary: true });
    expect(await lab.next()).toMatchObject({ type: 'refused', code: 'DEMO_ERR_BINARY' });
    lab.ask({ act: 'ping' });
    expect(await lab.next()).toMatchObject({ type: 'about-to-send', act: 'ping' });
    lab.ws.close();
  });

  it('refuses requests past the rate limit and keeps the connection open', async () => {
    const { base } = await startDemo({ labRequestsPerMinute: 2 });
    const lab = await labClient(base);
    lab.ask({ act: 'nope' });
    lab.ask({ act: 'nope' });
    lab.ask({ act: 'ping' });
    await lab.next();
    await lab.next();
    const refusal = (await lab.next()) as LabRefusal;
    expect(refusal).toMatchObject({ type: 'refused', code: 'DEMO_ERR_RATE_LIMITED' });
    expect(refusal.message).toMatch(/may make 2 requests a minute; try again in \d+ s\./);
    expect(lab.ws.readyState).toBe(WebSocket.OPEN);
    lab.ws.close();
  });
});

describe('/ws/lab and subprotocols', () => {
  it('declines every subprotocol offered: its 101 names none, and ws as a client fails the connection for it', async () => {
    const { base } = await startDemo();
    const ws = new WebSocket(`ws://${base}/ws/lab`, ['x-unknown']);
    // ws emits the error straight after 'upgrade', so both are awaited from the start.
    const upgraded = once(ws, 'upgrade') as Promise<[{ statusCode: number; headers: Record<string, string> }]>;
    const failed = once(ws, 'error') as Promise<[Error]>;
    const [response] = await upgraded;
    expect(response.statusCode).toBe(101);
    expect(response.headers['sec-websocket-protocol']).toBeUndefined();
    const [error] = await failed;
    // ws's client follows WHATWG here: an offer the server did not answer is a failed connection.
    expect(error.message).toBe('Server sent no subprotocol');
  });

  it("leaves /ws/echo on ws's default: the first name offered", async () => {
    const { base } = await startDemo();
    const ws = new WebSocket(`ws://${base}/ws/echo`, ['chat.v2', 'chat.v1']);
    await once(ws, 'open');
    expect(ws.protocol).toBe('chat.v2');
    ws.close();
    await once(ws, 'close');
  });
});
