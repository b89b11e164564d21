// The English–Chinese glossary: one Chinese term per concept, used on every Chinese page (a test holds them to it).

export interface GlossaryTerm {
  /** The English term as RFC 6455 (or the spec named in `section`) writes it. */
  en: string;
  /** The one Chinese term the Chinese pages use for it. */
  zh: string;
  /** Where the term is defined, e.g. `RFC 6455 §5.3`. */
  section: string;
  /** What it means, in each language: one sentence. */
  meaning: { en: string; zh: string };
  /**
   * Translations a Chinese page must not use for this concept: ones that name a different idea (分段 is TCP's
   * segmentation, 密钥 makes the masking key sound like encryption) or belong to another written standard (讯息, 伺服器).
   */
  notThese?: string[];
  /**
   * A protocol term a reader will meet in the RFC and in English tools: a Chinese page gives the English in
   * parentheses where it first uses it, e.g. 掩码（masking）.
   */
  firstUseWithEnglish?: boolean;
}

export const GLOSSARY: GlossaryTerm[] = [
  {
    en: 'opening handshake',
    zh: '握手',
    section: 'RFC 6455 §4',
    meaning: {
      en: 'The HTTP request and 101 response that turn an HTTP connection into a WebSocket connection.',
      zh: '把一条 HTTP 连接变成 WebSocket 连接的那次 HTTP 请求和 101 响应。',
    },
    firstUseWithEnglish: true,
  },
  {
    en: 'frame',
    zh: '帧',
    section: 'RFC 6455 §5.2',
    meaning: {
      en: 'The unit on the wire: a header of 2 to 14 bytes, then the payload.',
      zh: '线路上的基本单位：2 到 14 字节的帧头，后面跟着载荷。',
    },
    firstUseWithEnglish: true,
  },
  {
    en: 'payload',
    zh: '载荷',
    section: 'RFC 6455 §5.2',
    meaning: { en: 'The bytes a frame carries after its header.', zh: '帧头之后、帧所携带的字节。' },
    notThese: ['有效负载', '净荷'],
    firstUseWithEnglish: true,
  },
  {
    en: 'opcode',
    zh: '操作码',
    section: 'RFC 6455 §5.2',
    meaning: {
      en: 'Four bits of the header that say what the frame is: text, binary, continuation, close, ping or pong.',
      zh: '帧头中的 4 个比特，说明这是什么帧：文本、二进制、延续、关闭、Ping 或 Pong。',
    },
    notThese: ['操作代码'],
    firstUseWithEnglish: true,
  },
  {
    en: 'masking',
    zh: '掩码',
    section: 'RFC 6455 §5.3',
    meaning: {
      en: 'The XOR of a client frame’s payload with a 4-byte key, so a proxy cannot be made to cache attacker-chosen bytes (§10.3). Not encryption.',
      zh: '客户端帧的载荷与 4 字节的键逐字节异或，使攻击者无法让代理缓存他选定的字节（§10.3）。它不是加密。',
    },
    notThese: ['屏蔽码', '遮罩', '掩蔽'],
    firstUseWithEnglish: true,
  },
  {
    en: 'masking key',
    zh: '掩码键',
    section: 'RFC 6455 §5.3',
    meaning: {
      en: 'The 4 random bytes a client picks for each frame. It travels in the clear, in the frame itself.',
      zh: '客户端为每一帧挑选的 4 个随机字节。它以明文随帧一起发送。',
    },
    notThese: ['掩码密钥', '掩码秘钥'],
    firstUseWithEnglish: true,
  },
  {
    en: 'fragmentation',
    zh: '分片',
    section: 'RFC 6455 §5.4',
    meaning: {
      en: 'Sending one message as several frames: the first with the message’s opcode, the rest as continuation frames, the last with FIN set.',
      zh: '把一条消息拆成多个帧发送：第一帧带消息的操作码，其余是延续帧，最后一帧置 FIN。',
    },
    notThese: ['分段', '碎片'],
    firstUseWithEnglish: true,
  },
  {
    en: 'control frame',
    zh: '控制帧',
    section: 'RFC 6455 §5.5',
    meaning: {
      en: 'A Close, Ping or Pong frame: at most 125 bytes of payload, never fragmented.',
      zh: 'Close、Ping 或 Pong 帧：载荷最多 125 字节，永不分片。',
    },
    firstUseWithEnglish: true,
  },
  {
    en: 'closing handshake',
    zh: '关闭握手',
    section: 'RFC 6455 §7',
    meaning: {
      en: 'Each side sends one Close frame; then, in most cases, the server closes the TCP connection first (§7.1.1).',
      zh: '双方各发一个 Close 帧；之后通常由服务器先关闭 TCP 连接（§7.1.1）。',
    },
    firstUseWithEnglish: true,
  },
  {
    en: 'status code',
    zh: '关闭码',
    section: 'RFC 6455 §7.4',
    meaning: {
      en: 'The two-byte number at the start of a Close frame’s payload, such as 1000 or 1009.',
      zh: 'Close 帧载荷开头的两字节数字，例如 1000 或 1009。',
    },
    notThese: ['关闭代码', '关闭状态码'],
    firstUseWithEnglish: true,
  },
  {
    en: 'subprotocol',
    zh: '子协议',
    section: 'RFC 6455 §1.9',
    meaning: {
      en: 'An application protocol on top of WebSocket, agreed in the handshake through Sec-WebSocket-Protocol.',
      zh: '跑在 WebSocket 之上的应用层协议，在握手时通过 Sec-WebSocket-Protocol 商定。',
    },
    notThese: ['副协议'],
    firstUseWithEnglish: true,
  },
  {
    en: 'extension',
    zh: '扩展',
    section: 'RFC 6455 §9',
    meaning: {
      en: 'A change to the framing agreed in the handshake through Sec-WebSocket-Extensions, such as permessage-deflate.',
      zh: '在握手时通过 Sec-WebSocket-Extensions 商定的对分帧方式的改动，例如 permessage-deflate。',
    },
    notThese: ['拓展'],
    firstUseWithEnglish: true,
  },
  {
    en: 'backpressure',
    zh: '背压',
    section: 'WHATWG WebSockets, bufferedAmount',
    meaning: {
      en: 'A slow reader making a fast writer wait; in the browser API, watched through bufferedAmount.',
      zh: '读得慢的一方迫使写得快的一方等待；在浏览器 API 中通过 bufferedAmount 观察。',
    },
    notThese: ['反压', '回压'],
    firstUseWithEnglish: true,
  },
  {
    en: 'message',
    zh: '消息',
    section: 'RFC 6455 §1.2',
    meaning: {
      en: 'What the application sends and receives: one or more frames, reassembled.',
      zh: '应用收发的单位：一个或多个帧重组而成。',
    },
    notThese: ['讯息'],
  },
  {
    en: 'connection',
    zh: '连接',
    section: 'RFC 6455 §1.2',
    meaning: { en: 'One TCP connection carrying one WebSocket session.', zh: '承载一个 WebSocket 会话的一条 TCP 连接。' },
    notThese: ['连线'],
  },
  {
    en: 'server',
    zh: '服务器',
    section: 'RFC 6455 §5.1',
    meaning: { en: 'The side that accepts the handshake. It never masks what it sends.', zh: '接受握手的一方。它发送的帧从不加掩码。' },
    notThese: ['伺服器'],
  },
  {
    en: 'header field',
    zh: '头部',
    section: 'RFC 6455 §4.1',
    meaning: {
      en: 'A name and a value in the head of an HTTP request or response, such as Sec-WebSocket-Key. (The first bytes of a frame are its header: 帧头.)',
      zh: 'HTTP 请求或响应头里的一个名字和值，比如 Sec-WebSocket-Key。（帧开头的那几个字节叫帧头。）',
    },
    notThese: ['首部', '标头'],
  },
  {
    en: 'loopback',
    zh: '回环',
    section: 'RFC 1122 §3.2.1.3',
    meaning: {
      en: 'The addresses a machine uses to reach itself, 127.0.0.0/8 and ::1; nothing sent to them leaves the machine.',
      zh: '机器用来访问自己的地址，即 127.0.0.0/8 和 ::1；发往这些地址的数据不会离开这台机器。',
    },
    notThese: ['环回'],
  },
];
