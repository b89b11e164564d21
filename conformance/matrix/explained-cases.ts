// Which recorded cases an explanation covers, server by server (or client by client), for the Conformance page and its test.
import type { Verdict } from '../cases/case-types.ts';
import { EXPLANATIONS, explanationFor, type Explanation } from './explanations.ts';
import type { ServerSummary } from './summary.ts';

export interface ExplainedRow {
  server: string;
  library: string;
  verdict: Verdict;
  cases: string[];
}

/** The cases each server disagrees on for this explanation's reason, grouped by verdict. */
export function explainedCases(
  explanation: Explanation,
  servers: readonly ServerSummary[],
  explanations: readonly Explanation[] = EXPLANATIONS,
): ExplainedRow[] {
  const rows: ExplainedRow[] = [];
  for (const server of servers) {
    for (const [verdict, ids] of [
      ['FAILED', server.failed],
      ['NON-STRICT', server.nonStrict],
      ['INFORMATIONAL', server.informational],
    ] as [Verdict, string[]][]) {
      const cases = ids.filter((id) => explanationFor(server.id, id, verdict, explanations) === explanation);
      if (cases.length > 0) rows.push({ server: server.id, library: server.library, verdict, cases });
    }
  }
  return rows;
}

/** The recorded disagreements no explanation covers (`id verdict` per server), and the explanations that cover some. */
export function unexplainedCases(
  servers: readonly ServerSummary[],
  explanations: readonly Explanation[] = EXPLANATIONS,
): { unexplained: string[]; used: Set<string> } {
  const unexplained: string[] = [];
  const used = new Set<string>();
  for (const server of servers) {
    for (const [verdict, ids] of [
      ['FAILED', server.failed],
      ['NON-STRICT', server.nonStrict],
      ['INFORMATIONAL', server.informational],
    ] as const) {
      for (const id of ids) {
        const explanation = explanationFor(server.id, id, verdict, explanations);
        if (explanation === undefined) unexplained.push(`${server.id} ${id} ${verdict}`);
        else used.add(explanation.id);
      }
    }
  }
  return { unexplained, used };
}
