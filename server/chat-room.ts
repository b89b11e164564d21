// One chat room: who is in it, and a broadcast that casts off any member whose send queue is already full.
import type { WebSocket } from 'ws';
import { demoError, type DemoProtocolError } from './demo-errors.ts';
import type { ChatMessage } from '../src/lib/demo-messages.ts';

interface Member {
  nickname: string;
  /** Closes this member's connection for breaking a limit: logged, and cut if it never answers. */
  closeForViolation(error: DemoProtocolError): void;
}

export class ChatRoom {
  /** Members in the order they joined; a Map keeps insertion order. */
  readonly #members = new Map<WebSocket, Member>();
  /** A member with more than this many bytes waiting to be sent is dropped rather than sent more. */
  readonly #maxBufferedBytes: number;

  constructor(maxBufferedBytes: number) {
    this.#maxBufferedBytes = maxBufferedBytes;
  }

  nicknameOf(socket: WebSocket): string | undefined {
    return this.#members.get(socket)?.nickname;
  }

  isTaken(nickname: string): boolean {
    for (const member of this.#members.values()) if (member.nickname === nickname) return true;
    return false;
  }

  get nicknames(): string[] {
    return [...this.#members.values()].map((member) => member.nickname);
  }

  /** Adds the member and tells everyone else; the member leaves by itself when its connection closes. */
  join(socket: WebSocket, member: Member): void {
    this.#members.set(socket, member);
    socket.once('close', () => this.leave(socket, 'left'));
    this.broadcast({ type: 'joined', nickname: member.nickname }, socket);
  }

  leave(socket: WebSocket, reason: 'left' | 'too-slow'): void {
    const member = this.#members.get(socket);
    if (member === undefined) return;
    this.#members.delete(socket);
    this.broadcast({ type: 'left', nickname: member.nickname, reason });
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
      if (member.bufferedAmount > this.#maxBufferedBytes) tooSlow.push(member);
      else member.send(data, { binary: false });
    }
    for (const member of tooSlow) this.#drop(member);
  }
  // #endregion chat-broadcast

  #drop(socket: WebSocket): void {
    const member = this.#members.get(socket);
    if (member === undefined) return;
    this.leave(socket, 'too-slow');
    // The Close frame waits behind everything the member has not read, so its answer may never come:
    // closeForViolation cuts the connection after closeGraceMs.
    member.closeForViolation(
      demoError(
        'DEMO_ERR_CHAT_TOO_SLOW',
        `More than ${this.#maxBufferedBytes} bytes were waiting for this connection to read them; reconnect to rejoin.`,
      ),
    );
  }
}
