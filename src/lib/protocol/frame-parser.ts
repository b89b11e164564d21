// Reads frames from bytes that arrive in arbitrary chunks, as from a TCP stream, and stops at the first broken rule.
import { decodeFrame, type DecodedFrame, type DecodeOptions, type OpenMessage } from './decode-frame.ts';
import { Opcode } from './opcodes.ts';
import type { Violation } from './violations.ts';

export type ParserOptions = Omit<DecodeOptions, 'openMessage'>;

export type ParserEvent =
  /** A whole frame that breaks no rule; `offset` is where it starts in the stream. */
  | { kind: 'frame'; offset: number; decoded: DecodedFrame }
  /** The first broken rule. The endpoint must fail the connection (§7.1.7), so parsing stops. */
  | { kind: 'failed'; offset: number; violation: Violation }
  /** The stream ended inside a frame: not a violation, only missing bytes. */
  | { kind: 'incomplete'; offset: number; bytesBuffered: number; bytesNeeded: number };

/**
 * An incremental frame parser. The events do not depend on how the bytes are chunked: a rule is
 * judged as soon as its bytes arrive, and the decoder lists violations in byte order, so the
 * first violation of a prefix is the first violation of the whole frame.
 *
 * Nothing after a Close frame is read: a peer sends no data after its Close (§5.5.1), and ws
 * likewise ignores anything that follows.
 */
export class FrameParser {
  readonly #options: ParserOptions;
  #buffer = new Uint8Array(1024);
  #start = 0;
  #end = 0;
  /** Stream offset of `#buffer[#start]`. */
  #offset = 0;
  #openMessage: OpenMessage | null = null;
  #state: 'reading' | 'failed' | 'closed' = 'reading';

  constructor(options: ParserOptions) {
    this.#options = options;
  }

  /** Whether parsing has stopped, after a violation or a Close frame. */
  get stopped(): boolean {
    return this.#state !== 'reading';
  }

  /** Adds bytes and returns the events they complete. */
  push(chunk: Uint8Array): ParserEvent[] {
    if (this.#state !== 'reading') return [];
    this.#append(chunk);
    const events: ParserEvent[] = [];
    while (this.#state === 'reading') {
      const result = decodeFrame(this.#buffer.subarray(this.#start, this.#end), { ...this.#options, openMessage: this.#openMessage });
      const [first] = result.violations;
      if (first !== undefined) {
        events.push({ kind: 'failed', offset: this.#offset, violation: first });
        this.#state = 'failed';
        break;
      }
      if (result.status === 'incomplete') break;
      events.push({ kind: 'frame', offset: this.#offset, decoded: result });
      this.#start += result.byteLength;
      this.#offset += result.byteLength;
      this.#openMessage = result.openMessage;
      if (result.frame.opcode === Opcode.Close) this.#state = 'closed';
    }
    return events;
  }

  /** Ends the stream; reports a frame left unfinished, if any. */
  end(): ParserEvent[] {
    if (this.#state !== 'reading' || this.#start === this.#end) return [];
    const result = decodeFrame(this.#buffer.subarray(this.#start, this.#end), { ...this.#options, openMessage: this.#openMessage });
    const bytesNeeded = result.status === 'incomplete' ? result.bytesNeeded : result.byteLength;
    return [{ kind: 'incomplete', offset: this.#offset, bytesBuffered: this.#end - this.#start, bytesNeeded }];
  }

  /** Appends to a buffer that doubles as needed, so many small chunks cost linear time. */
  #append(chunk: Uint8Array): void {
    const buffered = this.#end - this.#start;
    if (this.#end + chunk.length > this.#buffer.length) {
      const size = Math.max(this.#buffer.length, (buffered + chunk.length) * 2);
      const grown = size === this.#buffer.length ? this.#buffer : new Uint8Array(size);
      grown.set(this.#buffer.subarray(this.#start, this.#end), 0);
      this.#buffer = grown;
      this.#start = 0;
      this.#end = buffered;
    }
    this.#buffer.set(chunk, this.#end);
    this.#end += chunk.length;
  }
}
