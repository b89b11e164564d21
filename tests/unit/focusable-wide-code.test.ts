// The Expressive Code plugin that makes a code block which could scroll sideways a tab stop at build time.
import { ExpressiveCode } from '@astrojs/starlight/expressive-code';
import { toHtml } from '@astrojs/starlight/expressive-code/hast';
import { describe, expect, it } from 'vitest';
import { columns, focusableWideCode, NARROWEST_CODE_COLUMNS } from '../../src/lib/focusable-wide-code.ts';

async function renderedPre(code: string): Promise<string> {
  const engine = new ExpressiveCode({ plugins: [focusableWideCode()] });
  const { renderedGroupAst } = await engine.render({ code, language: 'text' });
  return /<pre[^>]*>/.exec(toHtml(renderedGroupAst))![0];
}

describe('columns', () => {
  it('counts a character of Latin text as one column, a Chinese character as two, and stops tabs every two', () => {
    expect(columns('ws.send(data);')).toBe(14);
    expect(columns('连接')).toBe(4);
    expect(columns('\tx')).toBe(3);
    expect(columns('a\tx')).toBe(3);
  });
});

describe('focusableWideCode', () => {
  it('makes a block with a line longer than the narrowest column a tab stop, as Expressive Code does a scrolling one', async () => {
    expect(await renderedPre(`short\n${'x'.repeat(NARROWEST_CODE_COLUMNS + 1)}`)).toMatch(/ tabindex="0"/);
  });

  it('gives it no region role, which before Expressive Code\u2019s check would make unnamed landmarks that repeat', async () => {
    expect(await renderedPre(`short\n${'x'.repeat(NARROWEST_CODE_COLUMNS + 1)}`)).not.toMatch(/role=/);
  });

  it('leaves a block whose every line fits the narrowest column alone', async () => {
    expect(await renderedPre(`short\n${'x'.repeat(NARROWEST_CODE_COLUMNS)}`)).not.toMatch(/tabindex|role=/);
  });

  it('counts Chinese characters as two columns', async () => {
    expect(await renderedPre(`// ${'连'.repeat(13)}`)).toMatch(/ tabindex="0"/);
  });
});
