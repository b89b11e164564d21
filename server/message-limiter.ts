// Reads only the frame headers of a client's byte stream to hold it to a message rate and a fragment count per message.
import { demoError, type DemoProtocolError } from './demo-errors.ts';

/**
 * ws checks every frame but counts none of them, so this runs beside it on the same bytes. It decodes the
 * 2–14 header bytes of each frame (RFC 6455 §5.2) and skips the payload without copying it, so it costs
 * almost nothing per byte. It judges no protocol rule: ws fails a malformed frame on its own.
 *
 * Messages (counted at their final frame) and control frames share one token bucket that holds
 * `maxPerSecond` tokens and refills at `maxPerSecond` a second. A Ping costs the server a Pong, so it
 * counts like a message.
 */
export class MessageLimiter {
  readonly #maxPerSecond: number;
  readonly #maxFragments: number;
  readonly #header = new Uint8Array(14);
  #headerLength = 0;
  #skip = 0;
  #fragments = 0;
  #tokens: number;
  #refilledAt: number;
  #failed = false;

  constructor(maxPerSecond: number, maxFragmentsPerMessage: number, now: number) {
    this.#maxPerSecond = maxPerSecond;
    this.#maxFragments = maxFragmentsPerMessage;
    this.#tokens = maxPerSecond;
    this.#refilledAt = now;
  }

  /** Takes the next bytes of the stream; returns the error the first time a limit is passed, and null otherwise. */
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
      this.#header[this.#headerLength++] = chunk[at++]!;
      const size = this.#headerSize();
      if (size === null || this.#headerLength < size) continue;
      const error = this.#onFrame(this.#header[0]!, now);
      this.#skip = this.#payloadLength();
      this.#headerLength = 0;
      if (error) {
        this.#failed = true;
        return error;
      }
    }
    return null;
  }

  /** Header bytes of the frame being read, once the second byte tells: 2, plus 2 or 8 of length, plus 4 of mask. */
  #headerSize(): number | null {
    if (this.#headerLength < 2) return null;
    const second = this.#header[1]!;
    const length7 = second & 0x7f;
    return 2 + (length7 === 126 ? 2 : length7 === 127 ? 8 : 0) + (second & 0x80 ? 4 : 0);
  }

  #payloadLength(): number {
    const length7 = this.#header[1]! & 0x7f;
    if (length7 < 126) return length7;
    if (length7 === 126) return (this.#header[2]! << 8) | this.#header[3]!;
    // Past 2^53 this loses precision, but ws fails such a frame with 1009 long before its payload matters.
    let length = 0;
    for (let i = 2; i < 10; i++) length = length * 256 + this.#header[i]!;
    return length;
  }

  #onFrame(first: number, now: number): DemoProtocolError | null {
    const fin = (first & 0x80) !== 0;
    const opcode = first & 0x0f;
    const isControl = (opcode & 0x08) !== 0;
    if (!isControl) {
      this.#fragments = opcode === 0x0 ? this.#fragments + 1 : 1;
      if (this.#fragments > this.#maxFragments) {
        return demoError(
          'DEMO_ERR_TOO_MANY_FRAGMENTS',
          `A message may come in at most ${this.#maxFragments} fragments, and this one had more.`,
        );
      }
      if (!fin) return null;
      this.#fragments = 0;
    }
    this.#tokens = Math.min(this.#maxPerSecond, this.#tokens + ((now - this.#refilledAt) * this.#maxPerSecond) / 1000);
    this.#refilledAt = now;
    if (this.#tokens < 1) {
      return demoError('DEMO_ERR_MESSAGE_RATE', `A connection may send at most ${this.#maxPerSecond} messages a second.`);
    }
    this.#tokens -= 1;
    return null;
  }
}
