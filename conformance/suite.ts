// Runs a whole selection of cases in order, one connection at a time, reporting progress as it goes.
import { compareCaseIds, frameCases, handshakeCases, matchesCaseList } from './cases/index.ts';
import { runFrameCase, runHandshakeCase, type CaseResult, type RunOptions } from './runner.ts';
import { runCompressionCase } from './compression-runner.ts';

export interface SuiteOptions extends Partial<RunOptions> {
  /** A `--cases` list such as `1.*,6.4.*`; absent means every case. */
  cases?: string;
  /** Categories 9, 12 and 13 at Autobahn's sizes and counts instead of the reduced default. */
  full?: boolean;
  /** Where categories 12 and 13 run, when the server compresses on another path (the demo server's /ws/deflate). */
  compressionUrl?: string;
  /** Called after each case, e.g. to print progress. */
  onCase?: (result: CaseResult, index: number, total: number) => void;
}

export interface SuiteRun {
  url: string;
  results: CaseResult[];
  durationMs: number;
}

/** The per-case time limit: enough for the reduced cases, and for Autobahn's own waits with `--full`. */
export const DEFAULT_CASE_TIME_LIMIT_MS = 15_000;
export const FULL_CASE_TIME_LIMIT_MS = 1_100_000;

export async function runSuite(url: string, options: SuiteOptions = {}): Promise<SuiteRun> {
  const started = performance.now();
  const run: RunOptions = {
    caseTimeLimitMs: options.caseTimeLimitMs ?? (options.full ? FULL_CASE_TIME_LIMIT_MS : DEFAULT_CASE_TIME_LIMIT_MS),
    ...(options.insecure ? { insecure: true } : {}),
  };
  const handshakes = handshakeCases().filter((c) => matchesCaseList(c.id, options.cases));
  const frames = frameCases(options.full ?? false).filter((c) => matchesCaseList(c.id, options.cases));
  const total = handshakes.length + frames.length;
  const results: CaseResult[] = [];
  for (const testCase of handshakes) {
    results.push(await runHandshakeCase(testCase, url, run));
    options.onCase?.(results.at(-1)!, results.length, total);
  }
  for (const testCase of frames) {
    results.push(
      testCase.compression
        ? await runCompressionCase(testCase, options.compressionUrl ?? url, run)
        : await runFrameCase(testCase, url, run),
    );
    options.onCase?.(results.at(-1)!, results.length, total);
  }
  results.sort((a, b) => compareCaseIds(a.id, b.id));
  return { url, results, durationMs: Math.round(performance.now() - started) };
}
