// What each broken opening-handshake rule means, as a sentence in each language the site speaks. The checks in
// src/lib/protocol/handshake.ts and handshake-headers.ts write English; a widget on a Chinese page says the same from
// the rule's id and values.
import type { RuleBroken } from '../protocol/handshake.ts';
import type { Locale } from './locale.ts';

const KEY_RULE_ZH = 'Sec-WebSocket-Key 必须是恰好 16 个随机字节的 base64 编码（RFC 6455 §4.1）';
const PROTOCOL_RULE_ZH = 'Sec-WebSocket-Protocol 是以逗号分隔的列表，每一项都是非空且互不重复的 token（RFC 6455 §4.1，第 10 项）';
const EXTENSIONS_RULE_ZH =
  'Sec-WebSocket-Extensions 是扩展 token 的列表，每个扩展后面可以跟若干以 “;” 引出的参数，形如 “name” 或 “name=value”（RFC 6455 §9.1）';

/** A value from the header, shown exactly: quoted and escaped, so a space or a tab can be seen. */
const shown = (value: string | number | undefined): string => JSON.stringify(String(value));

/** What the §9.1 grammar wanted where `extensions-malformed` stopped, by its `values.expected`; a quoted name gets a space before it. */
function expectedExtensionPart(values: Record<string, string | number>): string {
  switch (values.expected) {
    case 'extension-name':
      return '一个扩展名（token）';
    case 'parameter-name':
      return ` ${shown(values.extension)} 里 “;” 之后的参数名（token）`;
    case 'parameter-value':
      return ` ${shown(values.parameter)} 的值（token 或带引号的字符串）`;
    default:
      return '“;”、“,” 或值的结尾';
  }
}

/**
 * The Chinese sentence for every rule id the handshake checks can report, built from the rule's `values`.
 * `tests/unit/handshake-rule-text.test.ts` reads every file in src/lib/protocol and fails on an id missing here.
 */
export const HANDSHAKE_RULE_SENTENCES_ZH: Record<string, (values: Record<string, string | number>) => string> = {
  'key-empty': () => `key 是空的。${KEY_RULE_ZH}。`,
  'key-not-base64': (values) =>
    values.characters !== undefined
      ? `这个 key 有 ${values.characters} 个字符，而 base64 以 4 个字符为一组。${KEY_RULE_ZH}，也就是以 “==” 结尾的 24 个字符。`
      : `这个 key 不是 base64：base64 只允许 A–Z、a–z、0–9、“+”、“/”，` +
        (values.character === '=' ? '填充的 “=” 只能出现在末尾' : `不允许 ${shown(values.character)}`) +
        `。${KEY_RULE_ZH}。`,
  'key-wrong-length': (values) => `这个 key 解码后是 ${values.bytes} 个字节，不是 16 个。${KEY_RULE_ZH}，也就是以 “==” 结尾的 24 个字符。`,
  'key-not-canonical': () =>
    `这个 key 在 “==” 之前的最后一个字符带有 16 个字节不可能有的比特，所以它不是任何 16 个字节的规范 base64 编码。${KEY_RULE_ZH}。`,

  'version-missing': () => '请求里没有 Sec-WebSocket-Version 头部，而握手必须带上它，值为 13（RFC 6455 §4.1，第 9 项）。',
  'version-malformed': (values) =>
    `${shown(values.version)} 不是一个版本号：版本号是 0 到 255 之间、没有前导零的数字，而且一个请求只能带一个（RFC 6455 §4.3、§11.3.5）。`,
  'version-unsupported': (values) =>
    `不支持版本 ${values.version}；RFC 6455 是版本 13，所以服务器以 426 Upgrade Required 应答，` +
    `并带上 “Sec-WebSocket-Version: 13”（RFC 6455 §4.2.2、§4.4）和 “Upgrade: websocket”（RFC 9110 §15.5.22）。`,

  'protocols-empty': () => `子协议列表是空的。${PROTOCOL_RULE_ZH}。`,
  'protocol-empty': () => `列表里有一个空的元素。${PROTOCOL_RULE_ZH}。`,
  'protocol-not-token': (values) =>
    `${shown(values.protocol)} 含有 ${shown(values.character)}，而 token 不能含有它：token 由可见的 ASCII 字符组成，` +
    `不含 ()<>@,;:\\"/[]?={} 这类分隔符，也不含空格。${PROTOCOL_RULE_ZH}。`,
  'protocol-duplicate': (values) => `${shown(values.protocol)} 出现了两次。${PROTOCOL_RULE_ZH}。`,
  'selected-protocol-not-token': (values) =>
    `服务器的 Sec-WebSocket-Protocol ${shown(values.protocol)} 不是单个 token；服务器只能选定恰好一个子协议，或者不发送这个头部（RFC 6455 §4.2.2）。`,
  'selected-protocol-not-offered': (values) =>
    `服务器选定了 ${shown(values.protocol)}，而客户端并没有提出它，所以客户端必须让 WebSocket 连接失败（RFC 6455 §4.1）。`,

  'extensions-empty': () => `这个值是空的，而列表里至少要有一个扩展。${EXTENSIONS_RULE_ZH}。`,
  'extensions-malformed': (values) =>
    `这里应为${expectedExtensionPart(values)}，` +
    (values.character === undefined ? '值却已经结束了' : `实际却是位置 ${values.position} 上的 ${shown(values.character)}`) +
    `。${EXTENSIONS_RULE_ZH}。`,
  'extension-unterminated-quote': (values) => `${shown(values.parameter)} 的带引号的值缺少结尾的引号。${EXTENSIONS_RULE_ZH}。`,
  'extension-quoted-value-not-token': (values) =>
    `${shown(values.parameter)} 的带引号的值 ${shown(values.value)} 去掉引号后不是 token，而 §9.1 要求它必须是。${EXTENSIONS_RULE_ZH}。`,
};

/** A broken rule as a widget shows it: the check's English on an English page, the Chinese sentence for its id on a Chinese one. */
export function describeRuleBroken(rule: RuleBroken, locale: Locale): string {
  if (locale === 'en') return rule.reason;
  const sentence = HANDSHAKE_RULE_SENTENCES_ZH[rule.id];
  // A rule added without a Chinese sentence still says something true, and keeps the English beside it.
  return sentence ? sentence(rule.values ?? {}) : `握手违反了 RFC 6455 §${rule.section} 的一条规则（原文：${rule.reason}）`;
}
