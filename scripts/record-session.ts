// Records a real exchange with the demo server's /ws/echo, byte for byte, with a fixed key and fixed masks,
// so the chapters can show true byte dumps that never change unless the protocol or the server does.
// Run with `npm run record`; tests/server/recordings.test.ts fails when the committed file is out of date.
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createDemoServer } from '../server/index.ts';
import { encodeFrame, type FrameToEncode } from '../src/lib/protocol/encode-frame.ts';
import { decodeFrame } from '../src/lib/protocol/decode-frame.ts';
import { hex } from '../src/lib/protocol/bytes.ts';
import { Opcode } from '../src/lib/protocol/opcodes.ts';

export interface RecordedFrame {
  /** A stable name that chapters refer to. */
  name: string;
  sender: 'client' | 'server';
  /** The frame's bytes exactly as they crossed the connection. */
  hex: string;
}

export interface Recording {
  about: string;
  request: string;
  response: string;
  frames: RecordedFrame[];
  /** A second handshake that asks for version 8, and the server's whole refusal. */
  refusedVersion: { request: string; response: string };
}

export const RECORDING_PATH = 'src/data/recordings/echo-session.json';

/** The RFC 6455 §1.3 example key, so the handshake dump lines up with the RFC's own. */
const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

/**
 * What the client sends, in order; the server's answer to each is recorded after it. A real client picks a
 * fresh, unpredictable masking key for every frame (§5.3). These are fixed so the recording never changes;
 * the first is the §5.7 example's key, so that frame matches the RFC's masked "Hello" byte for byte.
 */
const CLIENT_FRAMES: { name: string; frame: FrameToEncode }[] = [
  { name: 'text-hello', frame: { opcode: Opcode.Text, payload: 'Hello', maskingKey: Uint8Array.from([0x37, 0xfa, 0x21, 0x3d]) } },
  {
    name: 'binary-200',
    frame: {
      opcode: Opcode.Binary,
      payload: Uint8Array.from({ length: 200 }, (_, i) => i),
      maskingKey: Uint8Array.from([0x9c, 0x41, 0x0e, 0xd2]),
    },
  },
  { name: 'ping', frame: { opcode: Opcode.Ping, payload: 'are you there?', maskingKey: Uint8Array.from([0x5b, 0xe3, 0x77, 0x18]) } },
  {
    name: 'close',
    frame: {
      opcode: Opcode.Close,
      payload: Uint8Array.from([0x03, 0xe8, ...new TextEncoder().encode('done')]),
      maskingKey: Uint8Array.from([0xa4, 0x2f, 0xc6, 0x91]),
    },
  },
];

export async function recordSession(): Promise<Recording> {
  const demo = createDemoServer();
  const http = createServer((req, res) => void (demo.handleRequest(req, res) || res.writeHead(404).end()));
  http.on('upgrade', (req, socket, head) => void (demo.handleUpgrade(req, socket, head) || socket.destroy()));
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const socket = connect((http.address() as AddressInfo).port, '127.0.0.1');
  await once(socket, 'connect');
  const port = (http.address() as AddressInfo).port;
  try {
    const request = handshakeRequest(13);
    const reader = new ByteReader(socket);
    socket.write(request);
    const response = await reader.readUntil('\r\n\r\n');
    const frames: RecordedFrame[] = [];
    for (const { name, frame } of CLIENT_FRAMES) {
      const { bytes } = encodeFrame(frame);
      frames.push({ name, sender: 'client', hex: hex(bytes) });
      socket.write(bytes);
      frames.push({ name: `${name}-reply`, sender: 'server', hex: hex(await reader.readFrame()) });
    }
    return {
      about:
        'A real exchange with the demo server /ws/echo, recorded by scripts/record-session.ts with a fixed handshake key and fixed masking keys.',
      request,
      response,
      frames,
      refusedVersion: await recordRefusal(port, handshakeRequest(8)),
    };
  } finally {
    socket.destroy();
    await demo.close();
    http.close();
  }
}

function handshakeRequest(version: number): string {
  return [
    'GET /ws/echo HTTP/1.1',
    'Host: localhost:4321',
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${KEY}`,
    'Origin: http://localhost:4321',
    `Sec-WebSocket-Version: ${version}`,
    '',
    '',
  ].join('\r\n');
}

/** Sends a handshake the server will refuse and records everything it answers until it closes the connection. */
async function recordRefusal(port: number, request: string): Promise<{ request: string; response: string }> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.write(request);
  await once(socket, 'close');
  return { request, response: Buffer.concat(chunks).toString('utf8') };
}

/** Collects a socket's bytes and hands them out as an HTTP head or as whole frames. */
class ByteReader {
  #buffer = new Uint8Array(0);
  #waiting: (() => void) | undefined;

  constructor(socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      const joined = new Uint8Array(this.#buffer.length + chunk.length);
      joined.set(this.#buffer);
      joined.set(chunk, this.#buffer.length);
      this.#buffer = joined;
      this.#waiting?.();
    });
  }

  async readUntil(marker: string): Promise<string> {
    for (;;) {
      const text = new TextDecoder('latin1').decode(this.#buffer);
      const end = text.indexOf(marker);
      if (end !== -1) {
        this.#buffer = this.#buffer.slice(end + marker.length);
        return text.slice(0, end + marker.length);
      }
      await this.#more();
    }
  }

  async readFrame(): Promise<Uint8Array> {
    for (;;) {
      const result = decodeFrame(this.#buffer, { sender: 'server' });
      const [broken] = result.violations;
      if (broken) throw new Error(`The server sent a frame that breaks ${broken.id}.`);
      if (result.status === 'complete') {
        const frame = this.#buffer.slice(0, result.byteLength);
        this.#buffer = this.#buffer.slice(result.byteLength);
        return frame;
      }
      await this.#more();
    }
  }

  #more(): Promise<void> {
    return new Promise((resolve) => (this.#waiting = resolve));
  }
}

if (import.meta.main) {
  const recording = await recordSession();
  writeFileSync(RECORDING_PATH, `${JSON.stringify(recording, null, 2)}\n`);
  console.log(`Wrote ${RECORDING_PATH}: the handshake and ${recording.frames.length} frames.`);
}
