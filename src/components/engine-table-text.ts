// Every word the engine table shows, in each language the site speaks; the recorded observations stay as recorded.
import type { Locale } from '../lib/i18n/locale.ts';

/** A row's reader-facing words: the situation the test set up, and the rule it is about. */
export interface EngineRowText {
  situation: string;
  rule: string;
}

export interface EngineTableText {
  /** The caption, around the engines and versions the tests ran ("Chromium 156.0… and Firefox ESR 153…"). */
  caption: (engines: string[]) => string;
  columns: { situation: string; same: string };
  same: { yes: string; no: string };
  labels: { page: string; wire: string };
  /**
   * Each row's words by its fact id (src/data/engines.json). English has none: its words are the definitions the
   * tests wrote, so they cannot drift from what was tested.
   */
  rows?: Record<string, EngineRowText>;
  /** A source link's label in this language; English keeps the label the definition gives. */
  sourceLabel: (label: string) => string;
  /**
   * A recorded observation ("close 1006 (not clean)", "no frame") in this language: event names, close codes and
   * payloads stay as the browser gave them. `undefined` for a phrase the table has no words for yet.
   */
  observation: (recorded: string) => string | undefined;
}

/** The rule every close-code row shares: what RFC 6455 leaves to the receiver. */
const RECEIVER_LEFT_OPEN = 'RFC 6455 没有规定收到这种关闭码的一方必须做什么；它表示协议错误的关闭码是 1002（§7.4.1）。';

const mustNotBeSent = (code: number): EngineRowText => ({
  situation: `服务器发送关闭码为 ${code} 的 Close 帧`,
  rule: `端点不得（MUST NOT）在 Close 控制帧中把 ${code} 设为关闭码（RFC 6455 §7.4.1）。${RECEIVER_LEFT_OPEN}`,
});

const unassigned = (code: number): EngineRowText => ({
  situation: `服务器发送关闭码为 ${code} 的 Close 帧`,
  rule: `${code} 尚未分配：1000–2999 留给本协议及其扩展，通过 IANA 分配（RFC 6455 §7.4.2）。${RECEIVER_LEFT_OPEN}`,
});

/** Chinese words for the phrases tests/e2e/engine-facts.ts and scripts/record-browser-support.ts record. */
const ZH_OBSERVATIONS: Record<string, string> = {
  'no frame': '没有帧',
  'Close with no code': '不带关闭码的 Close 帧',
  'TLS handshake refused by the server': '服务器拒绝了 TLS 握手',
  'HTTP/2 CONNECT with :protocol websocket': '带 :protocol websocket 的 HTTP/2 CONNECT',
  'page loaded over h2': '页面经 h2 加载',
  'feature check: the constructor exists': '特性检测：构造函数存在',
  'feature check: no constructor': '特性检测：没有构造函数',
};

/** Chinese words for a recorded observation, or undefined when there are none. */
function zhObservation(recorded: string): string | undefined {
  if (recorded in ZH_OBSERVATIONS) return ZH_OBSERVATIONS[recorded];
  // What the page saw, in the notation of the API: event names and values as the browser reported them.
  const close = /^close (\d+) \((clean|not clean)\)(.*)$/.exec(recorded);
  if (close) return `close ${close[1]}（wasClean 为 ${close[2] === 'clean'}）${close[3]}`;
  if (/^(open \(protocol ".*"\)|error|message ".*"|Close \d+)$/.test(recorded)) return recorded;
  return undefined;
}

const ZH_SOURCE_LABELS: Record<string, string> = {
  'WHATWG WebSockets: establish a connection': 'WHATWG WebSockets：建立连接',
  'WHATWG WebSockets: feedback from the protocol': 'WHATWG WebSockets：来自协议的反馈',
};

export const ENGINE_TABLE_TEXT: Record<Locale, EngineTableText> = {
  en: {
    caption: (engines) => `What ${engines.join(' and ')} did, as the site's tests observed it`,
    columns: { situation: 'What happened, and the rule', same: 'Same?' },
    same: { yes: 'yes', no: 'no' },
    labels: { page: 'Page:', wire: 'Wire:' },
    sourceLabel: (label) => label,
    observation: (recorded) => recorded,
  },
  'zh-CN': {
    caption: (engines) => `本站测试观察到的 ${engines.join(' 和 ')} 的行为`,
    columns: { situation: '发生了什么，依据哪条规则', same: '相同？' },
    same: { yes: '是', no: '否' },
    labels: { page: '页面：', wire: '线路：' },
    sourceLabel: (label) => ZH_SOURCE_LABELS[label] ?? label,
    observation: zhObservation,
    rows: {
      'non-minimal-16': {
        situation: '服务器用 16 位长度（126，然后是 0x0005）发送 "Hello"',
        rule: '长度必须（MUST）用最少的字节编码（RFC 6455 §5.2）；这条规则约束的是发送方，RFC 没有规定接收方该怎么做。',
      },
      'non-minimal-64': {
        situation: '服务器用 64 位长度（127，然后是 0x…05）发送 "Hello"',
        rule: '长度必须（MUST）用最少的字节编码（RFC 6455 §5.2）。',
      },
      'masked-server-frame': {
        situation: '服务器发送一个加了掩码的帧（RFC 中加了掩码的 "Hello"）',
        rule: '客户端一旦检测到加了掩码的帧，必须（MUST）关闭连接（RFC 6455 §5.1）。',
      },
      'close-1004': {
        situation: '服务器发送关闭码为 1004 的 Close 帧',
        rule: `1004 是“Reserved. The specific meaning might be defined in the future.”（保留，具体含义将来可能会定义。）（RFC 6455 §7.4.1）。${RECEIVER_LEFT_OPEN}`,
      },
      'close-1005': mustNotBeSent(1005),
      'close-1006': mustNotBeSent(1006),
      'close-1015': mustNotBeSent(1015),
      'close-1016': unassigned(1016),
      'close-2999': unassigned(2999),
      'close-5000': {
        situation: '服务器发送关闭码为 5000 的 Close 帧',
        rule: `5000 不在 RFC 6455 §7.4.2 定义的任何范围（0–4999）之内。${RECEIVER_LEFT_OPEN}`,
      },
      'invalid-utf8-text': {
        situation: '服务器发送一条不是 UTF-8 的文本消息（C3 28）',
        rule: '文本不是有效的 UTF-8 时，端点必须（MUST）使连接失败（RFC 6455 §8.1）；对应的关闭码是 1007，端点可以（MAY）使用它（§7.4.1）。',
      },
      'invalid-utf8-close-reason': {
        situation: '服务器发送 Close 1000，其关闭原因不是 UTF-8（C3 28）',
        rule: '关闭原因是 UTF-8（RFC 6455 §5.5.1）；无效的 UTF-8 意味着使连接失败（§8.1），对应的关闭码是 1007（§7.4.1）。',
      },
      'subprotocol-declined': {
        situation: '页面提议 x-unknown；服务器的 101 响应没有指定子协议',
        rule: '如果页面提议了子协议，而响应中没有 Sec-WebSocket-Protocol，浏览器必须使连接失败（WHATWG WebSockets，“establish a WebSocket connection”；RFC 6455 §4.1 把这交给客户端决定）。',
      },
      'tcp-reset': {
        situation: '服务器不发 Close 帧就断开 TCP 连接',
        rule: '连接没有经过关闭握手就关闭了：页面看到关闭码 1006，wasClean 为 false（RFC 6455 §7.1.5、§7.4.1；WHATWG）。',
      },
      'tls-handshake-failure': {
        situation: 'TLS 握手失败的 wss: 连接（服务器要求客户端证书）',
        rule: 'RFC 6455 §7.4.1 把 1015 留给 TLS 握手失败；WHATWG 要求浏览器使连接失败并报告 1006，所以只有服务器自己发送 1015 时，页面才应该看到它。',
      },
      'rfc-8441': {
        situation: '页面经 https: 从一台提供 SETTINGS_ENABLE_CONNECT_PROTOCOL 的 HTTP/2 服务器加载，然后对它执行 new WebSocket(wss:)',
        rule: 'RFC 8441 §3–5：服务器发送 SETTINGS_ENABLE_CONNECT_PROTOCOL = 1 之后，客户端可以在 HTTP/2 上用 extended CONNECT（:protocol websocket）建立 WebSocket；否则使用 RFC 6455 §4.1 的 HTTP/1.1 Upgrade。',
      },
    },
  },
};
