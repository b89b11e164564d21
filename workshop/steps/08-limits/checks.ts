// Step 8's checks: the bad-input suite's limit cases, and a client that never reads.
import { HANDSHAKE_CASES } from '../../../tests/server/bad-input/handshake-cases.ts';
import type { Check } from '../../checker/check.ts';
import { frameCase } from '../../checker/frame-case-by-id.ts';
import { backpressureCheck, frameCaseCheck, handshakeCaseCheck } from '../../checker/probes.ts';

const limit = (id: string) => frameCaseCheck(frameCase(id), { section: '10.4', untilClose: true });

export const LIMIT_CHECKS: Check[] = [
  limit('9.1.a'),
  limit('9.1.b'),
  frameCaseCheck(frameCase('9.1.c'), { section: '5.2', untilClose: true }),
  limit('9.1.d'),
  limit('5.b'),
  handshakeCaseCheck(
    HANDSHAKE_CASES.find((testCase) => testCase.id === 'h.15')!,
    { section: '10.4' },
  ),
  backpressureCheck,
];
