// Step 8's checks: the bad-input suite's limit cases, and a client that never reads.
import { HANDSHAKE_CASES } from '../../../tests/server/bad-input/handshake-cases.ts';
import type { Check } from '../../checker/check.ts';
import type { CheckerText } from '../../checker/checker-text.ts';
import { frameCase } from '../../checker/frame-case-by-id.ts';
import { backpressureCheck, frameCaseCheck, handshakeCaseCheck } from '../../checker/probes.ts';
import { sectionOfFrameCase, sectionOfHandshakeCase } from '../../checker/sections.ts';

/** Step 8's checks, told in the words of `text`. */
export function limitChecks(text: CheckerText): Check[] {
  const limit = (id: string, bytewise = false) =>
    frameCaseCheck(frameCase(id), { section: sectionOfFrameCase(id), untilClose: true, bytewise }, text);
  return [
    limit('9.1.a'),
    limit('9.1.b'),
    limit('9.1.c'),
    limit('9.1.d'),
    limit('5.b'),
    // A long length arriving a byte at a time: the header is judged only once all of it is there.
    limit('9.1.b', true),
    limit('9.1.c', true),
    handshakeCaseCheck(
      HANDSHAKE_CASES.find((testCase) => testCase.id === 'h.15')!,
      sectionOfHandshakeCase('h.15'),
      text,
    ),
    backpressureCheck(text),
  ];
}
