// Runs the workshop's checker as a reader would, in a process of its own, and parses its JSON report.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { CheckResult } from '../../workshop/checker/run-checks.ts';

const run = promisify(execFile);

/** Runs `npm run workshop:check <step> <file> --json` as a reader would, on this Node (24), and parses its report. */
export async function check(
  step: number | 'suite',
  file: string,
  options: string[] = [],
): Promise<{ exitCode: number; results: CheckResult[] }> {
  const args = ['workshop/check.ts', String(step), file, '--json', ...options];
  const outcome = await run(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 }).then(
    ({ stdout }) => ({ stdout, exitCode: 0 }),
    (error: { stdout: string; code: number }) => ({ stdout: error.stdout, exitCode: error.code }),
  );
  return { exitCode: outcome.exitCode, results: (JSON.parse(outcome.stdout) as { results: CheckResult[] }).results };
}

/** Runs `npm run workshop:check <step> <file> [options]` and returns what it prints for a reader (no colours: not a terminal). */
export async function printedReport(step: number | 'suite', file: string, options: string[] = []): Promise<string> {
  const args = ['workshop/check.ts', String(step), file, ...options];
  return run(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 }).then(
    ({ stdout }) => stdout,
    (error: { stdout: string }) => error.stdout,
  );
}
