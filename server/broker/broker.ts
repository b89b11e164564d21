// The chat room's seam between server nodes: what a room needs from whatever carries its messages (in-process or Redis).
import type { ChatJoined, ChatLeft, ChatText } from '../../src/lib/demo-messages.ts';

/** A message a member said, before the broker has given it its place (id) in the room's order. */
export type UnorderedChatText = Omit<ChatText, 'id'>;

/**
 * Tells every node to drop its connection for `nickname` unless it is `keep`: the member came back on another
 * connection with its resume token, and the old one (on a dead or half-open link) must not speak for it.
 */
export interface ChatEviction {
  type: 'evict';
  nickname: string;
  keep: string;
}

/** What a broker delivers to every node's room: messages in the room's order, and notices (at most once). */
export type RoomEvent = ChatText | ChatJoined | ChatLeft | ChatEviction;

/** The room's messages after a given id, and whether that is all of them. */
export interface ChatHistory {
  /** Oldest first. */
  messages: ChatText[];
  /** True when some messages after the asked-for id are no longer kept, or may never have been known to this broker. */
  incomplete: boolean;
}

/** A member's claim to a nickname: its secret token, the connection that holds it now, and the room's size limit. */
export interface PresenceClaim {
  nickname: string;
  token: string;
  connection: string;
  maxMembers: number;
}

/** `joined`: the nickname was free. `resumed`: the token matched the holder's, and this connection holds it now. */
export type ClaimResult = 'joined' | 'resumed' | 'taken' | 'full';

/** How the broker is doing, for /healthz. */
export interface BrokerHealth {
  kind: 'in-process' | 'redis';
  /** null while the broker can carry the room; otherwise a sentence saying why it cannot. */
  unavailable: string | null;
}

export interface ChatBroker {
  health(): BrokerHealth;
  /** Gives the message its id, keeps it in the bounded history, and delivers it to every node's room (this one included). */
  publish(message: UnorderedChatText): Promise<ChatText>;
  /** Delivers a notice to every node's room, at most once: a notice lost with a node is repaired by presence expiry. */
  announce(notice: ChatJoined | ChatLeft | ChatEviction): Promise<void>;
  /** Registers the one listener (the node's room); events arrive in the room's order. */
  subscribe(listener: (event: RoomEvent) => void): void;
  /** The messages after `after`, as far as the history keeps them. */
  history(after: string): Promise<ChatHistory>;
  /** Takes a place in the room for a nickname; the broker keeps it renewed until release. */
  claim(claim: PresenceClaim): Promise<ClaimResult>;
  /** Gives the place back if `connection` still holds it; false if another connection has taken it over since. */
  release(nickname: string, connection: string): Promise<boolean>;
  /** Every member on every node, in the order they joined. */
  members(): Promise<string[]>;
  close(): Promise<void>;
}
