// What the echo console says about a connection, and how it reads its inputs, kept apart from the DOM so it can be unit-tested.
import { hex } from '../lib/protocol/bytes.ts';
import { demoUnreachable } from '../lib/demo-url.ts';
import { describeDemoError, splitDemoReason } from '../lib/i18n/demo-error-text.ts';
import type { Locale } from '../lib/i18n/locale.ts';
import { ECHO_CONSOLE_TEXT } from './echo-console-text.ts';

export type Direction = 'sent' | 'received' | 'event';

/** The names the WebSocket API gives its readyState values, indexed by value. */
export const READY_STATE_NAMES = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'] as const;

export function describeReadyState(readyState: number): string {
  return `${READY_STATE_NAMES[readyState] ?? 'UNKNOWN'} (${readyState})`;
}

const PREVIEW_BYTES = 32;

/** The bytes a message occupies in a frame's payload: UTF-8 for text (§5.6), as-is for binary. */
export function messageBytes(data: string | ArrayBuffer): Uint8Array {
  return typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data);
}

/** A message as the log shows it: text verbatim, binary as a byte count and its first bytes in hex. */
export function describeMessage(data: string | ArrayBuffer, locale: Locale): string {
  const text = ECHO_CONSOLE_TEXT[locale].log;
  const bytes = messageBytes(data);
  if (typeof data === 'string') return text.text(bytes.length, data);
  const more = bytes.length > PREVIEW_BYTES ? ' …' : '';
  return text.binary(bytes.length, `${spacedHex(bytes.subarray(0, PREVIEW_BYTES))}${more}`);
}

/** How many bytes the hex view of one log entry shows; a 60 KiB message would otherwise fill the page. */
export const HEX_VIEW_BYTES = 256;

/** Every byte of a message (up to {@link HEX_VIEW_BYTES}) as spaced hex, 16 to a line. */
export function hexView(data: string | ArrayBuffer, locale: Locale, maxBytes = HEX_VIEW_BYTES): string {
  const text = ECHO_CONSOLE_TEXT[locale].log;
  const bytes = messageBytes(data);
  const lines: string[] = [];
  for (let at = 0; at < Math.min(bytes.length, maxBytes); at += 16) {
    lines.push(spacedHex(bytes.subarray(at, Math.min(at + 16, maxBytes))));
  }
  if (bytes.length > maxBytes) lines.push(text.moreBytes(bytes.length - maxBytes));
  return lines.length ? lines.join('\n') : text.noBytes;
}

function spacedHex(bytes: Uint8Array): string {
  return hex(bytes).replace(/(..)(?!$)/g, '$1 ');
}

/** What a close event's fields are, in words. */
type CloseFields = { code: number; reason: string; wasClean: boolean };

function closeSummary(event: CloseFields, locale: Locale): string {
  return ECHO_CONSOLE_TEXT[locale].log.close(event.code, event.reason ? describeReason(event.reason, locale) : undefined, event.wasClean);
}

/**
 * A close reason as the log shows it: quoted as received, except that on a Chinese page a refusal the server explained
 * (`DEMO_ERR_…: sentence`) gets the Chinese sentence for its code, with the server's English kept beside it.
 */
export function describeReason(reason: string, locale: Locale): string {
  const { code, message } = splitDemoReason(reason);
  if (code === undefined || locale === 'en') return ECHO_CONSOLE_TEXT[locale].log.quotedReason(reason);
  return `${code}：${describeDemoError(code, message, locale)}`;
}

/** A close event in words, including what 1006 really means to a reader. */
export function describeClose(event: CloseFields, everOpened: boolean, locale: Locale): string {
  const text = ECHO_CONSOLE_TEXT[locale].log;
  const summary = closeSummary(event, locale);
  if (!everOpened) return text.explained(summary, demoUnreachable(undefined, locale));
  if (event.code === 1006) return text.explained(summary, text.dropped);
  return summary;
}

/** The open event in words: which subprotocol and extensions the server chose, and what an empty choice means. */
export function describeOpen(offered: readonly string[], protocol: string, extensions: string, locale: Locale): string {
  const text = ECHO_CONSOLE_TEXT[locale].log;
  const summary = text.open(protocol, extensions);
  if (offered.length === 0) return summary;
  if (protocol === '') return text.explained(summary, text.openNamedNone(offered));
  return text.explained(summary, text.openPicked(protocol, protocol === offered[0] && offered.length > 1));
}

/** A name the demo server speaks nowhere: /ws/lab declines every subprotocol, this one included. */
export const UNSPOKEN_SUBPROTOCOL = 'x-unknown';

/**
 * The close that ends an offer the server declined. WHATWG makes a browser fail such a connection: error, then close
 * 1006, and no open. A page sees the same for a server that is down, so what tells them apart is the 101 itself,
 * which only the server (or the network panel) sees.
 */
export function describeDeclinedClose(event: CloseFields, everOpened: boolean, locale: Locale): string {
  const text = ECHO_CONSOLE_TEXT[locale].log;
  return text.explained(closeSummary(event, locale), everOpened ? text.declinedOpened : text.declinedFailed);
}

/** Either what the reader typed, read and checked, or a sentence naming the rule it breaks. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** Characters RFC 2616 calls separators; a subprotocol name may not contain them (RFC 6455 §4.1, item 10). */
const SEPARATORS = '()<>@,;:\\"/[]?={} \t';

/**
 * Reads the subprotocols field: names separated by commas or spaces. The browser itself throws a SyntaxError for a
 * name that is not an HTTP token or for a name offered twice (WHATWG WebSockets, the constructor); this says why first.
 */
export function parseSubprotocols(text: string, locale: Locale): Checked<string[]> {
  const rules = ECHO_CONSOLE_TEXT[locale].rules;
  const names = text.split(/[\s,]+/).filter(Boolean);
  for (const name of names) {
    const bad = [...name].find((c) => c < '!' || c > '~' || SEPARATORS.includes(c));
    if (bad !== undefined) {
      return { ok: false, message: rules.subprotocolCharacter(name, bad) };
    }
  }
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined) {
    return { ok: false, message: rules.subprotocolTwice(twice) };
  }
  return { ok: true, value: names };
}

/** Pairs of hex digits, optionally with spaces between the bytes: `48 69` or `4869`. An empty field is zero bytes. */
export function parseHexMessage(text: string, locale: Locale): Checked<ArrayBuffer> {
  const rules = ECHO_CONSOLE_TEXT[locale].rules;
  const digits = text.replace(/\s+/g, '');
  const bad = /[^0-9a-f]/i.exec(digits);
  if (bad) return { ok: false, message: rules.hexDigit(bad[0]) };
  if (digits.length % 2 !== 0) return { ok: false, message: rules.hexOdd(digits.length) };
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
export function checkClose(codeText: string, reason: string, locale: Locale): Checked<{ code?: number; reason: string }> {
  const rules = ECHO_CONSOLE_TEXT[locale].rules;
  const trimmed = codeText.trim();
  const code = trimmed === '' ? undefined : /^\d{1,5}$/.test(trimmed) ? Number(trimmed) : NaN;
  if (code !== undefined && !(code === 1000 || (code >= 3000 && code <= 4999))) {
    return { ok: false, message: rules.closeCode(trimmed) };
  }
  if (code === undefined && reason !== '') {
    return { ok: false, message: rules.reasonNeedsCode };
  }
  const length = new TextEncoder().encode(reason).length;
  if (length > MAX_CLOSE_REASON_BYTES) return { ok: false, message: rules.reasonTooLong(length, MAX_CLOSE_REASON_BYTES) };
  return { ok: true, value: code === undefined ? { reason } : { code, reason } };
}

/** The flood that shows bufferedAmount: 10 messages of 60 KiB, each under the demo server's 64 KiB limit. */
export const FLOOD_MESSAGES = 10;
export const FLOOD_MESSAGE_BYTES = 60 * 1024;

export function describeFlood(bufferedAfter: number, locale: Locale): string {
  return ECHO_CONSOLE_TEXT[locale].log.flood(FLOOD_MESSAGES, FLOOD_MESSAGE_BYTES, bufferedAfter);
}

export function describeDrained(ms: number, locale: Locale): string {
  return ECHO_CONSOLE_TEXT[locale].log.drained(Math.round(ms));
}
