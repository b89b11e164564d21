// Step 7's checks: every case of the bad-input suite that a server must fail with 1002 or 1007, reused as it stands.
import { FRAME_CASES, type FrameCase } from '../../../tests/server/bad-input/frame-cases.ts';
import type { Check } from '../../checker/check.ts';
import type { CheckerText } from '../../checker/checker-text.ts';
import { frameCaseCheck } from '../../checker/probes.ts';
import { sectionOfFrameCase } from '../../checker/sections.ts';

/** Protocol errors: not limits (9.x, step 8's), and not a peer's own Close 1002 or 1007, which step 6 echoes (7.7.x). */
const isProtocolError = (testCase: FrameCase) =>
  (testCase.closeCode === 1002 || testCase.closeCode === 1007) && !testCase.id.startsWith('9.') && !testCase.id.startsWith('7.7.');

/** Step 7's checks, told in the words of `text`. */
export const validationChecks = (text: CheckerText): Check[] =>
  FRAME_CASES.filter(isProtocolError).map((testCase) =>
    frameCaseCheck(testCase, { section: sectionOfFrameCase(testCase.id), untilClose: true }, text),
  );
