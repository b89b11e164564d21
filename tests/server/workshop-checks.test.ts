// The checker proves each step: against the step's reference solution every check passes; against its start file the
// earlier steps' checks still pass and each of the step's own checks fails, with evidence a reader can act on.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../workshop/checker/run-checks.ts';
import { STEPS } from '../../workshop/steps.ts';

const run = promisify(execFile);

/** Runs `npm run workshop:check <step> <file> --json` as a reader would, on this Node (24), and parses its report. */
async function check(step: number, file: string): Promise<{ exitCode: number; results: CheckResult[] }> {
  const outcome = await run(process.execPath, ['workshop/check.ts', String(step), file, '--json'], { maxBuffer: 64 * 1024 * 1024 }).then(
    ({ stdout }) => ({ stdout, exitCode: 0 }),
    (error: { stdout: string; code: number }) => ({ stdout: error.stdout, exitCode: error.code }),
  );
  return { exitCode: outcome.exitCode, results: (JSON.parse(outcome.stdout) as { results: CheckResult[] }).results };
}

/** What the first of a step's checks reports against its start file: the gap, in the reader's words. */
const FIRST_FAILURE: Record<number, RegExp> = {
  1: /your server threw an exception:\nError: TODO\(step 1\): answer the opening handshake/,
  2: /it threw Error: TODO\(step 2\): read the frame header/,
  3: /it threw Error: TODO\(step 3\): unmask the payload/,
  4: /^nothing within 1\.5 s$/,
  5: /^text "frag"$/,
  6: /^nothing within 1\.5 s$/,
  7: /^text "Hello"$/,
  8: /^text 65537 bytes of "\*"$/,
};

describe.concurrent.each(STEPS)('step $number, $title', ({ number, slug, checks }) => {
  it('passes every check, its own and all earlier ones, with the reference solution', { timeout: 180_000 }, async () => {
    const { exitCode, results } = await check(number, `workshop/steps/${slug}/solution.ts`);
    expect(results.filter((result) => !result.passed)).toEqual([]);
    expect(results.filter((result) => result.step === number)).toHaveLength(checks.length);
    expect(exitCode).toBe(0);
  });

  it('fails each of its own checks with the start file, and explains how', { timeout: 180_000 }, async () => {
    const { exitCode, results } = await check(number, `workshop/steps/${slug}/start.ts`);
    const earlier = results.filter((result) => result.step !== number);
    const own = results.filter((result) => result.step === number);
    expect(earlier.filter((result) => !result.passed)).toEqual([]);
    expect(own.map((result) => [result.id, result.passed])).toEqual(checks.map((each) => [each.id, false]));
    for (const [i, { failure }] of own.entries()) {
      expect(failure!.sent).not.toBe('');
      expect(failure!.received).not.toBe('');
      // What the report expects is what the step's page lists (the backpressure check names the call instead).
      if (checks[i]!.id !== '8.backpressure') expect(failure!.expected.startsWith(checks[i]!.expectation)).toBe(true);
    }
    expect(own[0]!.failure!.received).toMatch(FIRST_FAILURE[number]!);
    expect(exitCode).toBe(1);
  });
});
