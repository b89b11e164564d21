// Step 2's checks: parseFrameHeader() on frames built by the protocol core's encoder, one rule of §5.2 each.
import { encodeFrame, type FrameToEncode } from '../../../src/lib/protocol/index.ts';
import { SAMPLE_MASK } from '../../../tests/server/bad-input/raw-client.ts';
import { CheckFailure, type Check } from '../../checker/check.ts';
import type { CheckerText } from '../../checker/checker-text.ts';
import { spacedHex } from '../../checker/describe.ts';
import { callExport, requireExport, show } from '../../checker/unit-probes.ts';

const SIGNATURE = 'parseFrameHeader(bytes: Buffer): FrameHeader | null';

interface ExpectedHeader {
  fin: boolean;
  rsv: number;
  opcode: number;
  masked: boolean;
  payloadLength: number;
  maskingKey: string | null;
  headerLength: number;
}

interface HeaderCase {
  id: string;
  title: string;
  section: string;
  /** The bytes handed to parseFrameHeader: a whole frame, or only its start. */
  bytes: Buffer;
  /** null: not all of the header has arrived yet. */
  expected: ExpectedHeader | null;
}

const KEY = '37fa213d';
const frame = (fields: FrameToEncode) => Buffer.from(encodeFrame({ maskingKey: SAMPLE_MASK, ...fields }).bytes);
const text = (length: number) => frame({ opcode: 0x1, payload: '*'.repeat(length) });
const header = (fields: Partial<ExpectedHeader>): ExpectedHeader => ({
  fin: true,
  rsv: 0,
  opcode: 0x1,
  masked: true,
  payloadLength: 5,
  maskingKey: KEY,
  headerLength: 6,
  ...fields,
});

const CASES: HeaderCase[] = [
  {
    id: '2.1',
    title: 'a masked text frame, "Hello" (§5.7)',
    section: '5.2',
    bytes: frame({ opcode: 0x1, payload: 'Hello' }),
    expected: header({}),
  },
  {
    id: '2.2',
    title: 'an unmasked binary frame',
    section: '5.2',
    bytes: Buffer.from('820301 0203'.replace(/ /g, ''), 'hex'),
    expected: header({ opcode: 0x2, masked: false, payloadLength: 3, maskingKey: null, headerLength: 2 }),
  },
  { id: '2.3', title: '125 bytes: the longest 7-bit length', section: '5.2', bytes: text(125), expected: header({ payloadLength: 125 }) },
  {
    id: '2.4',
    title: '126 bytes: the shortest 16-bit length (126, then 2 bytes)',
    section: '5.2',
    bytes: text(126),
    expected: header({ payloadLength: 126, headerLength: 8 }),
  },
  {
    id: '2.5',
    title: '65535 bytes: the longest 16-bit length',
    section: '5.2',
    bytes: text(65535),
    expected: header({ payloadLength: 65535, headerLength: 8 }),
  },
  {
    id: '2.6',
    title: '65536 bytes: the 64-bit length (127, then 8 bytes)',
    section: '5.2',
    bytes: text(65536),
    expected: header({ payloadLength: 65536, headerLength: 14 }),
  },
  {
    id: '2.7',
    title: 'the first fragment of a message: FIN is 0',
    section: '5.4',
    bytes: frame({ opcode: 0x1, payload: 'frag', fin: false }),
    expected: header({ fin: false, payloadLength: 4 }),
  },
  {
    id: '2.8',
    title: 'a Ping with RSV1 and RSV3 set',
    section: '5.2',
    bytes: frame({ opcode: 0x9, payload: 'Hello', rsv1: true, rsv3: true }),
    expected: header({ opcode: 0x9, rsv: 5 }),
  },
  {
    id: '2.9',
    title: 'only the header of a 126-byte frame has arrived: the header is all it needs',
    section: '5.2',
    bytes: text(126).subarray(0, 8),
    expected: header({ payloadLength: 126, headerLength: 8 }),
  },
  { id: '2.10', title: 'one byte: not a whole header yet', section: '5.2', bytes: text(5).subarray(0, 1), expected: null },
  { id: '2.11', title: 'a 16-bit length cut in half', section: '5.2', bytes: text(126).subarray(0, 3), expected: null },
  { id: '2.12', title: 'a masking key cut short', section: '5.2', bytes: text(5).subarray(0, 4), expected: null },
  {
    id: '2.13',
    title: 'a 64-bit length cut short (127, then 4 of its 8 bytes)',
    section: '5.2',
    bytes: text(65536).subarray(0, 6),
    expected: null,
  },
];

const shownExpected = (expected: ExpectedHeader | null, text: CheckerText) =>
  expected === null
    ? 'null'
    : show({ ...expected, maskingKey: expected.maskingKey === null ? null : Buffer.from(expected.maskingKey, 'hex') }, text);

function headerCheck({ id, title, section, bytes, expected }: HeaderCase, text: CheckerText): Check {
  const expectation = text.evidence.returns(shownExpected(expected, text));
  return {
    id,
    title: text.stepCheckTitles?.[id] ?? title,
    section,
    expectation,
    async run({ module }) {
      const parseFrameHeader = requireExport(module, 'parseFrameHeader', SIGNATURE, text);
      const call = `parseFrameHeader(<${spacedHex(bytes, 16, text.describe)}>)`;
      const got = callExport(parseFrameHeader, { text, shown: call, expected: expectation }, bytes);
      const fields = got as Record<string, unknown> | null;
      const same =
        expected === null
          ? got === null
          : fields !== null &&
            typeof fields === 'object' &&
            (Object.keys(expected) as (keyof ExpectedHeader)[]).every((key) =>
              key === 'maskingKey'
                ? expected.maskingKey === null
                  ? fields.maskingKey === null
                  : fields.maskingKey instanceof Uint8Array && Buffer.from(fields.maskingKey).toString('hex') === expected.maskingKey
                : fields[key] === expected[key],
            );
      if (!same) throw new CheckFailure({ sent: call, received: text.evidence.returned(show(got, text)), expected: expectation });
    },
  };
}

/** Step 2's checks, told in the words of `text`. */
export const frameHeaderChecks = (text: CheckerText): Check[] => CASES.map((testCase) => headerCheck(testCase, text));
