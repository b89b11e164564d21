// Encodes a frame from its fields (RFC 6455 §5.2), including deliberately broken frames for teaching.
import { decodeFrame, type DecodeOptions } from './decode-frame.ts';
import type { LengthEncoding, Sender } from './frame.ts';
import { mask } from './mask.ts';
import type { Violation } from './violations.ts';

/** The fields to encode. Everything but the opcode has a default that makes a valid final frame. */
export interface FrameToEncode {
  /** Default: `true`, a final (or only) fragment. */
  fin?: boolean | undefined;
  /** Default: `false`. */
  rsv1?: boolean | undefined;
  /** Default: `false`. */
  rsv2?: boolean | undefined;
  /** Default: `false`. */
  rsv3?: boolean | undefined;
  opcode: number;
  /** 4 bytes to mask with, which sets the MASK bit; `null` or absent for an unmasked frame. */
  maskingKey?: Uint8Array | null | undefined;
  /** The unmasked payload; a string is encoded as UTF-8. Default: empty. */
  payload?: Uint8Array | string | undefined;
  /** Forces a length encoding, e.g. 16 bits for 5 bytes to make a non-minimal frame. Default: the minimal one. */
  lengthEncoding?: LengthEncoding | undefined;
  /**
   * Writes this length instead of the payload's real one, e.g. `2n ** 63n` to set the 64-bit
   * length's most significant bit. The frame then no longer fits its bytes. Default: the real length.
   */
  declaredLength?: number | bigint | undefined;
}

export interface EncodedFrame {
  bytes: Uint8Array;
  /** The rules this frame breaks, as the decoder sees them; empty for a valid frame. */
  violations: Violation[];
  /** False when `declaredLength` claims more bytes than the frame has. */
  complete: boolean;
}

/** How a frame will be judged. Default `sender`: the client when the frame is masked, else the server. */
export type EncodeOptions = Partial<DecodeOptions> & { sender?: Sender | undefined };

const MAX_LENGTH: Record<LengthEncoding, bigint> = { '7-bit': 125n, '16-bit': 0xffffn, '64-bit': 2n ** 64n - 1n };

/** Encodes a frame and reports, through the decoder's own checks, which rules it breaks. */
export function encodeFrame(fields: FrameToEncode, options: EncodeOptions = {}): EncodedFrame {
  const { opcode, maskingKey = null } = fields;
  if (!Number.isInteger(opcode) || opcode < 0 || opcode > 0xf) {
    throw new TypeError(`The opcode must be an integer from 0x0 to 0xF, and ${opcode} is not.`);
  }
  if (maskingKey !== null && maskingKey.length !== 4) {
    throw new TypeError(`A masking key is exactly 4 bytes, and this one is ${maskingKey.length}.`);
  }
  const payload = typeof fields.payload === 'string' ? new TextEncoder().encode(fields.payload) : (fields.payload ?? new Uint8Array(0));
  const length = BigInt(fields.declaredLength ?? payload.length);
  const encoding = fields.lengthEncoding ?? minimalLengthEncoding(length);
  if (length < 0n || length > MAX_LENGTH[encoding]) {
    throw new TypeError(`A length of ${length} does not fit the ${encoding} length encoding, which holds at most ${MAX_LENGTH[encoding]}.`);
  }

  const header = [
    ((fields.fin ?? true) ? 0x80 : 0) | (fields.rsv1 ? 0x40 : 0) | (fields.rsv2 ? 0x20 : 0) | (fields.rsv3 ? 0x10 : 0) | opcode,
    (maskingKey === null ? 0 : 0x80) | (encoding === '7-bit' ? Number(length) : encoding === '16-bit' ? 126 : 127),
  ];
  const extendedBytes = encoding === '16-bit' ? 2 : encoding === '64-bit' ? 8 : 0;
  for (let i = extendedBytes - 1; i >= 0; i--) header.push(Number((length >> BigInt(8 * i)) & 0xffn));
  if (maskingKey !== null) header.push(...maskingKey);

  const bytes = new Uint8Array(header.length + payload.length);
  bytes.set(header);
  bytes.set(maskingKey === null ? payload : mask(payload, maskingKey), header.length);

  const sender = options.sender ?? (maskingKey === null ? 'server' : 'client');
  const decoded = decodeFrame(bytes, { ...options, sender });
  return { bytes, violations: decoded.violations, complete: decoded.status === 'complete' };
}

/** The shortest encoding for a length, which §5.2 requires: "the minimal number of bytes MUST be used". */
export function minimalLengthEncoding(length: number | bigint): LengthEncoding {
  if (length <= 125) return '7-bit';
  if (length <= 0xffff) return '16-bit';
  return '64-bit';
}
