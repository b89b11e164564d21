// What the mask visualizer shows, apart from the DOM: each payload byte XORed with key[i mod 4], and the way back.
import { spacedHex } from '../lib/protocol/annotate-frame.ts';
import { mask, unmask } from '../lib/protocol/mask.ts';
import { parseMaskingKey } from './frame-workbench.ts';
import type { Locale } from '../lib/i18n/locale.ts';
import { MASK_VISUALIZER_TEXT } from './mask-visualizer-text.ts';

// The visualizer offers the same random key as the workbench.
export { randomKeyHex } from './frame-workbench.ts';

/** How many bytes the table shows row by row; the lines above and below it still carry every byte. */
export const SHOWN_ROWS = 64;

/** The largest payload the visualizer takes, in UTF-8 bytes, so the page stays responsive while typing. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;

/** One row of the table: payload byte i, the key byte it meets, and what XOR makes of them. */
export interface MaskRow {
  index: number;
  /** i mod 4: which key byte this payload byte meets (§5.3). */
  keyIndex: number;
  payloadByte: number;
  keyByte: number;
  maskedByte: number;
}

export interface Masking {
  payload: Uint8Array;
  key: Uint8Array;
  /** The key repeated to the payload's length: byte i is key[i mod 4]. */
  keyRepeated: Uint8Array;
  /** The first `SHOWN_ROWS` bytes, row by row. */
  rows: MaskRow[];
  /** Bytes past the table, counted so the note below it can say how many. */
  hiddenRows: number;
  masked: Uint8Array;
  unmasked: Uint8Array;
  /** Whether unmasking gave back exactly the payload: always, since (x XOR k) XOR k = x. */
  roundTrips: boolean;
}

export type MaskingResult = { ok: true; masking: Masking } | { ok: false; input: 'payload' | 'masking-key'; message: string };

/** Masks `text`'s UTF-8 bytes with the key in `keyHex`, and unmasks the result again; problems are told in `locale`. */
export function explainMasking(text: string, keyHex: string, locale: Locale = 'en'): MaskingResult {
  const key = parseMaskingKey(keyHex, locale);
  if (!key.ok) return { ok: false, input: 'masking-key', message: key.message };
  const payload = new TextEncoder().encode(text);
  if (payload.length > MAX_PAYLOAD_BYTES) {
    return {
      ok: false,
      input: 'payload',
      message: MASK_VISUALIZER_TEXT[locale].payloadTooBig(payload.length, MAX_PAYLOAD_BYTES),
    };
  }
  const masked = mask(payload, key.bytes);
  const unmasked = unmask(masked, key.bytes);
  const rows = Array.from({ length: Math.min(payload.length, SHOWN_ROWS) }, (_, index) => ({
    index,
    keyIndex: index % 4,
    payloadByte: payload[index]!,
    keyByte: key.bytes[index % 4]!,
    maskedByte: masked[index]!,
  }));
  const roundTrips = unmasked.length === payload.length && unmasked.every((byte, i) => byte === payload[i]);
  const keyRepeated = Uint8Array.from(payload, (_, i) => key.bytes[i % 4]!);
  return {
    ok: true,
    masking: { payload, key: key.bytes, keyRepeated, rows, hiddenRows: payload.length - rows.length, masked, unmasked, roundTrips },
  };
}

/** A byte as two hex digits. */
export function byteHex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

/** A byte as eight bits, so XOR can be checked column by column. */
export function byteBits(byte: number): string {
  return byte.toString(2).padStart(8, '0');
}

/** A payload byte as a reader recognises it: printable ASCII as itself, anything else as nothing. */
export function byteCharacter(byte: number): string {
  return byte >= 0x21 && byte <= 0x7e ? String.fromCharCode(byte) : byte === 0x20 ? '␠' : '';
}

/** How many bytes each one-line view shows before it says how many more there are. */
export const SHOWN_LINE_BYTES = 256;

/** Bytes as spaced hex, for the one-line views: at most `SHOWN_LINE_BYTES`, then a count of the rest. */
export function bytesLine(bytes: Uint8Array, locale: Locale = 'en'): string {
  if (bytes.length <= SHOWN_LINE_BYTES) return spacedHex(bytes);
  const hidden = bytes.length - SHOWN_LINE_BYTES;
  return `${spacedHex(bytes.subarray(0, SHOWN_LINE_BYTES))}${MASK_VISUALIZER_TEXT[locale].moreBytes(hidden)}`;
}

/** The note under the table when it does not show every byte. */
export function hiddenRowsNote(hiddenRows: number, locale: Locale = 'en'): string {
  if (hiddenRows === 0) return '';
  return MASK_VISUALIZER_TEXT[locale].hiddenRows(SHOWN_ROWS, hiddenRows);
}

const QUOTED_CHARACTERS = 64;

/** What unmasking gave back, in words. */
export function roundTripNote(masking: Masking, locale: Locale = 'en'): string {
  const text = new TextDecoder().decode(masking.unmasked);
  const characters = [...text];
  const quoted =
    characters.length > QUOTED_CHARACTERS ? `${JSON.stringify(characters.slice(0, QUOTED_CHARACTERS).join(''))}…` : JSON.stringify(text);
  const wording = MASK_VISUALIZER_TEXT[locale];
  return masking.roundTrips ? wording.roundTrip(quoted) : wording.noRoundTrip;
}
