// What the chat room widget sends and how it words what it receives, kept apart from the DOM so it can be unit-tested.
import { CHAT_MESSAGE_TYPES, parseServerMessage, type ChatLimits, type ChatMessage, type ChatRequest } from '../lib/demo-messages.ts';
import { demoUnreachable } from '../lib/demo-url.ts';

/** One line of the chat log: a member's message, a notice about the room, or the server's refusal. */
export type ChatLine =
  { kind: 'message'; from: string; text: string; sentAt: number } | { kind: 'notice'; text: string } | { kind: 'refusal'; text: string };

export function joinRequest(nickname: string): string {
  return JSON.stringify({ type: 'join', nickname } satisfies ChatRequest);
}

/** The text goes as typed, with no length check here: the server's limit is the one that counts, and its refusal says so. */
export function sayRequest(text: string): string {
  return JSON.stringify({ type: 'say', text } satisfies ChatRequest);
}

/** The server's JSON message, or null for anything else (which the widget reports rather than guesses at). */
export function parseChatMessage(data: unknown): ChatMessage | null {
  return typeof data === 'string' ? parseServerMessage<ChatMessage>(data, CHAT_MESSAGE_TYPES) : null;
}

/** A message from the server as a line of the log. */
export function chatLine(message: ChatMessage): ChatLine {
  switch (message.type) {
    case 'welcome': {
      const others = message.members.length === 0 ? 'Nobody else is here yet.' : `Also here: ${message.members.join(', ')}.`;
      return { kind: 'notice', text: `You joined as ${message.nickname}. ${others}` };
    }
    case 'joined':
      return { kind: 'notice', text: `${message.nickname} joined.` };
    case 'left':
      return {
        kind: 'notice',
        text:
          message.reason === 'too-slow'
            ? `${message.nickname} was dropped: their connection was not reading what the room sent.`
            : `${message.nickname} left.`,
      };
    case 'message':
      return { kind: 'message', from: message.from, text: message.text, sentAt: message.sentAt };
    case 'refused':
      return { kind: 'refusal', text: `The server refused: ${message.message} (${message.code})` };
  }
}

/** The server's limits in words, shown once it has sent them. */
export function describeLimits(limits: ChatLimits): string {
  return `The server allows nicknames of up to ${limits.maxNicknameChars} characters, and messages of up to ${limits.maxMessageChars}, ${limits.messagesPerMinute} a minute.`;
}

/** Why the chat connection ended, in words; `everOpened` tells an unreachable server from a dropped connection. */
export function describeChatClose(event: { code: number; reason: string }, everOpened: boolean): string {
  if (!everOpened) {
    return demoUnreachable();
  }
  const reason = event.reason ? `: ${event.reason}` : '';
  if (event.code === 1000) return `You left the room (close code 1000${reason}).`;
  if (event.code === 1006) return 'The connection dropped without a close handshake (close code 1006). Press Join to come back.';
  return `The server closed the connection with code ${event.code}${reason}. Press Join to come back.`;
}

/** Time of day as HH:MM, in the reader's own time zone. */
export function shortTime(epochMs: number): string {
  const date = new Date(epochMs);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}
