// The demo server's whole bad-input suite, whole and byte by byte, as checks for the reader's finished server.
import { FRAME_CASES } from '../../tests/server/bad-input/frame-cases.ts';
import { HANDSHAKE_CASES } from '../../tests/server/bad-input/handshake-cases.ts';
import type { Check } from './check.ts';
import { frameCaseCheck, handshakeCaseCheck } from './probes.ts';
import { appliesToReadersServer } from './suite-filter.ts';

const sectionOfFrameCase = (id: string) =>
  id.startsWith('9.') ? '10.4' : id.startsWith('6.') ? '8.1' : id.startsWith('7.') ? '5.5.1' : id.startsWith('5.') ? '5.4' : '5.2';

const ways = [false, true];

/** Every case of tests/server/bad-input that applies to the reader's server; suite-filter.ts says why the rest do not. */
export const SUITE_CHECKS: Check[] = [
  ...HANDSHAKE_CASES.filter(appliesToReadersServer).flatMap((testCase) =>
    ways
      .filter((bytewise) => !(bytewise && testCase.wholeOnly))
      .map((bytewise) => handshakeCaseCheck(testCase, { section: '4.2.1', bytewise })),
  ),
  ...FRAME_CASES.filter(appliesToReadersServer).flatMap((testCase) =>
    ways
      .filter((bytewise) => !(bytewise && testCase.wholeOnly))
      .map((bytewise) => frameCaseCheck(testCase, { section: sectionOfFrameCase(testCase.id), untilClose: true, bytewise })),
  ),
];
