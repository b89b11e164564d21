// Step 7's checks: every case of the bad-input suite that a server must fail with 1002 or 1007, reused as it stands.
import { FRAME_CASES, type FrameCase } from '../../../tests/server/bad-input/frame-cases.ts';
import type { Check } from '../../checker/check.ts';
import { frameCaseCheck } from '../../checker/probes.ts';

/** The section that states the rule a case breaks, by the case's Autobahn category (and a few single cases). */
function sectionOf({ id }: FrameCase): string {
  if (id === '1.a') return '5.1';
  if (id === '2.5' || id === '5.1' || id === '5.2' || id === '7.3.6' || id === '7.b') return '5.5';
  if (id.startsWith('7.9.')) return '7.4.1';
  if (id.startsWith('7.')) return '5.5.1';
  if (id.startsWith('6.')) return '8.1';
  if (id.startsWith('5.')) return '5.4';
  return '5.2';
}

/** Protocol errors: not limits (9.x, step 8's), and not a peer's own Close 1002 or 1007, which step 6 echoes (7.7.x). */
const isProtocolError = (testCase: FrameCase) =>
  (testCase.closeCode === 1002 || testCase.closeCode === 1007) && !testCase.id.startsWith('9.') && !testCase.id.startsWith('7.7.');

export const VALIDATION_CHECKS: Check[] = FRAME_CASES.filter(isProtocolError).map((testCase) =>
  frameCaseCheck(testCase, { section: sectionOf(testCase), untilClose: true }),
);
