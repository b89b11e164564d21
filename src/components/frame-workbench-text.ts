// Every word the frame workbench shows (form, presets, hex errors, summaries), in each language the site speaks.
import type { Locale } from '../lib/i18n/locale.ts';
import type { Sender } from '../lib/protocol/frame.ts';

export interface FrameWorkbenchText {
  title: string;
  hint: string;
  labels: {
    preset: string;
    builder: string;
    opcode: string;
    sentBy: string;
    client: string;
    server: string;
    mask: string;
    maskingKey: string;
    payloadAs: string;
    text: string;
    hex: string;
    payload: string;
    lengthEncoding: string;
    frameBytes: string;
    decodeAs: string;
  };
  loadPreset: string;
  randomKey: string;
  lengthChoices: { minimal: string; '16-bit': string; '64-bit': string };
  decodeAsChoices: Record<Sender, string>;
  loadFailed: string;
  presetGroups: { rfc: string; broken: string };
  /** Every preset's label, by its id. */
  presets: Record<string, string>;
  /** What the hex errors call each input. */
  inputs: { hex: string; maskingKey: string; payloadHex: string; frameBytes: string };
  hexErrors: {
    tooManyCharacters: (what: string, characters: number, maxBytes: number) => string;
    notHexDigit: (what: string, character: string, position: number) => string;
    emptyPrefix: (what: string, position: number) => string;
    oddDigits: (what: string, token: string, position: number, digits: number) => string;
    tooManyBytes: (what: string, bytes: number, maxBytes: number) => string;
  };
  keyLength: (bytes: number) => string;
  payloadTooBig: (bytes: number, maxBytes: number) => string;
  sixteenBitTooSmall: (bytes: number) => string;
  empty: string;
  incompleteKnown: (needed: number, have: number, more: number) => string;
  incompleteHeader: (more: number) => string;
  summary: {
    what: (bytes: number, sender: Sender, opcode: string | undefined) => string;
    clean: (what: string) => string;
    cleanSoFar: (what: string) => string;
    broken: (what: string, count: number, fails: string, closing: string) => string;
    senderOnly: (section: string) => string;
    receiverFails: (section: string) => string;
    mayClose: (closeCode: number) => string;
    shouldClose: (closeCode: number) => string;
  };
  abridged: (hidden: number) => string;
  opcodeOnWire: (value: string, name: string, kind: 'data' | 'control') => string;
  opcodeReserved: (value: string, name: string) => string;
}

const CAP_REASON = 'so that the page stays responsive; the protocol itself allows payloads up to 2^63 − 1 bytes (§5.2)';
const CAP_REASON_ZH = '这是为了让页面保持流畅；协议本身允许最多 2^63 − 1 字节的载荷（§5.2）';
const bytesEn = (n: number) => `${n} byte${n === 1 ? '' : 's'}`;

export const FRAME_WORKBENCH_TEXT: Record<Locale, FrameWorkbenchText> = {
  en: {
    title: 'Frame workbench',
    hint: "Set a frame's fields and read its bytes, or paste bytes and read its fields. Break a rule on purpose and see which one.",
    labels: {
      preset: 'Preset',
      builder: 'Build a frame',
      opcode: 'Opcode',
      sentBy: 'Sent by',
      client: 'Client',
      server: 'Server',
      mask: 'Mask',
      maskingKey: 'Masking key (hex)',
      payloadAs: 'Payload as',
      text: 'Text',
      hex: 'Hex',
      payload: 'Payload',
      lengthEncoding: 'Length encoding',
      frameBytes: 'Frame bytes (hex)',
      decodeAs: 'Decode as sent by',
    },
    loadPreset: 'Load preset',
    randomKey: 'Random key',
    lengthChoices: {
      minimal: 'Minimal (as §5.2 requires)',
      '16-bit': 'Force 16-bit (126, then 2 bytes)',
      '64-bit': 'Force 64-bit (127, then 8 bytes)',
    },
    decodeAsChoices: { client: 'Client (must mask)', server: 'Server (must not mask)' },
    loadFailed: 'The workbench could not load its code. Reload the page to try again.',
    presetGroups: { rfc: 'Examples from RFC 6455 §5.7, and a Close', broken: 'Broken frames' },
    presets: {
      'rfc-unmasked-text': 'Single-frame unmasked text "Hello"',
      'rfc-masked-text': 'Single-frame masked text "Hello"',
      'rfc-first-fragment': 'Fragmented text: first frame "Hel"',
      'rfc-last-fragment': 'Fragmented text: last frame "lo" (alone, it continues nothing)',
      'rfc-ping': 'Unmasked Ping "Hello"',
      'rfc-pong': 'Masked Pong answering it',
      'rfc-256-binary': '256 bytes of binary, 16-bit length',
      'rfc-64k-binary': '64 KiB of binary, 64-bit length',
      'close-1000': 'Close with 1000 (Normal Closure) and reason "bye"',
      'unmasked-client': 'Client frame without a mask',
      'masked-server': 'Server frame with a mask',
      'rsv1-set': 'RSV1 set with no extension',
      'reserved-opcode': 'Reserved opcode 0x3',
      'long-ping': 'Ping with a 126-byte payload',
      'fragmented-ping': 'Ping with FIN clear',
      'non-minimal-length': '"Hello" with a 16-bit length',
      'close-one-byte': 'Close with a 1-byte payload',
      'close-1005': 'Close with 1005, a code never sent',
      'invalid-utf8': 'Text that is not UTF-8',
    },
    inputs: { hex: 'The hex', maskingKey: 'The masking key', payloadHex: 'The payload hex', frameBytes: 'The frame bytes' },
    hexErrors: {
      tooManyCharacters: (what, characters, maxBytes) =>
        `${what} is ${characters} characters long, more than ${maxBytes} bytes can take ${CAP_REASON}.`,
      notHexDigit: (what, character, position) => `${what}: '${character}' at position ${position} is not a hex digit (0–9, a–f).`,
      emptyPrefix: (what, position) => `${what}: '0x' at position ${position} has no hex digits after it.`,
      oddDigits: (what, token, position, digits) =>
        `${what}: '${token}' at position ${position} has ${digits} hex digits, an odd number; every byte is exactly two.`,
      tooManyBytes: (what, bytes, maxBytes) => `${what} is ${bytes} bytes, and this workbench takes at most ${maxBytes} ${CAP_REASON}.`,
    },
    keyLength: (bytes) => `A masking key is exactly 4 bytes, 8 hex digits (§5.2), and this one is ${bytesEn(bytes)}.`,
    payloadTooBig: (bytes, maxBytes) => `The payload is ${bytes} bytes of UTF-8, and the builder takes at most ${maxBytes} ${CAP_REASON}.`,
    sixteenBitTooSmall: (bytes) => `A 16-bit length holds at most 65535, and this payload is ${bytes} bytes: choose Minimal or 64-bit.`,
    empty: 'Paste or type a frame’s bytes as hex, or build one above.',
    incompleteKnown: (needed, have, more) =>
      `Incomplete frame: its header announces ${needed} bytes in all and the box holds ${have}, so it needs ${more} more byte${more === 1 ? '' : 's'} (§5.2).`,
    incompleteHeader: (more) =>
      `Incomplete frame: its header is not finished, so it needs at least ${more} more byte${more === 1 ? '' : 's'} before its length is known (§5.2).`,
    summary: {
      what: (bytes, sender, opcode) => `${bytesEn(bytes)} from the ${sender}${opcode ? ` (opcode ${opcode})` : ''}`,
      clean: (what) => `${what}: a complete frame that breaks no rule.`,
      cleanSoFar: (what) => `${what}: no rule broken so far.`,
      broken: (what, count, fails, closing) => `${what}: it breaks ${count === 1 ? 'a rule' : `${count} rules`}. ${fails}, and ${closing}.`,
      senderOnly: (section) => `For the first, RFC 6455 binds only the sender (§${section}); this decoder fails the connection there`,
      receiverFails: (section) => `A receiver fails the connection at the first (§${section})`,
      mayClose: (closeCode) => `may send a Close frame with ${closeCode} first (§5.1)`,
      shouldClose: (closeCode) => `should send a Close frame with ${closeCode} first (§7.1.7)`,
    },
    abridged: (hidden) => ` … and ${hidden} more byte${hidden === 1 ? '' : 's'}`,
    opcodeOnWire: (value, name, kind) => `${value} ${name} (${kind})`,
    opcodeReserved: (value, name) => `${value} ${name}: reserved, breaks §5.2`,
  },
  'zh-CN': {
    title: '帧工作台',
    hint: '设置一个帧的各个字段，读出它的字节；或者粘贴字节，读出它的字段。故意违反一条规则，看看是哪一条。',
    labels: {
      preset: '预设',
      builder: '构造一个帧',
      opcode: '操作码',
      sentBy: '发送方',
      client: '客户端',
      server: '服务器',
      mask: '掩码',
      maskingKey: '掩码键（十六进制）',
      payloadAs: '载荷格式',
      text: '文本',
      hex: '十六进制',
      payload: '载荷',
      lengthEncoding: '长度编码',
      frameBytes: '帧字节（十六进制）',
      decodeAs: '按发送方解码',
    },
    loadPreset: '载入预设',
    randomKey: '随机掩码键',
    lengthChoices: {
      minimal: '最短（§5.2 的要求）',
      '16-bit': '强制 16 位（126，后跟 2 字节）',
      '64-bit': '强制 64 位（127，后跟 8 字节）',
    },
    decodeAsChoices: { client: '客户端（必须加掩码）', server: '服务器（不能加掩码）' },
    loadFailed: '工作台没能加载它的代码。请刷新页面再试。',
    presetGroups: { rfc: 'RFC 6455 §5.7 中的示例，外加一个 Close', broken: '违反规则的帧' },
    presets: {
      'rfc-unmasked-text': '单帧无掩码文本 "Hello"',
      'rfc-masked-text': '单帧有掩码文本 "Hello"',
      'rfc-first-fragment': '分片文本：第一帧 "Hel"',
      'rfc-last-fragment': '分片文本：最后一帧 "lo"（单独出现时，它无从延续）',
      'rfc-ping': '无掩码的 Ping "Hello"',
      'rfc-pong': '回应它的有掩码 Pong',
      'rfc-256-binary': '256 字节二进制，16 位长度',
      'rfc-64k-binary': '64 KiB 二进制，64 位长度',
      'close-1000': 'Close，关闭码 1000（正常关闭），原因 "bye"',
      'unmasked-client': '没有掩码的客户端帧',
      'masked-server': '带掩码的服务器帧',
      'rsv1-set': '没有扩展却置了 RSV1',
      'reserved-opcode': '保留操作码 0x3',
      'long-ping': '载荷 126 字节的 Ping',
      'fragmented-ping': 'FIN 未置位的 Ping',
      'non-minimal-length': '用 16 位长度写的 "Hello"',
      'close-one-byte': '载荷只有 1 字节的 Close',
      'close-1005': 'Close，关闭码 1005，一个从不发送的码',
      'invalid-utf8': '不是 UTF-8 的文本',
    },
    inputs: { hex: '十六进制', maskingKey: '掩码键', payloadHex: '载荷的十六进制', frameBytes: '帧字节' },
    hexErrors: {
      tooManyCharacters: (what, characters, maxBytes) =>
        `${what}有 ${characters} 个字符，超出了 ${maxBytes} 字节所能容纳的长度，${CAP_REASON_ZH}。`,
      notHexDigit: (what, character, position) => `${what}：第 ${position} 个字符 '${character}' 不是十六进制数字（0–9、a–f）。`,
      emptyPrefix: (what, position) => `${what}：第 ${position} 个字符处的 '0x' 后面没有十六进制数字。`,
      oddDigits: (what, token, position, digits) =>
        `${what}：从第 ${position} 个字符开始的 '${token}' 有 ${digits} 个十六进制数字，是奇数；每个字节正好两个数字。`,
      tooManyBytes: (what, bytes, maxBytes) => `${what}有 ${bytes} 字节，而这个工作台最多接受 ${maxBytes} 字节，${CAP_REASON_ZH}。`,
    },
    keyLength: (bytes) => `掩码键正好是 4 字节，即 8 个十六进制数字（§5.2），而这个是 ${bytes} 字节。`,
    payloadTooBig: (bytes, maxBytes) => `载荷是 ${bytes} 字节的 UTF-8，而构造器最多接受 ${maxBytes} 字节，${CAP_REASON_ZH}。`,
    sixteenBitTooSmall: (bytes) => `16 位长度最多表示 65535，而这个载荷有 ${bytes} 字节：请选择“最短”或“强制 64 位”。`,
    empty: '粘贴或输入一个帧的十六进制字节，或者在上面构造一个。',
    incompleteKnown: (needed, have, more) =>
      `帧不完整：帧头声明总共 ${needed} 字节，框里只有 ${have} 字节，所以还需要 ${more} 字节（§5.2）。`,
    incompleteHeader: (more) => `帧不完整：帧头还没有结束，至少还需要 ${more} 字节才能知道它的长度（§5.2）。`,
    summary: {
      what: (bytes, sender, opcode) =>
        `来自${sender === 'client' ? '客户端' : '服务器'}的 ${bytes} 字节${opcode ? `（操作码 ${opcode}）` : ''}`,
      clean: (what) => `${what}：一个完整的帧，没有违反任何规则。`,
      cleanSoFar: (what) => `${what}：到目前为止没有违反规则。`,
      broken: (what, count, fails, closing) => `${what}：它违反了 ${count} 条规则。${fails}，${closing}。`,
      senderOnly: (section) => `第一条规则 RFC 6455 只约束发送方（§${section}）；本站的解码器在这里使连接失败`,
      receiverFails: (section) => `接收方在第一条处使连接失败（§${section}）`,
      mayClose: (closeCode) => `失败之前可以先发送一个带 ${closeCode} 的 Close 帧（§5.1）`,
      shouldClose: (closeCode) => `失败之前应当先发送一个带 ${closeCode} 的 Close 帧（§7.1.7）`,
    },
    abridged: (hidden) => ` …（另有 ${hidden} 字节）`,
    opcodeOnWire: (value, name, kind) => `${value} ${name}（${kind === 'data' ? '数据帧' : '控制帧'}）`,
    opcodeReserved: (value, name) => `${value} ${name}：保留，违反 §5.2`,
  },
};
