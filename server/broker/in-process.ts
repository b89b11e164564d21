// The broker for one process (no REDIS_URL): ids from the clock, history in an array, presence in a Map.
import { formatMessageId, type ChatText } from '../../src/lib/demo-messages.ts';
import type { ChatBroker, ChatHistory, ClaimResult, PresenceClaim, RoomEvent, UnorderedChatText } from './broker.ts';

export function createInProcessBroker(historyLength: number): ChatBroker {
  const history: ChatText[] = [];
  /** The newest id trimmed from the history: a resume from before it has lost messages. */
  let trimmedThrough = '';
  /** Nothing said before this process started is known here, so a resume from before it may have lost some. */
  const since = formatMessageId(Date.now(), 0);
  let lastMs = 0;
  let sequence = 0;
  /** Nickname → holder, in the order they joined (a Map keeps insertion order). */
  const presence = new Map<string, { token: string; connection: string }>();
  let listener: (event: RoomEvent) => void = () => {};

  /** Like a Redis stream's ids: the time in ms, then a counter within that ms; never backwards, even if the clock is. */
  function nextId(): string {
    const now = Date.now();
    if (now > lastMs) {
      lastMs = now;
      sequence = 0;
    } else sequence++;
    return formatMessageId(lastMs, sequence);
  }

  return {
    health: () => ({ kind: 'in-process', unavailable: null }),
    async publish(message: UnorderedChatText): Promise<ChatText> {
      const stored: ChatText = { ...message, id: nextId() };
      history.push(stored);
      if (history.length > historyLength) trimmedThrough = history.shift()!.id;
      listener(stored);
      return stored;
    },
    async announce(notice) {
      listener(notice);
    },
    subscribe(onEvent) {
      listener = onEvent;
    },
    async history(after: string): Promise<ChatHistory> {
      return {
        messages: history.filter((message) => message.id > after),
        incomplete: after < trimmedThrough || after < since,
      };
    },
    async claim({ nickname, token, connection, maxMembers }: PresenceClaim): Promise<ClaimResult> {
      const holder = presence.get(nickname);
      if (holder) {
        if (holder.token !== token) return 'taken';
        holder.connection = connection;
        return 'resumed';
      }
      if (presence.size >= maxMembers) return 'full';
      presence.set(nickname, { token, connection });
      return 'joined';
    },
    async release(nickname: string, connection: string): Promise<boolean> {
      if (presence.get(nickname)?.connection !== connection) return false;
      presence.delete(nickname);
      return true;
    },
    async members() {
      return [...presence.keys()];
    },
    async close() {},
  };
}
