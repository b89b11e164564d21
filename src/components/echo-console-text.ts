// Every word the echo console shows, in each language the site speaks: labels, buttons, log lines and the rules an
// input breaks. API names (readyState, open, close, wasClean, send()) stay as the API spells them in both.
import type { Locale } from '../lib/i18n/locale.ts';

/** One piece of a sentence that mixes prose, code and a link, so the .astro can render each as it should. */
export type NotePart = { text: string } | { code: string } | { link: string };

export interface EchoConsoleText {
  title: string;
  hint: string;
  labels: {
    url: string;
    protocols: string;
    closeCode: string;
    closeReason: string;
    message: string;
    sendAs: string;
    kindText: string;
    kindUtf8: string;
    kindHex: string;
    log: string;
  };
  protocolsPlaceholder: string;
  buttons: { connect: string; disconnect: string; decline: string; send: string; flood: string; clear: string };
  declineNote: NotePart[];
  /** What the close reason and message fields hold at first. */
  defaultCloseReason: string;
  defaultMessage: string;
  arrows: { sent: string; received: string; event: string };
  /** The label that opens a log entry's bytes. */
  hexSummary: string;
  log: {
    connecting: (url: string, offered: readonly string[], declineExpected: boolean) => string;
    error: string;
    text: (bytes: number, data: string) => string;
    binary: (bytes: number, preview: string) => string;
    moreBytes: (bytes: number) => string;
    noBytes: string;
    /** A close event's fields; `reason` is already worded (quoted, or a refusal explained). */
    close: (code: number, reason: string | undefined, wasClean: boolean) => string;
    /** A close reason as the page received it. */
    quotedReason: (reason: string) => string;
    dropped: string;
    /** A log line's summary followed by the sentence that explains it. */
    explained: (summary: string, sentence: string) => string;
    open: (protocol: string, extensions: string) => string;
    openNamedNone: (offered: readonly string[]) => string;
    openPicked: (protocol: string, firstChoice: boolean) => string;
    declinedOpened: string;
    declinedFailed: string;
    flood: (messages: number, bytesEach: number, bufferedAfter: number) => string;
    drained: (ms: number) => string;
  };
  rules: {
    subprotocolCharacter: (name: string, character: string) => string;
    subprotocolTwice: (name: string) => string;
    hexDigit: (character: string) => string;
    hexOdd: (digits: number) => string;
    closeCode: (typed: string) => string;
    reasonNeedsCode: string;
    reasonTooLong: (bytes: number, maxBytes: number) => string;
  };
}

export const ECHO_CONSOLE_TEXT: Record<Locale, EchoConsoleText> = {
  en: {
    title: 'Echo console',
    hint: 'Nothing connects until you press Connect. Whatever you send comes straight back, and the log shows every byte.',
    labels: {
      url: 'URL:',
      protocols: 'Subprotocols to offer',
      closeCode: 'Close code',
      closeReason: 'Close reason',
      message: 'Message',
      sendAs: 'Send as',
      kindText: 'Text',
      kindUtf8: "Binary: the text's UTF-8 bytes",
      kindHex: 'Binary: hex bytes',
      log: 'Message log',
    },
    protocolsPlaceholder: 'none; for example chat.v2, chat.v1',
    buttons: {
      connect: 'Connect',
      disconnect: 'Disconnect',
      decline: 'Offer a subprotocol the server does not speak',
      send: 'Send',
      flood: 'Send 10 × 60 KiB',
      clear: 'Clear log',
    },
    declineNote: [
      { text: 'That button offers ' },
      { code: 'x-unknown' },
      { text: ' to ' },
      { code: '/ws/lab' },
      { text: ', which speaks no subprotocol. WHATWG says the browser must then fail the connection: ' },
      { code: 'error' },
      { text: ', then ' },
      { code: 'close' },
      { text: ' 1006, and no ' },
      { code: 'open' },
      { text: '. ' },
      { link: 'What Chromium and Firefox do' },
      { text: ' shows whether they do.' },
    ],
    defaultCloseReason: 'Reader pressed Disconnect',
    defaultMessage: 'Hello, WebSocket',
    arrows: { sent: '→ sent', received: '← received', event: '• event' },
    hexSummary: 'hex',
    log: {
      connecting: (url, offered, declineExpected) =>
        `connecting to ${url}${offered.length ? `, offering ${offered.join(', ')}` : ''}${declineExpected ? ', which /ws/lab does not speak' : ''}`,
      error: 'error (the event carries no message)',
      text: (bytes, data) => `text (${bytes} bytes): ${data}`,
      binary: (bytes, preview) => `binary (${bytes} bytes): ${preview}`,
      moreBytes: (bytes) => `… and ${bytes} more bytes`,
      noBytes: '(no bytes)',
      close: (code, reason, wasClean) => `close: code ${code}${reason ? `, reason ${reason}` : ''}, wasClean ${wasClean}`,
      quotedReason: (reason) => `"${reason}"`,
      dropped: 'The connection dropped without a close handshake.',
      explained: (summary, sentence) => `${summary}. ${sentence}`,
      open: (protocol, extensions) => `open: protocol "${protocol}", extensions "${extensions}"`,
      openNamedNone: (offered) =>
        `You offered ${offered.join(', ')} and the server's 101 named none (RFC 6455 §4.2.2, step 4). WHATWG says a browser must then fail the connection, so that open never fires; this browser opened it anyway, with protocol "". The engine table shows which engines do which.`,
      openPicked: (protocol, firstChoice) =>
        `The server picked "${protocol}"${firstChoice ? ', your first choice' : ''} from what you offered (RFC 6455 §4.2.2, step 4). /ws/echo runs on ws, which, unless the server gives it a handleProtocols hook, accepts the first name offered, whether or not the server speaks it.`,
      declinedOpened: 'The connection had opened, although the server chose none of the subprotocols offered.',
      declinedFailed:
        'The server answered 101 but chose none of the subprotocols offered, so this browser failed the connection, as WHATWG says it must: error, then close 1006, and open never fired. A page cannot tell this from a server that is down; only the 101 response shows it.',
      flood: (messages, bytesEach, bufferedAfter) =>
        `queued ${messages} binary messages of ${bytesEach} bytes; bufferedAmount just after the last send(): ${bufferedAfter} bytes`,
      drained: (ms) => `bufferedAmount back to 0 after ${ms} ms: the browser has handed every byte to the network`,
    },
    rules: {
      subprotocolCharacter: (name, character) =>
        `The subprotocol "${name}" contains ${JSON.stringify(character)}. A subprotocol name is printable ASCII (U+0021 to U+007E) without HTTP separators such as ( ) < > @ ; : / [ ] ? = { } " (RFC 6455 §4.1, item 10).`,
      subprotocolTwice: (name) => `The subprotocol "${name}" is offered twice. Each name may appear once (RFC 6455 §4.1, item 10).`,
      hexDigit: (character) =>
        `'${character}' is not a hex digit. A binary message is written as pairs of hex digits (0–9, a–f), one pair per byte, such as 48 69.`,
      hexOdd: (digits) => `That is ${digits} hex digits, an odd number. Every byte is exactly two hex digits, such as 48 69.`,
      closeCode: (typed) =>
        `A page may close with code 1000 or a code from 3000 to 4999, and "${typed}" is neither; the browser would throw an InvalidAccessError (WHATWG WebSockets, close()). Codes 1001 to 2999 are reserved for the protocol and its extensions (RFC 6455 §7.4.2).`,
      reasonNeedsCode:
        'A reason needs a code: a Close frame carries the 2-byte code first and the reason after it (RFC 6455 §5.5.1). Enter 1000 or a code from 3000 to 4999, or clear the reason.',
      reasonTooLong: (bytes, maxBytes) =>
        `The reason is ${bytes} bytes in UTF-8, and a close reason may be at most ${maxBytes}: a Close frame carries at most 125 bytes, 2 of them the code (RFC 6455 §5.5, §5.5.1). The browser would throw a SyntaxError.`,
    },
  },
  'zh-CN': {
    title: '回显控制台',
    hint: '按下“连接”之前什么都不会连接。你发出的一切都会原样回来，日志显示每一个字节。',
    labels: {
      url: 'URL：',
      protocols: '要提出的子协议',
      closeCode: '关闭码',
      closeReason: '关闭原因',
      message: '消息',
      sendAs: '发送为',
      kindText: '文本',
      kindUtf8: '二进制：文本的 UTF-8 字节',
      kindHex: '二进制：十六进制字节',
      log: '消息日志',
    },
    protocolsPlaceholder: '无；例如 chat.v2, chat.v1',
    buttons: {
      connect: '连接',
      disconnect: '断开',
      decline: '提出一个服务器不支持的子协议',
      send: '发送',
      flood: '发送 10 × 60 KiB',
      clear: '清空日志',
    },
    declineNote: [
      { text: '这个按钮向不支持任何子协议的 ' },
      { code: '/ws/lab' },
      { text: ' 提出 ' },
      { code: 'x-unknown' },
      { text: '。WHATWG 规定浏览器此时必须让连接失败：先 ' },
      { code: 'error' },
      { text: '，再 ' },
      { code: 'close' },
      { text: ' 1006，没有 ' },
      { code: 'open' },
      { text: '。' },
      { link: 'Chromium 和 Firefox 实际怎么做' },
      { text: '一页显示它们是否照做。' },
    ],
    defaultCloseReason: '读者按下了断开',
    defaultMessage: '你好，WebSocket',
    arrows: { sent: '→ 发出', received: '← 收到', event: '• 事件' },
    hexSummary: '十六进制',
    log: {
      connecting: (url, offered, declineExpected) =>
        `正在连接 ${url}${offered.length ? `，提出 ${offered.join(', ')}` : ''}${declineExpected ? '，而 /ws/lab 不支持它' : ''}`,
      error: 'error（这个事件不带任何说明）',
      text: (bytes, data) => `文本（${bytes} 字节）：${data}`,
      binary: (bytes, preview) => `二进制（${bytes} 字节）：${preview}`,
      moreBytes: (bytes) => `… 还有 ${bytes} 字节`,
      noBytes: '（没有字节）',
      close: (code, reason, wasClean) => `close：关闭码 ${code}${reason ? `，原因 ${reason}` : ''}，wasClean ${wasClean}`,
      quotedReason: (reason) => `“${reason}”`,
      dropped: '连接在没有关闭握手的情况下断开了。',
      explained: (summary, sentence) => `${summary}。${sentence}`,
      open: (protocol, extensions) => `open：protocol "${protocol}"，extensions "${extensions}"`,
      openNamedNone: (offered) =>
        `你提出了 ${offered.join(', ')}，而服务器的 101 一个也没有选（RFC 6455 §4.2.2，第 4 步）。WHATWG 规定浏览器此时必须让连接失败，所以这个 open 本不该触发；这个浏览器却照样打开了连接，protocol 为 ""。引擎表显示了哪些引擎怎么做。`,
      openPicked: (protocol, firstChoice) =>
        `服务器从你提出的子协议中选了 "${protocol}"${firstChoice ? '，也就是你的首选' : ''}（RFC 6455 §4.2.2，第 4 步）。/ws/echo 运行在 ws 上；除非服务器给它一个 handleProtocols 钩子，ws 会接受提出的第一个名字，不管服务器是否真的支持它。`,
      declinedOpened: '服务器没有选任何一个提出的子协议，连接却打开过。',
      declinedFailed:
        '服务器回答了 101，却没有选任何一个提出的子协议，所以这个浏览器让连接失败了，正如 WHATWG 所要求：先 error，再 close 1006，open 从未触发。页面无法把这种情况和服务器宕机区分开；只有那个 101 响应能说明。',
      flood: (messages, bytesEach, bufferedAfter) =>
        `已排队 ${messages} 条各 ${bytesEach} 字节的二进制消息；最后一次 send() 刚返回时 bufferedAmount 为 ${bufferedAfter} 字节`,
      drained: (ms) => `${ms} 毫秒后 bufferedAmount 回到 0：浏览器已把每一个字节交给了网络`,
    },
    rules: {
      subprotocolCharacter: (name, character) =>
        `子协议 "${name}" 含有 ${JSON.stringify(character)}。子协议名只能由可打印 ASCII 字符（U+0021 到 U+007E）组成，不能含 ( ) < > @ ; : / [ ] ? = { } " 这类 HTTP 分隔符（RFC 6455 §4.1，第 10 项）。`,
      subprotocolTwice: (name) => `子协议 "${name}" 提出了两次。每个名字只能出现一次（RFC 6455 §4.1，第 10 项）。`,
      hexDigit: (character) => `'${character}' 不是十六进制数字。二进制消息写成成对的十六进制数字（0–9、a–f），每对一个字节，例如 48 69。`,
      hexOdd: (digits) => `这是 ${digits} 个十六进制数字，是奇数个。每个字节正好是两个十六进制数字，例如 48 69。`,
      closeCode: (typed) =>
        `页面只能用关闭码 1000 或 3000 到 4999 之间的关闭码关闭连接，而 "${typed}" 两者都不是；浏览器会抛出 InvalidAccessError（WHATWG WebSockets，close()）。1001 到 2999 留给协议本身和它的扩展（RFC 6455 §7.4.2）。`,
      reasonNeedsCode:
        '有原因就必须有关闭码：Close 帧先携带 2 字节的关闭码，原因跟在后面（RFC 6455 §5.5.1）。请填入 1000 或 3000 到 4999 之间的关闭码，或者清空原因。',
      reasonTooLong: (bytes, maxBytes) =>
        `这个原因的 UTF-8 编码有 ${bytes} 字节，而关闭原因最多 ${maxBytes} 字节：Close 帧最多携带 125 字节，其中 2 字节是关闭码（RFC 6455 §5.5、§5.5.1）。浏览器会抛出 SyntaxError。`,
    },
  },
};
