// Every word the conformance matrix and its explanations show, in each language the site speaks; Autobahn's verdict names stay English.
import type { Verdict } from '../../conformance/cases/case-types.ts';
import { CATEGORIES } from '../../conformance/cases/index.ts';
import type { Explanation } from '../../conformance/matrix/explanations.ts';
import type { Tally } from '../../conformance/matrix/summary.ts';
import { formatInteger, type Locale } from '../lib/i18n/locale.ts';

/** Whether a matrix shows servers, or clients tested by the fuzzing server. */
export type MatrixKind = 'servers' | 'clients';

/** An explanation's words: its heading and its sentences. The English ones live in the explanation itself. */
export interface ExplanationWords {
  title: string;
  text: string;
}

export interface ConformanceText {
  /** What a cell counts, with the verdicts' meanings, and where compression runs (below the table). */
  caption: (kind: MatrixKind) => string;
  /** A row's library, language and version as the recorded run names them (`id` is the matrix's), in this language. */
  library: (id: string, english: string) => string;
  language: (english: string) => string;
  version: (english: string) => string;
  /** The head of the first column. */
  rowHead: Record<MatrixKind, string>;
  /** Column heads: the handshake column (ours) and the report links. */
  handshakeColumn: string;
  reportColumn: string;
  /** Autobahn's category names (and ours for `h`), shown as each column head's title. */
  categories: Record<string, string>;
  /** A category's tally for one row; the verdict names stay Autobahn's. */
  cell: (tally: Tally) => string;
  /** Between a library's name and its cases under an explanation. */
  rowSeparator: string;
  /** One row's cases for one explanation, after its library's name: the verdict and which cases. */
  explainedCases: (verdict: Verdict, cases: readonly string[]) => string;
  /** Around the RFC sections an explanation cites, after its sentences; `separator` between two of them. */
  rfcReferences: { before: string; separator: string; after: string };
  /** An explanation's heading and sentences in this language. */
  explanation: (explanation: Explanation) => ExplanationWords;
}

/** The Chinese of Autobahn's category names (conformance/cases/index.ts). */
const CATEGORY_NAMES_ZH: Record<string, string> = {
  h: '握手',
  '1': '分帧',
  '2': 'Ping 与 Pong',
  '3': '保留位',
  '4': '操作码',
  '5': '分片',
  '6': 'UTF-8 处理',
  '7': '关闭处理',
  '9': '上限与性能',
  '10': '其他',
  '12': 'WebSocket 压缩，不同的载荷',
  '13': 'WebSocket 压缩，不同的参数',
};

/** The rows whose recorded names are English words, not only a library's name, by matrix id (servers and clients). */
const LIBRARY_NAMES_ZH: Record<string, string> = {
  'node-demo': '演示服务器（ws，带它的上限）',
  'node-workshop': '工作坊第 8 步的参考解答（只用 node: 模块）',
  'go-nhooyr': 'nhooyr.io/websocket（coder/websocket）',
  'ruby-faye': 'faye-websocket（运行在 Thin 上）',
  chromium: 'Chromium 的 WebSocket',
  firefox: 'Firefox 的 WebSocket',
  'node-websocket': 'Node 内置的 WebSocket（undici）',
};

/** How many case ids a row lists before it only counts the rest. */
const LISTED_CASES = 12;

/**
 * The Chinese of every explanation in conformance/matrix/explanations.ts and client-explanations.ts, by id; a test
 * keeps the ids in step. Quotations of libraries and of the RFC keep their English, with a rendering in parentheses.
 */
export const EXPLANATIONS_ZH: Record<string, ExplanationWords> = {
  'utf8-at-message-end': {
    title: '无效的 UTF-8 在一帧或一条消息的末尾才被发现，而不是在第一个坏字节处',
    text: '这些服务器在一帧或整条消息到齐之后才检查文本消息的 UTF-8，所以它们（以 1007）使连接失败的时间，比逐字节检查的服务器晚一秒。RFC 只要求端点在发现文本无效时使连接失败；Autobahn 把在第一个不可能出现的字节处就失败定为严格的解读，更晚的都算 NON-STRICT。双方都没有错：这些服务器是合规的。',
  },
  'echo-lost-before-failure': {
    title: '坏帧紧跟在一条好消息之后时，好消息的回显丢失了',
    text: '探测程序发送一条好的文本消息，紧接着发送一个违反规则的帧。这些服务器在写出第一条的回显之前就把两者都读了进来，然后使连接失败；而失败的连接不再发送数据，所以回显永远不会来。Autobahn 接受两种结果，把这一种称为 NON-STRICT。',
  },
  'spec-leaves-open': {
    title: 'RFC 没有规定的结果',
    text: '用例 7.1.6 在一条 256 KiB 的消息后面紧跟着发送一个 Close，回显是否在处理 Close 之前写出，由实现决定。用例 7.13.1 和 7.13.2 发送的关闭码（5000、65535）不在 RFC 定义的任何范围之内，而 RFC 没有说接收方这时该怎么办。Autobahn 把这些报告为 INFORMATIONAL，本套件也一样。',
  },
  'demo-limits': {
    title: '演示服务器和工作坊的参考解答拒绝它们的上限所拒绝的',
    text: '演示服务器接受最大 64 KiB 的消息、每条消息最多 128 个分片、每秒最多 100 条消息，超过就以 1009（Message Too Big）或 1008（Policy Violation）关闭；工作坊第 8 步要求读者的服务器设同样的 64 KiB 上限。第 9 类发送更大的消息（即使按默认缩小后的大小也是如此）、4096 个分片，或在几毫秒内往返 100 次，所以这些用例在这里按设计失败。RFC 要求端点设置这样的上限；Autobahn 注明，上限类用例失败并不违反协议。',
  },
  'demo-deflate-limit': {
    title: '演示服务器的 /ws/deflate 拒绝超过其 16 KiB 上限的压缩消息',
    text: '演示服务器在 /ws/deflate 上运行第 12 和 13 类，这个端点接受解压后最大 16 KiB 的消息，而 ws 在解压之前就拒绝比这更长的压缩帧。32 KiB 到 128 KiB 的消息，以及 16 KiB 近乎随机的字节（压缩后比原来还略大一点），这些用例都以它的 1009（Message Too Big）和它的 Close 结束，而不是探测程序的 Close。这是上限在履行职责：一个很小的压缩帧可以解压成若干兆字节，而 RFC 要求端点限制对端能让它占用的资源。每条更小的消息都以压缩形式完好地回来，第 13 类的每一种提议都是如此。',
  },
  'utf8-left-to-the-application': {
    title: 'gorilla 和 nhooyr 把 UTF-8 校验留给应用',
    text: '文本消息必须是有效的 UTF-8，端点收到无效的文本消息时必须使连接失败。gorilla/websocket 的文档说 “it is the application’s responsibility to ensure that text messages are valid UTF-8 encoded text”（确保文本消息是有效的 UTF-8 编码文本，是应用的责任），nhooyr.io/websocket 1.8.7 也没有这项检查，所以一个地道的回显服务器会把无效的文本原样发回。这里是服务器错了；应用的修法是对每条文本消息检查 utf8.Valid，并以 1007 关闭。',
  },
  'xnet-io-copy': {
    title: '用 io.Copy 的 x/net/websocket 拷贝的是字节，不是消息',
    text: '这个回显服务器就是包文档里的那个：io.Copy(ws, ws)。它把载荷字节拷进连接自身类型（文本）的帧里，所以二进制消息作为文本回来，空消息永远不会回来，分片的消息则拆成它自己的若干段回来。录下的字节还显示，它对 Close 的回应是直接断开 TCP，不发自己的 Close；对无效的文本和带保留位的帧，它照样回显，而不是使连接失败。Close、无效文本和保留位各自违反了 RFC 的一条 MUST（§5.5.1、§8.1、§5.2）；字节不是 UTF-8 时，二进制作为文本回来也违反一条（§5.6）；丢失的空消息和被拆开的分片消息只破坏了回显；这个包自己也说，与维护更积极的 nhooyr.io/websocket 相比，它 “lacks some features”（缺少一些功能）。',
  },
  'aiohttp-close-1006': {
    title: 'aiohttp 接受对端发来的关闭码 1006',
    text: '1006（abnormal closure，异常关闭）是留给 API 报告连接中断用的；它 “MUST NOT be set as a status code in a Close control frame by an endpoint”（端点不得把它设为 Close 控制帧中的关闭码）。RFC 6455 只约束发送方，没有为收到这种 Close 的接收方定规则；像 ws 那样以 1002 使连接失败，是常见的做法，也是 Autobahn 第 7 类所期待的。aiohttp 3.8 以一个普通的 Close（1000）回应它，所以这个用例失败。',
  },
  'short-key': {
    title: '大多数库接受一个不是 16 字节的 Sec-WebSocket-Key',
    text: '这个 key 必须是解码后为 16 字节的 base64 值，而不符合 RFC 描述的握手必须被拒绝。gorilla/websocket、x/net/websocket 和 nhooyr.io/websocket 只检查这个头部不为空（见 Debian 软件包中的 server.go、hybi.go 和 accept.go），Tornado 只检查它存在；faye-websocket 和 Jetty 也会升级它。于是十个库中有六个会升级一个 key 解码后只有 5 字节的请求，而 ws、websockets 和 aiohttp 以 400 拒绝它。因为有这么多库意见不一，我们重读了这条规则，它依然成立：升级的服务器错了。Accept 的值仍然算得对，所以客户端从不察觉，但这些服务器违反了一条 MUST。',
  },
  'version-refusal-without-version': {
    title: 'websockets 和 aiohttp 拒绝未知的版本时，不说自己支持哪些版本',
    text: '服务器不理解所请求的 Sec-WebSocket-Version 时，必须以 426 Upgrade Required 这样的 HTTP 错误拒绝握手，并带上一个列出它所理解版本的 Sec-WebSocket-Version 头部字段，好让客户端重试。这两个库都回答 400 Bad Request，不带这个头部字段。按要求拒绝了，但客户端没有被告知要用 13；这两个服务器在这个头部上错了。',
  },
  'faye-500': {
    title: 'Thin 上的 faye-websocket 对没有 key 的握手回答 500',
    text: '没有 Sec-WebSocket-Key 的握手是客户端的错，服务器必须以合适的状态码（例如 400 Bad Request）拒绝它。这里请求到达了 faye-websocket，它抛出异常，Thin 回答 500 Internal Server Error：拒绝了，但用的状态码把错归到了服务器头上。我们的用例要求 4xx。',
  },
  'faye-any-version': {
    title: 'faye-websocket 升级了一个版本未知的握手',
    text: '请求 Sec-WebSocket-Version: 99（没有任何草案或 RFC 定义过这个版本）时，faye-websocket 0.11 回答 101，照样说版本 13。服务器必须拒绝它不理解的版本，并带上一个 Sec-WebSocket-Version 头部字段，列出它理解的版本；这个服务器错了。',
  },
  'client-chromium-1002': {
    title: 'Chromium 遇到无效的 UTF-8 时以 1002 而不是 1007 使连接失败',
    text: 'Chromium 立即发现无效的文本（即使在一帧的中间，Autobahn 把这定为严格的解读），并使连接失败，但它的 Close 帧带的是 1002（protocol error），而 RFC 为 “non-UTF-8 data within a text message”（文本消息中的非 UTF-8 数据）定义的是 1007。使连接失败正是 RFC 的要求，而它只要求 “an appropriate status code”（一个合适的关闭码），所以 Autobahn 把这个关闭码判为 WRONG CODE，把用例判为 NON-STRICT。Chromium 并不严格正确；对服务器来说什么也没坏，因为无论哪种方式，它都看到连接失败。',
  },
  'client-utf8-at-message-end': {
    title: '在一帧或一条消息的末尾、而不是在第一个坏字节处发现无效 UTF-8 的客户端',
    text: '用例 6.4.1–6.4.4 把无效的文本分三部分发送，每部分相隔一秒，第二部分使它无效。Firefox、Node 内置的 WebSocket 和 ws 在整条消息到齐后才检查文本消息，所以它们要到第三部分之后才使连接失败：Node 的客户端发出带 1007 的 Close，Firefox 则不发 Close 帧、直接关闭 TCP，这是 §7.1.7 允许的（“an endpoint MAY omit sending a Close frame”，端点可以不发送 Close 帧）。Python 的 websockets 在每一帧完整时检查，所以在各部分是独立帧的 6.4.1 和 6.4.2 中它很快失败，在各部分是同一帧的片段的 6.4.3 和 6.4.4 中则失败得晚。RFC 只要求端点在发现文本无效时使连接失败；Autobahn 把在第一个不可能出现的字节处就失败定为严格的解读。这些客户端是合规的。',
  },
  'client-echo-lost-before-failure': {
    title: '坏帧紧跟在好消息之后时，丢失了好消息回显的客户端',
    text: '模糊测试服务器发送一条好的文本消息，紧接着发送一个违反规则的帧。库在应用写出第一条的回显之前就把两者都读了进来，使连接失败，之后就什么也不再发送：使连接失败的端点不得继续处理数据。在 Chromium 和 Firefox 中，页面的消息处理函数在连接已经失败之后才运行，而在正在关闭的 socket 上调用 send() 什么也不会发送（WHATWG WebSockets 标准）。Autobahn 接受两种结果，把这一种称为 NON-STRICT；这些用例中碰上哪几个取决于时机，所以重新运行一次，可能会让其中某个在 OK 和 NON-STRICT 之间变动。',
  },
  'client-utf8-left-to-the-application': {
    title: 'gorilla 把 UTF-8 校验留给应用，它的客户端也是',
    text: '文本消息必须是有效的 UTF-8，端点收到无效的文本消息时必须使连接失败。gorilla/websocket 的读取器不做检查，客户端和服务器都一样（见服务器矩阵），所以一个地道的回显客户端会把无效的文本原样发回，模糊测试服务器只好关闭连接。这里是 gorilla 错了；应用的修法是对每条文本消息检查 utf8.Valid，并以 1007 关闭。',
  },
  'client-spec-leaves-open': {
    title: 'RFC 没有规定的客户端结果',
    text: '和服务器一样：一条大消息后面紧跟着一个 Close 时，回显是否在处理 Close 之前写出（7.1.6），以及接收方怎样对待 RFC 任何范围都没有定义的关闭码 5000 和 65535（7.13.1、7.13.2），都由实现决定。Autobahn 把这些报告为 INFORMATIONAL，本套件也一样。',
  },
};

export const CONFORMANCE_TEXT: Record<Locale, ConformanceText> = {
  en: {
    caption: (kind) =>
      `Each cell counts a category’s cases for one ${kind === 'clients' ? 'client' : 'server'}: how many passed strictly (OK), passed non-strictly, were informational, or failed. ` +
      (kind === 'clients'
        ? 'Compression (categories 12 and 13) is not run in client mode, and the handshake cases test servers only.'
        : 'Compression (categories 12 and 13) runs where a server accepts permessage-deflate: on the demo server, at /ws/deflate.'),
    library: (_id, english) => english,
    language: (english) => english,
    version: (english) => english,
    rowHead: { servers: 'Server', clients: 'Client' },
    handshakeColumn: 'Handshake',
    reportColumn: 'Report',
    categories: CATEGORIES,
    cell: (tally) => {
      if (tally.OK === tally.total) return `all ${formatInteger(tally.total, 'en')} OK`;
      const parts = [`${formatInteger(tally.OK, 'en')} OK`];
      if (tally['NON-STRICT'] > 0) parts.push(`${formatInteger(tally['NON-STRICT'], 'en')} non-strict`);
      if (tally.INFORMATIONAL > 0) parts.push(`${formatInteger(tally.INFORMATIONAL, 'en')} info`);
      if (tally.UNIMPLEMENTED > 0) parts.push(`${formatInteger(tally.UNIMPLEMENTED, 'en')} unimplemented`);
      if (tally.FAILED > 0) parts.push(`${formatInteger(tally.FAILED, 'en')} failed`);
      return parts.join(', ');
    },
    rowSeparator: ': ',
    explainedCases: (verdict, cases) => {
      const listed =
        cases.length > LISTED_CASES
          ? `${cases.slice(0, LISTED_CASES).join(', ')} and ${cases.length - LISTED_CASES} more`
          : cases.join(', ');
      return `${verdict.toLowerCase()} in ${cases.length === 1 ? 'case' : `${cases.length} cases`} ${listed}`;
    },
    rfcReferences: { before: ' (', separator: ', ', after: '.)' },
    explanation: ({ title, text }) => ({ title, text }),
  },
  'zh-CN': {
    caption: (kind) =>
      `每个单元格统计一个${kind === 'clients' ? '客户端' : '服务器'}在一个类别中的用例：严格通过（OK）、非严格通过（NON-STRICT）、仅供参考（INFORMATIONAL）和失败（FAILED）的各有多少。` +
      (kind === 'clients'
        ? '压缩（第 12 和 13 类）不在客户端模式下运行，握手用例只测试服务器。'
        : '压缩（第 12 和 13 类）在接受 permessage-deflate 的服务器上运行：在演示服务器上，是 /ws/deflate。'),
    library: (id, english) => LIBRARY_NAMES_ZH[id] ?? english,
    language: (english) => (english === 'Browser' ? '浏览器' : english),
    // `Node 24.21.0, node: modules only`: the versions stay, the words and the comma become Chinese.
    version: (english) => english.replace(', node: modules only', '，只用 node: 模块').replaceAll(', ', '，'),
    rowHead: { servers: '服务器', clients: '客户端' },
    handshakeColumn: '握手',
    reportColumn: '报告',
    // Chinese first, then Autobahn's own name, which its reports and every implementation's issues use.
    categories: Object.fromEntries(Object.entries(CATEGORY_NAMES_ZH).map(([id, zh]) => [id, `${zh}（${CATEGORIES[id]}）`])),
    cell: (tally) => {
      if (tally.OK === tally.total) return `全部 ${formatInteger(tally.total, 'zh-CN')} 个 OK`;
      const count = (n: number, verdict: string) => `${formatInteger(n, 'zh-CN')} 个 ${verdict}`;
      const parts = [count(tally.OK, 'OK')];
      for (const verdict of ['NON-STRICT', 'INFORMATIONAL', 'UNIMPLEMENTED', 'FAILED'] as const) {
        if (tally[verdict] > 0) parts.push(count(tally[verdict], verdict));
      }
      return parts.join('、');
    },
    rowSeparator: '：',
    explainedCases: (verdict, cases) => {
      if (cases.length === 1) return `用例 ${cases[0]} 判为 ${verdict}`;
      const listed =
        cases.length > LISTED_CASES
          ? `${cases.slice(0, LISTED_CASES).join('、')}，另有 ${cases.length - LISTED_CASES} 个`
          : cases.join('、');
      return `${cases.length} 个用例判为 ${verdict}：${listed}`;
    },
    rfcReferences: { before: '（', separator: '、', after: '）' },
    explanation: (explanation) => {
      const words = EXPLANATIONS_ZH[explanation.id];
      // A build that would show an English explanation on a Chinese page fails here instead.
      if (words === undefined) throw new Error(`conformance-text.ts: no Chinese for the explanation ${explanation.id}`);
      return words;
    },
  },
};
