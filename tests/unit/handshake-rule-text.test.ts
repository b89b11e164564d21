// Every rule checkKey can report has a Chinese sentence that names the same facts as the English one.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HANDSHAKE_RULE_SENTENCES_ZH, describeRuleBroken } from '../../src/lib/i18n/handshake-rule-text.ts';
import { checkKey, type RuleBroken } from '../../src/lib/protocol/handshake.ts';

/** Every id handshake.ts passes to broken(): the rules its checks can report. */
const ids = new Set([...readFileSync('src/lib/protocol/handshake.ts', 'utf8').matchAll(/broken\(\s*'([a-z0-9-]+)'/g)].map(([, id]) => id!));

function brokenKey(key: string): RuleBroken {
  const check = checkKey(key);
  if (check.ok) throw new Error(`${key} passed`);
  return check;
}

describe('the handshake rules in Chinese', () => {
  it('has a sentence for every id handshake.ts reports, and none for an id it does not', () => {
    expect(ids.size).toBeGreaterThanOrEqual(4);
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

  it('keeps the English beside a general sentence for a rule with no Chinese yet', () => {
    const rule: RuleBroken = { ok: false, id: 'rule-not-translated', section: '4.2.1', reason: 'Some English.' };
    expect(describeRuleBroken(rule, 'zh-CN')).toBe('握手违反了 RFC 6455 §4.2.1 的一条规则（原文：Some English.）');
  });
});
