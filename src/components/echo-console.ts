// What the echo console says about a connection, and how it reads its inputs, kept apart from the DOM so it can be unit-tested.
import { hex } from '../lib/protocol/bytes.ts';
import { demoUnreachable } from '../lib/demo-url.ts';

export type Direction = 'sent' | 'received' | 'event';

/** The names the WebSocket API gives its readyState values, indexed by value. */
export const READY_STATE_NAMES = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'] as const;

export function describeReadyState(readyState: number): string {
  return `${READY_STATE_NAMES[readyState] ?? 'UNKNOWN'} (${readyState})`;
}

export function clockTime(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

const PREVIEW_BYTES = 32;

/** The bytes a message occupies in a frame's payload: UTF-8 for text (§5.6), as-is for binary. */
export function messageBytes(data: string | ArrayBuffer): Uint8Array {
  return typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data);
}

/** A message as the log shows it: text verbatim, binary as a byte count and its first bytes in hex. */
export function describeMessage(data: string | ArrayBuffer): string {
  const bytes = messageBytes(data);
  if (typeof data === 'string') return `text (${bytes.length} bytes): ${data}`;
  const more = bytes.length > PREVIEW_BYTES ? ' …' : '';
  return `binary (${bytes.length} bytes): ${spacedHex(bytes.subarray(0, PREVIEW_BYTES))}${more}`;
}

/** How many bytes the hex view of one log entry shows; a 60 KiB message would otherwise fill the page. */
export const HEX_VIEW_BYTES = 256;

/** Every byte of a message (up to {@link HEX_VIEW_BYTES}) as spaced hex, 16 to a line. */
export function hexView(data: string | ArrayBuffer, maxBytes = HEX_VIEW_BYTES): string {
  const bytes = messageBytes(data);
  const lines: string[] = [];
  for (let at = 0; at < Math.min(bytes.length, maxBytes); at += 16) {
    lines.push(spacedHex(bytes.subarray(at, Math.min(at + 16, maxBytes))));
  }
  if (bytes.length > maxBytes) lines.push(`… and ${bytes.length - maxBytes} more bytes`);
  return lines.length ? lines.join('\n') : '(no bytes)';
}

function spacedHex(bytes: Uint8Array): string {
  return hex(bytes).replace(/(..)(?!$)/g, '$1 ');
}

/** A close event in words, including what 1006 really means to a reader. */
export function describeClose(event: { code: number; reason: string; wasClean: boolean }, everOpened: boolean): string {
  const reason = event.reason ? `, reason "${event.reason}"` : '';
  const summary = `close: code ${event.code}${reason}, wasClean ${event.wasClean}`;
  if (!everOpened) return `${summary}. ${demoUnreachable()}`;
  if (event.code === 1006) return `${summary}. The connection dropped without a close handshake.`;
  return summary;
}

/** The open event in words: which subprotocol and extensions the server chose, and what an empty choice means. */
export function describeOpen(offered: readonly string[], protocol: string, extensions: string): string {
  const summary = `open: protocol "${protocol}", extensions "${extensions}"`;
  if (offered.length === 0) return summary;
  if (protocol === '') {
    return `${summary}. You offered ${offered.join(', ')} and the server's 101 named none (RFC 6455 §4.2.2, step 4). WHATWG says a browser must then fail the connection, so that open never fires; this browser opened it anyway, with protocol "". The engine table shows which engines do which.`;
  }
  const first = protocol === offered[0] && offered.length > 1 ? ', your first choice' : '';
  return `${summary}. The server picked "${protocol}"${first} from what you offered (RFC 6455 §4.2.2, step 4). /ws/echo runs on ws, which, unless the server gives it a handleProtocols hook, accepts the first name offered, whether or not the server speaks it.`;
}

/** A name the demo server speaks nowhere: /ws/lab declines every subprotocol, this one included. */
export const UNSPOKEN_SUBPROTOCOL = 'x-unknown';

/**
 * The close that ends an offer the server declined. WHATWG makes a browser fail such a connection: error, then close
 * 1006, and no open. A page sees the same for a server that is down, so what tells them apart is the 101 itself,
 * which only the server (or the network panel) sees.
 */
export function describeDeclinedClose(event: { code: number; reason: string; wasClean: boolean }, everOpened: boolean): string {
  const summary = `close: code ${event.code}${event.reason ? `, reason "${event.reason}"` : ''}, wasClean ${event.wasClean}`;
  if (everOpened) return `${summary}. The connection had opened, although the server chose none of the subprotocols offered.`;
  return `${summary}. The server answered 101 but chose none of the subprotocols offered, so this browser failed the connection, as WHATWG says it must: error, then close 1006, and open never fired. A page cannot tell this from a server that is down; only the 101 response shows it.`;
}

/** Either what the reader typed, read and checked, or a sentence naming the rule it breaks. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** Characters RFC 2616 calls separators; a subprotocol name may not contain them (RFC 6455 §4.1, item 10). */
const SEPARATORS = '()<>@,;:\\"/[]?={} \t';

/**
 * Reads the subprotocols field: names separated by commas or spaces. The browser itself throws a SyntaxError for a
 * name that is not an HTTP token or for a name offered twice (WHATWG WebSockets, the constructor); this says why first.
 */
export function parseSubprotocols(text: string): Checked<string[]> {
  const names = text.split(/[\s,]+/).filter(Boolean);
  for (const name of names) {
    const bad = [...name].find((c) => c < '!' || c > '~' || SEPARATORS.includes(c));
    if (bad !== undefined) {
      return {
        ok: false,
        message: `The subprotocol "${name}" contains ${JSON.stringify(bad)}. A subprotocol name is printable ASCII (U+0021 to U+007E) without HTTP separators such as ( ) < > @ ; : / [ ] ? = { } " (RFC 6455 §4.1, item 10).`,
      };
    }
  }
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined) {
    return { ok: false, message: `The subprotocol "${twice}" is offered twice. Each name may appear once (RFC 6455 §4.1, item 10).` };
  }
  return { ok: true, value: names };
}

/** Pairs of hex digits, optionally with spaces between the bytes: `48 69` or `4869`. An empty field is zero bytes. */
export function parseHexMessage(text: string): Checked<ArrayBuffer> {
  const digits = text.replace(/\s+/g, '');
  const bad = /[^0-9a-f]/i.exec(digits);
  if (bad) {
    return {
      ok: false,
      message: `'${bad[0]}' is not a hex digit. A binary message is written as pairs of hex digits (0–9, a–f), one pair per byte, such as 48 69.`,
    };
  }
  if (digits.length % 2 !== 0) {
    return {
      ok: false,
      message: `That is ${digits.length} hex digits, an odd number. Every byte is exactly two hex digits, such as 48 69.`,
    };
  }
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return { ok: true, value: bytes.buffer };
}

/** The longest close reason a page may give, in UTF-8 bytes: a Close frame's 125 bytes minus the 2-byte code (§5.5, §5.5.1). */
export const MAX_CLOSE_REASON_BYTES = 123;

/**
 * Checks what the reader wants to pass to `close(code, reason)` against the rules the browser enforces (WHATWG
 * WebSockets, `close()`): code 1000 or 3000–4999, else an InvalidAccessError; reason at most 123 bytes of UTF-8, else
 * a SyntaxError. An empty code field means calling close() with no code at all, which then takes no reason either.
 */
export function checkClose(codeText: string, reason: string): Checked<{ code?: number; reason: string }> {
  const trimmed = codeText.trim();
  const code = trimmed === '' ? undefined : /^\d{1,5}$/.test(trimmed) ? Number(trimmed) : NaN;
  if (code !== undefined && !(code === 1000 || (code >= 3000 && code <= 4999))) {
    return {
      ok: false,
      message: `A page may close with code 1000 or a code from 3000 to 4999, and "${trimmed}" is neither; the browser would throw an InvalidAccessError (WHATWG WebSockets, close()). Codes 1001 to 2999 are reserved for the protocol and its extensions (RFC 6455 §7.4.2).`,
    };
  }
  if (code === undefined && reason !== '') {
    return {
      ok: false,
      message:
        'A reason needs a code: a Close frame carries the 2-byte code first and the reason after it (RFC 6455 §5.5.1). Enter 1000 or a code from 3000 to 4999, or clear the reason.',
    };
  }
  const length = new TextEncoder().encode(reason).length;
  if (length > MAX_CLOSE_REASON_BYTES) return reasonTooLong(length);
  return { ok: true, value: code === undefined ? { reason } : { code, reason } };
}

function reasonTooLong(length: number): Checked<never> {
  return {
    ok: false,
    message: `The reason is ${length} bytes in UTF-8, and a close reason may be at most ${MAX_CLOSE_REASON_BYTES}: a Close frame carries at most 125 bytes, 2 of them the code (RFC 6455 §5.5, §5.5.1). The browser would throw a SyntaxError.`,
  };
}

/** The flood that shows bufferedAmount: 10 messages of 60 KiB, each under the demo server's 64 KiB limit. */
export const FLOOD_MESSAGES = 10;
export const FLOOD_MESSAGE_BYTES = 60 * 1024;

export function describeFlood(bufferedAfter: number): string {
  return `queued ${FLOOD_MESSAGES} binary messages of ${FLOOD_MESSAGE_BYTES} bytes; bufferedAmount just after the last send(): ${bufferedAfter} bytes`;
}

export function describeDrained(ms: number): string {
  return `bufferedAmount back to 0 after ${Math.round(ms)} ms: the browser has handed every byte to the network`;
}
