// The JSON report: `{ agent, url, cases: [{ id, description, expectation, behavior, behaviorClose, durationMs, sent, received }] }`, bytes as hex.
import { hex } from '../src/lib/protocol/index.ts';
import type { Verdict } from './cases/case-types.ts';
import type { CaseResult } from './runner.ts';

export interface JsonCaseReport {
  id: string;
  description: string;
  expectation: string;
  behavior: Verdict;
  behaviorClose: Verdict;
  durationMs: number;
  /** The first bytes sent and received (handshake included), as lowercase hex. */
  sent: string;
  received: string;
}

export interface JsonReport {
  agent: string;
  url: string;
  cases: JsonCaseReport[];
}

export function jsonReport(agent: string, url: string, results: readonly CaseResult[]): JsonReport {
  return {
    agent,
    url,
    cases: results.map((r) => ({
      id: r.id,
      description: r.description,
      expectation: r.expectation,
      behavior: r.behavior,
      behaviorClose: r.behaviorClose,
      durationMs: r.durationMs,
      sent: hex(r.sent),
      received: hex(r.received),
    })),
  };
}

/** Whether a run failed: any case FAILED in either verdict, which makes the CLI exit 1. */
export const anyFailed = (results: readonly { behavior: Verdict; behaviorClose: Verdict }[]): boolean =>
  results.some((r) => r.behavior === 'FAILED' || r.behaviorClose === 'FAILED');
