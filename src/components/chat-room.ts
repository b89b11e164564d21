// What the chat room widget sends and how it words what it receives, kept apart from the DOM so it can be unit-tested.
import { CHAT_MESSAGE_TYPES, parseServerMessage, type ChatLimits, type ChatMessage, type ChatRequest } from '../lib/demo-messages.ts';
import { demoUnreachable } from '../lib/demo-url.ts';
import type { Locale } from '../lib/i18n/locale.ts';
import { CHAT_ROOM_TEXT } from './chat-room-text.ts';

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

/** A message from the server as a line of the log, in the page's language. */
export function chatLine(message: ChatMessage, locale: Locale = 'en'): ChatLine {
  const text = CHAT_ROOM_TEXT[locale];
  switch (message.type) {
    case 'welcome': {
      const others = message.members.length === 0 ? text.welcome.nobodyElse : text.welcome.alsoHere(message.members);
      if (!message.resumed) return { kind: 'notice', text: text.welcome.joinedAs(message.nickname, others) };
      const { replayed, incomplete } = message.resumed;
      const missed = replayed === 0 ? text.welcome.missedNothing : text.welcome.missed(replayed);
      const lost = incomplete ? text.welcome.someLost : '';
      return { kind: 'notice', text: text.welcome.backAs(message.nickname, missed, lost, others) };
    }
    case 'joined':
      return { kind: 'notice', text: text.joined(message.nickname) };
    case 'left':
      return {
        kind: 'notice',
        text:
          message.reason === 'too-slow'
            ? text.droppedTooSlow(message.nickname)
            : message.reason === 'timed-out'
              ? text.leftTimedOut(message.nickname)
              : text.left(message.nickname),
      };
    case 'message':
      return { kind: 'message', from: message.from, text: message.text, sentAt: message.sentAt };
    case 'refused':
      return { kind: 'refusal', text: text.refused(message.code, message.message) };
  }
}

/** The server's limits in words, shown once it has sent them. */
export function describeLimits(limits: ChatLimits, locale: Locale = 'en'): string {
  return CHAT_ROOM_TEXT[locale].limits(limits);
}

/** Why the chat connection ended, in words; `everOpened` tells an unreachable server from a dropped connection. */
export function describeChatClose(event: { code: number; reason: string }, everOpened: boolean, locale: Locale = 'en'): string {
  if (!everOpened) {
    return demoUnreachable(undefined, locale);
  }
  const text = CHAT_ROOM_TEXT[locale];
  const reason = text.reason(event.reason);
  if (event.code === 1000) return text.closed.left(reason);
  if (event.code === 1006) return text.closed.dropped;
  return text.closed.byServer(event.code, reason);
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
export function describeRejoin(event: { code: number; reason: string }, delayMs: number, locale: Locale = 'en'): string {
  const text = CHAT_ROOM_TEXT[locale];
  return text.rejoining(event.code, text.reason(event.reason), delayMs);
}

/** Time of day as HH:MM on a 24-hour clock, in the reader's own time zone, written by Intl for the locale. */
export function shortTime(epochMs: number, locale: Locale = 'en'): string {
  return new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    epochMs,
  );
}
