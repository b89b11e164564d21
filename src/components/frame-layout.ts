// Lays out a decoded frame's fields on the 32-bit rows of the RFC 6455 §5.2 figure, for FrameLayout.astro.
import { decodeFrame } from '../lib/protocol/decode-frame.ts';
import type { FrameField, Sender } from '../lib/protocol/frame.ts';
import type { Locale } from '../lib/i18n/locale.ts';
import { FRAME_LAYOUT_TEXT, type FrameLayoutText } from './frame-layout-text.ts';

export const BITS_PER_ROW = 32;

/** One rectangle of the figure: a field, or the part of it that falls on one row. */
export interface LayoutBox {
  field: FrameField;
  label: string;
  /** The field's value in this frame, as the figure shows it under the label. */
  value: string;
  row: number;
  /** First bit within the row, 0–31. */
  column: number;
  bits: number;
  /** The width of the whole field, all its pieces together: what the figure's description says. */
  fieldBits: number;
  /** True for the second and later pieces of a field split across rows. */
  continued: boolean;
}

/**
 * Splits every field of a frame into boxes on 32-bit rows. The payload is cut to `payloadRows` rows,
 * since the figure is about the header. Any frame the decoder can read whole may be laid out. Labels and values are
 * in `locale`, English by default.
 */
export function layoutFrame(bytes: Uint8Array, sender: Sender, payloadRows = 1, locale: Locale = 'en'): LayoutBox[] {
  const text = FRAME_LAYOUT_TEXT[locale];
  const decoded = decodeFrame(bytes, { sender });
  if (decoded.status !== 'complete') throw new TypeError('Only a complete frame can be laid out; these bytes end inside it.');
  const boxes: LayoutBox[] = [];
  for (const span of decoded.fields) {
    let end = span.bitEnd;
    if (span.field === 'payload') {
      const payloadEnd = Math.ceil((span.bitStart + 1) / BITS_PER_ROW) * BITS_PER_ROW + (payloadRows - 1) * BITS_PER_ROW;
      end = Math.min(end, payloadEnd);
    }
    const value = fieldValue(text, bytes, span.bitStart, span.bitEnd, span.field);
    for (let start = span.bitStart; start < end;) {
      const rowEnd = (Math.floor(start / BITS_PER_ROW) + 1) * BITS_PER_ROW;
      const pieceEnd = Math.min(end, rowEnd);
      boxes.push({
        field: span.field,
        label: text.fieldLabels[span.field],
        value: start === span.bitStart ? value : '',
        row: Math.floor(start / BITS_PER_ROW),
        column: start % BITS_PER_ROW,
        bits: pieceEnd - start,
        fieldBits: span.bitEnd - span.bitStart,
        continued: start !== span.bitStart,
      });
      start = pieceEnd;
    }
  }
  return boxes;
}

function fieldValue(text: FrameLayoutText, bytes: Uint8Array, bitStart: number, bitEnd: number, field: FrameField): string {
  if (field === 'payload') return text.payloadBytes((bitEnd - bitStart) / 8);
  if (field === 'masking-key')
    return Array.from(bytes.subarray(bitStart / 8, bitEnd / 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
  let value = 0n;
  for (let bit = bitStart; bit < bitEnd; bit++) value = (value << 1n) | BigInt((bytes[bit >> 3]! >> (7 - (bit & 7))) & 1);
  return field === 'opcode' ? `0x${value.toString(16).toUpperCase()}` : String(value);
}
