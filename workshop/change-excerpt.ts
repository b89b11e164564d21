// The regions of a file that change, each with a few lines around it, as one block of code: what a step page shows of a long file.
import { lineEdits, type LineEdit } from './line-diff.ts';

export interface ChangeExcerpt {
  /** The lines shown, in order, with a comment line in place of each run of unchanged lines that is left out. */
  code: string;
  /** 1-based numbers, counted in `code`, of the lines that `after` adds. */
  added: number[];
  /** 1-based numbers, counted in `code`, of the lines of `before` that `after` drops. */
  removed: number[];
}

/** Unchanged lines shown on each side of a change, as `diff -U3` does. */
export const CONTEXT_LINES = 3;

/**
 * A run of unchanged lines shorter than this is shown rather than left out: a comment line in place of one line
 * saves nothing and hides code.
 */
const SHORTEST_GAP = 2;

/**
 * The lines where `after` differs from `before`, with `context` unchanged lines on each side, as one TypeScript block.
 * Dropped lines come just before the lines that replace them. Every run of unchanged lines left out becomes one comment
 * line, `// … lines 120–180 unchanged …`, numbered as in `after`, so the reader can find the rest in the whole file.
 */
export function changeExcerpt(before: string, after: string, context = CONTEXT_LINES): ChangeExcerpt {
  if (!Number.isInteger(context) || context < 0) {
    throw new TypeError(`The context must be a whole number of lines, 0 or more; got ${context}.`);
  }
  const rows = removedBeforeAdded(lineEdits(withoutFinalNewline(before), withoutFinalNewline(after)));
  const near = rows.map((_, index) => rows.slice(Math.max(0, index - context), index + context + 1).some((row) => row.kind !== 'same'));
  const lines: string[] = [];
  const added: number[] = [];
  const removed: number[] = [];
  for (let index = 0; index < rows.length;) {
    if (!near[index]) {
      let end = index;
      while (end < rows.length && !near[end]) end++;
      if (end - index >= SHORTEST_GAP) {
        lines.push(gapMarker(rows.slice(index, end), rows[index - 1], rows[end]));
        index = end;
        continue;
      }
    }
    const row = rows[index++]!;
    lines.push(row.text);
    if (row.kind === 'added') added.push(lines.length);
    if (row.kind === 'removed') removed.push(lines.length);
  }
  return { code: lines.join('\n'), added, removed };
}

/** A file's lines end with a newline; the empty string after the last one is not a line. */
function withoutFinalNewline(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

/** The edits with each run of changes reordered so that the lines dropped come before the lines that replace them. */
function removedBeforeAdded(edits: LineEdit[]): LineEdit[] {
  const ordered: LineEdit[] = [];
  let pendingAdded: LineEdit[] = [];
  for (const edit of edits) {
    if (edit.kind === 'added') {
      pendingAdded.push(edit);
      continue;
    }
    if (edit.kind === 'same') {
      ordered.push(...pendingAdded);
      pendingAdded = [];
    }
    ordered.push(edit);
  }
  return [...ordered, ...pendingAdded];
}

/** The comment line that stands for unchanged lines left out, indented like the code around it. */
function gapMarker(hidden: LineEdit[], previous: LineEdit | undefined, next: LineEdit | undefined): string {
  const numbers = hidden.map((row) => (row.kind === 'same' ? row.after : 0));
  const indents = [previous, next].filter((row) => row !== undefined && row.text.trim() !== '').map((row) => /^\s*/.exec(row!.text)![0]);
  const indent = indents.reduce((shortest, candidate) => (candidate.length < shortest.length ? candidate : shortest), indents[0] ?? '');
  return `${indent}// … lines ${numbers[0]}–${numbers.at(-1)} unchanged …`;
}
