// Every word of the build-time tables on /frames/ and /closing/ (opcodes, close codes, length encodings), by language.
import type { Locale } from '../lib/i18n/locale.ts';
import type { CloseCodeInfo } from '../lib/protocol/close-codes.ts';
import type { LengthEncoding } from '../lib/protocol/frame.ts';
import type { SentBy } from '../lib/protocol/opcodes.ts';

export interface OpcodeTableText {
  caption: string;
  columns: { opcode: string; name: string; kind: string; meaning: string; section: string };
  kinds: Record<'data' | 'control', string>;
}

export interface CloseCodeTableText {
  caption: string;
  columns: { code: string; name: string; inCloseFrame: string; sentBy: string; meaning: string; source: string };
  /** "In a Close frame?": yes, not yet (reserved, unassigned), never (§7.4.1's word) or no. */
  inCloseFrame: { yes: string; notYet: string; never: string; no: string };
  sentBy: Record<SentBy, string>;
  /** "Sent by" for the kinds no endpoint sends. */
  sentByKind: Partial<Record<CloseCodeInfo['kind'], string>>;
  /** A source that is not an RFC 6455 section. */
  ianaRegistry: string;
}

export interface LengthEncodingTableText {
  caption: string;
  columns: { length: string; encoding: string; header: string; headerSize: string };
  encodings: Record<LengthEncoding, string>;
  headerSize: (bytes: number) => string;
}

export const OPCODE_TABLE_TEXT: Record<Locale, OpcodeTableText> = {
  en: {
    caption: 'Opcodes (RFC 6455 §5.2)',
    columns: { opcode: 'Opcode', name: 'Name', kind: 'Kind', meaning: 'Meaning', section: 'Section' },
    kinds: { data: 'data', control: 'control' },
  },
  'zh-CN': {
    caption: '操作码（RFC 6455 §5.2）',
    columns: { opcode: '操作码', name: '名称', kind: '类别', meaning: '含义', section: '章节' },
    kinds: { data: '数据帧', control: '控制帧' },
  },
};

export const CLOSE_CODE_TABLE_TEXT: Record<Locale, CloseCodeTableText> = {
  en: {
    caption: 'Close status codes (RFC 6455 §7.4 and the IANA registry)',
    columns: { code: 'Code', name: 'Name', inCloseFrame: 'In a Close frame?', sentBy: 'Sent by', meaning: 'Meaning', source: 'Source' },
    inCloseFrame: { yes: 'yes', notYet: 'not yet', never: 'never', no: 'no' },
    sentBy: { client: 'client only', server: 'server only', both: 'either', neither: 'never sent' },
    sentByKind: { reserved: 'nobody yet (reserved)', unassigned: 'unassigned', 'not-used': 'not used', 'out-of-range': 'undefined' },
    ianaRegistry: 'IANA registry',
  },
  'zh-CN': {
    caption: '关闭码（RFC 6455 §7.4 与 IANA 注册表）',
    columns: { code: '关闭码', name: '名称', inCloseFrame: '能放进 Close 帧吗？', sentBy: '由谁发送', meaning: '含义', source: '出处' },
    inCloseFrame: { yes: '能', notYet: '暂时不能', never: '永远不能', no: '不能' },
    sentBy: { client: '仅客户端', server: '仅服务器', both: '双方都可以', neither: '从不发送' },
    sentByKind: { reserved: '暂时无人（保留）', unassigned: '未分配', 'not-used': '不使用', 'out-of-range': '未定义' },
    ianaRegistry: 'IANA 注册表',
  },
};

export const LENGTH_ENCODING_TABLE_TEXT: Record<Locale, LengthEncodingTableText> = {
  en: {
    caption: 'Header bytes of an unmasked binary frame, by payload length',
    columns: { length: 'Payload length', encoding: 'Encoding', header: 'Header bytes', headerSize: 'Header size' },
    encodings: { '7-bit': '7-bit', '16-bit': '16-bit', '64-bit': '64-bit' },
    headerSize: (bytes) => `${bytes} bytes`,
  },
  'zh-CN': {
    caption: '不带掩码的二进制帧的帧头字节，按载荷长度',
    columns: { length: '载荷长度', encoding: '编码', header: '帧头字节', headerSize: '帧头大小' },
    encodings: { '7-bit': '7 位', '16-bit': '16 位', '64-bit': '64 位' },
    headerSize: (bytes) => `${bytes} 字节`,
  },
};
