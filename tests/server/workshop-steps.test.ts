// The hands-on track's files hold together: each start file is the previous solution plus its marked gap, and only node: is imported.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALE_DIR } from '../../scripts/i18n-status.ts';
import { lineHunks } from '../../workshop/line-diff.ts';
import { STEPS } from '../../workshop/steps.ts';

const read = (slug: string, file: string) => readFileSync(`workshop/steps/${slug}/${file}`, 'utf8');

describe('lineHunks', () => {
  it('finds added, removed and replaced lines', () => {
    expect(lineHunks('a\nb\nc', 'a\nb\nc')).toEqual([]);
    expect(lineHunks('a\nc', 'a\nb\nc')).toEqual([{ added: [2], removed: [] }]);
    expect(lineHunks('a\nb\nc', 'a\nc')).toEqual([{ added: [], removed: ['b'] }]);
    expect(lineHunks('a\nb\nc\nd', 'a\nB\nc\nD\nE')).toEqual([
      { added: [2], removed: ['b'] },
      { added: [4, 5], removed: ['d'] },
    ]);
    expect(lineHunks('x\ny', 'w\nx\ny\nz')).toEqual([
      { added: [1], removed: [] },
      { added: [4], removed: [] },
    ]);
  });
});

describe.each(STEPS)('step $number, $slug', ({ number, slug }) => {
  const start = read(slug, 'start.ts');
  const solution = read(slug, 'solution.ts');

  it('has a start file, a solution, hints and checks, and a page', () => {
    for (const file of ['start.ts', 'solution.ts', 'hints.md', 'hints.zh-cn.md', 'checks.ts'])
      expect(existsSync(`workshop/steps/${slug}/${file}`), file).toBe(true);
    const page = readFileSync(`src/content/docs/workshop/${slug}.mdx`, 'utf8');
    expect(page).toContain(`workshop/steps/${slug}/start.ts?raw`);
    expect(page).toContain(`workshop/steps/${slug}/solution.ts?raw`);
    expect(page).toContain(`workshop/steps/${slug}/hints.md'`);
  });

  it('shows its Chinese hints on its Chinese page, with as many hints as the English', () => {
    const page = readFileSync(`src/content/docs/${LOCALE_DIR}/workshop/${slug}.mdx`, 'utf8');
    expect(page).toContain(`workshop/steps/${slug}/hints.zh-cn.md'`);
    expect(page).not.toContain(`workshop/steps/${slug}/hints.md'`);
    const summaries = (file: string) => read(slug, file).match(/^<summary>.*<\/summary>$/gm) ?? [];
    expect(summaries('hints.zh-cn.md')).toHaveLength(summaries('hints.md').length);
    expect(summaries('hints.md').length).toBeGreaterThan(0);
  });

  it("starts from the previous step's solution, changed only in hunks marked TODO(step N)", () => {
    const marker = `TODO(step ${number})`;
    expect(start).toContain(marker);
    expect(start.match(/TODO\(step \d+\)/g)!.every((found) => found === marker)).toBe(true);
    if (number === 1) return;
    const previous = read(STEPS[number - 2]!.slug, 'solution.ts');
    const hunks = lineHunks(previous, start);
    expect(hunks.length).toBeGreaterThan(0);
    const startLines = start.split('\n');
    for (const hunk of hunks) {
      const addedText = hunk.added.map((line) => startLines[line - 1]!);
      expect(
        addedText.some((line) => line.includes(marker)),
        `an unmarked change:\n${[...hunk.removed, ...addedText].join('\n')}`,
      ).toBe(true);
    }
  });

  it('has a solution with no gaps left, importing node: modules only', () => {
    expect(solution).not.toMatch(/TODO\(/);
    for (const source of [start, solution]) {
      const imports = [...source.matchAll(/^import .* from '([^']+)';$/gm)].map((match) => match[1]);
      expect(imports.every((specifier) => specifier!.startsWith('node:'))).toBe(true);
    }
  });
});
