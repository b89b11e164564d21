// A raw TCP client for the bad-input suite: writes handshakes and frames whole or one byte per read, and reads the server's exact answer.
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import WebSocket from 'ws';
import { encodeFrame, FrameParser, hex, type FrameToEncode } from '../../../src/lib/protocol/index.ts';
import { writeOneBytePerRead, type ServerReads } from './one-byte-per-read.ts';

/** The RFC's sample key (§1.3); its accept value is s3pPLMBiTxaQ9kYGzzhZRbK+xOo=. */
export const SAMPLE_KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
/** The RFC's sample masking key (§5.7). */
export const SAMPLE_MASK = new Uint8Array([0x37, 0xfa, 0x21, 0x3d]);

/** The lines of a valid opening handshake for `path`; cases replace or drop lines to break it. */
export function handshakeLines(base: string, path = '/ws/echo'): string[] {
  return [
    `GET ${path} HTTP/1.1`,
    `Host: ${base}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${SAMPLE_KEY}`,
    'Sec-WebSocket-Version: 13',
  ];
}

export function request(lines: string[]): Buffer {
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

/** A masked client frame, built by the protocol core's encoder (which will happily build broken ones). */
export function clientFrame(fields: FrameToEncode): Buffer {
  return Buffer.from(encodeFrame({ maskingKey: SAMPLE_MASK, ...fields }).bytes);
}

/** A Close frame's payload: the code in two bytes, then the reason. */
export function closePayload(code: number, reason: Uint8Array | string = ''): Uint8Array {
  const reasonBytes = typeof reason === 'string' ? Buffer.from(reason) : reason;
  return Buffer.concat([Buffer.from([code >> 8, code & 0xff]), reasonBytes]);
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ServerFrame {
  opcode: number;
  payload: string;
}

export interface ServerClose {
  /** The status code in the Close frame, or null for a Close with an empty body. */
  code: number | null;
  reason: string;
}

export class RawClient {
  readonly socket: Socket;
  #received = Buffer.alloc(0);
  #ended = false;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.#received = Buffer.concat([this.#received, chunk]);
      socket.emit('received');
    });
    // The server may cut the connection while we still write (that is the point of some cases).
    socket.on('error', () => {});
    socket.on('close', () => {
      this.#ended = true;
      socket.emit('received');
    });
  }

  /** Connects to "host:port". `allowHalfOpen`: keep our side open after the server ends its side, as a lingering peer would. */
  static async open(base: string, { allowHalfOpen = false } = {}): Promise<RawClient> {
    const [host, port] = base.split(':');
    const socket = connect({ port: Number(port), host, allowHalfOpen });
    await once(socket, 'connect');
    return new RawClient(socket);
  }

  get ended(): boolean {
    return this.#ended;
  }

  /**
   * Writes bytes whole, or, when `bytewise`, one byte per write, each read by the server before the next is sent
   * (one-byte-per-read.ts says how). Returns how a watched server read the byte-wise bytes, else null.
   */
  async write(bytes: Uint8Array, bytewise = false): Promise<ServerReads | null> {
    if (bytewise) return writeOneBytePerRead(this.socket, bytes);
    if (!this.socket.destroyed) await new Promise<void>((resolve) => this.socket.write(bytes, () => resolve()));
    return null;
  }

  /** Waits until `done` holds for what was received, or the connection ends; returns whether it held. */
  async until(done: (received: Buffer) => boolean): Promise<boolean> {
    while (!done(this.#received)) {
      if (this.#ended) return false;
      // Not once(): it rejects on the socket's 'error' (a reset the server may send), and 'close' follows that anyway.
      await new Promise((resolve) => this.socket.once('received', resolve));
    }
    return true;
  }

  /** Reads an HTTP response: status, headers and (up to Content-Length, or the end of the connection) body. */
  async readResponse(): Promise<HttpAnswer> {
    const complete = await this.until((received) => received.includes('\r\n\r\n'));
    if (!complete)
      throw new Error(`The connection ended without a response; received ${JSON.stringify(this.#received.toString('latin1'))}.`);
    const end = this.#received.indexOf('\r\n\r\n');
    const [statusLine = '', ...headerLines] = this.#received.subarray(0, end).toString('latin1').split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1] ?? NaN);
    let rest = this.#received.subarray(end + 4);
    if (status === 101) {
      this.#received = rest;
      return { status, headers, body: '' };
    }
    const length = headers['content-length'] === undefined ? Infinity : Number(headers['content-length']);
    await this.until((received) => received.length - end - 4 >= length);
    rest = this.#received.subarray(end + 4);
    return { status, headers, body: rest.subarray(0, Math.min(length, rest.length)).toString() };
  }

  /** Completes a valid handshake on `path`. */
  async handshake(base: string, path = '/ws/echo'): Promise<void> {
    await this.write(request(handshakeLines(base, path)));
    const answer = await this.readResponse();
    if (answer.status !== 101) throw new Error(`Expected 101, got ${answer.status}: ${answer.body}`);
  }

  /**
   * Reads the server's frames up to and including its Close, decoded by the protocol core. The data frames and
   * pongs before the Close come back in order; `close` is null if the TCP connection ended without a Close frame.
   */
  async readUntilClose(): Promise<{ frames: ServerFrame[]; close: ServerClose | null }> {
    const parser = new FrameParser({ sender: 'server' });
    const frames: ServerFrame[] = [];
    let close: ServerClose | null = null;
    let read = 0;
    await this.until((received) => {
      for (const event of parser.push(received.subarray(read))) {
        if (event.kind === 'failed') throw new Error(`The server sent a frame that breaks ${event.violation.id}.`);
        if (event.kind !== 'frame') continue;
        const { opcode, payload } = event.decoded.frame;
        if (opcode === 0x8) {
          const bytes = Buffer.from(payload);
          close = { code: bytes.length >= 2 ? bytes.readUInt16BE(0) : null, reason: bytes.subarray(2).toString() };
        } else frames.push({ opcode, payload: hex(payload) });
      }
      read = received.length;
      return close !== null;
    });
    return { frames, close };
  }

  /** Waits for the server to close the TCP connection. */
  async closed(): Promise<void> {
    await this.until(() => false);
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** The suite's canary: a fresh, well-behaved client still gets its echo. */
export async function echoStillWorks(base: string): Promise<string> {
  const ws = new WebSocket(`ws://${base}/ws/echo`);
  ws.on('error', () => {});
  await once(ws, 'open');
  ws.send('still serving');
  const [data] = await once(ws, 'message');
  ws.close();
  await once(ws, 'close');
  return String(data);
}
