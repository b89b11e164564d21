// What the live capture says about a captured frame, kept apart from the DOM so it can be unit-tested.
import type { CaptureBudgetUsed, CapturedFrame, CapturedViolation } from '../lib/demo-messages.ts';
import { VIOLATION_EXPLANATIONS_ZH } from '../lib/protocol/protocol-text.ts';
import type { ViolationId } from '../lib/protocol/violations.ts';
import { spacedHex } from '../lib/protocol/annotate-frame.ts';
import { unmask } from '../lib/protocol/mask.ts';
import { demoUnreachable } from '../lib/demo-url.ts';
import type { Locale } from '../lib/i18n/locale.ts';
import { LENGTH_ENCODING_WORDS, LIVE_CAPTURE_TEXT } from './live-capture-text.ts';

/** Message sizes with a quick button: the edges of the three length encodings (§5.2) and of the server's 64 KiB limit. */
export const QUICK_SIZES = [0, 125, 126, 65535, 65536, 65537] as const;

/** The demo server's default limit; a larger message is closed with 1009. */
export const DEFAULT_LIMIT_BYTES = 65536;

/** How many payload bytes the unmasking table walks through. */
export const UNMASK_STEPS = 16;

/** How many bytes the whole-frame hex shows before it refers the reader to the annotation. */
export const HEX_PREVIEW_BYTES = 256;

export function quickLabel(size: number, locale: Locale = 'en'): string {
  const text = LIVE_CAPTURE_TEXT[locale].quickLabel;
  if (size === 0) return text.empty;
  return size > DEFAULT_LIMIT_BYTES ? text.overLimit(size) : text.bytes(size);
}

/** ASCII text of exactly `size` bytes, in a pattern that shows where the mask repeats. */
export function quickMessage(size: number): string {
  const pattern = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return pattern.repeat(Math.ceil(size / pattern.length)).slice(0, size);
}

/** A frame's bytes from the hex the server sent. */
export function frameBytes(frame: CapturedFrame): Uint8Array {
  return Uint8Array.from(frame.hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

/** One line about a captured frame: where its bytes go. */
export function describeCapture(frame: CapturedFrame, locale: Locale = 'en'): string {
  const text = LIVE_CAPTURE_TEXT[locale];
  const total = frame.hex.length / 2;
  const header = total - frame.payloadLength;
  const kind =
    frame.opcode === 0x1 ? text.kinds.text : frame.opcode === 0x2 ? text.kinds.binary : text.kinds.opcode(frame.opcode.toString(16));
  const key = frame.maskingKey === null ? text.noKey : text.key(spacedHex(frameBytes(frame).subarray(header - 4, header)));
  const encoding = LENGTH_ENCODING_WORDS[locale][frame.lengthEncoding];
  return text.capture(frame.index + 1, kind, total, header, encoding, key, frame.payloadLength);
}

/**
 * The browser answers the server's heartbeat pings by itself (RFC 6455 §5.5.2), so a Pong can arrive between the
 * reader's frames. It is real traffic, but not what the reader sent: the widget mentions it and keeps the last
 * data frame on show. Returns the sentence, or null for a frame the reader sent.
 */
export function describeAutomaticFrame(frame: CapturedFrame, locale: Locale = 'en'): string | null {
  if (frame.opcode !== 0xa) return null;
  return LIVE_CAPTURE_TEXT[locale].automaticPong(frame.index + 1, frame.hex.length / 2);
}

/** The whole frame as spaced hex, cut after `HEX_PREVIEW_BYTES` bytes. */
export function previewHex(frame: CapturedFrame, locale: Locale = 'en'): string {
  const bytes = frameBytes(frame);
  const shown = spacedHex(bytes.subarray(0, HEX_PREVIEW_BYTES));
  const rest = bytes.length - HEX_PREVIEW_BYTES;
  return rest > 0 ? `${shown}${LIVE_CAPTURE_TEXT[locale].moreHex(rest)}` : shown;
}

export interface UnmaskStep {
  /** Position in the payload. */
  index: number;
  /** The byte as it crossed the wire. */
  masked: string;
  /** Which key byte applies: index mod 4 (§5.3). */
  keyIndex: number;
  key: string;
  /** masked XOR key: the byte the client meant to send. */
  result: string;
  /** The result as a character when it is printable ASCII, else empty. */
  character: string;
}

/** The first payload bytes of a captured frame, unmasked one by one with the protocol core's `unmask`. */
export function unmaskSteps(frame: CapturedFrame, count = UNMASK_STEPS): UnmaskStep[] {
  if (frame.maskingKey === null) return [];
  const bytes = frameBytes(frame);
  const payloadStart = bytes.length - frame.payloadLength;
  const key = bytes.subarray(payloadStart - 4, payloadStart);
  const masked = bytes.subarray(payloadStart, payloadStart + Math.min(count, frame.payloadLength));
  const unmasked = unmask(masked, key);
  const pair = (n: number) => n.toString(16).padStart(2, '0');
  return [...masked].map((byte, index) => {
    const result = unmasked[index]!;
    return {
      index,
      masked: pair(byte),
      keyIndex: index % 4,
      key: pair(key[index % 4]!),
      result: pair(result),
      character: result >= 0x20 && result < 0x7f ? String.fromCharCode(result) : '',
    };
  });
}

/** Why the capture connection ended, in words a reader can act on; `null` when there is nothing to explain. */
export function describeClose(
  url: string,
  everOpened: boolean,
  code: number,
  reason: string,
  lastSentBytes: number,
  locale: Locale = 'en',
): string | null {
  if (!everOpened) {
    return demoUnreachable(url, locale);
  }
  if (code === 1009) return LIVE_CAPTURE_TEXT[locale].tooBig(lastSentBytes);
  if (code === 1000) return null;
  return LIVE_CAPTURE_TEXT[locale].closed(code, reason);
}

/**
 * The server's report of a broken rule or of a used-up budget, in the page's language. The server writes English; a
 * Chinese page says the same from the report's fields (the rule's id, the budget).
 */
export function describeServerReport(report: CapturedViolation | CaptureBudgetUsed, locale: Locale = 'en'): string {
  if (report.type === 'budget-used') return LIVE_CAPTURE_TEXT[locale].budgetUsed(report.budgetBytes, report.message);
  if (locale === 'en') return report.explanation;
  return VIOLATION_EXPLANATIONS_ZH[report.id as ViolationId] ?? report.explanation;
}
