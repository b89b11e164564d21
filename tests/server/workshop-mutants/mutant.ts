// A mutant of the workshop's last reference solution: the solution with one mistake put in, written out as a server file.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Mutant {
  /** The file name it is written under, and how the tests call it. */
  name: string;
  /** The mistake, as a reader might make it. */
  mistake: string;
  /** Text of step 8's solution, found exactly once, and what replaces it. */
  find: string;
  replace: string;
}

export const SOLUTION = 'workshop/steps/08-limits/solution.ts';

/** The solution's text with the mutant's mistake in it; throws when the text to replace is not there exactly once. */
export function mutatedSource(mutant: Mutant): string {
  const solution = readFileSync(SOLUTION, 'utf8');
  const found = solution.split(mutant.find).length - 1;
  if (found !== 1) throw new Error(`${mutant.name}: the text to replace occurs ${found} times in ${SOLUTION}, not once.`);
  return solution.replace(mutant.find, mutant.replace);
}

/** Writes the mutant to a fresh temporary folder and returns its path (it imports node: modules only, so it runs anywhere). */
export function writeMutant(mutant: Mutant): string {
  const file = join(mkdtempSync(join(tmpdir(), 'workshop-mutant-')), `${mutant.name}.ts`);
  writeFileSync(file, mutatedSource(mutant));
  return file;
}
