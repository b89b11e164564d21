// Decodes one frame: its fields, the bytes and bits each occupies, and every rule of RFC 6455 §5 it breaks.
import { closeCodeInfo, type CloseCodeKind } from './close-codes.ts';
import { fieldSpan, isControlOpcode, type ByteRange, type FieldSpan, type Frame, type LengthEncoding, type Sender } from './frame.ts';
import { unmask } from './mask.ts';
import { Opcode } from './opcodes.ts';
import { UTF8_START, continueUtf8, isUtf8Complete, type Utf8State } from './utf8.ts';
import { violation, type Violation, type ViolationId } from './violations.ts';

/** A fragmented message that has begun and still awaits its final fragment (§5.4). */
export interface OpenMessage {
  /** The opcode of the first fragment, which gives the whole message its type. */
  opcode: number;
  /** Payload bytes received so far, to hold the message to `maxMessageLength`. */
  length: number;
  /** For text, where UTF-8 validation stands at the end of the last fragment. */
  utf8: Utf8State;
  /** Whether its first frame had RSV1 set under permessage-deflate, so its payload is DEFLATE data (RFC 7692 §6). */
  compressed?: boolean | undefined;
}

/** Which RSV bits a negotiated extension gives a meaning to (§5.2, §9). */
export interface ExtensionBits {
  rsv1?: boolean | undefined;
  rsv2?: boolean | undefined;
  rsv3?: boolean | undefined;
}

/** Defaults for the decoder's options, in one place. */
export const DECODE_DEFAULTS = {
  extensionBits: {} as ExtensionBits,
  permessageDeflate: false,
  openMessage: null as OpenMessage | null,
  /** The largest length a JavaScript number holds exactly; §10.4 asks endpoints to pick a limit. */
  maxMessageLength: Number.MAX_SAFE_INTEGER,
} as const;

export interface DecodeOptions {
  /** Which endpoint sent the frame: client frames must be masked, server frames must not (§5.1). */
  sender: Sender;
  /** RSV bits that negotiated extensions define. Default: none, so any set RSV bit is a violation. */
  extensionBits?: ExtensionBits | undefined;
  /**
   * Whether permessage-deflate (RFC 7692) was negotiated. Then RSV1 on the first frame of a data message marks it
   * compressed (§6), RSV1 anywhere else breaks §6.1, and a compressed text message's UTF-8 can only be judged after
   * inflating, so the decoder leaves it alone. Default: `false`, and RSV1 is governed by `extensionBits` alone.
   */
  permessageDeflate?: boolean | undefined;
  /** The fragmented message this frame may continue, as the previous frame left it. Default: `null`, none. */
  openMessage?: OpenMessage | null | undefined;
  /** The longest message accepted, in bytes; longer ones fail with 1009 (§10.4). Default: `Number.MAX_SAFE_INTEGER`. */
  maxMessageLength?: number | undefined;
}

/** Not enough bytes yet: not a violation, just a frame still arriving. */
export interface IncompleteFrame {
  status: 'incomplete';
  /** How many bytes the frame needs in total, as far as the bytes so far tell. */
  bytesNeeded: number;
  /** The fields that are already complete. */
  fields: FieldSpan[];
  /** Rules already broken by the bytes so far. */
  violations: Violation[];
}

export interface DecodedFrame {
  status: 'complete';
  frame: Frame;
  /** How many bytes the frame occupies; bytes after that belong to the next frame. */
  byteLength: number;
  payloadLength: number;
  lengthEncoding: LengthEncoding;
  /** Every field in wire order; together they cover each bit of the frame exactly once. */
  fields: FieldSpan[];
  /** Broken rules in the order of the bytes that break them, so the first decides the close code. */
  violations: Violation[];
  /** The fragmented message still open after this frame, to pass to the next decode. */
  openMessage: OpenMessage | null;
}

export type DecodeResult = IncompleteFrame | DecodedFrame;

const RESERVED_OPCODES = new Set([0x3, 0x4, 0x5, 0x6, 0x7, 0xb, 0xc, 0xd, 0xe, 0xf]);

/** Which violation a status code that may not be sent is reported as. */
const UNSENDABLE_CLOSE_CODES: Partial<Record<CloseCodeKind, ViolationId>> = {
  'not-used': 'close-code-not-used',
  reserved: 'close-code-reserved',
  'must-not-be-sent': 'close-code-must-not-be-sent',
  unassigned: 'close-code-unassigned',
  'out-of-range': 'close-code-out-of-range',
};

/**
 * Decodes the frame at the start of `bytes`. Rules are checked as soon as the bytes they concern
 * are present, so a frame still arriving already reports what its header breaks, as a receiver
 * that fails fast would.
 */
export function decodeFrame(bytes: Uint8Array, options: DecodeOptions): DecodeResult {
  const extensionBits = options.extensionBits ?? DECODE_DEFAULTS.extensionBits;
  const open = options.openMessage ?? DECODE_DEFAULTS.openMessage;
  const maxMessageLength = options.maxMessageLength ?? DECODE_DEFAULTS.maxMessageLength;
  const fields: FieldSpan[] = [];
  const violations: Violation[] = [];
  const incomplete = (bytesNeeded: number): IncompleteFrame => ({ status: 'incomplete', bytesNeeded, fields, violations });
  const broke = (id: ViolationId, start: number, end: number) => violations.push(violation(id, { start, end }));

  // Byte 0: FIN, RSV1-3, opcode.
  const byte0 = bytes[0];
  if (byte0 === undefined) return incomplete(2);
  const fin = (byte0 & 0x80) !== 0;
  const rsv1 = (byte0 & 0x40) !== 0;
  const rsv2 = (byte0 & 0x20) !== 0;
  const rsv3 = (byte0 & 0x10) !== 0;
  const opcode = byte0 & 0x0f;
  const control = isControlOpcode(opcode);
  fields.push(fieldSpan('fin', 0, 1), fieldSpan('rsv1', 1, 1), fieldSpan('rsv2', 2, 1), fieldSpan('rsv3', 3, 1), fieldSpan('opcode', 4, 4));
  const deflate = options.permessageDeflate ?? DECODE_DEFAULTS.permessageDeflate;
  const startsDataMessage = opcode === Opcode.Text || opcode === Opcode.Binary;
  if (rsv1 && deflate && !startsDataMessage) broke('compressed-bit-misplaced', 0, 1);
  else if ((rsv1 && !deflate && !extensionBits.rsv1) || (rsv2 && !extensionBits.rsv2) || (rsv3 && !extensionBits.rsv3))
    broke('reserved-bit-set', 0, 1);
  const compressed = deflate && (startsDataMessage ? rsv1 : opcode === Opcode.Continuation && open?.compressed === true);
  if (RESERVED_OPCODES.has(opcode)) broke('reserved-opcode', 0, 1);
  if (opcode === Opcode.Continuation && open === null) broke('continuation-without-message', 0, 1);
  if (!control && opcode !== Opcode.Continuation && open !== null) broke('data-frame-inside-fragmented-message', 0, 1);
  if (control && !fin) broke('fragmented-control-frame', 0, 1);

  // Byte 1: MASK and the 7-bit payload length.
  const byte1 = bytes[1];
  if (byte1 === undefined) return incomplete(2);
  const masked = (byte1 & 0x80) !== 0;
  const length7 = byte1 & 0x7f;
  fields.push(fieldSpan('mask', 8, 1), fieldSpan('payload-length', 9, 7));
  if (options.sender === 'client' && !masked) broke('unmasked-client-frame', 1, 2);
  if (options.sender === 'server' && masked) broke('masked-server-frame', 1, 2);

  // Bytes 2..4 or 2..10: the extended payload length, in network byte order.
  const lengthEncoding: LengthEncoding = length7 === 126 ? '16-bit' : length7 === 127 ? '64-bit' : '7-bit';
  const extendedBytes = { '7-bit': 0, '16-bit': 2, '64-bit': 8 }[lengthEncoding];
  const lengthEnd = 2 + extendedBytes;
  if (bytes.length < lengthEnd) return incomplete(lengthEnd);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let payloadLength = length7;
  if (lengthEncoding === '16-bit') {
    payloadLength = view.getUint16(2);
    fields.push(fieldSpan('extended-payload-length', 16, 16));
    if (payloadLength <= 125) broke('non-minimal-length', 1, lengthEnd);
  } else if (lengthEncoding === '64-bit') {
    const high = view.getUint32(2);
    // Numbers above 2^53 lose their low bits, but no such frame can be held anyway.
    payloadLength = high * 2 ** 32 + view.getUint32(6);
    fields.push(fieldSpan('extended-payload-length', 16, 64));
    if (high >= 0x8000_0000) broke('length-high-bit-set', 2, 3);
    else if (payloadLength <= 0xffff) broke('non-minimal-length', 1, lengthEnd);
  }
  const lengthRange: ByteRange = { start: 1, end: lengthEnd };
  if (control && payloadLength > 125) broke('control-frame-too-long', lengthRange.start, lengthRange.end);
  if (opcode === Opcode.Close && payloadLength === 1) broke('close-payload-one-byte', lengthRange.start, lengthRange.end);
  const messageSoFar = opcode === Opcode.Continuation && open !== null ? open.length : 0;
  const highBitSet = violations.some((v) => v.id === 'length-high-bit-set');
  if (!control && !highBitSet && messageSoFar + payloadLength > maxMessageLength)
    broke('message-too-big', lengthRange.start, lengthRange.end);

  // The masking key, if MASK is set.
  const payloadStart = lengthEnd + (masked ? 4 : 0);
  if (bytes.length < payloadStart) return incomplete(payloadStart);
  const maskingKey = masked ? bytes.slice(lengthEnd, payloadStart) : null;
  if (masked) fields.push(fieldSpan('masking-key', lengthEnd * 8, 32));

  // The payload.
  const byteLength = payloadStart + payloadLength;
  if (bytes.length < byteLength) return incomplete(byteLength);
  const wirePayload = bytes.subarray(payloadStart, byteLength);
  const payload = maskingKey === null ? wirePayload.slice() : unmask(wirePayload, maskingKey);
  fields.push(fieldSpan('payload', payloadStart * 8, payloadLength * 8));

  if (opcode === Opcode.Close && payloadLength >= 2) {
    const code = (payload[0]! << 8) | payload[1]!;
    const unsendable = UNSENDABLE_CLOSE_CODES[closeCodeInfo(code).kind];
    if (unsendable !== undefined) broke(unsendable, payloadStart, payloadStart + 2);
    const reasonStart = payloadStart + 2;
    const bad = firstInvalidUtf8(UTF8_START, payload.subarray(2), true);
    if (bad !== null) broke('invalid-utf8-close-reason', reasonStart + bad.start, reasonStart + bad.end);
  }

  // Text is validated across fragments: a fragment may end inside a code point (§5.6).
  let utf8 = UTF8_START;
  const isText = opcode === Opcode.Text || (opcode === Opcode.Continuation && open?.opcode === Opcode.Text);
  if (isText && !compressed) {
    const before = opcode === Opcode.Continuation && open !== null ? open.utf8 : UTF8_START;
    const step = continueUtf8(before, payload);
    if (step.valid) utf8 = step.state;
    const bad = firstInvalidUtf8(before, payload, fin);
    if (bad !== null) broke('invalid-utf8-text', payloadStart + bad.start, payloadStart + bad.end);
  }

  const frame: Frame = { fin, rsv1, rsv2, rsv3, opcode, maskingKey, payload };
  return {
    status: 'complete',
    frame,
    byteLength,
    payloadLength,
    lengthEncoding,
    fields,
    violations,
    openMessage: nextOpenMessage(opcode, fin, open, payloadLength, utf8, compressed),
  };
}

/**
 * Where some UTF-8 first goes wrong, relative to `piece`: the byte that can never be valid, or,
 * when the stream ends here, the unfinished code point at its end. `null` when nothing is wrong.
 */
function firstInvalidUtf8(before: Utf8State, piece: Uint8Array, ends: boolean): ByteRange | null {
  const step = continueUtf8(before, piece);
  if (!step.valid) return { start: step.invalidAt, end: step.invalidAt + 1 };
  if (ends && !isUtf8Complete(step.state)) {
    return { start: Math.max(0, piece.length - step.state.seen), end: piece.length };
  }
  return null;
}

/** The fragmented message still open after a frame: control frames leave it as it was (§5.4). */
function nextOpenMessage(
  opcode: number,
  fin: boolean,
  open: OpenMessage | null,
  length: number,
  utf8: Utf8State,
  compressed: boolean,
): OpenMessage | null {
  if (isControlOpcode(opcode)) return open;
  if (fin) return null;
  const flag = compressed ? { compressed } : {};
  if (opcode !== Opcode.Continuation) return { opcode, length, utf8, ...flag };
  if (open === null) return null;
  return { opcode: open.opcode, length: open.length + length, utf8, ...flag };
}
