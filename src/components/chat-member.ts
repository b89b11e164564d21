// One chat member's connection to /ws/chat, with no DOM: join, say, rejoin by itself after a drop and resume where it left off, and stop its node.
import type { ChatMessage, ChatWelcome } from '../lib/demo-messages.ts';
import { STOP_NODE_HEADER, STOP_NODE_PATH_PREFIX } from '../lib/demo-messages.ts';
import {
  chatLine,
  describeChatClose,
  describeRejoin,
  joinRequest,
  parseChatMessage,
  rejoinDelayMs,
  sayRequest,
  shouldRejoin,
  type ChatLine,
  type ResumeState,
} from './chat-room.ts';
import type { Locale } from '../lib/i18n/locale.ts';
import { CHAT_ROOM_TEXT, type ChatRoomText } from './chat-room-text.ts';

/** What a member tells the widget that shows it. */
export interface ChatMemberView {
  /** The status line, in words. */
  status(text: string): void;
  /** The server welcomed this member (first join or rejoin). */
  welcomed(welcome: ChatWelcome): void;
  /** One line for the log: a message (never one already shown), a notice or a refusal. */
  line(line: ChatLine): void;
  /** The connection opened, closed or joined: buttons may change. */
  changed(): void;
}

export class ChatMember {
  readonly #url: string;
  readonly #view: ChatMemberView;
  /** The language of the page around the widget: every status line and notice is in it. */
  readonly #locale: Locale;
  readonly #text: ChatRoomText;
  #socket: WebSocket | undefined;
  #joined = false;
  #joinRefused = false;
  /** The nickname the server welcomed us as. */
  #me = '';
  /** The node the last welcome came from, and whether it offered Stop this node. */
  #node = '';
  #canStopNode = false;
  /** What a rejoin as #me sends: the welcome's token and the last message id seen, so the server fills the gap. */
  #resume: ResumeState = {};
  /** Rejoins tried since the last welcome, and the timer of the next one. */
  #rejoinAttempt = 0;
  #rejoinTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(url: string, view: ChatMemberView, locale: Locale = 'en') {
    this.#url = url;
    this.#view = view;
    this.#locale = locale;
    this.#text = CHAT_ROOM_TEXT[locale];
  }

  get joined(): boolean {
    return this.#joined;
  }

  /** CONNECTING or OPEN: Join is pointless, Leave is not. */
  get connected(): boolean {
    const state = this.#socket?.readyState ?? WebSocket.CLOSED;
    return state === WebSocket.CONNECTING || state === WebSocket.OPEN;
  }

  get nickname(): string {
    return this.#me;
  }

  get node(): string {
    return this.#node;
  }

  /** True once a welcome said this reader may stop the node (cluster mode, on loopback); the server decides. */
  get canStopNode(): boolean {
    return this.#joined && this.#canStopNode;
  }

  /** Joins as `nickname`; coming back under the same name resumes, another name is a new member. */
  join(nickname: string): void {
    this.#rejoinAttempt = 0;
    this.#open(nickname);
  }

  leave(reason = this.#text.leaveReason): void {
    clearTimeout(this.#rejoinTimer);
    this.#socket?.close(1000, reason);
  }

  /** Sends a message; false when not in the room. The text goes as typed: the server's limits are the ones that count. */
  say(text: string): boolean {
    const socket = this.#socket;
    if (!socket || socket.readyState !== WebSocket.OPEN || !this.#joined) return false;
    socket.send(sayRequest(text));
    return true;
  }

  /**
   * Asks this member's node to stop, as `kill` would: it closes every socket with 1001 and the member rejoins on
   * another node. The path names the node so the cluster's nginx routes the request there; the answer, in words.
   */
  async stopNode(): Promise<string> {
    const node = this.#node;
    const origin = new URL(this.#url);
    origin.protocol = origin.protocol === 'wss:' ? 'https:' : 'http:';
    try {
      const response = await fetch(new URL(`${STOP_NODE_PATH_PREFIX}${encodeURIComponent(node)}`, origin), {
        method: 'POST',
        headers: { [STOP_NODE_HEADER]: node },
      });
      const answer = (await response.text()).trim();
      return response.status === 202 ? this.#text.stop.stopping(node, answer) : this.#text.stop.refused(node, response.status, answer);
    } catch {
      return this.#text.stop.noAnswer(node);
    }
  }

  #open(nickname: string): void {
    if (this.connected) return;
    clearTimeout(this.#rejoinTimer);
    if (nickname.trim() !== this.#me) this.#resume = {};
    let opened = false;
    const socket = new WebSocket(this.#url);
    this.#socket = socket;
    this.#joined = false;
    this.#joinRefused = false;
    this.#view.status(this.#text.connecting(this.#url));
    socket.addEventListener('open', () => {
      opened = true;
      socket.send(joinRequest(nickname, this.#resume));
    });
    socket.addEventListener('message', (event: MessageEvent<unknown>) => this.#receive(event.data));
    socket.addEventListener('close', (event) => {
      if (socket !== this.#socket) return;
      const wasJoined = this.#joined;
      this.#joined = false;
      // A rejoin that cannot connect yet (the next node still starting) counts as a try, and the next one follows.
      if ((wasJoined || this.#rejoinAttempt > 0) && shouldRejoin(event.code, this.#rejoinAttempt)) {
        const delay = rejoinDelayMs(this.#rejoinAttempt++);
        this.#view.status(describeRejoin(event, delay, this.#locale));
        this.#rejoinTimer = setTimeout(() => this.#open(this.#me), delay);
        this.#view.changed();
        return;
      }
      this.#view.status(this.#joinRefused ? this.#text.joinRefused : describeChatClose(event, opened, this.#locale));
      this.#view.changed();
    });
    this.#view.changed();
  }

  #receive(data: unknown): void {
    const message: ChatMessage | null = parseChatMessage(data);
    if (!message) return this.#view.line({ kind: 'refusal', text: this.#text.notAChatMessage });
    if (message.type === 'message') {
      // The server sends each message once; a repeat could only come from a server that broke that promise.
      if (this.#resume.after !== undefined && message.id <= this.#resume.after) return;
      this.#resume.after = message.id;
    }
    if (message.type === 'welcome') {
      this.#joined = true;
      this.#rejoinAttempt = 0;
      this.#me = message.nickname;
      this.#node = message.node;
      this.#canStopNode = message.canStopNode === true;
      this.#resume.resumeToken = message.resumeToken;
      this.#view.status(this.#text.inRoomAs(message.nickname));
      this.#view.welcomed(message);
      this.#view.changed();
    }
    const line = chatLine(message, this.#locale);
    // A refused join leaves the connection open but useless; close it so Join works again with another nickname.
    if (line.kind === 'refusal' && !this.#joined) {
      this.#joinRefused = true;
      this.#socket?.close(1000, this.#text.joinRefusedReason);
    }
    this.#view.line(line);
  }
}
