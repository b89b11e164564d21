// Every word the mask visualizer shows, in each language the site speaks. Bytes and counts arrive filled in.
import type { Locale } from '../lib/i18n/locale.ts';

export interface MaskVisualizerText {
  title: string;
  hint: string;
  labels: { payload: string; maskingKey: string; payloadBytes: string; keyRepeated: string; masked: string; unmasked: string };
  randomKey: string;
  tableCaption: string;
  columns: [string, string, string, string, string];
  loadFailed: string;
  payloadTooBig: (bytes: number, maxBytes: number) => string;
  moreBytes: (hidden: number) => string;
  hiddenRows: (shown: number, hidden: number) => string;
  roundTrip: (quoted: string) => string;
  noRoundTrip: string;
}

export const MASK_VISUALIZER_TEXT: Record<Locale, MaskVisualizerText> = {
  en: {
    title: 'Mask visualizer',
    hint: 'Type a payload and pick a key. Each byte is XORed with key byte i mod 4; doing it again with the same key gives the payload back.',
    labels: {
      payload: 'Payload',
      maskingKey: 'Masking key (hex)',
      payloadBytes: 'Payload bytes',
      keyRepeated: 'Key, repeated (byte i is key[i mod 4])',
      masked: 'Masked bytes (payload XOR key, as sent)',
      unmasked: 'Unmasked with the same key',
    },
    randomKey: 'Random key',
    tableCaption: 'Masking byte by byte: masked[i] = payload[i] XOR key[i mod 4] (§5.3)',
    columns: ['i', 'Payload byte', 'i mod 4', 'Key byte', 'Masked byte'],
    loadFailed: 'The visualizer could not load its code. Reload the page to try again.',
    payloadTooBig: (bytes, maxBytes) =>
      `The payload is ${bytes} bytes of UTF-8; this visualizer takes at most ${maxBytes} so the page stays responsive.`,
    moreBytes: (hidden) => ` … and ${hidden} more byte${hidden === 1 ? '' : 's'}`,
    hiddenRows: (shown, hidden) =>
      `The table shows the first ${shown} bytes; the ${hidden} byte${hidden === 1 ? '' : 's'} after them follow the same pattern.`,
    roundTrip: (quoted) => `Unmasking XORs with the same key again and gives back the payload, ${quoted}, byte for byte (§5.3).`,
    noRoundTrip: 'Unmasking did not give back the payload.',
  },
  'zh-CN': {
    title: '掩码演示',
    hint: '输入一段载荷，选一个掩码键。每个字节与掩码键的第 i mod 4 个字节异或；用同一个掩码键再做一次，就得回原来的载荷。',
    labels: {
      payload: '载荷',
      maskingKey: '掩码键（十六进制）',
      payloadBytes: '载荷字节',
      keyRepeated: '重复排开的掩码键（第 i 字节是 key[i mod 4]）',
      masked: '掩码后的字节（载荷 XOR 掩码键，即发送的内容）',
      unmasked: '用同一个掩码键去掉掩码',
    },
    randomKey: '随机掩码键',
    tableCaption: '逐字节掩码：masked[i] = payload[i] XOR key[i mod 4]（§5.3）',
    columns: ['i', '载荷字节', 'i mod 4', '掩码键字节', '掩码后的字节'],
    loadFailed: '掩码演示没能加载它的代码。请刷新页面再试。',
    payloadTooBig: (bytes, maxBytes) => `载荷是 ${bytes} 字节的 UTF-8；为了让页面保持流畅，这个演示最多接受 ${maxBytes} 字节。`,
    moreBytes: (hidden) => ` …（另有 ${hidden} 字节）`,
    hiddenRows: (shown, hidden) => `表格只列出前 ${shown} 个字节；其后的 ${hidden} 个字节遵循同样的规律。`,
    roundTrip: (quoted) => `去掉掩码就是用同一个掩码键再异或一次，逐字节得回原来的载荷 ${quoted}（§5.3）。`,
    noRoundTrip: '去掉掩码没有得回原来的载荷。',
  },
};
