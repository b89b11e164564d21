// What the chat room widget sends and how it words what it receives, kept apart from the DOM so it can be unit-tested.
import { CHAT_MESSAGE_TYPES, parseServerMessage, type ChatLimits, type ChatMessage, type ChatRequest } from '../lib/demo-messages.ts';
import { demoUnreachable } from '../lib/demo-url.ts';

/** One line of the chat log: a member's message, a notice about the room, or the server's refusal. */
export type ChatLine =
  { kind: 'message'; from: string; text: string; sentAt: number } | { kind: 'notice'; text: string } | { kind: 'refusal'; text: string };

/** What a member coming back sends with its join: the token its welcome gave, and the id of the last message it saw. */
export interface ResumeState {
  resumeToken?: string;
  after?: string;
}

export function joinRequest(nickname: string, resume: ResumeState = {}): string {
  return JSON.stringify({ type: 'join', nickname, ...resume } satisfies ChatRequest);
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
      if (!message.resumed) return { kind: 'notice', text: `You joined as ${message.nickname}. ${others}` };
      const { replayed, incomplete } = message.resumed;
      const missed =
        replayed === 0 ? 'You missed nothing.' : `${replayed} missed ${replayed === 1 ? 'message follows' : 'messages follow'}.`;
      const lost = incomplete ? ' Some older ones are no longer kept, so those are lost to you.' : '';
      return { kind: 'notice', text: `You are back as ${message.nickname}. ${missed}${lost} ${others}` };
    }
    case 'joined':
      return { kind: 'notice', text: `${message.nickname} joined.` };
    case 'left':
      return {
        kind: 'notice',
        text:
          message.reason === 'too-slow'
            ? `${message.nickname} was dropped: their connection was not reading what the room sent.`
            : message.reason === 'timed-out'
              ? `${message.nickname} left: the server node they were on stopped answering.`
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

/**
 * Close codes after which the widget joins again by itself: the server went away (1001), restarts (1012), asks to
 * try later (1013), failed (1011), or the link dropped (1006). After 1000 the reader or the server meant it.
 */
const REJOIN_CODES = new Set([1001, 1006, 1011, 1012, 1013]);

/** The most times the widget rejoins by itself in a row; then the reader presses Join. */
export const MAX_REJOIN_ATTEMPTS = 5;

export function shouldRejoin(code: number, attempt: number): boolean {
  return REJOIN_CODES.has(code) && attempt < MAX_REJOIN_ATTEMPTS;
}

/**
 * How long to wait before rejoin `attempt` (0 first): exponential backoff with full jitter, so the hundreds of
 * members of a node that just died do not all knock on the next node in the same millisecond (a reconnect storm).
 */
export function rejoinDelayMs(attempt: number, random: number = Math.random()): number {
  return Math.round(random * Math.min(250 * 2 ** attempt, 8000));
}

/** The status line while a rejoin waits. */
export function describeRejoin(event: { code: number; reason: string }, delayMs: number): string {
  const reason = event.reason ? `: ${event.reason}` : '';
  return `The connection closed with code ${event.code}${reason}. Rejoining in ${(delayMs / 1000).toFixed(1)} s…`;
}

/** Time of day as HH:MM, in the reader's own time zone. */
export function shortTime(epochMs: number): string {
  const date = new Date(epochMs);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}
