// The checker proves each step: against the step's reference solution every check passes; against its start file the
// earlier steps' checks still pass and each of the step's own checks fails, with evidence a reader can act on.
// A sample of the same runs in Chinese (--lang zh-cn) shows the report speaks it.
import { describe, expect, it } from 'vitest';
import { CHECKER_TEXT } from '../../workshop/checker/checker-text.ts';
import { NOT_FOR_THE_READERS_SERVER } from '../../workshop/checker/suite-filter.ts';
import { STEPS, stepsIn } from '../../workshop/steps.ts';
import { FRAME_CASES } from './bad-input/frame-cases.ts';
import { HANDSHAKE_CASES } from './bad-input/handshake-cases.ts';
import { unsplitReads } from './bad-input/one-byte-per-read.ts';
import { check, printedReport } from './workshop-harness.ts';

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

/** The same first failures, as `--lang zh-cn` reports them: the reader's own error stays as thrown. */
const FIRST_FAILURE_ZH: Record<number, RegExp> = {
  1: /^你的服务器抛出了异常：\nError: TODO\(step 1\): answer the opening handshake/,
  2: /^它抛出了 Error: TODO\(step 2\): read the frame header/,
  3: /^它抛出了 Error: TODO\(step 3\): unmask the payload/,
  4: /^1\.5 秒内什么也没收到$/,
  5: /^文本帧 "frag"$/,
  6: /^1\.5 秒内什么也没收到$/,
  7: /^文本帧 "Hello"$/,
  8: /^文本帧 65537 字节的 "\*"$/,
};
const CHINESE = /\p{Script=Han}/u;
const ZH_STEPS = stepsIn('zh-CN');

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

  // In Chinese, a sample: the step's first two checks (--only), run beside the English runs rather than after them.
  it('fails its first checks with the start file in Chinese too (--lang zh-cn)', { timeout: 180_000 }, async () => {
    const sample = ZH_STEPS[number - 1]!.checks.slice(0, 2);
    const only = sample.map((each) => each.id).join(',');
    const { exitCode, results } = await check(number, `workshop/steps/${slug}/start.ts`, ['--lang', 'zh-cn', '--only', only]);
    // Earlier steps may have checks of the same ids (step 2's 2.1 beside step 6's): only this step's are the sample.
    const own = results.filter((result) => result.step === number);
    expect(own.map((result) => [result.id, result.passed, result.title])).toEqual(sample.map((each) => [each.id, false, each.title]));
    for (const [i, { failure }] of own.entries()) expect(failure!.expected.startsWith(sample[i]!.expectation)).toBe(true);
    expect(own[0]!.failure!.received).toMatch(FIRST_FAILURE_ZH[number]!);
    expect(exitCode).toBe(1);
  });
});

describe.concurrent('the checker in Chinese (--lang zh-cn)', () => {
  it('has Chinese titles for every case of the bad-input suite and every demand beyond the RFC', () => {
    const zh = CHECKER_TEXT['zh-CN'];
    expect(HANDSHAKE_CASES.filter((testCase) => !zh.handshakeCaseTitles?.[testCase.id]).map((testCase) => testCase.id)).toEqual([]);
    expect(FRAME_CASES.filter((testCase) => !zh.frameCaseTitles?.[testCase.id]).map((testCase) => testCase.id)).toEqual([]);
    const beyond = [...HANDSHAKE_CASES, ...FRAME_CASES].filter((testCase) => testCase.beyondRfc && !zh.caseBeyondRfc?.[testCase.id]);
    expect(beyond.map((testCase) => testCase.id)).toEqual([]);
    expect(Object.keys(NOT_FOR_THE_READERS_SERVER).filter((id) => !zh.leftOutReasons?.[id])).toEqual([]);
    // The same checks, in the same order, with the same ids and sections: only the words differ.
    const shape = (steps: typeof STEPS) => steps.map((step) => step.checks.map((each) => [each.id, each.section, each.rfc]));
    expect(shape(ZH_STEPS)).toEqual(shape(STEPS));
    for (const each of ZH_STEPS.flatMap((step) => [step.title, ...step.checks.flatMap((c) => [c.title, c.beyondRfc ?? '中'])]))
      expect(each).toMatch(CHINESE);
  });

  it('prints its report in Chinese: headings, evidence labels, the verdict and where the hints are', { timeout: 60_000 }, async () => {
    const printed = await printedReport(3, 'workshop/steps/03-unmask/start.ts', ['--lang', 'zh-cn']);
    expect(printed).toContain('检查 workshop/steps/03-unmask/start.ts，直到第 3 步“去掉载荷的掩码”。');
    expect(printed).toContain('✓ 第 2 步，读取帧头：全部 13 项检查仍然通过。');
    expect(printed).toContain('第 3 步，去掉载荷的掩码：4 项检查中 0 项通过。');
    expect(printed).toMatch(/^ {6}发送 {5}unmask\(<7f 9f 4d 51 58>, <37 fa 21 3d>\)$/m);
    expect(printed).toMatch(/^ {6}期望 {5}返回 <48 65 6c 6c 6f>$/m);
    expect(printed).toContain('33 项检查中 4 项失败。（');
    expect(printed).toContain('提示：workshop/steps/03-unmask/hints.zh-cn.md，或者这一步的页面 /zh-cn/workshop/03-unmask/。');
    // English stays the default.
    const english = await printedReport(3, 'workshop/steps/03-unmask/start.ts', ['--only', '3.1']);
    expect(english).toContain('Step 3, Unmask the payload: 0 of 1 checks pass.');
    expect(english).toMatch(/^ {6}expected returns <48 65 6c 6c 6f>$/m);
  });
});
