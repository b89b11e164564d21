// Explains every byte of a frame in words, field by field, in the manner of the Illustrated TLS Connection.
import type { Locale } from '../i18n/locale.ts';
import { hex } from './bytes.ts';
import { closeCodeInfo } from './close-codes.ts';
import { decodeFrame, type DecodeOptions } from './decode-frame.ts';
import { isControlOpcode, type ByteRange, type FieldSpan, type Frame, type FrameField } from './frame.ts';
import { opcodeInfo, Opcode } from './opcodes.ts';
import { isValidUtf8 } from './utf8.ts';
import { ANNOTATION_TEXT, type AnnotationText } from './protocol-text.ts';
import { localizeViolation, type Violation } from './violations.ts';

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
  const locale = options.locale ?? 'en';
  const t = ANNOTATION_TEXT[locale];
  const result = decodeFrame(bytes, options);
  const deflate = options.permessageDeflate === true;
  const segments: ByteSegment[] = [];
  const span = (field: FrameField): FieldSpan | undefined => result.fields.find((f) => f.field === field);
  const segment = (title: string, range: ByteRange, fields: FieldNote[]) =>
    segments.push({ title, range, hex: spacedHex(bytes.subarray(range.start, range.end)), fields });
  const titled = (range: ByteRange, what: string) => t.segmentTitle(t.bytesTitle(range.start, range.end), what);
  const bitsOf = (s: FieldSpan) => readBits(bytes, s.bitStart, s.bitEnd);

  const byte0 = bytes[0];
  if (byte0 !== undefined) {
    const opcode = byte0 & 0x0f;
    const info = opcodeInfo(opcode, locale);
    const fin = (byte0 & 0x80) !== 0;
    segment(t.titles.byte0, { start: 0, end: 1 }, [
      note(
        'fin',
        'FIN',
        bitsOf(span('fin')!),
        fin ? t.values.finalFragment : t.values.moreFragments,
        fin ? t.notes.finSet : t.notes.finClear,
        '5.2',
      ),
      ...(['rsv1', 'rsv2', 'rsv3'] as const).map((rsv, i) => {
        const set = (byte0 & (0x40 >> i)) !== 0;
        if (rsv === 'rsv1' && deflate) return compressedBitNote(t, set, opcode);
        return note(
          rsv,
          rsv.toUpperCase(),
          set ? '1' : '0',
          set ? t.values.set : t.values.clear,
          set ? t.notes.rsvSet : t.notes.rsvClear,
          '5.2',
        );
      }),
      note(
        'opcode',
        t.labels.opcode,
        bitsOf(span('opcode')!),
        `0x${opcode.toString(16).toUpperCase()}: ${info.name}`,
        info.meaning,
        info.section,
      ),
    ]);
  }

  const byte1 = bytes[1];
  if (byte1 !== undefined) {
    const masked = (byte1 & 0x80) !== 0;
    const length7 = byte1 & 0x7f;
    segment(t.titles.byte1, { start: 1, end: 2 }, [
      note(
        'mask',
        'MASK',
        masked ? '1' : '0',
        masked ? t.values.masked : t.values.notMasked,
        masked ? t.notes.masked : t.notes.notMasked,
        '5.2',
      ),
      note('payload-length', t.labels.payloadLength, bitsOf(span('payload-length')!), String(length7), lengthNote(t, length7), '5.2'),
    ]);
  }

  const extended = span('extended-payload-length');
  if (extended) {
    const width = extended.byteEnd - extended.byteStart;
    const declared = readBits(bytes, extended.bitStart, extended.bitEnd);
    const range = { start: extended.byteStart, end: extended.byteEnd };
    segment(titled(range, t.titles.extendedLength), range, [
      note(
        'extended-payload-length',
        t.labels.extendedLength(width * 8),
        '',
        t.byteCount(BigInt(`0b${declared}`)),
        t.notes.extendedLength(width * 8),
        '5.2',
      ),
    ]);
  }

  const maskingKey = span('masking-key');
  if (maskingKey) {
    const range = { start: maskingKey.byteStart, end: maskingKey.byteEnd };
    segment(titled(range, t.titles.maskingKey), range, [
      note('masking-key', t.labels.maskingKey, '', spacedHex(bytes.subarray(range.start, range.end)), t.notes.maskingKey, '5.3'),
    ]);
  }

  const payload = span('payload');
  if (payload && result.status === 'complete' && payload.byteEnd > payload.byteStart) {
    const { frame } = result;
    const compressed = deflate && !isControlOpcode(frame.opcode) && (frame.rsv1 || options.openMessage?.compressed === true);
    const messageOpcode = frame.opcode === Opcode.Continuation ? (options.openMessage?.opcode ?? frame.opcode) : frame.opcode;
    const range = { start: payload.byteStart, end: payload.byteEnd };
    segment(titled(range, compressed ? t.titles.compressedPayload : t.titles.payload), range, [
      compressed
        ? compressedPayloadNote(t, locale, frame, messageOpcode, result.payloadLength, options.inflated)
        : note(
            'payload',
            t.labels.payload(t.byteCount(result.payloadLength)),
            '',
            describePayload(t, locale, frame.opcode, frame.payload),
            frame.maskingKey !== null ? t.notes.payloadMasked : t.notes.payloadPlain,
            '5.2',
          ),
    ]);
  }

  const explainedTo = segments.at(-1)?.range.end ?? 0;
  const frameEnd = result.status === 'complete' ? result.byteLength : bytes.length;
  if (explainedTo < frameEnd) {
    const needed = result.status === 'incomplete' ? result.bytesNeeded : frameEnd;
    const range = { start: explainedTo, end: frameEnd };
    segment(titled(range, t.titles.incomplete), range, [
      note('incomplete', t.labels.incomplete, '', t.values.incomplete(frameEnd, needed), t.notes.incomplete, '5.2'),
    ]);
  }
  if (frameEnd < bytes.length) {
    const range = { start: frameEnd, end: bytes.length };
    segment(titled(range, t.titles.afterFrame), range, [
      note('next-frame', t.labels.nextFrame, '', t.byteCount(bytes.length - frameEnd), t.notes.nextFrame, '5.2'),
    ]);
  }

  const violations = result.violations.map((v) => localizeViolation(v, locale));
  return { complete: result.status === 'complete', segments, violations };
}

function note(field: FieldNote['field'], label: string, bits: string, value: string, text: string, section: string): FieldNote {
  return { field, label, bits, value, note: text, section };
}

/** Under permessage-deflate RSV1 is the "Per-Message Compressed" bit (RFC 7692 §6), meaningful on a message's first frame. */
function compressedBitNote(t: AnnotationText, set: boolean, opcode: number): FieldNote {
  const startsMessage = opcode === Opcode.Text || opcode === Opcode.Binary;
  const text = !startsMessage
    ? set
      ? t.notes.compressedBitMisplaced
      : t.notes.compressedBitClearLater
    : set
      ? t.notes.compressedBitSet
      : t.notes.compressedBitClear;
  return note('rsv1', t.labels.compressedBit, set ? '1' : '0', set ? t.values.compressed : t.values.notCompressed, text, 'RFC 7692 §6');
}

/** A compressed payload: what §7.2.1 did to it, and what it inflates to when the caller has inflated it. */
function compressedPayloadNote(
  t: AnnotationText,
  locale: Locale,
  frame: Frame,
  messageOpcode: number,
  length: number,
  inflated: Uint8Array | undefined,
): FieldNote {
  const trailer = frame.fin ? t.notes.deflateTrailer : t.notes.deflateContinues;
  const value =
    inflated === undefined
      ? t.values.deflateData(quoteHex(t, frame.payload))
      : t.values.inflatesTo(t.byteCount(inflated.length), describePayload(t, locale, messageOpcode, inflated));
  return note(
    'payload',
    t.labels.compressedPayload(t.byteCount(length)),
    '',
    value,
    t.notes.deflateBlocks(frame.maskingKey !== null, trailer),
    'RFC 7692 §7.2.1',
  );
}

function lengthNote(t: AnnotationText, length7: number): string {
  if (length7 === 126) return t.notes.length126;
  if (length7 === 127) return t.notes.length127;
  return t.notes.length7(length7);
}

/** The payload in words: text as text, a close body as code and reason, anything else as hex. */
function describePayload(t: AnnotationText, locale: Locale, opcode: number, payload: Uint8Array): string {
  if (opcode === Opcode.Close && payload.length >= 2) {
    const code = (payload[0]! << 8) | payload[1]!;
    const reason = payload.subarray(2);
    const reasonText = reason.length === 0 ? t.values.noReason : t.values.reason(quoteText(t, reason));
    return t.values.closeBody(code, closeCodeInfo(code, locale).name, reasonText);
  }
  if (opcode === Opcode.Binary || !isValidUtf8(payload)) return quoteHex(t, payload);
  return quoteText(t, payload);
}

function quoteText(t: AnnotationText, bytes: Uint8Array): string {
  return isValidUtf8(bytes)
    ? JSON.stringify(new TextDecoder().decode(bytes.subarray(0, QUOTED_PAYLOAD_BYTES))) + more(t, bytes)
    : quoteHex(t, bytes);
}

function quoteHex(t: AnnotationText, bytes: Uint8Array): string {
  return spacedHex(bytes.subarray(0, QUOTED_PAYLOAD_BYTES)) + more(t, bytes);
}

function more(t: AnnotationText, bytes: Uint8Array): string {
  return bytes.length > QUOTED_PAYLOAD_BYTES ? t.values.moreBytes(bytes.length - QUOTED_PAYLOAD_BYTES) : '';
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
