// The demo server's whole bad-input suite, whole and one byte per read, as checks for the reader's finished server.
import { FRAME_CASES } from '../../tests/server/bad-input/frame-cases.ts';
import { HANDSHAKE_CASES } from '../../tests/server/bad-input/handshake-cases.ts';
import type { Check } from './check.ts';
import type { CheckerText } from './checker-text.ts';
import { frameCaseCheck, handshakeCaseCheck } from './probes.ts';
import { sectionOfFrameCase, sectionOfHandshakeCase } from './sections.ts';
import { appliesToReadersServer } from './suite-filter.ts';

const ways = [false, true];

/** Every case of tests/server/bad-input that applies to the reader's server; suite-filter.ts says why the rest do not. */
export const suiteChecks = (text: CheckerText): Check[] => [
  ...HANDSHAKE_CASES.filter(appliesToReadersServer).flatMap((testCase) =>
    ways
      .filter((bytewise) => !(bytewise && testCase.wholeOnly))
      .map((bytewise) => handshakeCaseCheck(testCase, { ...sectionOfHandshakeCase(testCase.id), bytewise }, text)),
  ),
  ...FRAME_CASES.filter(appliesToReadersServer).flatMap((testCase) =>
    ways
      .filter((bytewise) => !(bytewise && testCase.wholeOnly))
      .map((bytewise) => frameCaseCheck(testCase, { section: sectionOfFrameCase(testCase.id), untilClose: true, bytewise }, text)),
  ),
];
