// What the live capture says about a captured frame, kept apart from the DOM so it can be unit-tested.
import type { CapturedFrame } from '../lib/demo-messages.ts';
import { spacedHex } from '../lib/protocol/annotate-frame.ts';
import { unmask } from '../lib/protocol/mask.ts';
import { demoUnreachable } from '../lib/demo-url.ts';

/** Message sizes with a quick button: the edges of the three length encodings (§5.2) and of the server's 64 KiB limit. */
export const QUICK_SIZES = [0, 125, 126, 65535, 65536, 65537] as const;

/** The demo server's default limit; a larger message is closed with 1009. */
export const DEFAULT_LIMIT_BYTES = 65536;

/** How many payload bytes the unmasking table walks through. */
export const UNMASK_STEPS = 16;

/** How many bytes the whole-frame hex shows before it refers the reader to the annotation. */
export const HEX_PREVIEW_BYTES = 256;

export function quickLabel(size: number): string {
  if (size === 0) return 'Empty message';
  return size > DEFAULT_LIMIT_BYTES ? `${size} bytes (over the limit)` : `${size} bytes`;
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
export function describeCapture(frame: CapturedFrame): string {
  const total = frame.hex.length / 2;
  const header = total - frame.payloadLength;
  const kind = frame.opcode === 0x1 ? 'text' : frame.opcode === 0x2 ? 'binary' : `opcode 0x${frame.opcode.toString(16)}`;
  const key = frame.maskingKey === null ? 'no masking key' : `masking key ${spacedHex(frameBytes(frame).subarray(header - 4, header))}`;
  return `Frame ${frame.index + 1} (${kind}): ${total} bytes on the wire, ${header} of header (${frame.lengthEncoding} length, ${key}) and ${frame.payloadLength} of payload.`;
}

/**
 * The browser answers the server's heartbeat pings by itself (RFC 6455 §5.5.2), so a Pong can arrive between the
 * reader's frames. It is real traffic, but not what the reader sent: the widget mentions it and keeps the last
 * data frame on show. Returns the sentence, or null for a frame the reader sent.
 */
export function describeAutomaticFrame(frame: CapturedFrame): string | null {
  if (frame.opcode !== 0xa) return null;
  return `Frame ${frame.index + 1} was a Pong your browser sent by itself, answering the server's heartbeat Ping (§5.5.2): ${frame.hex.length / 2} bytes. The page's API never sees it.`;
}

/** The whole frame as spaced hex, cut after `HEX_PREVIEW_BYTES` bytes. */
export function previewHex(frame: CapturedFrame): string {
  const bytes = frameBytes(frame);
  const shown = spacedHex(bytes.subarray(0, HEX_PREVIEW_BYTES));
  const rest = bytes.length - HEX_PREVIEW_BYTES;
  return rest > 0 ? `${shown} … and ${rest} more bytes, every one of them in the annotation below` : shown;
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
export function describeClose(url: string, everOpened: boolean, code: number, reason: string, lastSentBytes: number): string | null {
  if (!everOpened) {
    return demoUnreachable(url);
  }
  if (code === 1009) {
    return `The server closed the connection with 1009 (Message Too Big): the last message was ${lastSentBytes} bytes, more than it accepts (§7.4.1, §10.4). Press Send to reconnect.`;
  }
  if (code === 1000) return null;
  const why = reason ? `: "${reason}"` : '';
  return `The connection closed with ${code}${why}. Press Send to reconnect.`;
}
