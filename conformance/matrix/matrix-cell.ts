// What one matrix cell says for a category's tally, in words rather than colour alone.
import type { Tally } from './summary.ts';

export interface MatrixCell {
  text: string;
  tone: 'all-ok' | 'non-strict' | 'failed' | 'none';
}

export function matrixCell(tally: Tally | undefined): MatrixCell {
  if (tally === undefined || tally.total === 0) return { text: '—', tone: 'none' };
  const parts = [`${tally.OK} OK`];
  if (tally['NON-STRICT'] > 0) parts.push(`${tally['NON-STRICT']} non-strict`);
  if (tally.INFORMATIONAL > 0) parts.push(`${tally.INFORMATIONAL} info`);
  if (tally.UNIMPLEMENTED > 0) parts.push(`${tally.UNIMPLEMENTED} unimplemented`);
  if (tally.FAILED > 0) parts.push(`${tally.FAILED} failed`);
  const tone = tally.FAILED > 0 ? 'failed' : tally['NON-STRICT'] > 0 ? 'non-strict' : 'all-ok';
  return { text: tally.OK === tally.total ? `all ${tally.total} OK` : parts.join(', '), tone };
}
