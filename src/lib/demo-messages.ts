// The JSON messages the /ws/inspect, /ws/deflate, /ws/lab and /ws/chat endpoints exchange with widgets, shared by server and browser (no DOM, no Node APIs).
import type { LengthEncoding } from './protocol/frame.ts';

/** One HTTP message of the opening handshake, as it went over the wire. */
export interface HandshakeMessage {
  /** `GET /ws/inspect HTTP/1.1` for the request, `HTTP/1.1 101 Switching Protocols` for the response. */
  startLine: string;
  /** Every header line in wire order, names spelled as sent, repeated names kept. */
  headers: [name: string, value: string][];
}

/** What /ws/inspect sends first: the request exactly as the server received it, and the response it wrote. */
export interface HandshakeReport {
  type: 'handshake';
  request: HandshakeMessage;
  response: HandshakeMessage;
  /** Present when the WebSocket is an RFC 8441 extended CONNECT: the HTTP/2 stream that carries it. */
  http2?: { streamId: number };
}

/** One frame the client sent, with its bytes exactly as they arrived: header, masking key and masked payload. */
export interface CapturedFrame {
  type: 'frame';
  /** Counts the client's frames on this connection from 0. */
  index: number;
  /** Where the frame starts in the byte stream after the handshake. */
  offset: number;
  /** The whole frame as lowercase hex, mask and all; annotate it with `annotateFrame(bytes, { sender: 'client' })`. */
  hex: string;
  fin: boolean;
  rsv1: boolean;
  rsv2: boolean;
  rsv3: boolean;
  opcode: number;
  /** The masking key as hex, or `null` for an unmasked frame. */
  maskingKey: string | null;
  payloadLength: number;
  lengthEncoding: LengthEncoding;
}

/** The client broke a framing rule; the server fails the connection right after this report. */
export interface CapturedViolation {
  type: 'violation';
  offset: number;
  id: string;
  section: string;
  explanation: string;
  closeCode: number;
}

/** The connection has used its budget of reported bytes; the server closes it with 1008 after this. */
export interface CaptureBudgetUsed {
  type: 'budget-used';
  budgetBytes: number;
  message: string;
}

export type InspectMessage = HandshakeReport | CapturedFrame | CapturedViolation | CaptureBudgetUsed;

/** One frame the server wrote on /ws/deflate, as it went onto the wire; the same fields as a client frame's. */
export type SentFrame = Omit<CapturedFrame, 'type'> & { type: 'sent' };

/**
 * What /ws/deflate?report=frames sends, uncompressed, besides the echoes: the handshake, each client frame as it arrived,
 * and each echo's frame as written (`sent`). Annotate both with `permessageDeflate: true` when the handshake's response
 * has permessage-deflate in Sec-WebSocket-Extensions.
 */
export type DeflateMessage = InspectMessage | SentFrame;

/** The most fragments the lab splits one message into. */
export const LAB_MAX_FRAGMENTS = 16;
/** The longest close reason, in UTF-8 bytes: a control frame carries 125 bytes, 2 of them the code (§5.5, §5.5.1). */
export const MAX_CLOSE_REASON_BYTES = 123;

/** What a widget may ask /ws/lab to do. */
export type LabRequest =
  | { act: 'ping' }
  | { act: 'fragments'; count: number }
  /** `code: null` sends a Close frame with no body, which the page reports as 1005. */
  | { act: 'close'; code: number | null; reason: string }
  | { act: 'invalid-utf8' }
  | { act: 'reserved-opcode' }
  | { act: 'masked-frame' }
  | { act: 'reset' };

export type LabAct = LabRequest['act'];

export const LAB_ACTS: readonly LabAct[] = ['ping', 'fragments', 'close', 'invalid-utf8', 'reserved-opcode', 'masked-frame', 'reset'];

/** One frame the server is about to write, as hex; `note` says what it is. */
export interface AnnouncedFrame {
  hex: string;
  note: string;
}

/** Sent just before the server performs an act: the exact bytes it is about to put on the wire. */
export interface LabAnnouncement {
  type: 'about-to-send';
  act: LabAct;
  /** One sentence on what the server does and what the browser should do about it. */
  description: string;
  /** In wire order; empty for the TCP reset, which sends no WebSocket bytes. */
  frames: AnnouncedFrame[];
}

/** The browser's automatic Pong, as the server received it (the page sees no event for it). */
export interface LabPongReceived {
  type: 'pong-received';
  /** The whole frame as it arrived, masked by the browser. */
  hex: string;
}

/** Stable codes for requests the lab refuses. */
export type LabErrorCode =
  'DEMO_ERR_NOT_JSON' | 'DEMO_ERR_UNKNOWN_ACT' | 'DEMO_ERR_BAD_ARGUMENT' | 'DEMO_ERR_RATE_LIMITED' | 'DEMO_ERR_BINARY';

/** A request the lab would not perform; the connection stays open. */
export interface LabRefusal {
  type: 'refused';
  code: LabErrorCode;
  message: string;
}

export type LabMessage = LabAnnouncement | LabPongReceived | LabRefusal;

/** Parses a JSON message, or returns `null` when it is not one of ours. */
export function parseServerMessage<T extends { type: string }>(text: string, types: readonly T['type'][]): T | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || !('type' in value)) return null;
    return types.includes((value as { type: string }).type) ? (value as T) : null;
  } catch {
    return null;
  }
}

/** Hex (as sent by the demo server) back to bytes. */
export function bytesFromHex(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length >> 1);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/**
 * What a client may send to /ws/chat: first a join with a nickname, then any number of says. A member coming back
 * after a dropped connection sends the `resumeToken` its welcome gave it, to take its nickname back at once, and
 * `after`, the id of the last message it saw, to be sent every message it missed.
 */
export type ChatRequest = { type: 'join'; nickname: string; after?: string; resumeToken?: string } | { type: 'say'; text: string };

/**
 * A chat message's id: when the room took it (ms since the Unix epoch, 13 digits) and its place within that
 * millisecond (6 digits), both zero-padded, so that plain string comparison follows the room's order.
 */
export const MESSAGE_ID_PATTERN = /^\d{13}-\d{6}$/;

export function formatMessageId(epochMs: number, sequence: number): string {
  return `${String(epochMs).padStart(13, '0')}-${String(sequence).padStart(6, '0')}`;
}

/** The server's length limits, sent on joining so a widget can say them; the server enforces them either way. */
export interface ChatLimits {
  /** Longest nickname, in characters (Unicode code points). */
  maxNicknameChars: number;
  /** Longest message, in characters (Unicode code points). */
  maxMessageChars: number;
  /** Messages one member may say in any minute. */
  messagesPerMinute: number;
}

/** Where a reader's Stop this node posts, followed by the node's name (so a proxy can route it, as a race's id). */
export const STOP_NODE_PATH_PREFIX = '/cluster/stop/';
/** The header a stop request carries, with the node's name: a page on another site cannot send it without a CORS preflight. */
export const STOP_NODE_HEADER = 'X-Demo-Stop-Node';

/** Sent to a client that has just joined: its nickname as the room knows it, who else is there, and the limits. */
export interface ChatWelcome {
  type: 'welcome';
  nickname: string;
  /** The other members, in the order they joined. */
  members: string[];
  limits: ChatLimits;
  /** The name of the server node this connection is on (DEMO_NODE_NAME). */
  node: string;
  /** How the room reaches the other nodes: `redis` when several nodes share it, `in-process` when this process is the whole room. */
  broker: 'in-process' | 'redis';
  /** A secret for this member alone: a join that carries it may take this nickname back before the room notices it left. */
  resumeToken: string;
  /** Only when the join carried `after`: the missed messages follow this welcome, in order. */
  resumed?: ChatResume;
  /**
   * Only on a node started with DEMO_OFFER_STOP_NODE=1 (`npm run cluster`), to a reader on loopback: the widget may
   * offer **Stop this node**, a `POST /cluster/stop/<node>` with the header `X-Demo-Stop-Node: <node>`.
   */
  canStopNode?: true;
}

/** What a welcome says about the messages it is about to send again. */
export interface ChatResume {
  /** The `after` of the join. */
  after: string;
  /** How many messages after it follow the welcome. */
  replayed: number;
  /** True when some messages after `after` are no longer kept (past DEMO_CHAT_HISTORY, or lost with the broker), so the member missed some for good. */
  incomplete: boolean;
}

/** Sent to everyone else when someone joins. */
export interface ChatJoined {
  type: 'joined';
  nickname: string;
}

/**
 * Sent to everyone left when someone leaves: on their own (`left`), dropped for not reading (`too-slow`), or gone
 * with the server node they were on (`timed-out`: nothing has renewed their place in the room).
 */
export interface ChatLeft {
  type: 'left';
  nickname: string;
  reason: 'left' | 'too-slow' | 'timed-out';
}

/** One chat message, sent to every member, its author included: the echo is the author's receipt. */
export interface ChatText {
  type: 'message';
  /** Increases in the room's order (see MESSAGE_ID_PATTERN); a member sends the last one it saw as a join's `after`. */
  id: string;
  from: string;
  /** Plain text, never markup: a widget shows it with textContent. */
  text: string;
  /** When the server broadcast it, in ms since the Unix epoch. */
  sentAt: number;
}

/** Stable codes for chat requests the server refuses. */
export type ChatErrorCode =
  | 'DEMO_ERR_BINARY'
  | 'DEMO_ERR_NOT_JSON'
  | 'DEMO_ERR_CHAT_BAD_REQUEST'
  | 'DEMO_ERR_CHAT_NOT_JOINED'
  | 'DEMO_ERR_CHAT_ALREADY_JOINED'
  | 'DEMO_ERR_CHAT_BAD_NICKNAME'
  | 'DEMO_ERR_CHAT_NICKNAME_TOO_LONG'
  | 'DEMO_ERR_CHAT_NICKNAME_TAKEN'
  | 'DEMO_ERR_CHAT_ROOM_FULL'
  | 'DEMO_ERR_CHAT_RATE_LIMITED'
  | 'DEMO_ERR_CHAT_EMPTY_MESSAGE'
  | 'DEMO_ERR_CHAT_MESSAGE_TOO_LONG'
  | 'DEMO_ERR_CHAT_UNAVAILABLE';

/** A chat request the server would not carry out, with a sentence naming the rule; the connection stays open. */
export interface ChatRefusal {
  type: 'refused';
  code: ChatErrorCode;
  message: string;
}

export type ChatMessage = ChatWelcome | ChatJoined | ChatLeft | ChatText | ChatRefusal;

export const CHAT_MESSAGE_TYPES: readonly ChatMessage['type'][] = ['welcome', 'joined', 'left', 'message', 'refused'];

/** Length as a reader counts characters: code points, so an emoji is one, not two UTF-16 units. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
