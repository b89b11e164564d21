// Which lines changed between two versions of a file: the step pages show them, and a test holds each start file to its gap.

/** One line of a line-by-line diff: kept in both texts, new in `after`, or gone from `before`. Line numbers are 1-based. */
export type LineEdit =
  | { kind: 'same'; text: string; before: number; after: number }
  | { kind: 'added'; text: string; after: number }
  | { kind: 'removed'; text: string; before: number };

export interface Hunk {
  /** 1-based numbers of the lines in `after` that are new. */
  added: number[];
  /** The lines of `before` that are gone. */
  removed: string[];
}

/** Every line of both texts in order, as kept, added or removed (a longest-common-subsequence diff). */
export function lineEdits(before: string, after: string): LineEdit[] {
  const a = before.split('\n');
  const b = after.split('\n');
  // common[i][j]: length of the longest common subsequence of a[i:] and b[j:].
  const common = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i]![j] = a[i] === b[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
    }
  }
  const edits: LineEdit[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) edits.push({ kind: 'same', text: b[j]!, before: ++i, after: ++j });
    else if (j < b.length && (i === a.length || common[i]![j + 1]! >= common[i + 1]![j]!))
      edits.push({ kind: 'added', text: b[j]!, after: ++j });
    else edits.push({ kind: 'removed', text: a[i]!, before: ++i });
  }
  return edits;
}

/** The differences between two texts, line by line, as runs of added and removed lines. */
export function lineHunks(before: string, after: string): Hunk[] {
  const hunks: Hunk[] = [];
  let open: Hunk | null = null;
  for (const edit of lineEdits(before, after)) {
    if (edit.kind === 'same') {
      open = null;
      continue;
    }
    if (open === null) hunks.push((open = { added: [], removed: [] }));
    if (edit.kind === 'added') open.added.push(edit.after);
    else open.removed.push(edit.text);
  }
  return hunks;
}
