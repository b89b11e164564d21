// Every rule the handshake checks can report has a Chinese sentence that names the same facts as the English one.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HANDSHAKE_RULE_SENTENCES_ZH, describeRuleBroken } from '../../src/lib/i18n/handshake-rule-text.ts';
import { checkKey, type RuleBroken } from '../../src/lib/protocol/handshake.ts';
import { checkExtensions, checkSelectedSubprotocol, checkSubprotocols, checkVersion } from '../../src/lib/protocol/handshake-headers.ts';

/** Every id a file in src/lib/protocol passes to broken() or to checkVersion's refuse(): the rules the checks can report. */
const idsByFile = new Map(
  readdirSync('src/lib/protocol')
    .filter((file) => file.endsWith('.ts'))
    .map((file) => {
      const source = readFileSync(`src/lib/protocol/${file}`, 'utf8');
      return [file, [...source.matchAll(/\b(?:broken|refuse)\(\s*'([a-z0-9-]+)'/g)].map(([, id]) => id!)] as const;
    })
    .filter(([, found]) => found.length > 0),
);
const ids = new Set([...idsByFile.values()].flat());

function refused<T extends { ok: boolean }>(check: T): RuleBroken {
  if (check.ok) throw new Error('the check passed');
  return check as unknown as RuleBroken;
}

function brokenKey(key: string): RuleBroken {
  const check = checkKey(key);
  if (check.ok) throw new Error(`${key} passed`);
  return check;
}

describe('the handshake rules in Chinese', () => {
  it('has a sentence for every id the protocol checks report, and none for an id they do not', () => {
    // The scan must see both files' checks, or a rule could go untranslated unnoticed.
    expect([...idsByFile.keys()]).toEqual(expect.arrayContaining(['handshake.ts', 'handshake-headers.ts']));
    expect(idsByFile.get('handshake-headers.ts')).toEqual(expect.arrayContaining(['version-missing', 'extensions-malformed']));
    expect(ids.size).toBeGreaterThanOrEqual(17);
    expect([...ids].filter((id) => !(id in HANDSHAKE_RULE_SENTENCES_ZH))).toEqual([]);
    expect(Object.keys(HANDSHAKE_RULE_SENTENCES_ZH).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('shows the English as the check wrote it on an English page', () => {
    const rule = brokenKey('aGVsbG8=');
    expect(describeRuleBroken(rule, 'en')).toBe(rule.reason);
    expect(rule.reason).toMatch(/decodes to 5 bytes, not 16/);
  });

  it.each([
    ['', /^key 是空的。Sec-WebSocket-Key 必须是恰好 16 个随机字节的 base64 编码（RFC 6455 §4\.1）。$/],
    ['dGhlIHNhbXBsZSBub25jZQ', /有 22 个字符，而 base64 以 4 个字符为一组/],
    ['dGhlIHNhbXBsZSBub25j!Q==', /不是 base64.*不允许 "!"/],
    ['dGhl=HNhbXBsZSBub25jZQ==', /填充的 “=” 只能出现在末尾/],
    ['aGVsbG8=', /解码后是 5 个字节，不是 16 个/],
    ['dGhlIHNhbXBsZSBub25jZR==', /不是任何 16 个字节的规范 base64 编码/],
  ])('says why %j is not a key, in Chinese, with the same facts', (key, sentence) => {
    const chinese = describeRuleBroken(brokenKey(key), 'zh-CN');
    expect(chinese).toMatch(sentence);
    expect(chinese).toContain('§4.1');
    expect(chinese).not.toMatch(/[a-z]{4,} [a-z]{4,}/i);
  });

  it.each([
    ['a missing version', refused(checkVersion(undefined)), ['请求里没有 Sec-WebSocket-Version 头部', '§4.1，第 9 项']],
    ['the version "013"', refused(checkVersion('013')), ['"013" 不是一个版本号', '没有前导零', '§4.3、§11.3.5']],
    ['two versions', refused(checkVersion('13, 8')), ['"13, 8" 不是一个版本号', '一个请求只能带一个']],
    ['version 8', refused(checkVersion(' 8 ')), ['不支持版本 8；', '426 Upgrade Required', '§4.2.2、§4.4', 'RFC 9110 §15.5.22']],
    ['an empty protocol list', refused(checkSubprotocols('')), ['子协议列表是空的', '§4.1，第 10 项']],
    ['an empty protocol', refused(checkSubprotocols('chat,,superchat')), ['空的元素']],
    ['a protocol with a space', refused(checkSubprotocols('chat room')), ['"chat room" 含有 " "', '分隔符']],
    ['a protocol with "/"', refused(checkSubprotocols('chat, chat/1')), ['"chat/1" 含有 "/"']],
    ['a repeated protocol', refused(checkSubprotocols('chat, superchat, chat')), ['"chat" 出现了两次']],
    ['a selected list', refused(checkSelectedSubprotocol('chat, superchat', ['chat'])), ['"chat, superchat" 不是单个 token', '§4.2.2']],
    [
      'a protocol not offered',
      refused(checkSelectedSubprotocol('other', ['chat'])),
      ['服务器选定了 "other"', '客户端必须让 WebSocket 连接失败'],
    ],
    ['an empty extension list', refused(checkExtensions(' ')), ['至少要有一个扩展']],
    ['a stray comma', refused(checkExtensions(',foo')), ['应为一个扩展名（token），实际却是位置 0 上的 ","']],
    ['a missing parameter name', refused(checkExtensions('foo;')), ['应为 "foo" 里 “;” 之后的参数名（token），值却已经结束了']],
    ['a missing value', refused(checkExtensions('foo; bits=')), ['应为 "bits" 的值（token 或带引号的字符串）']],
    ['a space in a value', refused(checkExtensions('foo; a=1 2')), ['“;”、“,” 或值的结尾，实际却是位置 9 上的 "2"']],
    ['an open quote', refused(checkExtensions('foo; bits="12')), ['"bits" 的带引号的值缺少结尾的引号']],
    ['a quoted non-token', refused(checkExtensions('foo; bits="1 2"')), ['"bits" 的带引号的值 "1 2" 去掉引号后不是 token']],
  ])('names the value at fault in %s, in Chinese, citing the same sections', (_, rule, parts) => {
    const chinese = describeRuleBroken(rule, 'zh-CN');
    for (const part of parts) expect(chinese).toContain(part);
    // Every RFC section the English cites, the Chinese cites too.
    for (const [, section] of rule.reason.matchAll(/§([0-9.]*[0-9])/g)) expect(chinese).toContain(`§${section}`);
    expect(chinese).not.toContain('原文');
    expect(chinese).not.toMatch(/[a-z]{2,} [a-z]{2,} [a-z]{2,}/i);
    expect(chinese).toMatch(/。$/);
  });

  it('keeps the English beside a general sentence for a rule with no Chinese yet', () => {
    const rule: RuleBroken = { ok: false, id: 'rule-not-translated', section: '4.2.1', reason: 'Some English.' };
    expect(describeRuleBroken(rule, 'zh-CN')).toBe('握手违反了 RFC 6455 §4.2.1 的一条规则（原文：Some English.）');
  });
});
