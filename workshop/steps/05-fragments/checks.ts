// Step 5's checks: fragmented messages from the bad-input suite, each echoed whole.
import { clientFrame } from '../../../tests/server/bad-input/raw-client.ts';
import type { Check } from '../../checker/check.ts';
import type { CheckerText } from '../../checker/checker-text.ts';
import { frameCase } from '../../checker/frame-case-by-id.ts';
import { frameCaseCheck } from '../../checker/probes.ts';

/** Step 5's checks, told in the words of `text`. */
export function fragmentChecks(text: CheckerText): Check[] {
  const whole = (id: string, bytewise = false) => frameCaseCheck(frameCase(id), { section: '5.4', untilClose: false, bytewise }, text);
  return [
    whole('5.3'),
    whole('5.3', true),
    whole('6.2.3'),
    whole('5.a'),
    frameCaseCheck(
      {
        id: '5.binary',
        title: 'binary in three fragments',
        bytes: Buffer.concat([
          clientFrame({ opcode: 0x2, payload: Uint8Array.of(1, 2), fin: false }),
          clientFrame({ opcode: 0x0, payload: Uint8Array.of(3, 4), fin: false }),
          clientFrame({ opcode: 0x0, payload: Uint8Array.of(5) }),
        ]),
        replies: [{ opcode: 0x2, payload: '0102030405' }],
        closeCode: null,
      },
      { section: '5.4', untilClose: false, title: text.stepCheckTitles?.['5.binary'] ?? 'binary in three fragments' },
      text,
    ),
  ];
}
