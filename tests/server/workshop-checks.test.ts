// The checker proves each step: against the step's reference solution every check passes; against its start file the
// earlier steps' checks still pass and each of the step's own checks fails, with evidence a reader can act on.
import { describe, expect, it } from 'vitest';
import { STEPS } from '../../workshop/steps.ts';
import { unsplitReads } from './bad-input/one-byte-per-read.ts';
import { check } from './workshop-harness.ts';

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
    // Every byte-wise check really split what the server read: each byte came in a read of its own.
    const bytewise = results.filter((result) => result.id.endsWith('-bytewise'));
    expect(bytewise.length).toBeGreaterThan(0);
    for (const result of bytewise) expect([result.id, unsplitReads(result.serverReads ?? null)]).toEqual([result.id, null]);
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
      // What the report expects is what the step's page lists.
      expect(failure!.expected.startsWith(checks[i]!.expectation)).toBe(true);
    }
    expect(own[0]!.failure!.received).toMatch(FIRST_FAILURE[number]!);
    expect(exitCode).toBe(1);
  });
});
