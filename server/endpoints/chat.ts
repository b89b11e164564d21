// /ws/chat: a broadcast room. A client joins with a nickname, then every message it says goes to every member as JSON.
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { DemoServerOptions } from '../limits.ts';
import type { DemoServices, Upgrade } from '../index.ts';
import type { ChatBroker } from '../broker/broker.ts';
import { ChatRoom, type JoinRefusal } from '../chat-room.ts';
import {
  characterCount,
  MESSAGE_ID_PATTERN,
  type ChatErrorCode,
  type ChatMessage,
  type ChatRefusal,
  type ChatRequest,
} from '../../src/lib/demo-messages.ts';

export const path = '/ws/chat';

const MINUTE_MS = 60_000;

/** Each demo server has its own broker, so the broker doubles as the key to the server's one room. */
const rooms = new WeakMap<ChatBroker, ChatRoom>();

function roomFor(broker: ChatBroker, options: DemoServerOptions): ChatRoom {
  let room = rooms.get(broker);
  if (!room) {
    room = new ChatRoom(broker, options.maxBufferedBytes);
    rooms.set(broker, room);
  }
  return room;
}

export function onConnection(
  socket: WebSocket,
  options: DemoServerOptions,
  request: IncomingMessage,
  upgrade: Upgrade,
  services: DemoServices,
): void {
  const room = roomFor(services.broker, options);
  // Decided now, from the upgrade request, so the connection keeps a boolean rather than the request.
  const mayStopNode = services.mayStopNode(request);
  const reply = (message: ChatMessage) => socket.send(JSON.stringify(message));
  /** When this member's recent messages were said, oldest first, at most chatMessagesPerMinute of them. */
  const recent: number[] = [];

  socket.on('message', async (data, isBinary) => {
    // After the server has sent its Close (say, for breaking the message rate), ws still delivers what was in flight.
    if (socket.readyState !== socket.OPEN) return;
    if (isBinary) return reply(refusal('DEMO_ERR_BINARY', 'The chat reads JSON text messages, and this one was binary.'));
    const request = parseChatRequest(String(data), options);
    if (request.type === 'refused') return reply(request);

    const nickname = room.nicknameOf(socket);
    if (request.type === 'join') {
      if (nickname !== undefined) {
        const joinedAs =
          nickname === ''
            ? 'This connection is already joining the room.'
            : `This connection has already joined as ${JSON.stringify(nickname)}.`;
        return reply(refusal('DEMO_ERR_CHAT_ALREADY_JOINED', joinedAs));
      }
      const limits = {
        maxNicknameChars: options.chatMaxNicknameChars,
        maxMessageChars: options.chatMaxMessageChars,
        messagesPerMinute: options.chatMessagesPerMinute,
      };
      const joinRequest = { ...request, maxMembers: options.chatMaxMembers, closeForViolation: upgrade.closeForViolation };
      const stopNode = mayStopNode ? { canStopNode: true as const } : {};
      const refused = await room.join(socket, joinRequest, (parts) => ({
        type: 'welcome',
        ...parts,
        limits,
        node: services.node,
        broker: services.broker.health().kind,
        ...stopNode,
      }));
      if (refused && socket.readyState === socket.OPEN) reply(joinRefusal(refused, request.nickname, options));
      return;
    }
    // #region chat-say
    if (nickname === undefined || nickname === '') {
      return reply(refusal('DEMO_ERR_CHAT_NOT_JOINED', 'Join first, with {"type":"join","nickname":"…"}, then say something.'));
    }
    // Every message goes to every member, so one fast talker costs the server members × messages: bound it.
    const now = Date.now();
    while (recent.length > 0 && recent[0]! <= now - MINUTE_MS) recent.shift();
    if (recent.length >= options.chatMessagesPerMinute) {
      const wait = Math.ceil((recent[0]! + MINUTE_MS - now) / 1000);
      return reply(
        refusal(
          'DEMO_ERR_CHAT_RATE_LIMITED',
          `Each member may say ${options.chatMessagesPerMinute} messages a minute; try again in ${wait} s.`,
        ),
      );
    }
    recent.push(now);
    if (!(await room.say(socket, request.text, now))) reply(unavailable());
    // #endregion chat-say
  });
}

function joinRefusal(refused: JoinRefusal, nickname: string, options: DemoServerOptions): ChatRefusal {
  if (refused === 'taken')
    return refusal('DEMO_ERR_CHAT_NICKNAME_TAKEN', `Someone in the room is already called ${JSON.stringify(nickname)}.`);
  if (refused === 'full') {
    return refusal('DEMO_ERR_CHAT_ROOM_FULL', `The room holds at most ${options.chatMaxMembers} members; try again later.`);
  }
  return unavailable();
}

function unavailable(): ChatRefusal {
  return refusal(
    'DEMO_ERR_CHAT_UNAVAILABLE',
    'The chat room is unavailable: this server cannot reach the broker that links its nodes. Echo, inspect and lab still work; try the chat again in a few seconds.',
  );
}

/** The lengths parseChatRequest checks, in characters. */
export type ChatLengthLimits = Pick<DemoServerOptions, 'chatMaxNicknameChars' | 'chatMaxMessageChars'>;

// #region chat-parse
/** Validates one client message: a well-formed request, or a refusal whose message names the rule it broke. */
export function parseChatRequest(text: string, limits: ChatLengthLimits): ChatRequest | ChatRefusal {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refusal('DEMO_ERR_NOT_JSON', `The chat reads JSON, like {"type":"say","text":"Hello"}, and ${quote(text)} is not JSON.`);
  }
  if (typeof value !== 'object' || value === null || !('type' in value)) {
    return refusal('DEMO_ERR_CHAT_BAD_REQUEST', 'A chat request is a JSON object with a "type": "join" or "say".');
  }
  const request = value as Record<string, unknown>;
  if (request['type'] === 'join') {
    const nickname = request['nickname'];
    if (typeof nickname !== 'string') {
      return refusal('DEMO_ERR_CHAT_BAD_REQUEST', 'A join request needs a "nickname" string.');
    }
    const trimmed = nickname.trim();
    // Control characters (newlines, escapes) would let one nickname pose as several lines of the room.
    if (trimmed === '' || /\p{Cc}/u.test(trimmed)) {
      return refusal('DEMO_ERR_CHAT_BAD_NICKNAME', 'A nickname must have at least one visible character and no control characters.');
    }
    // Format characters are invisible: "ada" and "ada" + U+200B would be two names that look the same, and U+202E
    // would show the rest of a line reversed. Only a joiner inside an emoji (👩‍💻) is let through.
    const format = invisibleFormatCharacter(trimmed);
    if (format !== undefined) {
      return refusal(
        'DEMO_ERR_CHAT_BAD_NICKNAME',
        `A nickname may not contain invisible format characters, such as bidi controls and zero-width spaces, and this one has ${format}.`,
      );
    }
    const length = characterCount(trimmed);
    if (length > limits.chatMaxNicknameChars) {
      return refusal(
        'DEMO_ERR_CHAT_NICKNAME_TOO_LONG',
        `A nickname may have at most ${limits.chatMaxNicknameChars} characters, and this one has ${length}.`,
      );
    }
    return joinWithResume(trimmed, request);
  }
  if (request['type'] === 'say') {
    const said = request['text'];
    if (typeof said !== 'string') return refusal('DEMO_ERR_CHAT_BAD_REQUEST', 'A say request needs a "text" string.');
    if (said.trim() === '') return refusal('DEMO_ERR_CHAT_EMPTY_MESSAGE', 'A chat message must have at least one visible character.');
    const length = characterCount(said);
    if (length > limits.chatMaxMessageChars) {
      return refusal(
        'DEMO_ERR_CHAT_MESSAGE_TOO_LONG',
        `A chat message may have at most ${limits.chatMaxMessageChars} characters, and this one has ${length}.`,
      );
    }
    // Markup stays as it is: the message is text, and showing it as text is the page's job (textContent).
    return { type: 'say', text: said };
  }
  return refusal('DEMO_ERR_CHAT_BAD_REQUEST', `A chat request's "type" is "join" or "say", not ${quote(request['type'])}.`);
}
// #endregion chat-parse

/** The first format character (Unicode category Cf) in `text` as "U+XXXX", leaving out zero-width joiners between emoji. */
function invisibleFormatCharacter(text: string): string | undefined {
  const withoutEmojiJoiners = text.replace(/(?<=\p{Extended_Pictographic}\uFE0F?)\u200D(?=\p{Extended_Pictographic})/gu, '');
  const found = /\p{Cf}/u.exec(withoutEmojiJoiners)?.[0];
  return found === undefined ? undefined : `U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The optional parts of a join, checked: `after` must look like one of the room's ids, `resumeToken` be a short string. */
function joinWithResume(nickname: string, request: Record<string, unknown>): ChatRequest | ChatRefusal {
  const { after, resumeToken } = request;
  if (after !== undefined && (typeof after !== 'string' || !MESSAGE_ID_PATTERN.test(after))) {
    return refusal(
      'DEMO_ERR_CHAT_BAD_REQUEST',
      `A join's "after" is the id of a message the room sent, like "1764590400000-000000", not ${quote(after)}.`,
    );
  }
  if (resumeToken !== undefined && (typeof resumeToken !== 'string' || !/^[\w-]{1,64}$/.test(resumeToken))) {
    return refusal('DEMO_ERR_CHAT_BAD_REQUEST', `A join's "resumeToken" is the one a welcome gave, not ${quote(resumeToken)}.`);
  }
  return { type: 'join', nickname, ...(after === undefined ? {} : { after }), ...(resumeToken === undefined ? {} : { resumeToken }) };
}

function refusal(code: ChatErrorCode, message: string): ChatRefusal {
  return { type: 'refused', code, message };
}

/** A value as a short JSON snippet for an error message, so a 60 KiB paste does not come back whole. */
function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
