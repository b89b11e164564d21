// One node's share of the chat room: its members' connections, fed in the room's order by the broker, resumed without gaps or repeats.
import { randomBytes, randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { demoError, type DemoProtocolError } from './demo-errors.ts';
import type { ChatBroker, RoomEvent } from './broker/broker.ts';
import type { ChatMessage, ChatResume, ChatText, ChatWelcome } from '../src/lib/demo-messages.ts';

interface Member {
  nickname: string;
  /** This connection's own id in the broker's presence, so a late close on a replaced connection cannot evict its successor. */
  connection: string;
  /** The id of the last message sent to this member: the room never sends it one at or before it again. */
  lastSentId: string;
  /** While the welcome and the replay are being put together, live messages wait here behind them; then null. */
  waiting: ChatText[] | null;
  /** Closes this member's connection for breaking a limit: logged, and cut if it never answers. */
  closeForViolation(error: DemoProtocolError): void;
}

/** What a join asks for: the nickname, and for a member coming back, its token and the last message it saw. */
export interface JoinRequest {
  nickname: string;
  after?: string;
  resumeToken?: string;
  maxMembers: number;
  closeForViolation(error: DemoProtocolError): void;
}

/** The parts of a welcome only the room knows; the endpoint adds the rest (limits, node). */
export type WelcomeParts = Pick<ChatWelcome, 'nickname' | 'members' | 'resumeToken' | 'resumed'>;

/** Why a join did not happen; the endpoint words the refusal. */
export type JoinRefusal = 'taken' | 'full' | 'unavailable' | 'closed';

export class ChatRoom {
  readonly #broker: ChatBroker;
  /** Members in the order they joined on this node; a Map keeps insertion order. */
  readonly #members = new Map<WebSocket, Member>();
  /** Connections whose join is being answered, so a second join on one of them is refused at once. */
  readonly #joining = new WeakSet<WebSocket>();
  /** A member with more than this many bytes waiting to be sent is dropped rather than sent more. */
  readonly #maxBufferedBytes: number;

  constructor(broker: ChatBroker, maxBufferedBytes: number) {
    this.#broker = broker;
    this.#maxBufferedBytes = maxBufferedBytes;
    broker.subscribe((event) => this.#deliver(event));
  }

  /** The member's nickname, also while its join is still being answered ('' then). */
  nicknameOf(socket: WebSocket): string | undefined {
    return this.#members.get(socket)?.nickname ?? (this.#joining.has(socket) ? '' : undefined);
  }

  /**
   * Claims the nickname in the broker and welcomes the member: the welcome, then (for `after`) every message after
   * it, then whatever the room said meanwhile, each message once and in order. Resolves with the refusal, or null.
   */
  async join(socket: WebSocket, request: JoinRequest, welcome: (parts: WelcomeParts) => ChatWelcome): Promise<JoinRefusal | null> {
    if (this.#broker.health().unavailable) return 'unavailable';
    this.#joining.add(socket);
    const { nickname, maxMembers } = request;
    const resumeToken = request.resumeToken ?? randomBytes(18).toString('base64url');
    const connection = randomUUID();
    try {
      const claimed = await this.#broker.claim({ nickname, token: resumeToken, connection, maxMembers });
      if (claimed === 'taken' || claimed === 'full') return claimed;
      if (socket.readyState !== socket.OPEN) {
        await this.#broker.release(nickname, connection);
        return 'closed';
      }
      const member: Member = { nickname, connection, lastSentId: '', waiting: [], closeForViolation: request.closeForViolation };
      this.#members.set(socket, member);
      socket.once('close', () => void this.leave(socket, 'left'));
      // A member that resumes never left in the others' eyes; its old connection, wherever it is, must go quietly.
      await this.#broker.announce(claimed === 'joined' ? { type: 'joined', nickname } : { type: 'evict', nickname, keep: connection });
      const members = (await this.#broker.members()).filter((name) => name !== nickname);
      const history = request.after === undefined ? undefined : await this.#broker.history(request.after);
      const resumed: ChatResume | undefined =
        history && request.after !== undefined
          ? { after: request.after, replayed: history.messages.length, incomplete: history.incomplete }
          : undefined;
      if (socket.readyState !== socket.OPEN) return 'closed';
      socket.send(JSON.stringify(welcome({ nickname, members, resumeToken, ...(resumed ? { resumed } : {}) })));
      for (const message of [...(history?.messages ?? []), ...member.waiting!]) this.#sendMessage(socket, member, message);
      member.waiting = null;
      return null;
    } catch {
      // The broker failed halfway (Redis went away): undo what is undone easily; presence expiry does the rest.
      if (this.#members.get(socket)?.connection === connection) this.#members.delete(socket);
      return 'unavailable';
    } finally {
      this.#joining.delete(socket);
    }
  }

  /** Hands a member's message to the broker, which gives it its id and brings it back to every node. */
  async say(socket: WebSocket, text: string, sentAt: number): Promise<boolean> {
    const member = this.#members.get(socket);
    if (!member) return false;
    try {
      await this.#broker.publish({ type: 'message', from: member.nickname, text, sentAt });
      return true;
    } catch {
      return false;
    }
  }

  async leave(socket: WebSocket, reason: 'left' | 'too-slow'): Promise<void> {
    const member = this.#members.get(socket);
    if (member === undefined) return;
    this.#members.delete(socket);
    try {
      if (await this.#broker.release(member.nickname, member.connection)) {
        await this.#broker.announce({ type: 'left', nickname: member.nickname, reason });
      }
    } catch {
      // Without the broker the place cannot be given back now; it expires by itself (see the broker).
    }
  }

  #deliver(event: RoomEvent): void {
    if (event.type === 'message') return this.#broadcastMessage(event);
    if (event.type === 'evict') return this.#evict(event.nickname, event.keep);
    // A member is not told about itself; one still joining learns who is here from its welcome.
    this.#broadcast(event, (member) => member.waiting === null && member.nickname !== event.nickname);
  }

  // #region chat-broadcast
  /** Sends one notice to every member `to` accepts. A member that is not reading gets dropped, not buffered for. */
  #broadcast(message: ChatMessage, to: (member: Member) => boolean): void {
    // Serialized and encoded once: ws frames a Buffer without copying it, so every member's queue shares these bytes.
    const data = Buffer.from(JSON.stringify(message));
    const tooSlow: WebSocket[] = [];
    for (const [socket, member] of this.#members) {
      if (!to(member) || socket.readyState !== socket.OPEN) continue;
      // bufferedAmount is what ws and the socket still hold for this member. Past the limit, sending more would
      // grow server memory at the pace of the fastest sender, so the member is dropped instead.
      if (socket.bufferedAmount > this.#maxBufferedBytes) tooSlow.push(socket);
      else socket.send(data, { binary: false });
    }
    for (const socket of tooSlow) this.#drop(socket);
  }
  // #endregion chat-broadcast

  /** A message goes to every member that has not had it yet; a member still joining gets it after its replay. */
  #broadcastMessage(message: ChatText): void {
    for (const member of this.#members.values()) member.waiting?.push(message);
    this.#broadcast(message, (member) => {
      if (member.waiting !== null || member.lastSentId >= message.id) return false;
      member.lastSentId = message.id;
      return true;
    });
  }

  #sendMessage(socket: WebSocket, member: Member, message: ChatText): void {
    if (member.lastSentId >= message.id || socket.readyState !== socket.OPEN) return;
    member.lastSentId = message.id;
    socket.send(JSON.stringify(message));
  }

  #evict(nickname: string, keep: string): void {
    for (const [socket, member] of this.#members) {
      if (member.nickname !== nickname || member.connection === keep) continue;
      // Not leave(): the place now belongs to the new connection, and the room should not hear that anyone left.
      this.#members.delete(socket);
      socket.close(1000, 'You rejoined the room on another connection.');
    }
  }

  #drop(socket: WebSocket): void {
    const member = this.#members.get(socket);
    if (member === undefined) return;
    void this.leave(socket, 'too-slow');
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
