// The matrix's summary of a report: per category, how many cases got each verdict, and which cases disagree with the strict reading.
import type { Verdict } from '../cases/case-types.ts';
import { categoryOf } from '../cases/index.ts';
import type { JsonReport } from '../report-json.ts';

export type Tally = Record<Verdict, number> & { total: number };

export interface ServerSummary {
  id: string;
  language: string;
  library: string;
  version: string;
  source: string;
  /** Wall-clock time of the default run, in milliseconds. */
  durationMs: number;
  categories: Record<string, Tally>;
  /** Cases by their one verdict (see caseVerdict), in suite order. */
  failed: string[];
  nonStrict: string[];
  informational: string[];
}

const ORDER: Verdict[] = ['FAILED', 'NON-STRICT', 'UNIMPLEMENTED', 'INFORMATIONAL', 'OK'];

/** A case's one verdict for the matrix: the worse of its two, in the order FAILED, NON-STRICT, UNIMPLEMENTED, INFORMATIONAL, OK. */
export function caseVerdict(c: { behavior: Verdict; behaviorClose: Verdict }): Verdict {
  return ORDER.find((v) => c.behavior === v || c.behaviorClose === v) ?? 'OK';
}

export function tallyByCategory(report: JsonReport): Record<string, Tally> {
  const categories: Record<string, Tally> = {};
  for (const c of report.cases) {
    const tally = (categories[categoryOf(c.id)] ??= { total: 0, OK: 0, 'NON-STRICT': 0, INFORMATIONAL: 0, UNIMPLEMENTED: 0, FAILED: 0 });
    tally.total++;
    tally[caseVerdict(c)]++;
  }
  return categories;
}

export function verdictLists(report: JsonReport): { failed: string[]; nonStrict: string[]; informational: string[] } {
  const withVerdict = (verdict: Verdict) => report.cases.filter((c) => caseVerdict(c) === verdict).map((c) => c.id);
  return { failed: withVerdict('FAILED'), nonStrict: withVerdict('NON-STRICT'), informational: withVerdict('INFORMATIONAL') };
}
