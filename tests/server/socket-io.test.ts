// The Socket.IO page against the real libraries (socket.io and socket.io-client 4, dev dependencies): the recorded
// session is still what they send, the annotator explains every character of it, examples/socket-io/by-hand.js
// speaks Socket.IO over a plain WebSocket, and the page's claims about a Socket.IO client meeting a plain WebSocket
// server hold.
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io as connectClient } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { connectSocketIo } from '../../examples/socket-io/by-hand.js';
import {
  recordSocketIoSession,
  RECORDING_PING,
  SOCKET_IO_RECORDING_PATH,
  startSocketIoServer,
  type SocketIoRecording,
} from '../../scripts/record-socket-io-session.ts';
import { createSiteServer } from '../../server/site-server.ts';
import { decodeFrame } from '../../src/lib/protocol/decode-frame.ts';
import { computeAccept } from '../../src/lib/protocol/handshake.ts';
import { Opcode } from '../../src/lib/protocol/opcodes.ts';
import { annotateSocketIoSession, type SocketIoFrame } from '../../src/lib/protocol/socket-io-packets.ts';
import { sessionRows, requestLine } from '../../src/components/socket-io-session.ts';

const committed = JSON.parse(readFileSync(SOCKET_IO_RECORDING_PATH, 'utf8')) as SocketIoRecording;

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listen(http: HttpServer): Promise<number> {
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  cleanups.push(() => new Promise((resolve) => http.close(resolve)));
  return (http.address() as AddressInfo).port;
}

/**
 * What stays the same from one recording to the next: who sent each frame, its opcode and its payload as text, with
 * the random session ids written as <sid>. Masking keys, the handshake key and the Host port change on every run.
 */
function stableShape(recording: SocketIoRecording) {
  return sessionRows(recording, 'en').map((row) => ({
    sender: row.frame.sender,
    opcode: row.frame.opcode,
    masked: row.masked,
    payload:
      row.frame.opcode === Opcode.Binary
        ? Buffer.from(row.frame.payload).toString('hex')
        : new TextDecoder().decode(row.frame.payload).replace(/"sid":"[\w-]{20}"/g, '"sid":"<sid>"'),
  }));
}

describe(SOCKET_IO_RECORDING_PATH, () => {
  it('is what socket.io and socket.io-client send today (run `npm run record:socket-io` after changing the session)', async () => {
    expect(stableShape(await recordSocketIoSession())).toEqual(stableShape(committed));
  }, 15_000);

  it('asks for /socket.io/ with EIO=4 over WebSocket, and holds an accept value that matches its key', async () => {
    expect(requestLine(committed)).toBe('GET /socket.io/?EIO=4&transport=websocket HTTP/1.1');
    const key = /Sec-WebSocket-Key: (\S+)/.exec(committed.request)![1]!;
    expect(committed.response).toMatch(/^HTTP\/1\.1 101 /);
    expect(committed.response).toContain(`Sec-WebSocket-Accept: ${await computeAccept(key)}\r\n`);
  });

  it('holds a client that offered permessage-deflate and a server that named no extension back (RFC 6455 §9.1)', () => {
    expect(committed.request).toMatch(/\r\nSec-WebSocket-Extensions: permessage-deflate/);
    expect(committed.response).not.toMatch(/Sec-WebSocket-Extensions/i);
    const compressed = committed.frames.filter(({ sender, hex }) => {
      const decoded = decodeFrame(Uint8Array.from(Buffer.from(hex, 'hex')), { sender });
      return decoded.status !== 'complete' || decoded.frame.rsv1;
    });
    expect(compressed).toEqual([]);
  });

  it('carries the ping timing the recording set, in the open packet the server sent first', () => {
    const first = sessionRows(committed, 'en')[0]!;
    expect(first.frame.sender).toBe('server');
    expect(first.note.summary).toBe('open');
    const handshake = JSON.parse(new TextDecoder().decode(first.frame.payload).slice(1)) as Record<string, unknown>;
    expect(handshake).toMatchObject({ ...RECORDING_PING, upgrades: [] });
  });
});

describe('annotateSocketIoSession on the recorded session', () => {
  const rows = sessionRows(committed, 'en');

  it.each(rows.map((row, i) => [i + 1, row.note.summary, row] as const))(
    'explains every character of message %i (%s), breaking no rule',
    (_, __, row) => {
      // A text payload's parts are its characters; any other payload's parts are its bytes as spaced hex.
      const joined = row.note.parts.map((part) => part.text).join(row.frame.opcode === Opcode.Text ? '' : ' ');
      const payload =
        row.frame.opcode === Opcode.Text
          ? new TextDecoder().decode(row.frame.payload)
          : Buffer.from(row.frame.payload)
              .toString('hex')
              .replace(/(..)(?!$)/g, '$1 ');
      expect(joined).toBe(payload);
      expect(row.note.malformed).toBe(false);
    },
  );

  it('names each packet in the order the libraries sent them', () => {
    expect(rows.map((row) => `${row.frame.sender} ${row.note.summary}`)).toEqual([
      'server open',
      'client CONNECT',
      'server CONNECT',
      'server EVENT',
      'client EVENT',
      'server ACK',
      'client BINARY_EVENT',
      'client attachment',
      'server ACK',
      'server ping',
      'client pong',
      'client DISCONNECT',
      'client Close',
      'server Close',
    ]);
  });

  it('holds at index 4 the chat event the page shows whole, as its caption says', () => {
    expect(new TextDecoder().decode(rows[4]!.frame.payload)).toBe('420["chat",{"text":"hi"}]');
  });

  it('explains the same parts in Chinese', () => {
    const chinese = sessionRows(committed, 'zh-CN');
    expect(chinese.map((row) => row.note.parts.map((part) => part.text))).toEqual(
      rows.map((row) => row.note.parts.map((part) => part.text)),
    );
    expect(chinese[6]!.note.parts.map((part) => part.title)).toEqual([
      'Engine.IO 数据包类型',
      'Socket.IO 数据包类型',
      '二进制附件数',
      '确认 id',
      '数据（JSON）',
    ]);
  });
});

describe('annotateSocketIoSession on payloads that break the format', () => {
  const text = (payload: string): SocketIoFrame => ({ sender: 'client', opcode: Opcode.Text, payload: new TextEncoder().encode(payload) });

  it.each([
    ['9', 'a text packet must start with an Engine.IO type, 0 to 6'],
    ['4', 'a message packet must hold a Socket.IO packet'],
    ['48', 'a Socket.IO packet must start with its type, 0 to 6'],
    ['42{"text":"hi"}', 'an event\u2019s data must be a non-empty array'],
    ['42[]', 'an event\u2019s data must be a non-empty array'],
    ['43{"ok":1}', 'an ACK\u2019s data must be an array'],
    ['45["upload"]', 'a binary packet must give its number of attachments'],
    ['42["chat",', 'not JSON'],
    ['0{"sid"', 'not JSON'],
  ])('%s is malformed: %s', (payload, rule) => {
    const note = annotateSocketIoSession([text(payload)])[0]!;
    expect(note.malformed).toBe(true);
    expect(note.parts.at(-1)!.value).toContain(rule);
    expect(note.parts.map((part) => part.text).join('')).toBe(payload);
  });

  it('reads a namespace and an ack id, and counts attachments only for the side that announced them', () => {
    const notes = annotateSocketIoSession([
      text('452-/admin,7["files",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]'),
      { sender: 'server', opcode: Opcode.Binary, payload: Uint8Array.from([1]) },
      { sender: 'client', opcode: Opcode.Binary, payload: Uint8Array.from([2]) },
      { sender: 'client', opcode: Opcode.Binary, payload: Uint8Array.from([3]) },
      { sender: 'client', opcode: Opcode.Binary, payload: Uint8Array.from([4]) },
    ]);
    expect(notes[0]!.parts.map((part) => part.text)).toEqual([
      '4',
      '5',
      '2-',
      '/admin,',
      '7',
      '["files",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]',
    ]);
    expect(notes[0]!.parts[3]!.value).toContain('/admin');
    expect(notes[0]!.parts[5]!.value).toContain('stands for attachment 1');
    expect(notes.slice(1).map((note) => `${note.sender} ${note.summary}`)).toEqual([
      'server message',
      'client attachment',
      'client attachment',
      'client message',
    ]);
    expect(notes[3]!.parts[0]!.value).toContain('attachment 1 of the packet before');
  });
});

/** The recording's server with a short ping, so that a test sees several, and the reason of every disconnect. */
async function startSocketIo() {
  const server = await startSocketIoServer({ pingInterval: 200, pingTimeout: 300 });
  cleanups.push(server.close);
  const disconnects: string[] = [];
  server.io.on('connection', (socket) => socket.on('disconnect', (reason) => disconnects.push(reason)));
  return { ...server, disconnects };
}

describe('examples/socket-io/by-hand.js', () => {
  it('joins the main namespace, gets the welcome event, and has its event acknowledged', async () => {
    const { port } = await startSocketIo();
    const events: unknown[][] = [];
    const client = await connectSocketIo(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`, {
      onEvent: (...event: unknown[]) => events.push(event),
    });
    expect(await client.emitWithAck('chat', { text: 'hi' })).toEqual([{ received: 'hi' }]);
    expect(events).toEqual([['welcome', 'Hello from Socket.IO']]);
    client.close();
  });

  it('answers the pings, so the server keeps the session past several ping timeouts, and leaves cleanly', async () => {
    const { io, port, disconnects } = await startSocketIo();
    const client = await connectSocketIo(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(io.of('/').sockets.size).toBe(1);
    expect(disconnects).toEqual([]);
    client.close();
    await expect.poll(() => disconnects).toEqual(['client namespace disconnect']);
  });

  it('rejects with the reason of a CONNECT_ERROR when the server refuses the namespace', async () => {
    const { io, port } = await startSocketIo();
    io.use((_, next) => next(new Error('Not authorized')));
    await expect(connectSocketIo(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`)).rejects.toThrow('Refused: Not authorized');
  });

  it('is dropped by the server when it stops answering pings, which is why the answer matters', async () => {
    const { port, disconnects } = await startSocketIo();
    const plain = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`);
    plain.addEventListener('message', ({ data }) => data[0] === '0' && plain.send('40'));
    await expect.poll(() => disconnects, { timeout: 3000 }).toEqual(['ping timeout']);
  });
});

describe('a Socket.IO client meeting a plain WebSocket server (the page\u2019s claims)', () => {
  it('starts with an HTTP long-polling GET for /socket.io/?EIO=4&transport=polling, which this site\u2019s server answers with 404', async () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'socket-io-dist-'));
    cleanups.push(() => rmSync(dist, { recursive: true, force: true }));
    writeFileSync(path.join(dist, '404.html'), '<!doctype html><title>Not found</title>');
    const site = createSiteServer(dist);
    cleanups.push(() => site.demo.close());
    const requests: string[] = [];
    site.http.prependListener('request', (request: { url?: string }) => requests.push(request.url ?? ''));
    const port = await listen(site.http as HttpServer);
    const client = connectClient(`http://127.0.0.1:${port}/ws/echo`, { reconnection: false });
    cleanups.push(() => void client.close());
    const error = await new Promise<Error & { description?: unknown }>((resolve) => client.once('connect_error', resolve));
    expect(error.message).toBe('xhr poll error');
    expect(error.description).toBe(404);
    expect(requests[0]).toMatch(/^\/socket\.io\/\?EIO=4&transport=polling&t=/);
  });

  it('over WebSocket only, gets a real WebSocket, waits in vain for the open packet, and reconnects again and again', async () => {
    const http = createServer();
    const plain = new WebSocketServer({ server: http });
    cleanups.push(() => new Promise((resolve) => plain.close(resolve)));
    const paths: string[] = [];
    plain.on('connection', (socket, request) => {
      paths.push(request.url ?? '');
      socket.on('message', (data) => socket.send(data));
    });
    const port = await listen(http);
    // `timeout` is how long the client waits to connect (20 s by default); a short one keeps the test short.
    const client = connectClient(`http://127.0.0.1:${port}/ws/echo`, {
      transports: ['websocket'],
      timeout: 300,
      reconnectionDelay: 50,
      reconnectionDelayMax: 50,
    });
    cleanups.push(() => void client.close());
    let connected = false;
    client.on('connect', () => (connected = true));
    const error = await new Promise<Error>((resolve) => client.once('connect_error', resolve));
    expect(error.message).toBe('timeout');
    await expect.poll(() => paths.length, { timeout: 3000 }).toBeGreaterThanOrEqual(3);
    expect(new Set(paths)).toEqual(new Set(['/socket.io/?EIO=4&transport=websocket']));
    expect(connected).toBe(false);
  });
});
