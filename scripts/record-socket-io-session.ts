// Records a real Socket.IO 4 session over WebSocket, frame by frame, for the Socket.IO page: the official client and
// server (the npm packages socket.io and socket.io-client, dev dependencies used only here and in tests), with a TCP
// tap between them that keeps each direction's bytes as they crossed. The client is told to use WebSocket only, so
// every packet travels in a WebSocket frame; the HTTP long-polling it starts with by default is described in prose.
// Run with `npm run record:socket-io`; tests/server/socket-io.test.ts fails when the committed file no longer matches
// what the libraries send. Session ids, the handshake key and the client's masking keys are random on every run, so
// that test compares what stays the same: each frame's sender, opcode and payload, ids replaced.
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connectClient } from 'socket.io-client';
import { hex } from '../src/lib/protocol/bytes.ts';
import { decodeFrame } from '../src/lib/protocol/decode-frame.ts';

export const SOCKET_IO_RECORDING_PATH = 'src/data/recordings/socket-io-session.json';

type Side = 'client' | 'server';

export interface SocketIoRecording {
  about: string;
  /** The client's upgrade request and the server's 101 response, as they crossed. */
  request: string;
  response: string;
  /** Every WebSocket frame of the session in the order it crossed, each one's bytes as hex. */
  frames: { sender: Side; hex: string }[];
}

/**
 * Engine.IO's ping timing for the recording. The server pings every `pingInterval` ms (25 000 by default) and drops
 * a client whose pong is later than `pingTimeout` ms (20 000); a shorter interval puts one ping in a short recording.
 */
export const RECORDING_PING = { pingInterval: 1000, pingTimeout: 5000 };

/** A Socket.IO 4 server on loopback port 0 with the session's events: a welcome on connection, and two that ask for an answer. */
export async function startSocketIoServer(ping: { pingInterval: number; pingTimeout: number } = RECORDING_PING) {
  const http = createServer();
  const io = new Server(http, { ...ping, serveClient: false });
  io.on('connection', (socket) => {
    socket.emit('welcome', 'Hello from Socket.IO');
    socket.on('chat', (message: { text: string }, ack: (reply: unknown) => void) => ack({ received: message.text }));
    socket.on('upload', (bytes: Buffer, ack: (size: number) => void) => ack(bytes.length));
  });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  return { io, port: (http.address() as AddressInfo).port, close: () => io.close() };
}

export async function recordSocketIoSession(): Promise<SocketIoRecording> {
  const server = await startSocketIoServer();
  const tap = await startTap(server.port);
  const client = connectClient(`http://127.0.0.1:${tap.port}`, { transports: ['websocket'], reconnection: false });
  try {
    // The Socket.IO client is not a Node EventEmitter, so events.once() cannot wait on it.
    const welcome = new Promise((resolve) => client.once('welcome', resolve));
    await new Promise<void>((resolve) => client.once('connect', resolve));
    await welcome;
    await client.emitWithAck('chat', { text: 'hi' });
    await client.emitWithAck('upload', Uint8Array.from([0xca, 0xfe, 0xba, 0xbe]));
    // The server pings once pingInterval has passed; the client's pong is the last frame before it leaves.
    await tap.waitFor('client', (payload) => payload === '3');
    client.disconnect();
    await tap.closed;
    return {
      about:
        'A real Socket.IO 4 session over WebSocket between the socket.io and socket.io-client packages, recorded by scripts/record-socket-io-session.ts through a TCP tap on loopback.',
      request: tap.head.client,
      response: tap.head.server,
      frames: tap.frames,
    };
  } finally {
    client.close();
    await server.close();
    tap.relay.close();
  }
}

/** A TCP relay that keeps each direction's HTTP head and splits what follows into WebSocket frames, in crossing order. */
async function startTap(serverPort: number) {
  const frames: SocketIoRecording['frames'] = [];
  const head: Record<Side, string> = { client: '', server: '' };
  const texts: Record<Side, string[]> = { client: [], server: [] };
  const waiters = new Set<() => void>();
  let ended = 0;
  let markClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  const relay = net.createServer((fromClient) => {
    const toServer = net.connect(serverPort, '127.0.0.1');
    relayOneWay(fromClient, toServer, 'client');
    relayOneWay(toServer, fromClient, 'server');
  });
  function relayOneWay(from: net.Socket, to: net.Socket, side: Side) {
    let pending = Buffer.alloc(0);
    from.on('data', (chunk: Buffer) => {
      to.write(chunk);
      pending = Buffer.concat([pending, chunk]);
      if (!head[side]) {
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) return;
        head[side] = pending.subarray(0, end + 4).toString('latin1');
        pending = pending.subarray(end + 4);
      }
      for (;;) {
        const decoded = decodeFrame(pending, { sender: side });
        if (decoded.status === 'incomplete') break;
        frames.push({ sender: side, hex: hex(pending.subarray(0, decoded.byteLength)) });
        texts[side].push(new TextDecoder().decode(decoded.frame.payload));
        pending = pending.subarray(decoded.byteLength);
      }
      for (const waiter of waiters) waiter();
    });
    from.on('end', () => to.end());
    from.on('close', () => {
      to.destroy();
      if (++ended === 2) markClosed();
    });
    from.on('error', () => to.destroy());
  }
  relay.listen(0, '127.0.0.1');
  await once(relay, 'listening');
  return {
    port: (relay.address() as AddressInfo).port,
    relay,
    frames,
    head,
    closed,
    /** Resolves once `side` has sent a frame whose payload, read as text, matches. */
    waitFor(side: Side, match: (payload: string) => boolean): Promise<void> {
      return new Promise((resolve) => {
        const check = () => {
          if (!texts[side].some(match)) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      });
    },
  };
}

if (import.meta.main) {
  writeFileSync(SOCKET_IO_RECORDING_PATH, `${JSON.stringify(await recordSocketIoSession(), null, 2)}\n`);
  console.log(`Wrote ${SOCKET_IO_RECORDING_PATH}.`);
}
