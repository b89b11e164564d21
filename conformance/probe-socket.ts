// A raw TCP or TLS socket to the endpoint under test, with Nagle off and a capped record of the bytes each way.
import { once } from 'node:events';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';

/** How many bytes of each direction a report keeps; enough for the handshake and the first frames of any case. */
export const RECORDED_BYTES = 2048;

export interface ProbeTarget {
  secure: boolean;
  host: string;
  port: number;
  /** The request target, path and query: `/ws/echo`. */
  path: string;
  /** The Host header's value. */
  hostHeader: string;
}

/** Reads a ws: or wss: URL; anything else is a TypeError that says what is accepted. */
export function parseTarget(url: string): ProbeTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`"${url}" is not a URL; give a ws:// or wss:// URL such as ws://127.0.0.1:9001/.`);
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    throw new TypeError(
      `The conformance suite tests WebSocket servers, so the URL must start with ws:// or wss://, and "${url}" does not.`,
    );
  }
  const secure = parsed.protocol === 'wss:';
  const port = parsed.port === '' ? (secure ? 443 : 80) : Number(parsed.port);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  return { secure, host, port, path: `${parsed.pathname}${parsed.search}`, hostHeader: parsed.host };
}

/** Keeps the first RECORDED_BYTES bytes of a stream, and counts all of them. */
export class ByteRecord {
  #chunks: Uint8Array[] = [];
  #kept = 0;
  total = 0;

  add(chunk: Uint8Array): void {
    this.total += chunk.length;
    if (this.#kept >= RECORDED_BYTES) return;
    const part = chunk.subarray(0, RECORDED_BYTES - this.#kept);
    this.#chunks.push(part.slice());
    this.#kept += part.length;
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.#kept);
    let at = 0;
    for (const chunk of this.#chunks) (out.set(chunk, at), (at += chunk.length));
    return out;
  }
}

export interface ProbeSocket {
  socket: Socket;
  sent: ByteRecord;
  received: ByteRecord;
  /** Writes and resolves once the bytes are handed to the kernel; never rejects (a dead socket just ends the case). */
  write(bytes: Uint8Array): Promise<void>;
}

/** Opens a socket with Nagle's algorithm off, so a case that writes byte by byte really sends small segments. */
export async function openProbeSocket(target: ProbeTarget, options: { insecure?: boolean } = {}): Promise<ProbeSocket> {
  const socket = target.secure
    ? connectTls({ host: target.host, port: target.port, servername: target.host, rejectUnauthorized: !options.insecure })
    : connectTcp({ host: target.host, port: target.port });
  socket.on('error', () => {}); // an error ends the socket, and the case judges what it saw by then
  await once(socket, target.secure ? 'secureConnect' : 'connect');
  return recordedSocket(socket);
}

/**
 * Wraps a connected socket (one the suite opened, or one a client under test opened to the fuzzing server) with
 * Nagle off and the record of its bytes; `alreadySent`/`alreadyReceived` start the record with a handshake done elsewhere.
 */
export function recordedSocket(socket: Socket, alreadySent?: Uint8Array, alreadyReceived?: Uint8Array): ProbeSocket {
  socket.setNoDelay(true);
  socket.on('error', () => {});
  const sent = new ByteRecord();
  const received = new ByteRecord();
  if (alreadySent) sent.add(alreadySent);
  if (alreadyReceived) received.add(alreadyReceived);
  socket.on('data', (chunk: Buffer) => received.add(chunk));
  return {
    socket,
    sent,
    received,
    write(bytes) {
      if (socket.destroyed || !socket.writable) return Promise.resolve();
      sent.add(bytes);
      return new Promise((resolve) => socket.write(bytes, () => resolve()));
    },
  };
}
