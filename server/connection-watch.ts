// What the demo server knows about one open connection: who it is, for the logs, and what its frames have done, for the limits.
import type { WebSocket } from 'ws';
import { demoError, type DemoProtocolError } from './demo-errors.ts';
import type { DemoServerOptions } from './limits.ts';
import type { MessageTally } from './metrics.ts';

/** Every open connection of a demo server, by its socket. */
export type OpenConnections = ReadonlyMap<WebSocket, ConnectionWatch>;

type FrameLimits = Pick<DemoServerOptions, 'maxMessagesPerSecond' | 'maxFragmentsPerMessage'>;

/**
 * ws checks every frame but counts none of them, so a watch reads the same bytes beside it. It decodes only the
 * 2–14 header bytes of each frame (RFC 6455 §5.2) and skips the payload without copying it, so it costs almost
 * nothing per byte. It judges no protocol rule: ws fails a malformed frame on its own.
 *
 * One reading of the headers serves every limit that needs frames. The watch enforces the message rate and the
 * fragment cap itself; it records when the last message arrived, for the idle sweep (`idle-timeout.ts`), and
 * whether a Pong has come since the heartbeat's last Ping (`heartbeat.ts`). Both sweeps read those fields, so a
 * connection costs them no listener, timer or map entry of their own. This matters because a public server holds
 * thousands of idle connections: `npm run bench` compares the memory each one costs with a bare `ws` server's.
 *
 * Messages (counted at their final frame) and control frames share one token bucket that holds
 * `maxMessagesPerSecond` tokens and refills at that rate. A Ping costs the server a Pong, so it counts like a message.
 */
export class ConnectionWatch {
  readonly ws: WebSocket;
  readonly id: number;
  readonly endpoint: string;
  readonly ip: string;
  /** performance.now() when the connection opened. */
  readonly openedAt: number;
  /** performance.now() when the last message's final frame arrived, or when the connection opened. */
  lastMessageAt: number;
  /** Set by the heartbeat when it pings; cleared when the peer's next Pong arrives. */
  awaitingPong = false;

  readonly #limits: FrameLimits;
  /** Incremented once per message received, at its final frame: the metrics' shared tally for this endpoint. */
  readonly #received: MessageTally;
  // The frame header being read, one byte at a time: its first byte, how many bytes of it have arrived, how long it
  // is, where its extended length ends, and the payload length decoded so far. Plain numbers rather than a byte
  // buffer, which would cost each connection a typed array and its backing store.
  #first = 0;
  #headerRead = 0;
  #headerSize = 2;
  #lengthEnd = 2;
  #payloadLength = 0;
  /** Payload bytes of the current frame still to pass over. */
  #skip = 0;
  #fragments = 0;
  #tokens: number;
  #refilledAt: number;
  #failed = false;

  constructor(ws: WebSocket, id: number, endpoint: string, ip: string, limits: FrameLimits, received: MessageTally, now: number) {
    this.ws = ws;
    this.id = id;
    this.endpoint = endpoint;
    this.ip = ip;
    this.openedAt = now;
    this.lastMessageAt = now;
    this.#limits = limits;
    this.#received = received;
    this.#tokens = limits.maxMessagesPerSecond;
    this.#refilledAt = now;
  }

  /**
   * Takes the next bytes the client sent; returns the error the first time a limit is passed, and null otherwise.
   * After an error it reads no further: the connection is being closed.
   */
  push(chunk: Uint8Array, now: number): DemoProtocolError | null {
    if (this.#failed) return null;
    let at = 0;
    while (at < chunk.length) {
      if (this.#skip > 0) {
        const skipped = Math.min(this.#skip, chunk.length - at);
        this.#skip -= skipped;
        at += skipped;
        continue;
      }
      this.#readHeaderByte(chunk[at++]!);
      if (this.#headerRead < this.#headerSize) continue;
      const error = this.#onFrame(now);
      this.#skip = this.#payloadLength;
      this.#headerRead = 0;
      this.#headerSize = 2;
      if (error) {
        this.#failed = true;
        return error;
      }
    }
    return null;
  }

  /** Byte 0 holds FIN and the opcode; byte 1 the mask bit and a 7-bit length, which says how many length bytes follow. */
  #readHeaderByte(byte: number): void {
    const index = this.#headerRead++;
    if (index === 0) {
      this.#first = byte;
    } else if (index === 1) {
      const length7 = byte & 0x7f;
      this.#payloadLength = length7 < 126 ? length7 : 0;
      this.#lengthEnd = 2 + (length7 === 126 ? 2 : length7 === 127 ? 8 : 0);
      this.#headerSize = this.#lengthEnd + (byte & 0x80 ? 4 : 0);
    } else if (index < this.#lengthEnd) {
      // Past 2^53 this loses precision, but ws fails such a frame with 1009 long before its payload matters.
      this.#payloadLength = this.#payloadLength * 256 + byte;
    }
  }

  #onFrame(now: number): DemoProtocolError | null {
    const fin = (this.#first & 0x80) !== 0;
    const opcode = this.#first & 0x0f;
    if (opcode === 0xa) this.awaitingPong = false;
    const isControl = (opcode & 0x08) !== 0;
    if (!isControl) {
      this.#fragments = opcode === 0x0 ? this.#fragments + 1 : 1;
      if (this.#fragments > this.#limits.maxFragmentsPerMessage) {
        return demoError(
          'DEMO_ERR_TOO_MANY_FRAGMENTS',
          `A message may come in at most ${this.#limits.maxFragmentsPerMessage} fragments, and this one had more.`,
        );
      }
      if (!fin) return null;
      this.#fragments = 0;
      this.lastMessageAt = now;
      this.#received.count++;
    }
    const maxPerSecond = this.#limits.maxMessagesPerSecond;
    this.#tokens = Math.min(maxPerSecond, this.#tokens + ((now - this.#refilledAt) * maxPerSecond) / 1000);
    this.#refilledAt = now;
    if (this.#tokens < 1) {
      return demoError('DEMO_ERR_MESSAGE_RATE', `A connection may send at most ${maxPerSecond} messages a second.`);
    }
    this.#tokens -= 1;
    return null;
  }
}
