// Every word the protocol core says to a reader, in each language the site speaks; the core picks one by locale.
import type { Locale } from '../i18n/locale.ts';
import type { ViolationId } from './violations.ts';

/** The words of a frame annotation (`annotate-frame.ts`). Payload quotes, hex and numbers are filled in by the core. */
export interface AnnotationText {
  /** "Byte 6" or "Bytes 6–10". */
  bytesTitle: (start: number, end: number) => string;
  /** A segment's title after its bytes: "Bytes 2–5: masking key". */
  segmentTitle: (bytes: string, what: string) => string;
  /** A count of bytes: "1 byte", "5 bytes". */
  byteCount: (count: number | bigint) => string;
  titles: {
    byte0: string;
    byte1: string;
    extendedLength: string;
    maskingKey: string;
    payload: string;
    compressedPayload: string;
    incomplete: string;
    afterFrame: string;
  };
  labels: {
    opcode: string;
    payloadLength: string;
    extendedLength: (bits: number) => string;
    maskingKey: string;
    payload: (bytes: string) => string;
    compressedPayload: (bytes: string) => string;
    incomplete: string;
    nextFrame: string;
    compressedBit: string;
  };
  values: {
    finalFragment: string;
    moreFragments: string;
    set: string;
    clear: string;
    masked: string;
    notMasked: string;
    compressed: string;
    notCompressed: string;
    incomplete: (have: number, needed: number) => string;
    deflateData: (hex: string) => string;
    inflatesTo: (bytes: string, payload: string) => string;
    closeBody: (code: number, name: string, reason: string) => string;
    noReason: string;
    reason: (quoted: string) => string;
    /** After a quote cut short. */
    moreBytes: (count: number) => string;
  };
  notes: {
    finSet: string;
    finClear: string;
    rsvSet: string;
    rsvClear: string;
    compressedBitMisplaced: string;
    compressedBitClearLater: string;
    compressedBitSet: string;
    compressedBitClear: string;
    deflateTrailer: string;
    deflateContinues: string;
    /** "These are DEFLATE blocks…", or on the wire masked; `trailer` is one of the two above. */
    deflateBlocks: (masked: boolean, trailer: string) => string;
    masked: string;
    notMasked: string;
    length126: string;
    length127: string;
    length7: (length: number) => string;
    payloadMasked: string;
    payloadPlain: string;
    extendedLength: (bits: number) => string;
    maskingKey: string;
    incomplete: string;
    nextFrame: string;
  };
}

const plural = (count: number | bigint, unit: string) => `${count} ${unit}${count === 1 || count === 1n ? '' : 's'}`;

export const ANNOTATION_TEXT: Record<Locale, AnnotationText> = {
  en: {
    bytesTitle: (start, end) => (end - start === 1 ? `Byte ${start}` : `Bytes ${start}–${end - 1}`),
    segmentTitle: (bytes, what) => `${bytes}: ${what}`,
    byteCount: (count) => plural(count, 'byte'),
    titles: {
      byte0: 'Byte 0: FIN, RSV1–3 and opcode',
      byte1: 'Byte 1: MASK and payload length',
      extendedLength: 'extended payload length',
      maskingKey: 'masking key',
      payload: 'payload',
      compressedPayload: 'compressed payload',
      incomplete: 'incomplete',
      afterFrame: 'after this frame',
    },
    labels: {
      opcode: 'Opcode',
      payloadLength: 'Payload length',
      extendedLength: (bits) => `Extended payload length (${bits}-bit)`,
      maskingKey: 'Masking key',
      payload: (bytes) => `Payload (${bytes})`,
      compressedPayload: (bytes) => `Compressed payload (${bytes})`,
      incomplete: 'Not enough bytes yet',
      nextFrame: 'Next frame',
      compressedBit: 'RSV1 (Per-Message Compressed)',
    },
    values: {
      finalFragment: 'final fragment',
      moreFragments: 'more fragments follow',
      set: 'set',
      clear: 'clear',
      masked: 'masked',
      notMasked: 'not masked',
      compressed: 'compressed',
      notCompressed: 'not compressed',
      incomplete: (have, needed) => `${have} of ${needed} bytes`,
      deflateData: (hex) => `DEFLATE data: ${hex}`,
      inflatesTo: (bytes, payload) => `inflates to ${bytes}: ${payload}`,
      closeBody: (code, name, reason) => `status code ${code} (${name}), ${reason}`,
      noReason: 'no reason',
      reason: (quoted) => `reason ${quoted}`,
      moreBytes: (count) => ` … and ${count} more bytes`,
    },
    notes: {
      finSet: 'This frame ends its message. A message in one frame has FIN set on that frame.',
      finClear: 'More frames of this message follow, as continuation frames (opcode 0x0).',
      rsvSet:
        'Set. Only a negotiated extension may set it, as permessage-deflate sets RSV1 on the first frame of a compressed message; otherwise the receiver must fail the connection.',
      rsvClear: 'Reserved for extensions; clear unless an extension negotiated a meaning for it.',
      compressedBitMisplaced:
        'Set on a frame that does not start a data message. permessage-deflate allows RSV1 only on the first frame of a message, so the receiver fails the connection.',
      compressedBitClearLater:
        'Clear, as it must be on control frames and on the later frames of a message: only a first frame says whether the message is compressed.',
      compressedBitSet:
        'Set: with permessage-deflate negotiated, RSV1 is the "Per-Message Compressed" bit, so this message\'s payload is DEFLATE data.',
      compressedBitClear:
        'Clear: permessage-deflate was negotiated, but this message is sent uncompressed, which a sender may choose per message.',
      deflateTrailer:
        "The sender compressed the message, ended it with an empty sync-flush block and removed that block's last four bytes, 00 00 ff ff; the receiver appends them again before inflating.",
      deflateContinues: 'The message continues in the next frame; its compressed bytes are split across frames like any payload.',
      deflateBlocks: (masked, trailer) =>
        `${masked ? 'On the wire these bytes are masked; unmasked, they are ' : 'These are '}DEFLATE blocks (RFC 1951). ${trailer}`,
      masked: 'The payload is masked with the 4-byte key that follows the length. Clients mask every frame.',
      notMasked: 'The payload is sent as is. Servers never mask; a client frame without a mask fails the connection.',
      length126: '126 means: the real length follows as a 16-bit number in the next 2 bytes.',
      length127: '127 means: the real length follows as a 64-bit number in the next 8 bytes.',
      length7: (length) => `Lengths 0 to 125 fit here directly: the payload is ${length} byte${length === 1 ? '' : 's'}.`,
      payloadMasked: 'On the wire these bytes are masked. Unmasked, they read as shown.',
      payloadPlain: 'The payload bytes, exactly as sent.',
      extendedLength: (bits) => `An unsigned ${bits}-bit integer in network byte order (most significant byte first).`,
      maskingKey:
        'Four bytes the client picks fresh and unpredictably for every frame. Byte i of the payload is XORed with byte i mod 4 of the key.',
      incomplete: 'These bytes begin a field the frame has not finished sending.',
      nextFrame: 'This frame ended at its declared length; these bytes start the next frame.',
    },
  },
  'zh-CN': {
    bytesTitle: (start, end) => (end - start === 1 ? `第 ${start} 字节` : `第 ${start}–${end - 1} 字节`),
    segmentTitle: (bytes, what) => `${bytes}：${what}`,
    byteCount: (count) => `${count} 字节`,
    titles: {
      byte0: '第 0 字节：FIN、RSV1–3 和操作码',
      byte1: '第 1 字节：MASK 和载荷长度',
      extendedLength: '扩展载荷长度',
      maskingKey: '掩码键',
      payload: '载荷',
      compressedPayload: '压缩的载荷',
      incomplete: '不完整',
      afterFrame: '本帧之后',
    },
    labels: {
      opcode: '操作码',
      payloadLength: '载荷长度',
      extendedLength: (bits) => `扩展载荷长度（${bits} 位）`,
      maskingKey: '掩码键',
      payload: (bytes) => `载荷（${bytes}）`,
      compressedPayload: (bytes) => `压缩的载荷（${bytes}）`,
      incomplete: '字节还不够',
      nextFrame: '下一帧',
      compressedBit: 'RSV1（消息压缩位）',
    },
    values: {
      finalFragment: '最后一个分片',
      moreFragments: '后面还有分片',
      set: '置位',
      clear: '未置位',
      masked: '有掩码',
      notMasked: '无掩码',
      compressed: '已压缩',
      notCompressed: '未压缩',
      incomplete: (have, needed) => `已有 ${have} 字节，共需 ${needed} 字节`,
      deflateData: (hex) => `DEFLATE 数据：${hex}`,
      inflatesTo: (bytes, payload) => `解压后为 ${bytes}：${payload}`,
      closeBody: (code, name, reason) => `关闭码 ${code}（${name}），${reason}`,
      noReason: '没有原因',
      reason: (quoted) => `原因 ${quoted}`,
      moreBytes: (count) => ` …（另有 ${count} 字节）`,
    },
    notes: {
      finSet: '这一帧结束它所属的消息。只有一帧的消息，就在这一帧上置 FIN。',
      finClear: '这条消息后面还有帧，以延续帧（操作码 0x0）发送。',
      rsvSet: '置位。只有协商好的扩展才能置这个位，例如 permessage-deflate 在压缩消息的第一帧上置 RSV1；否则接收方必须使连接失败。',
      rsvClear: '留给扩展使用；除非某个扩展为它协商了含义，否则为 0。',
      compressedBitMisplaced: '置在一个并不开始数据消息的帧上。permessage-deflate 只允许在消息的第一帧上置 RSV1，所以接收方使连接失败。',
      compressedBitClearLater: '未置位，控制帧和消息的后续帧上必须如此：只有第一帧说明消息是否压缩。',
      compressedBitSet: '置位：协商了 permessage-deflate 之后，RSV1 就是“消息压缩”位，所以这条消息的载荷是 DEFLATE 数据。',
      compressedBitClear: '未置位：虽然协商了 permessage-deflate，这条消息却没有压缩；发送方可以逐条消息决定。',
      deflateTrailer:
        '发送方压缩了这条消息，以一个空的同步刷新块结尾，并去掉了这个块的最后四个字节 00 00 ff ff；接收方在解压之前把它们补回去。',
      deflateContinues: '这条消息在下一帧继续；它的压缩字节像任何载荷一样分布在多个帧里。',
      deflateBlocks: (masked, trailer) =>
        `${masked ? '线路上这些字节带有掩码；去掉掩码后，它们是' : '这些是'} DEFLATE 块（RFC 1951）。${trailer}`,
      masked: '载荷用紧跟在长度之后的 4 字节掩码键做了掩码。客户端给每一帧加掩码。',
      notMasked: '载荷原样发送。服务器从不加掩码；客户端的帧没有掩码，连接就会失败。',
      length126: '126 表示：真正的长度是一个 16 位数字，在后面 2 个字节里。',
      length127: '127 表示：真正的长度是一个 64 位数字，在后面 8 个字节里。',
      length7: (length) => `0 到 125 的长度直接写在这里：载荷是 ${length} 字节。`,
      payloadMasked: '线路上这些字节带有掩码。去掉掩码后，内容如这里所示。',
      payloadPlain: '载荷字节，与发送时完全相同。',
      extendedLength: (bits) => `一个 ${bits} 位无符号整数，按网络字节序（最高有效字节在前）。`,
      maskingKey: '客户端为每一帧重新挑选的四个不可预测的字节。载荷的第 i 个字节与掩码键的第 i mod 4 个字节异或。',
      incomplete: '这些字节是一个字段的开头，帧还没有把这个字段发完。',
      nextFrame: '本帧在它声明的长度处结束；这些字节是下一帧的开头。',
    },
  },
};

/** The Chinese of every violation's explanation; the English stays in `VIOLATIONS`, the catalogue itself. */
export const VIOLATION_EXPLANATIONS_ZH: Record<ViolationId, string> = {
  'reserved-bit-set': '置了一个保留位（RSV1、RSV2 或 RSV3），但没有任何协商好的扩展赋予它含义。',
  'compressed-bit-misplaced': '控制帧或延续帧上置了 RSV1；permessage-deflate 只在压缩消息的第一帧上用 RSV1 作标记。',
  'reserved-opcode': '操作码是保留值 0x3–0x7 或 0xB–0xF 之一，没有任何协商好的扩展定义它。',
  'continuation-without-message': '收到了一个延续帧（操作码 0x0），当时却没有正在进行的分片消息，它无从延续。',
  'data-frame-inside-fragmented-message':
    '正在进行的分片消息还没有收到最后一个分片，就来了一个新的文本帧或二进制帧，而不同消息的分片不能交错。',
  'fragmented-control-frame': '一个控制帧的 FIN 位未置位，但控制帧不能分片。',
  'control-frame-too-long': '一个控制帧的载荷超过 125 字节，而 125 字节是控制帧最多能携带的。',
  'close-payload-one-byte': '一个 Close 帧的载荷只有 1 个字节，但 Close 帧的主体必须以 2 字节的关闭码开头。',
  'unmasked-client-frame': '客户端发送的一个帧没有掩码，但客户端发送的每一帧都必须加掩码。',
  'masked-server-frame': '服务器发送的一个帧带有掩码，但服务器发送的任何帧都不能加掩码。',
  'non-minimal-length': '载荷长度用了比需要更多的字节来写，但必须使用最少的字节数。',
  'length-high-bit-set': '64 位载荷长度的最高有效位是 1，但它必须是 0。',
  'message-too-big': '这条消息超过了本端愿意处理的长度。',
  'close-code-not-used': 'Close 帧携带的关闭码小于 1000，这个区间不使用。',
  'close-code-reserved': 'Close 帧携带关闭码 1004，它是保留的，目前还没有含义。',
  'close-code-must-not-be-sent': 'Close 帧携带关闭码 1005、1006 或 1015，这些码永远不能放进 Close 帧。',
  'close-code-unassigned': 'Close 帧携带的关闭码在 1016–2999 之间，这个区间留给协议将来的修订和扩展，目前都没有分配。',
  'close-code-out-of-range': 'Close 帧携带的关闭码是 5000 或更大，超出了协议定义的所有区间。',
  'invalid-utf8-close-reason': 'Close 帧里的原因不是有效的 UTF-8，而无效的 UTF-8 必须使连接失败（§8.1）。',
  'invalid-utf8-text': '这条文本消息不是有效的 UTF-8，而无效的 UTF-8 必须使连接失败（§8.1）。',
};

/** Whose rule it is to fail the connection, where RFC 6455 binds only the sender (see `receiverPolicy`). */
export interface ReceiverPolicyText {
  nonMinimalLength: (closeCode: number) => string;
  closeCode: (closeCode: number) => string;
}

export const RECEIVER_POLICY_TEXT: Record<Locale, ReceiverPolicyText> = {
  en: {
    nonMinimalLength: (closeCode) =>
      `RFC 6455 binds only the sender here and states no receiver action; this decoder fails the connection with close code ${closeCode}, while ws accepts the frame`,
    closeCode: (closeCode) =>
      `RFC 6455 gives this code no use in a Close frame and states no receiver action; this decoder and ws fail the connection with close code ${closeCode}`,
  },
  'zh-CN': {
    nonMinimalLength: (closeCode) =>
      `RFC 6455 在这里只约束发送方，没有规定接收方怎么做；本站的解码器以关闭码 ${closeCode} 使连接失败，而 ws 接受这个帧`,
    closeCode: (closeCode) =>
      `RFC 6455 没有让这个码出现在 Close 帧里，也没有规定接收方怎么做；本站的解码器和 ws 以关闭码 ${closeCode} 使连接失败`,
  },
};

/** How `render-annotation.ts` reports broken rules: one line per violation, under a heading. */
export interface ViolationReportText {
  bytes: (start: number, end: number) => string;
  /** What an endpoint does when RFC 6455 itself requires failing. */
  requiredOutcome: (closeCode: number) => string;
  line: (explanation: string, section: string, bytes: string, outcome: string) => string;
  heading: (count: number) => string;
}

export const VIOLATION_REPORT_TEXT: Record<Locale, ViolationReportText> = {
  en: {
    bytes: (start, end) => (end - start === 1 ? `byte ${start}` : `bytes ${start}–${end - 1}`),
    requiredOutcome: (closeCode) => `an endpoint that finds it fails the connection with close code ${closeCode}`,
    line: (explanation, section, bytes, outcome) => `${explanation} (${section}; ${bytes}; ${outcome}.)`,
    heading: (count) => `This frame breaks ${count === 1 ? 'a rule' : `${count} rules`}:`,
  },
  'zh-CN': {
    bytes: (start, end) => (end - start === 1 ? `第 ${start} 字节` : `第 ${start}–${end - 1} 字节`),
    requiredOutcome: (closeCode) => `发现它的一端以关闭码 ${closeCode} 使连接失败`,
    line: (explanation, section, bytes, outcome) => `${explanation}（${section}；${bytes}；${outcome}。）`,
    heading: (count) => `这一帧违反了 ${count} 条规则：`,
  },
};

/** An entry's reader-facing words in a registry (opcodes, close codes). */
export interface RegistryWords {
  name: string;
  meaning: string;
}

/** The Chinese of every opcode, in order, so `OPCODE_WORDS_ZH[n]` is opcode `n`'s; the glossary's names. */
export const OPCODE_WORDS_ZH: readonly RegistryWords[] = [
  { name: '延续', meaning: '继续一条由文本帧或二进制帧开始的分片消息。' },
  { name: '文本', meaning: '载荷是 UTF-8 编码的文本。' },
  { name: '二进制', meaning: '载荷是二进制数据，由应用自己解释。' },
  ...Array.from({ length: 5 }, () => ({
    name: '保留（非控制帧）',
    meaning: '留给将来的非控制帧（0x3–0x7）；没有定义它的扩展却收到它，连接就会失败。',
  })),
  { name: '关闭', meaning: '发起或回应关闭握手，可以带一个关闭码和原因。' },
  { name: 'Ping', meaning: '请另一端回一个带相同数据的 Pong。' },
  { name: 'Pong', meaning: '回应 Ping 并带回它的数据，也可以作为主动发送的心跳。' },
  ...Array.from({ length: 5 }, () => ({
    name: '保留（控制帧）',
    meaning: '留给将来的控制帧（0xB–0xF）；没有定义它的扩展却收到它，连接就会失败。',
  })),
];

/** The Chinese of every close-code entry, keyed by the entry's first code (`CloseCodeInfo.from`). */
export const CLOSE_CODE_WORDS_ZH: Readonly<Record<number, RegistryWords>> = {
  0: { name: '不使用', meaning: '0–999 范围内的关闭码不使用。' },
  1000: { name: '正常关闭', meaning: '建立连接的目的已经达成。' },
  1001: { name: '离开', meaning: '一端正在离开，例如服务器关机，或浏览器离开页面。' },
  1002: { name: '协议错误', meaning: '一端因为协议错误而终止连接。' },
  1003: { name: '不支持的数据', meaning: '一端收到了它无法接受的数据类型，例如只懂文本时收到了二进制数据。' },
  1004: { name: '保留', meaning: '保留；具体含义将来可能会定义。' },
  1005: { name: '未收到状态', meaning: '供应用表示 Close 帧里没有关闭码；它不能放进 Close 帧。' },
  1006: { name: '异常关闭', meaning: '供应用表示连接关闭时没有 Close 帧；它不能放进 Close 帧。' },
  1007: { name: '无效的载荷数据', meaning: '一端收到的数据与消息类型不符，例如文本消息里有非 UTF-8 的数据。' },
  1008: { name: '违反策略', meaning: '一端收到了违反其策略的消息；没有更合适的关闭码时用这个通用的。' },
  1009: { name: '消息过大', meaning: '一端收到的消息太大，无法处理。' },
  1010: {
    name: '必需的扩展',
    meaning: '客户端期望服务器协商某些扩展，服务器却没有在响应里返回它们；服务器则应改为让握手失败。',
  },
  1011: { name: '内部错误', meaning: '服务器遇到了意外情况，无法完成请求。' },
  1012: { name: '服务重启', meaning: '服务正在重启；客户端可以重新连接。' },
  1013: { name: '稍后再试', meaning: '服务过载或暂时不可用；客户端可以稍后再试。' },
  1014: { name: '网关错误', meaning: '充当网关或代理的服务器从上游服务器收到了无效的响应。' },
  1015: { name: 'TLS 握手失败', meaning: '供应用表示 TLS 握手失败；它不能放进 Close 帧。' },
  1016: {
    name: '未分配：留给修订和扩展',
    meaning: '留给协议将来的修订和有公开规范的扩展，它们可以定义并发送这些码；目前一个也没有分配。',
  },
  3000: { name: '库和框架', meaning: '供库、框架和应用使用；直接向 IANA 注册。协议不定义它们的含义。' },
  4000: { name: '私用', meaning: '供应用之间事先约定私用；不能注册。' },
  5000: {
    name: '未定义',
    meaning: '超出 §7.4.2 的所有区间（它们到 4999 为止）；没有定义任何含义，ws 等解码器会拒绝它们。',
  },
};
