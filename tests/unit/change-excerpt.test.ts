// The step pages' view of a long file: the changed regions with context, gap lines that say what is left out, and the marks.
import { describe, expect, it } from 'vitest';
import { changeExcerpt } from '../../workshop/change-excerpt.ts';
import { lineEdits } from '../../workshop/line-diff.ts';

/** "line 1" … "line n", one per line, ending with a newline as files do. */
const numbered = (count: number) => `${Array.from({ length: count }, (_, index) => `line ${index + 1}`).join('\n')}\n`;

/** `text` with `line n` replaced by `replacement` (several lines, or none). */
const replaceLine = (text: string, n: number, replacement: string[]) =>
  text.replace(`line ${n}\n`, replacement.map((line) => `${line}\n`).join(''));

describe('lineEdits', () => {
  it('lists every line of both texts with its numbers', () => {
    expect(lineEdits('a\nb\nc', 'a\nB\nc')).toEqual([
      { kind: 'same', text: 'a', before: 1, after: 1 },
      { kind: 'added', text: 'B', after: 2 },
      { kind: 'removed', text: 'b', before: 2 },
      { kind: 'same', text: 'c', before: 3, after: 3 },
    ]);
  });
});

describe('changeExcerpt', () => {
  it('shows a change with three lines around it and a gap line for each run left out, numbered as in the new file', () => {
    const before = numbered(20);
    const after = replaceLine(before, 10, ['line ten']);
    const excerpt = changeExcerpt(before, after);
    expect(excerpt.code.split('\n')).toEqual([
      '// … lines 1–6 unchanged …',
      'line 7',
      'line 8',
      'line 9',
      'line 10',
      'line ten',
      'line 11',
      'line 12',
      'line 13',
      '// … lines 14–20 unchanged …',
    ]);
    expect(excerpt.removed).toEqual([5]);
    expect(excerpt.added).toEqual([6]);
  });

  it('numbers gap lines by the new file when lines were added above them', () => {
    const before = numbered(20);
    const after = replaceLine(before, 2, ['line 2', 'new a', 'new b']);
    const { code, added, removed } = changeExcerpt(before, after);
    expect(code.split('\n')).toEqual(['line 1', 'line 2', 'new a', 'new b', 'line 3', 'line 4', 'line 5', '// … lines 8–22 unchanged …']);
    expect(added).toEqual([3, 4]);
    expect(removed).toEqual([]);
  });

  it('keeps two changes apart with a gap line between them', () => {
    const before = numbered(30);
    const after = replaceLine(replaceLine(before, 5, ['five']), 25, ['twenty-five']);
    const lines = changeExcerpt(before, after).code.split('\n');
    // Line 1 alone lies outside line 5's context: it is shown rather than replaced by a gap line.
    expect(lines.slice(0, 2)).toEqual(['line 1', 'line 2']);
    expect(lines.filter((line) => line.startsWith('// …'))).toEqual(['// … lines 9–21 unchanged …', '// … lines 29–30 unchanged …']);
  });

  it('merges changes whose context meets, and shows a single left-out line instead of a gap line for it', () => {
    const before = numbered(30);
    // Lines 10 and 17 change: their contexts (7–13 and 14–20) meet, so the two are one region.
    const meeting = changeExcerpt(before, replaceLine(replaceLine(before, 10, ['ten']), 17, ['seventeen']));
    expect(meeting.code.split('\n').filter((line) => line.startsWith('// …'))).toEqual([
      '// … lines 1–6 unchanged …',
      '// … lines 21–30 unchanged …',
    ]);
    // Lines 10 and 18: only line 14 lies between the contexts, and a gap line would not be shorter.
    const oneApart = changeExcerpt(before, replaceLine(replaceLine(before, 10, ['ten']), 18, ['eighteen']));
    expect(oneApart.code).toContain('line 14\n');
    expect(oneApart.code.split('\n').filter((line) => line.startsWith('// …'))).toHaveLength(2);
  });

  it('puts dropped lines before the lines that replace them, and shows a change that only drops lines', () => {
    const before = 'keep\nold 1\nold 2\nkeep too\ngone\nlast\n';
    const after = 'keep\nnew\nkeep too\nlast\n';
    expect(changeExcerpt(before, after, 0)).toEqual({
      code: 'keep\nold 1\nold 2\nnew\nkeep too\ngone\nlast',
      added: [4],
      removed: [2, 3, 6],
    });
  });

  it('indents a gap line like the code around it', () => {
    const body = Array.from({ length: 12 }, (_, index) => `  statement ${index + 1};`);
    const before = ['function f() {', ...body, '}'].join('\n');
    const after = ['function f() {', '  first();', ...body.slice(1, -1), '  last();', '}'].join('\n');
    expect(changeExcerpt(before, after, 1).code.split('\n')).toContain('  // … lines 4–11 unchanged …');
  });

  it('shows nothing but one gap line when the texts are the same, and refuses a negative context', () => {
    expect(changeExcerpt('a\nb\n', 'a\nb\n')).toEqual({ code: '// … lines 1–2 unchanged …', added: [], removed: [] });
    expect(() => changeExcerpt('a', 'b', -1)).toThrow(new TypeError('The context must be a whole number of lines, 0 or more; got -1.'));
  });
});
