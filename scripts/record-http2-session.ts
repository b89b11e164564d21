// Records a real RFC 8441 session with the demo server's /ws/echo, every HTTP/2 frame byte for byte, with fixed masks,
// so /extensions/ can show WebSocket frames inside DATA frames. Run with `npm run record:http2`;
// tests/server/recordings.test.ts fails when the committed file is out of date.
//
// HTTP/2 frames are visible only below TLS, so this records h2c, HTTP/2 in the clear (RFC 9113 §3.3), on loopback:
// the demo server's extended CONNECT handler is the one `npm start` runs over TLS, mounted here on Node's cleartext
// http2 server. That is simpler and more honest than decrypting TLS with a key log, and the frames are the same ones
// TLS would carry. A tap between Node's http2 client and the server keeps each direction's bytes as they crossed.
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import http2 from 'node:http2';
import net, { type AddressInfo } from 'node:net';
import { createDemoServer } from '../server/index.ts';
import { encodeFrame, type FrameToEncode } from '../src/lib/protocol/encode-frame.ts';
import { hex } from '../src/lib/protocol/bytes.ts';
import { Opcode } from '../src/lib/protocol/opcodes.ts';
import { CLIENT_PREFACE, readFrameHeader, splitFrames } from '../src/lib/http2/annotate-http2-frame.ts';

export interface Http2RecordedFrame {
  sender: 'client' | 'server';
  /** One HTTP/2 frame, or the client's connection preface, exactly as it crossed the connection. */
  hex: string;
}

export interface Http2RecordedStep {
  /** A stable name the chapter refers to. */
  name: string;
  /** What the client did to start this step. */
  action: string;
  /** Each side's frames in the order it sent them; the two sides run at once, so the order between them is not recorded. */
  frames: Http2RecordedFrame[];
}

export interface Http2Recording {
  about: string;
  steps: Http2RecordedStep[];
}

export const HTTP2_RECORDING_PATH = 'src/data/recordings/http2-session.json';

/** The authority and origin the echo recording uses too, so the two dumps read alike whatever port the script got. */
const AUTHORITY = 'localhost:4321';

const MESSAGES: { name: string; action: string; frame: FrameToEncode }[] = [
  {
    name: 'text-hello',
    action: 'The client writes a masked Text frame, “Hello”, to the stream; the server echoes it.',
    frame: { opcode: Opcode.Text, payload: 'Hello', maskingKey: Uint8Array.from([0x37, 0xfa, 0x21, 0x3d]) },
  },
  {
    name: 'ping',
    action: 'The client writes a Ping; the server answers with a Pong.',
    frame: { opcode: Opcode.Ping, payload: 'are you there?', maskingKey: Uint8Array.from([0x5b, 0xe3, 0x77, 0x18]) },
  },
];

const CLOSE: FrameToEncode = {
  opcode: Opcode.Close,
  payload: Uint8Array.from([0x03, 0xe8, ...new TextEncoder().encode('done')]),
  maskingKey: Uint8Array.from([0xa4, 0x2f, 0xc6, 0x91]),
};

export async function recordHttp2Session(): Promise<Http2Recording> {
  const demo = createDemoServer({ logLevel: 'silent' });
  // Node's compatibility API (and so its 'connect' event) runs only on a server with a request handler.
  const server = http2.createServer({ settings: { enableConnectProtocol: true } }, (_request, response) => response.writeHead(404).end());
  server.on('connect', (request: http2.Http2ServerRequest, response: http2.Http2ServerResponse) => {
    if (!demo.handleConnect(request, response)) response.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const tap = await startTap((server.address() as AddressInfo).port);
  const session = http2.connect(`http://127.0.0.1:${tap.port}`);
  try {
    const steps: Http2RecordedStep[] = [];
    // 1. The preface and both sides' SETTINGS, each acknowledged (RFC 9113 §3.4, §6.5.3).
    await once(session, 'remoteSettings');
    await tap.waitFor('client', (f) => isType(f, 0x4, 0x1));
    await tap.waitFor('server', (f) => isType(f, 0x4, 0x1));
    steps.push(
      tap.step(
        'settings',
        'The client opens the connection: the preface, then its SETTINGS; the server sends its own, and each acknowledges the other’s.',
      ),
    );
    // 2. The extended CONNECT (RFC 8441 §4) and its 200 (§5).
    const stream = session.request(
      {
        ':method': 'CONNECT',
        ':protocol': 'websocket',
        ':scheme': 'http',
        ':path': '/ws/echo',
        ':authority': AUTHORITY,
        'sec-websocket-version': '13',
        origin: `http://${AUTHORITY}`,
      },
      { endStream: false },
    );
    await once(stream, 'response');
    // The tap keeps the bytes; the stream is read only so that it can end.
    stream.resume();
    await tap.waitFor('server', (f) => isType(f, 0x1));
    steps.push(tap.step('connect', 'The client sends an extended CONNECT for /ws/echo on a new stream; the server answers 200.'));
    // 3. WebSocket frames in DATA frames, one DATA frame each way per message.
    for (const { name, action, frame } of MESSAGES) {
      const echoes = tap.count('server', (f) => isType(f, 0x0));
      stream.write(encodeFrame(frame).bytes);
      await tap.waitFor('server', (f) => isType(f, 0x0), echoes + 1);
      steps.push(tap.step(name, action));
    }
    // 4. The closing handshake, then each side ends its half of the stream (END_STREAM, RFC 8441 §5).
    stream.write(encodeFrame(CLOSE).bytes);
    stream.end();
    await Promise.all([once(stream, 'close'), tap.waitFor('client', endsStream), tap.waitFor('server', endsStream)]);
    steps.push(
      tap.step(
        'close',
        'The client writes a Close frame and ends its side of the stream; the server answers with its Close and ends its side.',
      ),
    );
    return {
      about:
        'A real RFC 8441 session with the demo server’s /ws/echo over h2c on loopback, recorded by scripts/record-http2-session.ts with Node’s http2 client and fixed masking keys. Frames after the stream closed (the session’s GOAWAY) are left out.',
      steps,
    };
  } finally {
    session.destroy();
    tap.close();
    await demo.close();
    server.close();
  }
}

function isType(frame: Uint8Array, type: number, flag = 0): boolean {
  const header = readFrameHeader(frame);
  return header !== null && header.type === type && (header.flags & flag) === flag;
}

/** A DATA frame with END_STREAM, or an RST_STREAM: either ends the sender's part in the stream. */
function endsStream(frame: Uint8Array): boolean {
  return isType(frame, 0x0, 0x1) || isType(frame, 0x3);
}

type Side = 'client' | 'server';

/** A TCP relay between the client and the server that splits each direction into HTTP/2 frames as they pass. */
async function startTap(serverPort: number) {
  const seen: Record<Side, Uint8Array[]> = { client: [], server: [] };
  let stepStart: Record<Side, number> = { client: 0, server: 0 };
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of waiters) waiter();
  };
  const relay = net.createServer((fromClient) => {
    const toServer = net.connect(serverPort, '127.0.0.1');
    relayOneWay(fromClient, toServer, 'client', true);
    relayOneWay(toServer, fromClient, 'server', false);
  });
  function relayOneWay(from: net.Socket, to: net.Socket, side: Side, prefaceFirst: boolean) {
    let pending: Uint8Array = new Uint8Array(0);
    let prefaceDone = !prefaceFirst;
    from.on('data', (chunk: Buffer) => {
      to.write(chunk);
      const joined = new Uint8Array(pending.length + chunk.length);
      joined.set(pending);
      joined.set(chunk, pending.length);
      pending = joined;
      if (!prefaceDone) {
        if (pending.length < CLIENT_PREFACE.length) return;
        seen[side].push(pending.slice(0, CLIENT_PREFACE.length));
        pending = pending.slice(CLIENT_PREFACE.length);
        prefaceDone = true;
      }
      const { frames, rest } = splitFrames(pending);
      seen[side].push(...frames);
      pending = rest;
      wake();
    });
    from.on('end', () => to.end());
    from.on('error', () => to.destroy());
  }
  relay.listen(0, '127.0.0.1');
  await once(relay, 'listening');
  return {
    port: (relay.address() as AddressInfo).port,
    count(side: Side, match: (frame: Uint8Array) => boolean): number {
      return seen[side].filter(match).length;
    },
    /** Resolves once `side` has sent `times` frames that match, counted since the recording began. */
    waitFor(side: Side, match: (frame: Uint8Array) => boolean, times = 1): Promise<void> {
      return new Promise((resolve) => {
        const check = () => {
          if (seen[side].filter(match).length < times) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      });
    },
    /** The frames each side sent since the previous step, the client's first. */
    step(name: string, action: string): Http2RecordedStep {
      const frames = (['client', 'server'] as const).flatMap((sender) =>
        seen[sender].slice(stepStart[sender]).map((bytes) => ({ sender, hex: hex(bytes) })),
      );
      stepStart = { client: seen.client.length, server: seen.server.length };
      return { name, action, frames };
    },
    close() {
      relay.close();
    },
  };
}

if (import.meta.main) {
  const recording = await recordHttp2Session();
  writeFileSync(HTTP2_RECORDING_PATH, `${JSON.stringify(recording, null, 2)}\n`);
  const frames = recording.steps.reduce((sum, step) => sum + step.frames.length, 0);
  console.log(`Wrote ${HTTP2_RECORDING_PATH}: ${recording.steps.length} steps, ${frames} HTTP/2 frames.`);
}
