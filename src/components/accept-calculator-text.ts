// Every word the accept calculator shows, in each language the site speaks.
import type { Locale } from '../lib/i18n/locale.ts';

export interface AcceptCalculatorText {
  title: string;
  hint: string;
  labels: {
    key: string;
    /** Step 1's label, before the GUID itself (shown in monospace after it). */
    concatenated: string;
    sha1: string;
    accept: string;
  };
  randomKey: string;
}

export const ACCEPT_CALCULATOR_TEXT: Record<Locale, AcceptCalculatorText> = {
  en: {
    title: 'Accept calculator',
    hint: 'Edit the key or make a random one. Everything is computed in your browser with WebCrypto.',
    labels: {
      key: 'Sec-WebSocket-Key',
      concatenated: '1. Key + GUID',
      sha1: '2. SHA-1 digest of that string (20 bytes, hex)',
      accept: '3. Base64 of the digest: Sec-WebSocket-Accept',
    },
    randomKey: 'Random key',
  },
  'zh-CN': {
    title: 'Accept 计算器',
    hint: '修改 key，或者生成一个随机 key。一切都在你的浏览器里用 WebCrypto 计算。',
    labels: {
      key: 'Sec-WebSocket-Key',
      concatenated: '1. key 加上 GUID',
      sha1: '2. 这个字符串的 SHA-1 摘要（20 字节，十六进制）',
      accept: '3. 摘要的 Base64：Sec-WebSocket-Accept',
    },
    randomKey: '随机生成 key',
  },
};
