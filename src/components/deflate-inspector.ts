// What the deflate inspector says about a compressed round trip, kept apart from the DOM so it can be unit-tested.
import type { CapturedFrame, HandshakeMessage, SentFrame } from '../lib/demo-messages.ts';
import { bytesFromHex } from '../lib/demo-messages.ts';
import { spacedHex } from '../lib/protocol/annotate-frame.ts';
import { decodeFrame } from '../lib/protocol/decode-frame.ts';
import {
  deflateAgreement,
  explainDeflateParameters,
  PERMESSAGE_DEFLATE,
  type DeflateAgreement,
  type DeflateParameterNote,
  type NegotiationSide,
} from '../lib/protocol/deflate-parameters.ts';
import { checkExtensions } from '../lib/protocol/handshake-headers.ts';
import { SYNC_FLUSH_TAIL } from '../lib/protocol/inflate-message.ts';
import { describeRuleBroken } from '../lib/i18n/handshake-rule-text.ts';
import type { Locale } from '../lib/i18n/locale.ts';
import { DEFLATE_INSPECTOR_TEXT } from './deflate-inspector-text.ts';

/** The demo server's default limit on a /ws/deflate message once inflated; a larger one is closed with 1009. */
export const DEFAULT_INFLATED_LIMIT_BYTES = 16 * 1024;

/** The "bomb" button's message: this many spaces compress to a few hundred bytes and inflate past the limit. */
export const BOMB_BYTES = 100 * 1024;

/** The endpoint, asking for frame reports and, when the reader chose it, no server context takeover. */
export function deflateEndpoint(contextTakeover: boolean): string {
  return `/ws/deflate?report=frames${contextTakeover ? '' : '&context=off'}`;
}

/** Every Sec-WebSocket-Extensions line of a handshake message joined into one list (RFC 6455 §9.1), or null if none. */
export function extensionsHeader(message: HandshakeMessage): string | null {
  const values = message.headers.filter(([name]) => name.toLowerCase() === 'sec-websocket-extensions').map(([, value]) => value);
  return values.length === 0 ? null : values.join(', ');
}

export interface ExplainedExtension {
  name: string;
  notes: DeflateParameterNote[];
}

/** One side of the negotiation in words: the raw header, each extension and its parameters explained. */
export interface NegotiationSideReport {
  header: string | null;
  extensions: ExplainedExtension[];
  /** A sentence when there is nothing to list or the header does not parse. */
  remark: string | null;
}

export interface Negotiation {
  offered: NegotiationSideReport;
  answered: NegotiationSideReport;
  /** What was agreed, or null when the server did not accept permessage-deflate. */
  agreement: DeflateAgreement | null;
  summary: string;
}

/** The negotiation as the browser offered it and the server answered it (RFC 7692 §5, §7.1), in the page's language. */
export function describeNegotiation(request: HandshakeMessage, response: HandshakeMessage, locale: Locale = 'en'): Negotiation {
  const offered = explainSide(extensionsHeader(request), 'offer', locale);
  const answered = explainSide(extensionsHeader(response), 'answer', locale);
  const answer = answered.header === null ? null : checkExtensions(answered.header);
  const accepted = answer?.ok ? answer.extensions.find((e) => e.name === PERMESSAGE_DEFLATE) : undefined;
  const agreement = accepted ? deflateAgreement(accepted) : null;
  return { offered, answered, agreement, summary: summarize(offered, agreement, locale) };
}

function explainSide(header: string | null, side: NegotiationSide, locale: Locale): NegotiationSideReport {
  const text = DEFLATE_INSPECTOR_TEXT[locale].negotiation;
  if (header === null) return { header, extensions: [], remark: side === 'offer' ? text.noOffer : text.noAnswer };
  const parsed = checkExtensions(header);
  // The parser writes English; the page's language says the same from the rule's id and values.
  if (!parsed.ok) return { header, extensions: [], remark: text.unparsable(side, describeRuleBroken(parsed, locale)) };
  const extensions = parsed.extensions.map((extension) => ({
    name: extension.name,
    notes: extension.name === PERMESSAGE_DEFLATE ? explainDeflateParameters(extension, side, locale) : [],
  }));
  return { header, extensions, remark: null };
}

function summarize(offered: NegotiationSideReport, agreement: DeflateAgreement | null, locale: Locale): string {
  const text = DEFLATE_INSPECTOR_TEXT[locale].negotiation;
  if (!offered.extensions.some((e) => e.name === PERMESSAGE_DEFLATE)) return text.notOffered;
  if (!agreement) return text.declined;
  return text.agreed(
    { keeps: agreement.serverContextTakeover, kib: 2 ** agreement.serverMaxWindowBits / 1024 },
    { keeps: agreement.clientContextTakeover, kib: 2 ** agreement.clientMaxWindowBits / 1024 },
  );
}

/** One side's notes as the widget lists them: its remark, then every extension's parameters explained. */
export function negotiationNotes(side: NegotiationSideReport, locale: Locale = 'en'): string[] {
  const text = DEFLATE_INSPECTOR_TEXT[locale].negotiation;
  const notes = side.remark ? [side.remark] : [];
  for (const extension of side.extensions) {
    if (extension.notes.length === 0) notes.push(text.noParameters(extension.name));
    for (const note of extension.notes) {
      const written = note.value === null ? note.name : `${note.name}=${note.value}`;
      notes.push(text.parameter(written, note.meaning, note.section, note.problem));
    }
  }
  return notes;
}

/** A message as its frames carried it: joined, unmasked payloads, and whether its first frame had RSV1 set. */
export interface WireMessage {
  frames: (CapturedFrame | SentFrame)[];
  compressed: boolean;
  /** The payload bytes after unmasking, frames joined: DEFLATE data when compressed. */
  payload: Uint8Array;
  /** Bytes of all its frames on the wire, headers included. */
  wireBytes: number;
}

/** Joins a message's frames, as reported, into what a receiver inflates (RFC 7692 §6.2). */
export function wireMessage(frames: (CapturedFrame | SentFrame)[]): WireMessage {
  const payloads = frames.map((frame) => {
    const decoded = decodeFrame(bytesFromHex(frame.hex), {
      sender: frame.maskingKey === null ? 'server' : 'client',
      permessageDeflate: true,
    });
    return decoded.status === 'complete' ? decoded.frame.payload : new Uint8Array();
  });
  const payload = new Uint8Array(payloads.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of payloads) {
    payload.set(part, at);
    at += part.length;
  }
  return {
    frames,
    compressed: frames[0]?.rsv1 === true,
    payload,
    wireBytes: frames.reduce((sum, frame) => sum + frame.hex.length / 2, 0),
  };
}

/** The DEFLATE data with the four removed bytes put back, as the receiver feeds it to inflate (RFC 7692 §7.2.2). */
export function withTailRestored(payload: Uint8Array): string {
  return `${spacedHex(payload)} + ${spacedHex(SYNC_FLUSH_TAIL)}`;
}

/** One round trip: the message, and what each direction's frame cost on the wire. */
export interface RoundSizes {
  round: number;
  messageBytes: number;
  serverContextTakeover: boolean;
  browserPayloadBytes: number;
  browserCompressed: boolean;
  serverPayloadBytes: number;
  serverCompressed: boolean;
}

/** A payload's size against the message's, for the table: "7 bytes (140 %)", or "uncompressed" when RSV1 was clear. */
export function payloadCell(payloadBytes: number, messageBytes: number, compressed: boolean, locale: Locale = 'en'): string {
  const text = DEFLATE_INSPECTOR_TEXT[locale].payloadCell;
  if (!compressed) return text.uncompressed(payloadBytes);
  if (messageBytes === 0) return text.plain(payloadBytes);
  return text.share(payloadBytes, Math.round((payloadBytes / messageBytes) * 100));
}

/** The sentence under the table, once two rounds sent the same message: what the second cost against the first. */
export function compareRepeat(rounds: readonly RoundSizes[], locale: Locale = 'en'): string | null {
  const text = DEFLATE_INSPECTOR_TEXT[locale].compare;
  const last = rounds.at(-1);
  const before = rounds.at(-2);
  if (!last || !before || last.messageBytes !== before.messageBytes || last.serverContextTakeover !== before.serverContextTakeover) {
    return null;
  }
  if (!last.serverCompressed || !before.serverCompressed) return null;
  if (last.serverContextTakeover) {
    return last.serverPayloadBytes < before.serverPayloadBytes
      ? text.shorter(before.serverPayloadBytes - last.serverPayloadBytes)
      : text.notShorter(last.serverPayloadBytes, before.serverPayloadBytes);
  }
  return text.reset(last.serverPayloadBytes);
}

/** Why the connection ended, in words a reader can act on; null when there is nothing to explain. */
export function describeDeflateClose(
  url: string,
  everOpened: boolean,
  code: number,
  reason: string,
  lastFrameBytes: number | null,
  locale: Locale = 'en',
): string | null {
  const text = DEFLATE_INSPECTOR_TEXT[locale].close;
  if (!everOpened) return text.unreachable(url);
  if (code === 1009) return text.tooBig(DEFAULT_INFLATED_LIMIT_BYTES, lastFrameBytes);
  if (code === 1000 || code === 1005) return null;
  return text.other(code, reason);
}
