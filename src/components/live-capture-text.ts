// Every word the live capture shows, in each language the site speaks. Byte counts and hex arrive filled in.
import type { Locale } from '../lib/i18n/locale.ts';

export interface LiveCaptureText {
  title: string;
  hint: string;
  loadFailed: string;
  labels: {
    message: string;
    sendAs: string;
    text: string;
    binary: string;
    quick: string;
    summary: string;
    hex: string;
  };
  send: string;
  annotated: string;
  unmaskCaption: (steps: number) => string;
  unmaskColumns: [string, string, string, string, string];
  keyCell: (key: string, index: number) => string;
  quickLabel: { empty: string; overLimit: (size: number) => string; bytes: (size: number) => string };
  status: { connecting: (url: string) => string; sent: (bytes: number) => string; captured: (index: number) => string };
  kinds: { text: string; binary: string; opcode: (hex: string) => string };
  noKey: string;
  key: (hex: string) => string;
  capture: (index: number, kind: string, total: number, header: number, encoding: string, key: string, payload: number) => string;
  automaticPong: (index: number, bytes: number) => string;
  moreHex: (rest: number) => string;
  tooBig: (lastSentBytes: number) => string;
  closed: (code: number, reason: string) => string;
  /** The server says it in English; English pages show its sentence as sent. */
  budgetUsed: (budgetBytes: number, serverMessage: string) => string;
}

export const LIVE_CAPTURE_TEXT: Record<Locale, LiveCaptureText> = {
  en: {
    title: 'Live capture',
    loadFailed: 'The live capture could not load its code: the site could not be reached. Reload the page to try again.',
    hint: "Nothing connects until you press Send. The demo server reports the frame your browser sent, byte for byte, with the browser's own random mask.",
    labels: {
      message: 'Message',
      sendAs: 'Send as',
      text: 'Text',
      binary: "Binary (the message's UTF-8 bytes)",
      quick: 'Quick messages at the length boundaries',
      summary: 'Captured frame',
      hex: 'Bytes as the server received them (hex)',
    },
    send: 'Send',
    annotated: 'Every byte, annotated',
    unmaskCaption: (steps) => `Unmasking the first ${steps} payload bytes: byte i XOR key byte (i mod 4) (§5.3)`,
    unmaskColumns: ['Byte', 'On the wire', 'Key byte', 'XOR result', 'Character'],
    keyCell: (key, index) => `${key} (key[${index}])`,
    quickLabel: { empty: 'Empty message', overLimit: (size) => `${size} bytes (over the limit)`, bytes: (size) => `${size} bytes` },
    status: {
      connecting: (url) => `Connecting to ${url}…`,
      sent: (bytes) => `Sent ${bytes} bytes; waiting for the server's report…`,
      captured: (index) => `Captured frame ${index}.`,
    },
    kinds: { text: 'text', binary: 'binary', opcode: (hex) => `opcode 0x${hex}` },
    noKey: 'no masking key',
    key: (hex) => `masking key ${hex}`,
    capture: (index, kind, total, header, encoding, key, payload) =>
      `Frame ${index} (${kind}): ${total} bytes on the wire, ${header} of header (${encoding} length, ${key}) and ${payload} of payload.`,
    automaticPong: (index, bytes) =>
      `Frame ${index} was a Pong your browser sent by itself, answering the server's heartbeat Ping (§5.5.2): ${bytes} bytes. The page's API never sees it.`,
    moreHex: (rest) => ` … and ${rest} more bytes, every one of them in the annotation below`,
    tooBig: (lastSentBytes) =>
      `The server closed the connection with 1009 (Message Too Big): the last message was ${lastSentBytes} bytes, more than it accepts (§7.4.1, §10.4). Press Send to reconnect.`,
    closed: (code, reason) => `The connection closed with ${code}${reason ? `: "${reason}"` : ''}. Press Send to reconnect.`,
    budgetUsed: (_, serverMessage) => serverMessage,
  },
  'zh-CN': {
    title: '实时抓包',
    loadFailed: '实时抓包没能加载它的代码：无法连接到本站。请刷新页面再试。',
    hint: '按下“发送”之前不会建立任何连接。演示服务器逐字节报告你的浏览器发出的帧，掩码键是浏览器自己随机挑选的。',
    labels: {
      message: '消息',
      sendAs: '发送类型',
      text: '文本',
      binary: '二进制（消息的 UTF-8 字节）',
      quick: '长度边界上的快捷消息',
      summary: '抓到的帧',
      hex: '服务器收到的字节（十六进制）',
    },
    send: '发送',
    annotated: '逐字节注解',
    unmaskCaption: (steps) => `去掉前 ${steps} 个载荷字节的掩码：第 i 字节与掩码键的第 (i mod 4) 字节异或（§5.3）`,
    unmaskColumns: ['字节', '线路上', '掩码键字节', '异或结果', '字符'],
    keyCell: (key, index) => `${key}（key[${index}]）`,
    quickLabel: { empty: '空消息', overLimit: (size) => `${size} 字节（超出上限）`, bytes: (size) => `${size} 字节` },
    status: {
      connecting: (url) => `正在连接 ${url}……`,
      sent: (bytes) => `已发送 ${bytes} 字节；正在等待服务器的报告……`,
      captured: (index) => `抓到第 ${index} 帧。`,
    },
    kinds: { text: '文本', binary: '二进制', opcode: (hex) => `操作码 0x${hex}` },
    noKey: '没有掩码键',
    key: (hex) => `掩码键 ${hex}`,
    capture: (index, kind, total, header, encoding, key, payload) =>
      `第 ${index} 帧（${kind}）：线路上共 ${total} 字节，其中帧头 ${header} 字节（${encoding}长度，${key}），载荷 ${payload} 字节。`,
    automaticPong: (index, bytes) =>
      `第 ${index} 帧是你的浏览器自动发出的 Pong，回应服务器的心跳 Ping（§5.5.2）：${bytes} 字节。页面的 API 永远看不到它。`,
    moreHex: (rest) => ` …… 另有 ${rest} 字节，下面的注解里逐一列出`,
    tooBig: (lastSentBytes) =>
      `服务器以 1009（消息过大）关闭了连接：上一条消息有 ${lastSentBytes} 字节，超出了它接受的长度（§7.4.1、§10.4）。按“发送”重新连接。`,
    closed: (code, reason) => `连接以 ${code} 关闭${reason ? `：“${reason}”` : ''}。按“发送”重新连接。`,
    budgetUsed: (budgetBytes) => `这条连接已用完报告帧的预算（${budgetBytes} 字节）。重新连接即可继续查看。`,
  },
};

/** How the length encoding reads inside the capture sentence: "7-bit" / "7 位". */
export const LENGTH_ENCODING_WORDS: Record<Locale, Record<'7-bit' | '16-bit' | '64-bit', string>> = {
  en: { '7-bit': '7-bit', '16-bit': '16-bit', '64-bit': '64-bit' },
  'zh-CN': { '7-bit': '7 位', '16-bit': '16 位', '64-bit': '64 位' },
};
