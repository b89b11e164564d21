// Which recorded cases an explanation covers, server by server, for the Conformance page and its test.
import type { Verdict } from '../cases/case-types.ts';
import { explanationFor, type Explanation } from './explanations.ts';
import type { ServerSummary } from './summary.ts';

export interface ExplainedRow {
  server: string;
  library: string;
  verdict: Verdict;
  cases: string[];
}

/** The cases each server disagrees on for this explanation's reason, grouped by verdict. */
export function explainedCases(explanation: Explanation, servers: readonly ServerSummary[]): ExplainedRow[] {
  const rows: ExplainedRow[] = [];
  for (const server of servers) {
    for (const [verdict, ids] of [
      ['FAILED', server.failed],
      ['NON-STRICT', server.nonStrict],
      ['INFORMATIONAL', server.informational],
    ] as [Verdict, string[]][]) {
      const cases = ids.filter((id) => explanationFor(server.id, id, verdict) === explanation);
      if (cases.length > 0) rows.push({ server: server.id, library: server.library, verdict, cases });
    }
  }
  return rows;
}
