// One chat room: who is in it, and a broadcast that casts off any member whose send queue is already full.
import type { WebSocket } from 'ws';
import { demoError } from './demo-errors.ts';
import type { ChatMessage } from '../src/lib/demo-messages.ts';

export interface ChatRoomLimits {
  /** A member with more than this many bytes waiting to be sent is dropped rather than sent more. */
  maxBufferedBytes: number;
  /** How long a dropped member gets to answer the server's Close before its TCP connection is cut, in ms. */
  closeGraceMs: number;
}

export class ChatRoom {
  /** Members in the order they joined; a Map keeps insertion order. */
  readonly #members = new Map<WebSocket, string>();
  readonly #limits: ChatRoomLimits;

  constructor(limits: ChatRoomLimits) {
    this.#limits = limits;
  }

  nicknameOf(socket: WebSocket): string | undefined {
    return this.#members.get(socket);
  }

  isTaken(nickname: string): boolean {
    for (const taken of this.#members.values()) if (taken === nickname) return true;
    return false;
  }

  get nicknames(): string[] {
    return [...this.#members.values()];
  }

  /** Adds the member and tells everyone else; the member leaves by itself when its connection closes. */
  join(socket: WebSocket, nickname: string): void {
    this.#members.set(socket, nickname);
    socket.once('close', () => this.leave(socket, 'left'));
    this.broadcast({ type: 'joined', nickname }, socket);
  }

  leave(socket: WebSocket, reason: 'left' | 'too-slow'): void {
    const nickname = this.#members.get(socket);
    if (nickname === undefined) return;
    this.#members.delete(socket);
    this.broadcast({ type: 'left', nickname, reason });
  }

  // #region chat-broadcast
  /** Sends one message to every member (but `except`). A member that is not reading gets dropped, not buffered for. */
  broadcast(message: ChatMessage, except?: WebSocket): void {
    // Serialized and encoded once: ws frames a Buffer without copying it, so every member's queue shares these bytes.
    const data = Buffer.from(JSON.stringify(message));
    const tooSlow: WebSocket[] = [];
    for (const member of this.#members.keys()) {
      if (member === except || member.readyState !== member.OPEN) continue;
      // bufferedAmount is what ws and the socket still hold for this member. Past the limit, sending more would
      // grow server memory at the pace of the fastest sender, so the member is dropped instead.
      if (member.bufferedAmount > this.#limits.maxBufferedBytes) tooSlow.push(member);
      else member.send(data, { binary: false });
    }
    for (const member of tooSlow) this.#drop(member);
  }
  // #endregion chat-broadcast

  #drop(member: WebSocket): void {
    const error = demoError(
      'DEMO_ERR_CHAT_TOO_SLOW',
      `More than ${this.#limits.maxBufferedBytes} bytes were waiting for this connection to read them; reconnect to rejoin.`,
    );
    this.leave(member, 'too-slow');
    member.close(error.status, error.closeReason);
    // The Close frame waits behind everything the member has not read, so its answer may never come: cut it then.
    const timer = setTimeout(() => member.terminate(), this.#limits.closeGraceMs);
    timer.unref();
    member.once('close', () => clearTimeout(timer));
  }
}
