// Which tone one matrix cell takes for a category's tally; its words, in the page's language, are src/components/conformance-text.ts's.
import type { Tally } from './summary.ts';

export type MatrixTone = 'all-ok' | 'non-strict' | 'failed' | 'none';

/** A colour that repeats what the cell's words say: the worst verdict among the category's cases. */
export function matrixTone(tally: Tally | undefined): MatrixTone {
  if (tally === undefined || tally.total === 0) return 'none';
  return tally.FAILED > 0 ? 'failed' : tally['NON-STRICT'] > 0 ? 'non-strict' : 'all-ok';
}
