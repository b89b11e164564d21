// Every word the chat room and its members show, in each language the site speaks; the two-member widget shares the members' words.
import type { ChatLimits } from '../lib/demo-messages.ts';
import { describeDemoError, splitDemoReason } from '../lib/i18n/demo-error-text.ts';
import { formatInteger, type Locale } from '../lib/i18n/locale.ts';

export interface ChatRoomText {
  title: string;
  hint: string;
  labels: { nickname: string; status: string; node: string; message: string; log: string };
  join: string;
  leave: string;
  send: string;
  stopNode: string;
  notConnected: string;
  noNodeYet: string;
  welcome: {
    nobodyElse: string;
    alsoHere: (members: string[]) => string;
    joinedAs: (nickname: string, others: string) => string;
    backAs: (nickname: string, missed: string, lost: string, others: string) => string;
    missedNothing: string;
    missed: (count: number) => string;
    someLost: string;
  };
  joined: (nickname: string) => string;
  left: (nickname: string) => string;
  droppedTooSlow: (nickname: string) => string;
  leftTimedOut: (nickname: string) => string;
  /** A refusal the server explained: its DEMO_ERR_… code and its English sentence. */
  refused: (code: string, serverMessage: string) => string;
  limits: (limits: ChatLimits) => string;
  /** A close reason as a status line quotes it, with its leading separator; empty for none. */
  reason: (reason: string) => string;
  closed: {
    left: (reason: string) => string;
    dropped: string;
    byServer: (code: number, reason: string) => string;
  };
  rejoining: (code: number, reason: string, delayMs: number) => string;
  connecting: (url: string) => string;
  inRoomAs: (nickname: string) => string;
  joinRefused: string;
  notAChatMessage: string;
  /** The close reasons the widget itself sends (at most 123 bytes of UTF-8, RFC 6455 §5.5.1). */
  leaveReason: string;
  joinRefusedReason: string;
  stop: {
    asking: (node: string) => string;
    /** The node took the request (202); the server's own English sentence is passed for the English page. */
    stopping: (node: string, serverAnswer: string) => string;
    refused: (node: string, status: number, answer: string) => string;
    noAnswer: (node: string) => string;
  };
}

/** The close reasons the demo server sends without a DEMO_ERR_… code (server/chat-room.ts, server/index.ts), in Chinese. */
const SERVER_REASONS_ZH: Record<string, string> = {
  'You rejoined the room on another connection.': '你在另一个连接上重新加入了聊天室。',
  'Service restart': '服务重启',
  'Server shutting down': '服务器正在关闭',
};

/** Seconds to one decimal, with the locale's decimal sign. */
function seconds(ms: number, locale: Locale): string {
  return (ms / 1000).toLocaleString(locale === 'zh-CN' ? 'zh-CN' : 'en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

export const CHAT_ROOM_TEXT: Record<Locale, ChatRoomText> = {
  en: {
    title: 'Chat room',
    hint: 'Nothing connects until you press Join. Open this page in a second tab, join there with another nickname, and talk to yourself.',
    labels: { nickname: 'Nickname', status: 'Status', node: 'Server node', message: 'Message', log: 'Chat log' },
    join: 'Join',
    leave: 'Leave',
    send: 'Send',
    stopNode: 'Stop this node',
    notConnected: 'Not connected.',
    noNodeYet: 'None yet.',
    welcome: {
      nobodyElse: 'Nobody else is here yet.',
      alsoHere: (members) => `Also here: ${members.join(', ')}.`,
      joinedAs: (nickname, others) => `You joined as ${nickname}. ${others}`,
      backAs: (nickname, missed, lost, others) => `You are back as ${nickname}. ${missed}${lost ? ` ${lost}` : ''} ${others}`,
      missedNothing: 'You missed nothing.',
      missed: (count) => `${count} missed ${count === 1 ? 'message follows' : 'messages follow'}.`,
      someLost: 'Some older ones are no longer kept, so those are lost to you.',
    },
    joined: (nickname) => `${nickname} joined.`,
    left: (nickname) => `${nickname} left.`,
    droppedTooSlow: (nickname) => `${nickname} was dropped: their connection was not reading what the room sent.`,
    leftTimedOut: (nickname) => `${nickname} left: the server node they were on stopped answering.`,
    refused: (code, serverMessage) => `The server refused: ${serverMessage} (${code})`,
    limits: (limits) =>
      `The server allows nicknames of up to ${limits.maxNicknameChars} characters, and messages of up to ${limits.maxMessageChars}, ${limits.messagesPerMinute} a minute.`,
    reason: (reason) => (reason ? `: ${reason}` : ''),
    closed: {
      left: (reason) => `You left the room (close code 1000${reason}).`,
      dropped: 'The connection dropped without a close handshake (close code 1006). Press Join to come back.',
      byServer: (code, reason) => `The server closed the connection with code ${code}${reason}. Press Join to come back.`,
    },
    rejoining: (code, reason, delayMs) => `The connection closed with code ${code}${reason}. Rejoining in ${seconds(delayMs, 'en')} s…`,
    connecting: (url) => `Connecting to ${url}…`,
    inRoomAs: (nickname) => `In the room as ${nickname}.`,
    joinRefused: 'Not connected: the server refused to let you join, and says why below.',
    notAChatMessage: 'The server sent something that is not a chat message.',
    leaveReason: 'Reader pressed Leave',
    joinRefusedReason: 'Join refused',
    stop: {
      asking: (node) => `Asking ${node} to stop…`,
      stopping: (_node, serverAnswer) => serverAnswer,
      refused: (node, status, answer) => `${node} did not stop (HTTP ${status}): ${answer}`,
      noAnswer: (node) => `${node} did not answer the stop request.`,
    },
  },
  'zh-CN': {
    title: '聊天室',
    hint: '按下“加入”之前不会建立任何连接。在第二个标签页里打开这个页面，用另一个昵称加入，就能和自己聊天。',
    labels: { nickname: '昵称', status: '状态', node: '服务器节点', message: '消息', log: '聊天记录' },
    join: '加入',
    leave: '离开',
    send: '发送',
    stopNode: '停止这个节点',
    notConnected: '未连接。',
    noNodeYet: '还没有。',
    welcome: {
      nobodyElse: '这里还没有别人。',
      alsoHere: (members) => `在场的还有：${members.join('、')}。`,
      joinedAs: (nickname, others) => `你以 ${nickname} 的身份加入了。${others}`,
      backAs: (nickname, missed, lost, others) => `你以 ${nickname} 的身份回来了。${missed}${lost}${others}`,
      missedNothing: '你没有错过任何消息。',
      missed: (count) => `下面是你错过的 ${formatInteger(count, 'zh-CN')} 条消息。`,
      someLost: '更早的一些消息已经不再保留，你看不到了。',
    },
    joined: (nickname) => `${nickname} 加入了。`,
    left: (nickname) => `${nickname} 离开了。`,
    droppedTooSlow: (nickname) => `${nickname} 被断开了：他的连接没有读取聊天室发来的消息。`,
    leftTimedOut: (nickname) => `${nickname} 离开了：他所在的服务器节点不再响应。`,
    refused: (code, serverMessage) => `服务器拒绝了（${code}）：${describeDemoError(code, serverMessage, 'zh-CN')}`,
    limits: (limits) =>
      `服务器允许的昵称最长 ${formatInteger(limits.maxNicknameChars, 'zh-CN')} 个字符，消息最长 ${formatInteger(limits.maxMessageChars, 'zh-CN')} 个字符，每分钟最多 ${formatInteger(limits.messagesPerMinute, 'zh-CN')} 条。`,
    reason: (reason) => {
      if (!reason) return '';
      const { code, message } = splitDemoReason(reason);
      const said = code ? describeDemoError(code, message, 'zh-CN') : (SERVER_REASONS_ZH[reason] ?? reason);
      // The sentence goes inside the status line's own sentence, so it loses its full stop.
      return `：${said.replace(/。$/, '')}`;
    },
    closed: {
      left: (reason) => `你离开了聊天室（关闭码 1000${reason}）。`,
      dropped: '连接没有经过关闭握手就断开了（关闭码 1006）。按“加入”即可回来。',
      byServer: (code, reason) => `服务器以关闭码 ${code} 关闭了连接${reason}。按“加入”即可回来。`,
    },
    rejoining: (code, reason, delayMs) => `连接以关闭码 ${code} 关闭了${reason}。${seconds(delayMs, 'zh-CN')} 秒后重新加入…`,
    connecting: (url) => `正在连接 ${url}…`,
    inRoomAs: (nickname) => `已作为 ${nickname} 进入聊天室。`,
    joinRefused: '未连接：服务器拒绝让你加入，原因见下方。',
    notAChatMessage: '服务器发来的内容不是聊天消息。',
    leaveReason: '读者按下了离开',
    joinRefusedReason: '加入被拒绝',
    stop: {
      asking: (node) => `正在请求 ${node} 停止…`,
      stopping: (node) => `${node} 正在停止：它以 1001（Going Away）关闭每一个 WebSocket 连接，集群没有它也照常运行。`,
      refused: (node, status, answer) => {
        const { code, message } = splitDemoReason(answer);
        return `${node} 没有停止（HTTP ${status}）：${describeDemoError(code, message, 'zh-CN')}`;
      },
      noAnswer: (node) => `${node} 没有回应停止请求。`,
    },
  },
};
