// The conformance matrix's words in both languages: every explanation has its Chinese, keeping the English's figures, and the cells and references read right.
import { describe, expect, it } from 'vitest';
import { CLIENT_EXPLANATIONS } from '../../conformance/matrix/client-explanations.ts';
import { EXPLANATIONS } from '../../conformance/matrix/explanations.ts';
import type { ServerSummary, Tally } from '../../conformance/matrix/summary.ts';
import { CONFORMANCE_TEXT, EXPLANATIONS_ZH } from '../../src/components/conformance-text.ts';
import { rfcReferences } from '../../conformance/matrix/rfc-references.ts';
import { recordedServers } from '../../src/components/conformance-servers.ts';
import clientSummary from '../../src/data/conformance/clients/summary.json';

const ALL_EXPLANATIONS = [...EXPLANATIONS, ...CLIENT_EXPLANATIONS];

/** Quotations of other texts, which keep their English words. */
const withoutQuotations = (text: string) => text.replace(/“[^”]*”/g, '');

/** The figures a sentence states: close codes, sizes, versions, case and section numbers. */
const figures = (text: string) => [...new Set(withoutQuotations(text).match(/\d+(?:\.\d+)*/g) ?? [])].sort();

describe('the explanations in Chinese', () => {
  it('cover every explanation of both matrices, and no other', () => {
    expect(Object.keys(EXPLANATIONS_ZH).sort()).toEqual(ALL_EXPLANATIONS.map((e) => e.id).sort());
  });

  it.each(ALL_EXPLANATIONS.map((e) => [e.id, e] as const))('%s: states every figure the English states', (_id, explanation) => {
    const zh = CONFORMANCE_TEXT['zh-CN'].explanation(explanation);
    for (const figure of figures(explanation.text)) expect(figures(zh.text), `text: ${figure}`).toContain(figure);
    for (const figure of figures(explanation.title)) expect(figures(zh.title), `title: ${figure}`).toContain(figure);
  });

  it.each(ALL_EXPLANATIONS.map((e) => [e.id, e] as const))('%s: is Chinese prose, ending with a full stop', (_id, explanation) => {
    const { title, text } = CONFORMANCE_TEXT['zh-CN'].explanation(explanation);
    expect(title).toMatch(/[\u4e00-\u9fff]/);
    expect(text).toMatch(/。$/);
    // Outside quotations, Chinese punctuation: no ASCII comma, semicolon or full stop followed by a space.
    expect(withoutQuotations(text).replace(/io\.Copy\(ws, ws\)/g, '')).not.toMatch(/[,;.] /);
  });

  it('keeps the English explanations as they are written', () => {
    for (const explanation of ALL_EXPLANATIONS) {
      expect(CONFORMANCE_TEXT.en.explanation(explanation)).toEqual({ title: explanation.title, text: explanation.text });
    }
  });
});

describe('a matrix row in Chinese', () => {
  const rows = [...recordedServers(), ...(clientSummary.clients as ServerSummary[])];
  /** English words a name or version may not keep on the Chinese page; a library's own name is not among them. */
  const englishProse = /\b(the|with|its|only|on|built-in|demo|solution|step|browser)\b|’s/i;

  it.each(rows.map((row) => [row.id, row] as const))('%s: names its library, language and version without English prose', (_id, row) => {
    const zh = CONFORMANCE_TEXT['zh-CN'];
    expect(zh.library(row.id, row.library)).not.toMatch(englishProse);
    expect(zh.language(row.language)).not.toMatch(englishProse);
    expect(zh.version(row.version)).not.toMatch(englishProse);
  });
});

describe('a matrix cell', () => {
  const tally = (counts: Partial<Tally>): Tally => {
    const full = { OK: 0, 'NON-STRICT': 0, INFORMATIONAL: 0, UNIMPLEMENTED: 0, FAILED: 0, ...counts };
    return { ...full, total: full.OK + full['NON-STRICT'] + full.INFORMATIONAL + full.UNIMPLEMENTED + full.FAILED };
  };

  it('says all OK in both languages when every case passed strictly', () => {
    expect(CONFORMANCE_TEXT.en.cell(tally({ OK: 16 }))).toBe('all 16 OK');
    expect(CONFORMANCE_TEXT['zh-CN'].cell(tally({ OK: 16 }))).toBe('全部 16 个 OK');
  });

  it('counts each verdict, keeping Autobahn’s verdict names in Chinese', () => {
    const mixed = tally({ OK: 1203, 'NON-STRICT': 2, INFORMATIONAL: 3, UNIMPLEMENTED: 4, FAILED: 5 });
    expect(CONFORMANCE_TEXT.en.cell(mixed)).toBe('1,203 OK, 2 non-strict, 3 info, 4 unimplemented, 5 failed');
    expect(CONFORMANCE_TEXT['zh-CN'].cell(mixed)).toBe('1,203 个 OK、2 个 NON-STRICT、3 个 INFORMATIONAL、4 个 UNIMPLEMENTED、5 个 FAILED');
  });
});

describe('the cases under an explanation', () => {
  const many = Array.from({ length: 14 }, (_, i) => `6.${i + 1}`);

  it('names one case, or counts them and lists the first twelve', () => {
    expect(CONFORMANCE_TEXT.en.explainedCases('FAILED', ['7.9.5'])).toBe('failed in case 7.9.5');
    expect(CONFORMANCE_TEXT['zh-CN'].explainedCases('FAILED', ['7.9.5'])).toBe('用例 7.9.5 判为 FAILED');
    expect(CONFORMANCE_TEXT.en.explainedCases('NON-STRICT', many)).toBe(
      `non-strict in 14 cases ${many.slice(0, 12).join(', ')} and 2 more`,
    );
    expect(CONFORMANCE_TEXT['zh-CN'].explainedCases('NON-STRICT', many)).toBe(
      `14 个用例判为 NON-STRICT：${many.slice(0, 12).join('、')}，另有 2 个`,
    );
  });
});

describe('the RFC sections an explanation cites', () => {
  it('link RFC 6455 for a bare section, and another RFC under its own name', () => {
    expect(rfcReferences('§10.4, RFC 7692 §8')).toEqual([
      { rfcLabel: 'RFC 6455', section: '10.4', href: 'https://www.rfc-editor.org/rfc/rfc6455#section-10.4' },
      { rfcLabel: 'RFC 7692', section: '8', href: 'https://www.rfc-editor.org/rfc/rfc7692#section-8' },
    ]);
    expect(rfcReferences('§5.6, §8.1').map((r) => r.rfcLabel)).toEqual(['RFC 6455', undefined]);
  });

  it('parse in every explanation, and refuse a citation they cannot link', () => {
    for (const explanation of ALL_EXPLANATIONS) expect(() => rfcReferences(explanation.rfc), explanation.id).not.toThrow();
    expect(() => rfcReferences('section 5')).toThrow(/section 5/);
  });
});
