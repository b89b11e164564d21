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

/** The negotiation as the browser offered it and the server answered it (RFC 7692 §5, §7.1). */
export function describeNegotiation(request: HandshakeMessage, response: HandshakeMessage): Negotiation {
  const offered = explainSide(extensionsHeader(request), 'offer');
  const answered = explainSide(extensionsHeader(response), 'answer');
  const answer = answered.header === null ? null : checkExtensions(answered.header);
  const accepted = answer?.ok ? answer.extensions.find((e) => e.name === PERMESSAGE_DEFLATE) : undefined;
  const agreement = accepted ? deflateAgreement(accepted) : null;
  return { offered, answered, agreement, summary: summarize(offered, agreement) };
}

function explainSide(header: string | null, side: NegotiationSide): NegotiationSideReport {
  const who = side === 'offer' ? 'Your browser offered' : 'The server answered with';
  if (header === null) {
    const remark =
      side === 'offer'
        ? 'Your browser sent no Sec-WebSocket-Extensions header, so it offered no extension.'
        : 'The server sent no Sec-WebSocket-Extensions header: no extension is in use, and every frame goes uncompressed (RFC 7692 §5).';
    return { header, extensions: [], remark };
  }
  const parsed = checkExtensions(header);
  if (!parsed.ok) return { header, extensions: [], remark: `${who} a header that does not parse: ${parsed.reason}` };
  const extensions = parsed.extensions.map((extension) => ({
    name: extension.name,
    notes: extension.name === PERMESSAGE_DEFLATE ? explainDeflateParameters(extension, side) : [],
  }));
  return { header, extensions, remark: null };
}

function summarize(offered: NegotiationSideReport, agreement: DeflateAgreement | null): string {
  if (!offered.extensions.some((e) => e.name === PERMESSAGE_DEFLATE)) {
    return 'Your browser did not offer permessage-deflate, so this connection is not compressed.';
  }
  if (!agreement) return 'The server declined permessage-deflate, so this connection is not compressed (RFC 7692 §5).';
  const window = (bits: number) => `${2 ** bits / 1024} KiB`;
  const takeover = (on: boolean) => (on ? 'keeps its window from message to message' : 'starts every message afresh');
  return `permessage-deflate is on. The server ${takeover(agreement.serverContextTakeover)} with a ${window(agreement.serverMaxWindowBits)} window; your browser ${takeover(agreement.clientContextTakeover)} with at most ${window(agreement.clientMaxWindowBits)}.`;
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
export function payloadCell(payloadBytes: number, messageBytes: number, compressed: boolean): string {
  if (!compressed) return `${payloadBytes} bytes, sent uncompressed`;
  if (messageBytes === 0) return `${payloadBytes} bytes`;
  return `${payloadBytes} bytes (${Math.round((payloadBytes / messageBytes) * 100)} % of the message)`;
}

/** The sentence under the table, once two rounds sent the same message: what the second cost against the first. */
export function compareRepeat(rounds: readonly RoundSizes[]): string | null {
  const last = rounds.at(-1);
  const before = rounds.at(-2);
  if (!last || !before || last.messageBytes !== before.messageBytes || last.serverContextTakeover !== before.serverContextTakeover) {
    return null;
  }
  if (!last.serverCompressed || !before.serverCompressed) return null;
  if (last.serverContextTakeover) {
    return last.serverPayloadBytes < before.serverPayloadBytes
      ? `The server's second frame is ${before.serverPayloadBytes - last.serverPayloadBytes} bytes shorter than its first: with context takeover, the repeat is a back-reference into the window the first one left (RFC 7692 §7.1.1, §7.2.3.2).`
      : `The server's second frame is no shorter than its first (${last.serverPayloadBytes} and ${before.serverPayloadBytes} bytes): the message is too short for a back-reference to save anything, or longer than the window.`;
  }
  return `The server's two frames are the same size (${last.serverPayloadBytes} bytes): with server_no_context_takeover it compresses every message from an empty window, so a repeat costs as much as the first (RFC 7692 §7.1.1.1).`;
}

/** Why the connection ended, in words a reader can act on; null when there is nothing to explain. */
export function describeDeflateClose(
  url: string,
  everOpened: boolean,
  code: number,
  reason: string,
  lastFrameBytes: number | null,
): string | null {
  if (!everOpened) {
    return `The demo server could not be reached at ${url}, or it refused the connection. Is it running? Both \`npm run dev\` and \`npm start\` start it.`;
  }
  if (code === 1009) {
    const wire = lastFrameBytes === null ? '' : `, though its frame was only ${lastFrameBytes} bytes on the wire`;
    return `The server closed the connection with 1009 (Message Too Big): the message inflated past the ${DEFAULT_INFLATED_LIMIT_BYTES} bytes /ws/deflate accepts${wire}. A server must judge the inflated size against its limit (RFC 6455 §10.4), or a small frame could make it allocate megabytes. Press Send to reconnect.`;
  }
  if (code === 1000 || code === 1005) return null;
  const why = reason ? `: "${reason}"` : '';
  return `The connection closed with ${code}${why}. Press Send to reconnect.`;
}
