// Every word the deflate inspector shows, in each language the site speaks. Sizes arrive as numbers; the table words them.
import { describeDemoError, splitDemoReason } from '../lib/i18n/demo-error-text.ts';
import { formatInteger, type Locale } from '../lib/i18n/locale.ts';

export interface DeflateInspectorText {
  title: string;
  hint: string;
  labels: {
    message: string;
    windowChoice: string;
    contextOn: string;
    contextOff: string;
    negotiation: string;
    offer: string;
    answer: string;
    agreement: string;
    table: string;
    clientHex: string;
    clientTail: string;
    clientAnnotated: string;
    serverHex: string;
    serverTail: string;
    serverAnnotated: string;
  };
  send: string;
  sendTwice: string;
  bomb: (kib: number) => string;
  columns: [string, string, string, string, string];
  kept: string;
  reset: string;
  none: string;
  bytes: (count: number) => string;
  negotiation: {
    noOffer: string;
    noAnswer: string;
    unparsable: (side: 'offer' | 'answer', reason: string) => string;
    noParameters: (extension: string) => string;
    /** A parameter as written, what it means, its section, and the rule it breaks if any. */
    parameter: (written: string, meaning: string, section: string, problem: string | undefined) => string;
    notOffered: string;
    declined: string;
    agreed: (server: { keeps: boolean; kib: number }, client: { keeps: boolean; kib: number }) => string;
  };
  notCompressed: string;
  payloadCell: {
    uncompressed: (bytes: number) => string;
    plain: (bytes: number) => string;
    share: (bytes: number, percent: number) => string;
  };
  compare: {
    shorter: (saved: number) => string;
    notShorter: (last: number, before: number) => string;
    reset: (bytes: number) => string;
  };
  status: {
    connecting: (url: string) => string;
    sent: (round: number) => string;
    round: (round: number, messageBytes: number, browserBytes: number, serverBytes: number) => string;
  };
  cannotInflate: (error: string) => string;
  violation: (id: string, section: string, explanation: string) => string;
  budgetUsed: (budgetBytes: number, serverMessage: string) => string;
  close: {
    unreachable: (url: string) => string;
    tooBig: (limitBytes: number, frameBytes: number | null) => string;
    other: (code: number, reason: string) => string;
  };
  /** The close reason the page sends when the reader changes the window setting (at most 123 bytes of UTF-8). */
  settingChangedReason: string;
}

const zhInt = (n: number) => formatInteger(n, 'zh-CN');

export const DEFLATE_INSPECTOR_TEXT: Record<Locale, DeflateInspectorText> = {
  en: {
    title: 'Deflate inspector',
    hint: 'Nothing connects until you press Send. The demo server negotiates permessage-deflate with your browser, echoes your message compressed, and reports both compressed frames as they crossed the wire.',
    labels: {
      message: 'Message',
      windowChoice: "The server's window between messages",
      contextOn: 'Kept (context takeover)',
      contextOff: 'Reset after each message (server_no_context_takeover)',
      negotiation: 'The negotiation (RFC 7692 §5, §7.1)',
      offer: 'Offered by your browser (Sec-WebSocket-Extensions)',
      answer: 'Answered by the server',
      agreement: 'What was agreed',
      table: 'Sizes, message by message',
      clientHex: "Your browser's last frame, as the server received it (hex)",
      clientTail: 'Its DEFLATE data, unmasked, with 00 00 ff ff put back for inflating (RFC 7692 §7.2.2)',
      clientAnnotated: "Your browser's frame, every byte annotated",
      serverHex: "The server's last frame, as ws wrote it (hex)",
      serverTail: 'Its DEFLATE data with 00 00 ff ff put back (RFC 7692 §7.2.2)',
      serverAnnotated: "The server's frame, every byte annotated",
    },
    send: 'Send',
    sendTwice: 'Send twice',
    bomb: (kib) => `Send ${kib} KiB of spaces (inflates past the server's limit)`,
    columns: ['Round', 'Message', "Server's window", "Your browser's frame payload", "The server's frame payload"],
    kept: 'kept',
    reset: 'reset',
    none: '(none)',
    bytes: (count) => `${count} bytes`,
    negotiation: {
      noOffer: 'Your browser sent no Sec-WebSocket-Extensions header, so it offered no extension.',
      noAnswer:
        'The server sent no Sec-WebSocket-Extensions header: no extension is in use, and every frame goes uncompressed (RFC 7692 §5).',
      unparsable: (side, reason) =>
        `${side === 'offer' ? 'Your browser offered' : 'The server answered with'} a header that does not parse: ${reason}`,
      noParameters: (extension) => `${extension}: with no parameters.`,
      parameter: (written, meaning, section, problem) => `${written}: ${meaning} (${section})${problem ? ` ${problem}` : ''}`,
      notOffered: 'Your browser did not offer permessage-deflate, so this connection is not compressed.',
      declined: 'The server declined permessage-deflate, so this connection is not compressed (RFC 7692 §5).',
      agreed: (server, client) => {
        const takeover = (on: boolean) => (on ? 'keeps its window from message to message' : 'starts every message afresh');
        return `permessage-deflate is on. The server ${takeover(server.keeps)} with a ${server.kib} KiB window; your browser ${takeover(client.keeps)} with at most ${client.kib} KiB.`;
      },
    },
    notCompressed: 'Not compressed: RSV1 is clear.',
    payloadCell: {
      uncompressed: (bytes) => `${bytes} bytes, sent uncompressed`,
      plain: (bytes) => `${bytes} bytes`,
      share: (bytes, percent) => `${bytes} bytes (${percent} % of the message)`,
    },
    compare: {
      shorter: (saved) =>
        `The server's second frame is ${saved} bytes shorter than its first: with context takeover, the repeat is a back-reference into the window the first one left (RFC 7692 §7.1.1, §7.2.3.2).`,
      notShorter: (last, before) =>
        `The server's second frame is no shorter than its first (${last} and ${before} bytes): the message is too short for a back-reference to save anything, or longer than the window.`,
      reset: (bytes) =>
        `The server's two frames are the same size (${bytes} bytes): with server_no_context_takeover it compresses every message from an empty window, so a repeat costs as much as the first (RFC 7692 §7.1.1.1).`,
    },
    status: {
      connecting: (url) => `Connecting to ${url}…`,
      sent: (round) => `Sent round ${round}; waiting for the server's reports…`,
      round: (round, messageBytes, browserBytes, serverBytes) =>
        `Round ${round}: ${messageBytes} bytes of message; your browser's frame carried ${browserBytes} bytes of payload and the server's ${serverBytes}.`,
    },
    cannotInflate: (error) => `This page could not inflate a frame: ${error}`,
    violation: (_id, _section, explanation) => explanation,
    budgetUsed: (_budgetBytes, serverMessage) => serverMessage,
    close: {
      unreachable: (url) =>
        `The demo server could not be reached at ${url}, or it refused the connection. Is it running? Both \`npm run dev\` and \`npm start\` start it.`,
      tooBig: (limitBytes, frameBytes) =>
        `The server closed the connection with 1009 (Message Too Big): the message inflated past the ${limitBytes} bytes /ws/deflate accepts${frameBytes === null ? '' : `, though its frame was only ${frameBytes} bytes on the wire`}. A server must judge the inflated size against its limit (RFC 6455 §10.4), or a small frame could make it allocate megabytes. Press Send to reconnect.`,
      other: (code, reason) => `The connection closed with ${code}${reason ? `: "${reason}"` : ''}. Press Send to reconnect.`,
    },
    settingChangedReason: 'The reader changed the window setting',
  },
  'zh-CN': {
    title: '压缩检查器',
    hint: '按下“发送”之前不会建立任何连接。演示服务器与你的浏览器商定 permessage-deflate，把你的消息压缩后回显，并报告两个方向上经过线路的压缩帧。',
    labels: {
      message: '消息',
      windowChoice: '服务器在两条消息之间的窗口',
      contextOn: '保留（上下文接管，context takeover）',
      contextOff: '每条消息后重置（server_no_context_takeover）',
      negotiation: '协商过程（RFC 7692 §5、§7.1）',
      offer: '你的浏览器提出的（Sec-WebSocket-Extensions）',
      answer: '服务器的应答',
      agreement: '商定的结果',
      table: '每条消息的大小',
      clientHex: '你的浏览器的最后一帧，服务器收到的样子（十六进制）',
      clientTail: '它的 DEFLATE 数据，已去掩码，补回 00 00 ff ff 以便解压（RFC 7692 §7.2.2）',
      clientAnnotated: '你的浏览器的帧，逐字节注解',
      serverHex: '服务器的最后一帧，ws 写出的样子（十六进制）',
      serverTail: '它的 DEFLATE 数据，补回 00 00 ff ff（RFC 7692 §7.2.2）',
      serverAnnotated: '服务器的帧，逐字节注解',
    },
    send: '发送',
    sendTwice: '发送两次',
    bomb: (kib) => `发送 ${zhInt(kib)} KiB 的空格（解压后超过服务器的上限）`,
    columns: ['轮次', '消息', '服务器的窗口', '你的浏览器的帧载荷', '服务器的帧载荷'],
    kept: '保留',
    reset: '重置',
    none: '（没有）',
    bytes: (count) => `${zhInt(count)} 字节`,
    negotiation: {
      noOffer: '你的浏览器没有发送 Sec-WebSocket-Extensions 头部，所以它没有提出任何扩展。',
      noAnswer: '服务器没有发送 Sec-WebSocket-Extensions 头部：没有启用任何扩展，每一帧都不压缩（RFC 7692 §5）。',
      unparsable: (side, reason) => `${side === 'offer' ? '你的浏览器提出' : '服务器应答'}的头部无法解析：${reason}`,
      noParameters: (extension) => `${extension}：没有参数。`,
      parameter: (written, meaning, section, problem) => `${written}：${meaning.replace(/。$/, '')}（${section}）。${problem ?? ''}`,
      notOffered: '你的浏览器没有提出 permessage-deflate，所以这个连接不压缩。',
      declined: '服务器拒绝了 permessage-deflate，所以这个连接不压缩（RFC 7692 §5）。',
      agreed: (server, client) => {
        const takeover = (on: boolean) => (on ? '在消息之间保留窗口' : '每条消息都从头开始');
        return `permessage-deflate 已启用。服务器${takeover(server.keeps)}，窗口为 ${zhInt(server.kib)} KiB；你的浏览器${takeover(client.keeps)}，窗口至多 ${zhInt(client.kib)} KiB。`;
      },
    },
    notCompressed: '没有压缩：RSV1 未置位。',
    payloadCell: {
      uncompressed: (bytes) => `${zhInt(bytes)} 字节，未压缩发送`,
      plain: (bytes) => `${zhInt(bytes)} 字节`,
      share: (bytes, percent) => `${zhInt(bytes)} 字节（消息的 ${percent}%）`,
    },
    compare: {
      shorter: (saved) =>
        `服务器的第二帧比第一帧短 ${zhInt(saved)} 字节：有了上下文接管，重复的内容成了对第一条消息留下的窗口的回指（RFC 7692 §7.1.1、§7.2.3.2）。`,
      notShorter: (last, before) =>
        `服务器的第二帧并不比第一帧短（${zhInt(last)} 和 ${zhInt(before)} 字节）：消息太短，回指省不下什么；或者消息比窗口还长。`,
      reset: (bytes) =>
        `服务器的两帧一样大（${zhInt(bytes)} 字节）：在 server_no_context_takeover 下，它从空窗口开始压缩每条消息，所以重复的消息和第一条一样贵（RFC 7692 §7.1.1.1）。`,
    },
    status: {
      connecting: (url) => `正在连接 ${url}…`,
      sent: (round) => `第 ${zhInt(round)} 轮已发送，正在等待服务器的报告…`,
      round: (round, messageBytes, browserBytes, serverBytes) =>
        `第 ${zhInt(round)} 轮：消息 ${zhInt(messageBytes)} 字节；你的浏览器的帧载荷 ${zhInt(browserBytes)} 字节，服务器的 ${zhInt(serverBytes)} 字节。`,
    },
    cannotInflate: (error) => `这个页面无法解压一个帧：${error}`,
    violation: (id, section, explanation) => `服务器报告了一处违反协议的地方（${id}，${section}）。（服务器原文：${explanation}）`,
    budgetUsed: (budgetBytes, serverMessage) =>
      `这个连接已经用完了 ${zhInt(budgetBytes)} 字节的报告额度，服务器会以 1008 关闭它。（服务器原文：${serverMessage}）`,
    close: {
      unreachable: (url) =>
        `无法连接到位于 ${url} 的演示服务器，或者它拒绝了连接。它在运行吗？\`npm run dev\` 和 \`npm start\` 都会启动它。`,
      tooBig: (limitBytes, frameBytes) =>
        `服务器以 1009（Message Too Big）关闭了连接：消息解压后超过了 /ws/deflate 接受的 ${zhInt(limitBytes)} 字节${frameBytes === null ? '' : `，尽管它的帧在线路上只有 ${zhInt(frameBytes)} 字节`}。服务器必须按解压后的大小对照上限（RFC 6455 §10.4），否则一个小小的帧就能让它分配几兆字节的内存。按“发送”即可重新连接。`,
      other: (code, reason) => `连接以 ${code} 关闭${reason ? `：${describeDemoReasonZh(reason)}` : ''}。按“发送”即可重新连接。`,
    },
    settingChangedReason: '读者改了窗口设置',
  },
};

/** A close reason on the Chinese page: a DEMO_ERR_… one gets its Chinese sentence, anything else is quoted as sent. */
function describeDemoReasonZh(reason: string): string {
  const { code, message } = splitDemoReason(reason);
  return code ? describeDemoError(code, message, 'zh-CN').replace(/。$/, '') : `“${reason}”`;
}
