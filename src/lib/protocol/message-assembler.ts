// Turns a sequence of valid frames into messages, joining fragments around interleaved control frames (§5.4).
import { isControlOpcode, type Frame } from './frame.ts';
import { Opcode } from './opcodes.ts';

export type AssembledEvent =
  | { kind: 'text'; text: string; data: Uint8Array; fragments: number }
  | { kind: 'binary'; data: Uint8Array; fragments: number }
  | { kind: 'ping'; data: Uint8Array }
  | { kind: 'pong'; data: Uint8Array }
  /** `code` is null for a Close frame without a body; APIs report that as 1005 (§7.1.5). */
  | { kind: 'close'; code: number | null; reason: string };

/**
 * Assembles messages from frames that the decoder accepted without violations. A fragmented
 * message is the concatenation of its fragments' payloads (§5.4), and control frames between its
 * fragments are delivered at once, since they may be injected mid-message.
 */
export class MessageAssembler {
  #opcode: number | null = null;
  #fragments: Uint8Array[] = [];

  /** Whether a fragmented message has begun and awaits its final fragment. */
  get inMessage(): boolean {
    return this.#opcode !== null;
  }

  /** Adds one frame and returns what it completes: a control event, a message, or nothing yet. */
  push(frame: Frame): AssembledEvent[] {
    if (isControlOpcode(frame.opcode)) return [controlEvent(frame)];
    if (frame.opcode === Opcode.Continuation) {
      if (this.#opcode === null)
        throw new TypeError('A continuation frame needs a message to continue; check frames with decodeFrame first (§5.4).');
    } else if (this.#opcode !== null) {
      throw new TypeError('A new data frame arrived inside a fragmented message; check frames with decodeFrame first (§5.4).');
    } else {
      this.#opcode = frame.opcode;
    }
    this.#fragments.push(frame.payload);
    if (!frame.fin) return [];
    const opcode = this.#opcode;
    const fragments = this.#fragments;
    this.#opcode = null;
    this.#fragments = [];
    const data = concat(fragments);
    if (opcode === Opcode.Text) return [{ kind: 'text', text: new TextDecoder().decode(data), data, fragments: fragments.length }];
    if (opcode === Opcode.Binary) return [{ kind: 'binary', data, fragments: fragments.length }];
    throw new TypeError(`Opcode ${opcode} is reserved, and no extension here says what its messages mean (§5.2).`);
  }
}

function controlEvent(frame: Frame): AssembledEvent {
  if (frame.opcode === Opcode.Ping) return { kind: 'ping', data: frame.payload };
  if (frame.opcode === Opcode.Pong) return { kind: 'pong', data: frame.payload };
  if (frame.opcode === Opcode.Close) {
    if (frame.payload.length < 2) return { kind: 'close', code: null, reason: '' };
    const code = (frame.payload[0]! << 8) | frame.payload[1]!;
    return { kind: 'close', code, reason: new TextDecoder().decode(frame.payload.subarray(2)) };
  }
  throw new TypeError(`Opcode ${frame.opcode} is reserved, and no extension here says what it means (§5.2).`);
}

function concat(pieces: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}
