// Explains every byte of a frame in words, field by field, in the manner of the Illustrated TLS Connection.
import type { Locale } from '../i18n/locale.ts';
import { hex } from './bytes.ts';
import { closeCodeInfo } from './close-codes.ts';
import { decodeFrame, type DecodeOptions } from './decode-frame.ts';
import { isControlOpcode, type ByteRange, type FieldSpan, type Frame, type FrameField } from './frame.ts';
import { opcodeInfo, Opcode } from './opcodes.ts';
import { isValidUtf8 } from './utf8.ts';
import type { Violation } from './violations.ts';

/** One field inside a segment: its bits as they stand on the wire and what they mean. */
export interface FieldNote {
  field: FrameField | 'incomplete' | 'next-frame';
  label: string;
  /** The field's bits as 0s and 1s, for fields shorter than a byte; empty otherwise. */
  bits: string;
  value: string;
  note: string;
  section: string;
}

/** A run of bytes explained together: a header byte, the extended length, the masking key, the payload… */
export interface ByteSegment {
  title: string;
  range: ByteRange;
  /** The segment's bytes as lowercase hex pairs separated by spaces. */
  hex: string;
  fields: FieldNote[];
}

export interface FrameAnnotation {
  complete: boolean;
  /** In byte order; together they explain every byte given, each exactly once. */
  segments: ByteSegment[];
  violations: Violation[];
}

/** How many payload bytes a note quotes before it says "…"; the segment still covers them all. */
const QUOTED_PAYLOAD_BYTES = 64;

export interface AnnotateOptions extends DecodeOptions {
  /**
   * Under permessage-deflate, the whole message this compressed frame carries, once inflated (see `inflate-message.ts`),
   * so the payload's note can quote it. The decoder never inflates: inflating is asynchronous and needs the
   * connection's earlier messages (context takeover).
   */
  inflated?: Uint8Array | undefined;
  /** The language of the titles and notes: the page's (see `src/lib/i18n/locale.ts`). English when absent. */
  locale?: Locale | undefined;
}

/** Annotates the frame at the start of `bytes`. Bytes past its end are marked as the next frame's. */
export function annotateFrame(bytes: Uint8Array, options: AnnotateOptions): FrameAnnotation {
  const result = decodeFrame(bytes, options);
  const deflate = options.permessageDeflate === true;
  const segments: ByteSegment[] = [];
  const span = (field: FrameField): FieldSpan | undefined => result.fields.find((f) => f.field === field);
  const segment = (title: string, range: ByteRange, fields: FieldNote[]) =>
    segments.push({ title, range, hex: spacedHex(bytes.subarray(range.start, range.end)), fields });
  const bitsOf = (s: FieldSpan) => readBits(bytes, s.bitStart, s.bitEnd);

  const byte0 = bytes[0];
  if (byte0 !== undefined) {
    const opcode = byte0 & 0x0f;
    const info = opcodeInfo(opcode);
    segment('Byte 0: FIN, RSV1–3 and opcode', { start: 0, end: 1 }, [
      note('fin', 'FIN', bitsOf(span('fin')!), (byte0 & 0x80) !== 0 ? 'final fragment' : 'more fragments follow', finNote(byte0), '5.2'),
      ...(['rsv1', 'rsv2', 'rsv3'] as const).map((rsv, i) => {
        const set = (byte0 & (0x40 >> i)) !== 0;
        if (rsv === 'rsv1' && deflate) return compressedBitNote(set, opcode);
        return note(rsv, rsv.toUpperCase(), set ? '1' : '0', set ? 'set' : 'clear', rsvNote(set), '5.2');
      }),
      note('opcode', 'Opcode', bitsOf(span('opcode')!), `0x${opcode.toString(16).toUpperCase()}: ${info.name}`, info.meaning, info.section),
    ]);
  }

  const byte1 = bytes[1];
  if (byte1 !== undefined) {
    const masked = (byte1 & 0x80) !== 0;
    const length7 = byte1 & 0x7f;
    segment('Byte 1: MASK and payload length', { start: 1, end: 2 }, [
      note('mask', 'MASK', masked ? '1' : '0', masked ? 'masked' : 'not masked', maskNote(masked), '5.2'),
      note('payload-length', 'Payload length', bitsOf(span('payload-length')!), String(length7), lengthNote(length7), '5.2'),
    ]);
  }

  const extended = span('extended-payload-length');
  if (extended) {
    const width = extended.byteEnd - extended.byteStart;
    const declared = readBits(bytes, extended.bitStart, extended.bitEnd);
    segment(
      `${bytesTitle(extended.byteStart, extended.byteEnd)}: extended payload length`,
      { start: extended.byteStart, end: extended.byteEnd },
      [
        note(
          'extended-payload-length',
          `Extended payload length (${width * 8}-bit)`,
          '',
          plural(BigInt(`0b${declared}`), 'byte'),
          `An unsigned ${width * 8}-bit integer in network byte order (most significant byte first).`,
          '5.2',
        ),
      ],
    );
  }

  const maskingKey = span('masking-key');
  if (maskingKey) {
    segment(
      `${bytesTitle(maskingKey.byteStart, maskingKey.byteEnd)}: masking key`,
      { start: maskingKey.byteStart, end: maskingKey.byteEnd },
      [
        note(
          'masking-key',
          'Masking key',
          '',
          spacedHex(bytes.subarray(maskingKey.byteStart, maskingKey.byteEnd)),
          'Four bytes the client picks fresh and unpredictably for every frame. Byte i of the payload is XORed with byte i mod 4 of the key.',
          '5.3',
        ),
      ],
    );
  }

  const payload = span('payload');
  if (payload && result.status === 'complete' && payload.byteEnd > payload.byteStart) {
    const { frame } = result;
    const compressed = deflate && !isControlOpcode(frame.opcode) && (frame.rsv1 || options.openMessage?.compressed === true);
    const messageOpcode = frame.opcode === Opcode.Continuation ? (options.openMessage?.opcode ?? frame.opcode) : frame.opcode;
    const title = `${bytesTitle(payload.byteStart, payload.byteEnd)}: ${compressed ? 'compressed payload' : 'payload'}`;
    segment(title, { start: payload.byteStart, end: payload.byteEnd }, [
      compressed
        ? compressedPayloadNote(frame, messageOpcode, result.payloadLength, options.inflated)
        : note(
            'payload',
            `Payload (${plural(result.payloadLength, 'byte')})`,
            '',
            describePayload(frame.opcode, frame.payload),
            payloadNote(frame.maskingKey !== null),
            '5.2',
          ),
    ]);
  }

  const explainedTo = segments.at(-1)?.range.end ?? 0;
  const frameEnd = result.status === 'complete' ? result.byteLength : bytes.length;
  if (explainedTo < frameEnd) {
    const needed = result.status === 'incomplete' ? result.bytesNeeded : frameEnd;
    segment(`${bytesTitle(explainedTo, frameEnd)}: incomplete`, { start: explainedTo, end: frameEnd }, [
      note(
        'incomplete',
        'Not enough bytes yet',
        '',
        `${frameEnd} of ${needed} bytes`,
        'These bytes begin a field the frame has not finished sending.',
        '5.2',
      ),
    ]);
  }
  if (frameEnd < bytes.length) {
    segment(`${bytesTitle(frameEnd, bytes.length)}: after this frame`, { start: frameEnd, end: bytes.length }, [
      note(
        'next-frame',
        'Next frame',
        '',
        plural(bytes.length - frameEnd, 'byte'),
        'This frame ended at its declared length; these bytes start the next frame.',
        '5.2',
      ),
    ]);
  }

  return { complete: result.status === 'complete', segments, violations: result.violations };
}

/** "Byte 6" or "Bytes 6–10", for a segment's title. */
function bytesTitle(start: number, end: number): string {
  return end - start === 1 ? `Byte ${start}` : `Bytes ${start}–${end - 1}`;
}

function plural(count: number | bigint, unit: string): string {
  return `${count} ${unit}${count === 1 || count === 1n ? '' : 's'}`;
}

function note(field: FieldNote['field'], label: string, bits: string, value: string, text: string, section: string): FieldNote {
  return { field, label, bits, value, note: text, section };
}

function finNote(byte0: number): string {
  return (byte0 & 0x80) !== 0
    ? 'This frame ends its message. A message in one frame has FIN set on that frame.'
    : 'More frames of this message follow, as continuation frames (opcode 0x0).';
}

function rsvNote(set: boolean): string {
  return set
    ? 'Set. Only a negotiated extension may set it, as permessage-deflate sets RSV1 on the first frame of a compressed message; otherwise the receiver must fail the connection.'
    : 'Reserved for extensions; clear unless an extension negotiated a meaning for it.';
}

/** Under permessage-deflate RSV1 is the "Per-Message Compressed" bit (RFC 7692 §6), meaningful on a message's first frame. */
function compressedBitNote(set: boolean, opcode: number): FieldNote {
  const startsMessage = opcode === Opcode.Text || opcode === Opcode.Binary;
  const text = !startsMessage
    ? set
      ? 'Set on a frame that does not start a data message. permessage-deflate allows RSV1 only on the first frame of a message, so the receiver fails the connection.'
      : 'Clear, as it must be on control frames and on the later frames of a message: only a first frame says whether the message is compressed.'
    : set
      ? 'Set: with permessage-deflate negotiated, RSV1 is the "Per-Message Compressed" bit, so this message\'s payload is DEFLATE data.'
      : 'Clear: permessage-deflate was negotiated, but this message is sent uncompressed, which a sender may choose per message.';
  return note('rsv1', 'RSV1 (Per-Message Compressed)', set ? '1' : '0', set ? 'compressed' : 'not compressed', text, 'RFC 7692 §6');
}

/** A compressed payload: what §7.2.1 did to it, and what it inflates to when the caller has inflated it. */
function compressedPayloadNote(frame: Frame, messageOpcode: number, length: number, inflated: Uint8Array | undefined): FieldNote {
  const trailer = frame.fin
    ? "The sender compressed the message, ended it with an empty sync-flush block and removed that block's last four bytes, 00 00 ff ff; the receiver appends them again before inflating."
    : 'The message continues in the next frame; its compressed bytes are split across frames like any payload.';
  const masked = frame.maskingKey === null ? '' : 'On the wire these bytes are masked; unmasked, they are ';
  const value =
    inflated === undefined
      ? `DEFLATE data: ${quoteHex(frame.payload)}`
      : `inflates to ${plural(inflated.length, 'byte')}: ${describePayload(messageOpcode, inflated)}`;
  return note(
    'payload',
    `Compressed payload (${plural(length, 'byte')})`,
    '',
    value,
    `${masked || 'These are '}DEFLATE blocks (RFC 1951). ${trailer}`,
    'RFC 7692 §7.2.1',
  );
}

function maskNote(masked: boolean): string {
  return masked
    ? 'The payload is masked with the 4-byte key that follows the length. Clients mask every frame.'
    : 'The payload is sent as is. Servers never mask; a client frame without a mask fails the connection.';
}

function lengthNote(length7: number): string {
  if (length7 === 126) return '126 means: the real length follows as a 16-bit number in the next 2 bytes.';
  if (length7 === 127) return '127 means: the real length follows as a 64-bit number in the next 8 bytes.';
  return `Lengths 0 to 125 fit here directly: the payload is ${length7} byte${length7 === 1 ? '' : 's'}.`;
}

function payloadNote(masked: boolean): string {
  return masked ? 'On the wire these bytes are masked. Unmasked, they read as shown.' : 'The payload bytes, exactly as sent.';
}

/** The payload in words: text as text, a close body as code and reason, anything else as hex. */
function describePayload(opcode: number, payload: Uint8Array): string {
  if (opcode === Opcode.Close && payload.length >= 2) {
    const code = (payload[0]! << 8) | payload[1]!;
    const reason = payload.subarray(2);
    const reasonText = reason.length === 0 ? 'no reason' : `reason ${quoteText(reason)}`;
    return `status code ${code} (${closeCodeInfo(code).name}), ${reasonText}`;
  }
  if (opcode === Opcode.Binary || !isValidUtf8(payload)) return quoteHex(payload);
  return quoteText(payload);
}

function quoteText(bytes: Uint8Array): string {
  return isValidUtf8(bytes)
    ? JSON.stringify(new TextDecoder().decode(bytes.subarray(0, QUOTED_PAYLOAD_BYTES))) + more(bytes)
    : quoteHex(bytes);
}

function quoteHex(bytes: Uint8Array): string {
  return spacedHex(bytes.subarray(0, QUOTED_PAYLOAD_BYTES)) + more(bytes);
}

function more(bytes: Uint8Array): string {
  return bytes.length > QUOTED_PAYLOAD_BYTES ? ` … and ${bytes.length - QUOTED_PAYLOAD_BYTES} more bytes` : '';
}

/** Bytes as hex pairs separated by spaces: `81 05 48 65`. */
export function spacedHex(bytes: Uint8Array): string {
  return hex(bytes).replace(/(..)(?!$)/g, '$1 ');
}

/** The bits from `start` to `end` (exclusive) of a byte string, as 0s and 1s. */
function readBits(bytes: Uint8Array, start: number, end: number): string {
  let out = '';
  for (let bit = start; bit < end; bit++) out += (bytes[bit >> 3]! >> (7 - (bit & 7))) & 1;
  return out;
}
