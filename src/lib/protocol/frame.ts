// What a WebSocket frame is made of (RFC 6455 §5.2), and where each of its fields sits in the bytes.

/** The endpoint that sent a frame. Only clients mask (§5.1), so a decoder must know which. */
export type Sender = 'client' | 'server';

/** The fields of one frame as a reader thinks of them, with the payload already unmasked. */
export interface Frame {
  fin: boolean;
  rsv1: boolean;
  rsv2: boolean;
  rsv3: boolean;
  /** 4 bits, 0x0–0xF; see `OPCODES` for what each value means. */
  opcode: number;
  /** The 4-byte masking key, or `null` when the MASK bit is clear. */
  maskingKey: Uint8Array | null;
  /** The payload data after unmasking (§5.3). */
  payload: Uint8Array;
}

/**
 * How the payload length is written (§5.2): in the 7-bit field alone, or 126 plus 16 bits,
 * or 127 plus 64 bits.
 */
export type LengthEncoding = '7-bit' | '16-bit' | '64-bit';

/** The names of the fields a frame's bytes divide into, in wire order. */
export const FRAME_FIELDS = [
  'fin',
  'rsv1',
  'rsv2',
  'rsv3',
  'opcode',
  'mask',
  'payload-length',
  'extended-payload-length',
  'masking-key',
  'payload',
] as const;

export type FrameField = (typeof FRAME_FIELDS)[number];

/**
 * Where one field sits. Bits count from the most significant bit of byte 0, as in the §5.2
 * figure, and ends are exclusive: FIN is bits 0..1 of byte 0, the opcode bits 4..8 of byte 0.
 */
export interface FieldSpan {
  field: FrameField;
  /** First byte the field touches. */
  byteStart: number;
  /** One past the last byte the field touches. */
  byteEnd: number;
  /** First bit, counted from the start of the frame. */
  bitStart: number;
  /** One past the last bit, counted from the start of the frame. */
  bitEnd: number;
}

/** A span of whole bytes, end exclusive, counted from the start of the frame. */
export interface ByteRange {
  start: number;
  end: number;
}

/** The span of a field that starts at `bitStart` and is `bitLength` bits long. */
export function fieldSpan(field: FrameField, bitStart: number, bitLength: number): FieldSpan {
  const bitEnd = bitStart + bitLength;
  return { field, byteStart: Math.floor(bitStart / 8), byteEnd: Math.ceil(bitEnd / 8), bitStart, bitEnd };
}

/** Opcodes with the high bit set are control frames (§5.5). */
export function isControlOpcode(opcode: number): boolean {
  return (opcode & 0x8) !== 0;
}
