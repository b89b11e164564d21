// A small raw-TCP WebSocket echo server with flaws that can be planted, to prove the conformance suite fails the right cases.
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { computeAccept, isValidUtf8 } from '../../../src/lib/protocol/index.ts';

export interface PlantedFlaws {
  /** Echo text without checking that it is UTF-8 (breaks §8.1). */
  skipsUtf8Validation?: boolean;
  /** Ignore RSV bits and treat reserved opcodes as data to echo (breaks §5.2). */
  acceptsReservedBits?: boolean;
  /** Never answer a Close, and never close the TCP connection (breaks §5.5.1). */
  neverAnswersClose?: boolean;
}

const RESERVED_OPCODES = new Set([3, 4, 5, 6, 7, 11, 12, 13, 14, 15]);

function frame(opcode: number, payload: Uint8Array): Buffer {
  const head =
    payload.length < 126
      ? Buffer.from([0x80 | opcode, payload.length])
      : payload.length < 65536
        ? Buffer.from([0x80 | opcode, 126, payload.length >> 8, payload.length & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 127]), Buffer.from(new BigUint64Array([BigInt(payload.length)]).buffer).reverse()]);
  return Buffer.concat([head, payload]);
}

function closeFrame(code: number): Buffer {
  return frame(8, new Uint8Array([code >> 8, code & 0xff]));
}

/** Whether a close code may be sent in a Close frame (§7.4.1, §7.4.2). */
function sendableCode(code: number): boolean {
  if (code >= 3000 && code <= 4999) return true;
  return [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011].includes(code);
}

/** Serves one connection: reads frames, echoes messages, answers Pings and Closes, and fails on broken rules unless a flaw says otherwise. */
function serve(socket: Socket, flaws: PlantedFlaws): void {
  let buffer = Buffer.alloc(0);
  let upgraded = false;
  let message: { opcode: number; parts: Buffer[] } | null = null;
  let closing = false;
  const fail = (code: number) => {
    if (closing) return;
    closing = true;
    socket.end(closeFrame(code));
  };
  socket.on('error', () => {});
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    if (!upgraded) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const key = /sec-websocket-key:\s*(\S+)/i.exec(buffer.subarray(0, end).toString('latin1'))?.[1];
      buffer = buffer.subarray(end + 4);
      if (key === undefined) return void socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      upgraded = true;
      void computeAccept(key).then((accept) => {
        socket.write(
          `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
        );
        readFrames();
      });
      return;
    }
    readFrames();
  });

  function readFrames(): void {
    while (!closing || flaws.neverAnswersClose) {
      if (buffer.length < 2) return;
      const fin = (buffer[0]! & 0x80) !== 0;
      const rsv = buffer[0]! & 0x70;
      const opcode = buffer[0]! & 0x0f;
      let length = buffer[1]! & 0x7f;
      let at = 2;
      if (length === 126) {
        if (buffer.length < 4) return;
        length = buffer.readUInt16BE(2);
        at = 4;
      } else if (length === 127) {
        if (buffer.length < 10) return;
        length = Number(buffer.readBigUInt64BE(2));
        at = 10;
      }
      if (buffer.length < at + 4 + length) return;
      const key = buffer.subarray(at, at + 4);
      const payload = Buffer.from(buffer.subarray(at + 4, at + 4 + length).map((b, i) => b ^ key[i % 4]!));
      buffer = buffer.subarray(at + 4 + length);
      if (!handleFrame(fin, rsv, opcode, payload)) return;
    }
  }

  /** Handles one frame; false when the connection is done reading. */
  function handleFrame(fin: boolean, rsv: number, opcode: number, payload: Buffer): boolean {
    if (closing && flaws.neverAnswersClose) return true; // reads and ignores everything after a Close
    if (!flaws.acceptsReservedBits && (rsv !== 0 || RESERVED_OPCODES.has(opcode))) return (fail(1002), false);
    if (RESERVED_OPCODES.has(opcode)) return true; // the flaw: a frame nobody defined is skipped, not refused
    if (opcode >= 8) {
      if (!fin || payload.length > 125) return (fail(1002), false);
      if (opcode === 9) socket.write(frame(10, payload));
      if (opcode === 8) {
        if (flaws.neverAnswersClose) {
          closing = true;
          return true;
        }
        if (payload.length === 1) return (fail(1002), false);
        const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1000;
        if (payload.length >= 2 && !sendableCode(code)) return (fail(1002), false);
        if (payload.length > 2 && !isValidUtf8(payload.subarray(2))) return (fail(1007), false);
        closing = true;
        socket.end(closeFrame(code));
        return false;
      }
      return true;
    }
    if (opcode === 0) {
      if (message === null) return (fail(1002), false);
      message.parts.push(payload);
    } else {
      if (message !== null) return (fail(1002), false);
      message = { opcode, parts: [payload] };
    }
    if (!fin) return true;
    const whole = Buffer.concat(message.parts);
    const type = message.opcode;
    message = null;
    if (type === 1 && !flaws.skipsUtf8Validation && !isValidUtf8(whole)) return (fail(1007), false);
    socket.write(frame(type, whole));
    return true;
  }
}

/** Starts a planted server on 127.0.0.1, port 0; returns its ws:// URL and a stop function. */
export async function startPlantedServer(flaws: PlantedFlaws = {}): Promise<{ url: string; stop: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serve(socket, flaws);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
