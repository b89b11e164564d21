// Step 4's checks: single frames from the bad-input suite, each echoed back unmasked with the same opcode and payload.
import { clientFrame } from '../../../tests/server/bad-input/raw-client.ts';
import type { Check } from '../../checker/check.ts';
import type { CheckerText } from '../../checker/checker-text.ts';
import { frameCase } from '../../checker/frame-case-by-id.ts';
import { frameCaseCheck } from '../../checker/probes.ts';

const hexOf = (text: string) => Buffer.from(text).toString('hex');

/** Step 4's checks, told in the words of `text`. */
export function echoChecks(text: CheckerText): Check[] {
  // Until step 6 the server does not answer a Close, so these read the echo and stop.
  const echo = (id: string, section = '5.2', bytewise = false) =>
    frameCaseCheck(
      frameCase(id),
      {
        section,
        untilClose: false,
        bytewise,
        ...(id === '7.1.1' ? { title: text.stepCheckTitles?.['4.hello'] ?? 'a masked text frame, "Hello"' } : {}),
      },
      text,
    );
  return [
    echo('7.1.1', '5.6'),
    echo('1.1.1'),
    echo('1.1.2'),
    echo('1.1.3'),
    echo('1.1.4'),
    echo('1.1.5'),
    echo('1.2.1', '5.6'),
    echo('1.2.2', '5.6'),
    echo('1.b'),
    echo('6.2.1', '5.6'),
    echo('6.2.4', '5.6'),
    echo('7.1.1', '5.2', true),
    frameCaseCheck(
      {
        id: '4.two',
        title: 'two text frames in one write',
        bytes: Buffer.concat([clientFrame({ opcode: 0x1, payload: 'Hello' }), clientFrame({ opcode: 0x1, payload: 'World' })]),
        replies: [
          { opcode: 0x1, payload: hexOf('Hello') },
          { opcode: 0x1, payload: hexOf('World') },
        ],
        closeCode: null,
      },
      { section: '5.2', untilClose: false, title: text.stepCheckTitles?.['4.two'] ?? 'two text frames in one write' },
      text,
    ),
  ];
}
