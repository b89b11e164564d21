// Every word the protocol lab shows, in each language the site speaks. The server announces its acts in English; on a
// Chinese page the lab says the same from the act and its frames (see `announcementText` in protocol-lab.ts).
import type { LabAct } from '../lib/demo-messages.ts';
import type { Locale } from '../lib/i18n/locale.ts';

/** What the lab says about an act the server announced, from the facts the announcement carries. */
export interface ActFacts {
  /** For fragments: how many frames the message was split into. */
  count: number;
  /** For close: the status code in the frame's body, or null for an empty body. */
  code: number | null;
}

export interface ProtocolLabText {
  title: string;
  hint: string;
  connect: string;
  disconnect: string;
  /** The reason the lab's Disconnect sends with code 1000. */
  disconnectReason: string;
  actsLegend: string;
  acts: Record<LabAct, string>;
  labels: { count: (max: number) => string; code: string; reason: string };
  defaultReason: string;
  caption: string;
  columns: [string, string, string];
  events: {
    error: string;
    close: (code: number, reason: string, wasClean: boolean) => string;
    text: (bytes: number, quoted: string) => string;
    binary: (bytes: number) => string;
    message: string;
  };
  dropped: string;
  noStatus: string;
  refused: (sentence: string, code: string) => string;
  pongReceived: string;
  /** Chinese only: the server's English stays on an English page. */
  announcements?: {
    description: (act: LabAct, facts: ActFacts) => string;
    note: (act: LabAct, facts: ActFacts, index: number) => string;
  };
}

export const PROTOCOL_LAB_TEXT: Record<Locale, ProtocolLabText> = {
  en: {
    title: 'Protocol lab',
    hint: 'Nothing connects until you press Connect to the lab. Each act shows the bytes the server wrote, then the events your browser reported.',
    connect: 'Connect to the lab',
    disconnect: 'Disconnect from the lab',
    disconnectReason: 'Reader pressed Disconnect',
    actsLegend: 'Ask the server to…',
    acts: {
      ping: 'Send a Ping',
      fragments: 'Send one message in fragments',
      close: 'Close with this code',
      'invalid-utf8': 'Send invalid UTF-8',
      'reserved-opcode': 'Send a reserved opcode',
      'masked-frame': 'Send a masked frame',
      reset: 'Reset the TCP connection',
    },
    labels: { count: (max) => `Number of fragments (1–${max})`, code: 'Close code (empty: none)', reason: 'Close reason' },
    defaultReason: 'Lab says goodbye',
    caption: "Timeline: the server's bytes and the browser's events, in order",
    columns: ['Time', 'Server (bytes on the wire)', 'Browser (WebSocket API events)'],
    events: {
      error: 'error (the event carries no detail)',
      close: (code, reason, wasClean) => `close: code ${code}, reason ${reason}, wasClean ${wasClean}`,
      text: (bytes, quoted) => `message: text (${bytes} bytes) ${quoted}`,
      binary: (bytes) => `message: binary (${bytes} bytes)`,
      message: 'message',
    },
    dropped: 'The connection ended without a close handshake; 1006 is never sent on the wire, the browser reports it (§7.1.5, §7.4.1).',
    noStatus: 'The Close frame carried no status code; 1005 is never sent on the wire, the browser reports it (§7.1.5, §7.4.1).',
    refused: (sentence, code) => `The server refused: ${sentence} (${code})`,
    pongReceived: "The server received the browser's automatic Pong (the page gets no event for it):",
  },
  'zh-CN': {
    title: '协议实验室',
    hint: '按下“连接实验室”之前什么都不会连接。每个操作先显示服务器写出的字节，再显示你的浏览器报告的事件。',
    connect: '连接实验室',
    disconnect: '断开实验室',
    disconnectReason: '读者按下了断开',
    actsLegend: '让服务器……',
    acts: {
      ping: '发送一个 Ping',
      fragments: '把一条消息分片发送',
      close: '用这个关闭码关闭',
      'invalid-utf8': '发送无效的 UTF-8',
      'reserved-opcode': '发送一个保留的操作码',
      'masked-frame': '发送一个加了掩码的帧',
      reset: '重置 TCP 连接',
    },
    labels: { count: (max) => `分片数（1–${max}）`, code: '关闭码（留空：不带关闭码）', reason: '关闭原因' },
    defaultReason: '实验室说再见',
    caption: '时间线：服务器的字节和浏览器的事件，按先后顺序',
    columns: ['时间', '服务器（线路上的字节）', '浏览器（WebSocket API 事件）'],
    events: {
      error: 'error（这个事件不带任何说明）',
      close: (code, reason, wasClean) => `close：关闭码 ${code}，原因 ${reason}，wasClean ${wasClean}`,
      text: (bytes, quoted) => `message：文本（${bytes} 字节）${quoted}`,
      binary: (bytes) => `message：二进制（${bytes} 字节）`,
      message: 'message',
    },
    dropped: '连接在没有关闭握手的情况下结束了；1006 从不出现在线路上，是浏览器报告的（§7.1.5、§7.4.1）。',
    noStatus: '这个 Close 帧没有带关闭码；1005 从不出现在线路上，是浏览器报告的（§7.1.5、§7.4.1）。',
    refused: (sentence, code) => `服务器拒绝了：${sentence}（${code}）`,
    pongReceived: '服务器收到了浏览器自动发出的 Pong（页面不会为它收到任何事件）：',
    announcements: {
      description: (act, { count, code }) => {
        switch (act) {
          case 'ping':
            return '一个 Ping。浏览器必须回一个携带同样载荷的 Pong（§5.5.2、§5.5.3）；页面不会收到任何事件。';
          case 'fragments':
            return `一条文本消息，分成 ${count} 个分片：第一帧带文本操作码，其余是延续帧，只有最后一帧置 FIN（§5.4）。页面只收到一个 message 事件。`;
          case 'close':
            return code === null
              ? '一个不带关闭码的 Close 帧。浏览器回一个自己的 Close；线路上没有关闭码，API 报告 1005（§7.1.5、§7.4.1）。'
              : `一个关闭码为 ${code} 的 Close 帧。浏览器回一个自己的 Close（§5.5.1）。然后服务器先关闭 TCP 连接（§5.5.1、§7.1.1）。`;
          case 'invalid-utf8':
            return '一个不是有效 UTF-8 的文本帧。浏览器必须让连接失败（§8.1），并且应当先发一个 Close（§7.1.7），§7.4.1 为此给出了 1007；Chromium 发 1002，Firefox 不发 Close。页面看到 1006，因为没有收到 Close 帧（§7.1.5）。';
          case 'reserved-opcode':
            return '一个带保留操作码 0x3 的帧。没有扩展定义它，所以浏览器必须让连接失败（§5.2），并且应当先发一个 Close（§7.1.7），例如 1002（协议错误）。页面看到 1006（§7.1.5）。';
          case 'masked-frame':
            return '一个加了掩码的文本帧。服务器不得给任何帧加掩码（§5.1）。收到这种帧的客户端必须关闭连接，并且可以先发 1002（§5.1）。Chromium 就是这样做的，页面看到 1006（§7.1.5）；而 Firefox ESR 被观察到照样递交了这条消息。';
          case 'reset':
            return '完全没有 WebSocket 字节：服务器重置 TCP 连接（发一个 RST 报文段），所以没有关闭握手，API 报告 1006（§7.1.5）。';
        }
      },
      note: (act, { count, code }, index) => {
        switch (act) {
          case 'ping':
            return 'Ping（操作码 0x9），带一小段 Pong 必须原样带回的载荷。';
          case 'fragments':
            return `第 ${index + 1} 个分片（共 ${count} 个）：${index === 0 ? '文本帧（操作码 0x1）' : '延续帧（操作码 0x0）'}，FIN ${index === count - 1 ? '置位' : '未置位'}。`;
          case 'close':
            return code === null ? 'Close（操作码 0x8），主体为空。' : `Close（操作码 0x8）：关闭码 ${code}，后面是 UTF-8 编码的原因。`;
          case 'invalid-utf8':
            return '文本帧（操作码 0x1），载荷是 Latin-1 编码的 “café”：e9 在这里不是有效的 UTF-8。';
          case 'reserved-opcode':
            return '操作码 0x3，保留给将来的非控制帧。';
          case 'masked-frame':
            return 'RFC 里那个加了掩码的 “Hello”（§5.7），这次由服务器发出。';
          case 'reset':
            return '';
        }
      },
    },
  },
};
