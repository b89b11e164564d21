// Step 1's checks: the opening handshake's cases from the bad-input suite, answered as the demo server answers them.
import { HANDSHAKE_CASES } from '../../../tests/server/bad-input/handshake-cases.ts';
import type { Check } from '../../checker/check.ts';
import { handshakeCaseCheck } from '../../checker/probes.ts';

/** Case id → the RFC 6455 section (or RFC 9110's, for 405) that sets the answer. */
const SECTIONS: Record<string, string> = {
  'h.1': '4.2.2',
  'h.2': '4.2.1',
  'h.3': '4.2.1',
  'h.4': '4.2.1',
  'h.5': '4.2.2',
  'h.6': '4.3',
  'h.7': '4.1',
  'h.9': '4.2.1',
  'h.10': '4.1',
  'h.11': '4.2.2',
  'h.12': '4.1',
  'h.22': '4.2.1',
};

const byId = (id: string) => HANDSHAKE_CASES.find((testCase) => testCase.id === id)!;

export const HANDSHAKE_CHECKS: Check[] = [
  ...Object.entries(SECTIONS).map(([id, section]) => handshakeCaseCheck(byId(id), { section })),
  handshakeCaseCheck(byId('h.1'), { section: '4.2.1', bytewise: true }),
];
