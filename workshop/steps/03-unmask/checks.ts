// Step 3's checks: unmask() against §5.7's worked example and against the protocol core's own masking.
import { mask } from '../../../src/lib/protocol/index.ts';
import { SAMPLE_MASK } from '../../../tests/server/bad-input/raw-client.ts';
import { CheckFailure, type Check } from '../../checker/check.ts';
import type { CheckerText } from '../../checker/checker-text.ts';
import { spacedHex } from '../../checker/describe.ts';
import { callExport, requireExport, show } from '../../checker/unit-probes.ts';

interface UnmaskCase {
  id: string;
  title: string;
  payload: Buffer;
}

const key = Buffer.from(SAMPLE_MASK);
const CASES: UnmaskCase[] = [
  { id: '3.1', title: '"Hello" masked with §5.7\'s key 37 fa 21 3d', payload: Buffer.from('Hello') },
  { id: '3.2', title: 'an empty payload', payload: Buffer.alloc(0) },
  { id: '3.3', title: 'a payload whose length is not a multiple of 4', payload: Buffer.from('seven!!') },
  { id: '3.4', title: 'every byte value, four times', payload: Buffer.from(Array.from({ length: 1024 }, (_, i) => i & 0xff)) },
];

function unmaskCheck({ id, title, payload }: UnmaskCase, text: CheckerText): Check {
  const masked = Buffer.from(mask(payload, key));
  const expectation = text.evidence.returns(show(payload, text));
  return {
    id,
    title: text.stepCheckTitles?.[id] ?? title,
    section: '5.3',
    expectation,
    async run({ module }) {
      const unmask = requireExport(module, 'unmask', 'unmask(payload: Buffer, maskingKey: Buffer): Buffer', text);
      const call = `unmask(<${spacedHex(masked, 16, text.describe)}>, <${spacedHex(key, 24, text.describe)}>)`;
      const got = callExport(unmask, { text, shown: call, expected: expectation }, Buffer.from(masked), Buffer.from(key));
      if (got instanceof Uint8Array && Buffer.from(got).equals(payload)) return;
      throw new CheckFailure({ sent: call, received: text.evidence.returned(show(got, text)), expected: expectation });
    },
  };
}

/** Step 3's checks, told in the words of `text`. */
export const unmaskChecks = (text: CheckerText): Check[] => CASES.map((testCase) => unmaskCheck(testCase, text));
