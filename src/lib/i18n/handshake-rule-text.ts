// What each broken opening-handshake rule means, as a sentence in each language the site speaks. The checks in
// src/lib/protocol/handshake.ts write English; a widget on a Chinese page says the same from the rule's id and values.
import type { RuleBroken } from '../protocol/handshake.ts';
import type { Locale } from './locale.ts';

const KEY_RULE_ZH = 'Sec-WebSocket-Key 必须是恰好 16 个随机字节的 base64 编码（RFC 6455 §4.1）';

/**
 * The Chinese sentence for every rule id `checkKey` can report, built from the rule's `values`.
 * `tests/unit/handshake-rule-text.test.ts` reads handshake.ts and fails on an id missing here.
 */
export const HANDSHAKE_RULE_SENTENCES_ZH: Record<string, (values: Record<string, string | number>) => string> = {
  'key-empty': () => `key 是空的。${KEY_RULE_ZH}。`,
  'key-not-base64': (values) =>
    values.characters !== undefined
      ? `这个 key 有 ${values.characters} 个字符，而 base64 以 4 个字符为一组。${KEY_RULE_ZH}，也就是以 “==” 结尾的 24 个字符。`
      : `这个 key 不是 base64：base64 只允许 A–Z、a–z、0–9、“+”、“/”，` +
        (values.character === '=' ? '填充的 “=” 只能出现在末尾' : `不允许 ${JSON.stringify(values.character)}`) +
        `。${KEY_RULE_ZH}。`,
  'key-wrong-length': (values) => `这个 key 解码后是 ${values.bytes} 个字节，不是 16 个。${KEY_RULE_ZH}，也就是以 “==” 结尾的 24 个字符。`,
  'key-not-canonical': () =>
    `这个 key 在 “==” 之前的最后一个字符带有 16 个字节不可能有的比特，所以它不是任何 16 个字节的规范 base64 编码。${KEY_RULE_ZH}。`,
};

/** A broken rule as a widget shows it: the check's English on an English page, the Chinese sentence for its id on a Chinese one. */
export function describeRuleBroken(rule: RuleBroken, locale: Locale): string {
  if (locale === 'en') return rule.reason;
  const sentence = HANDSHAKE_RULE_SENTENCES_ZH[rule.id];
  // A rule added without a Chinese sentence still says something true, and keeps the English beside it.
  return sentence ? sentence(rule.values ?? {}) : `握手违反了 RFC 6455 §${rule.section} 的一条规则（原文：${rule.reason}）`;
}
