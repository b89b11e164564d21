// Autobahn category 7, Close Handling: the closing handshake, Close frame bodies, and which close codes are valid (§5.5.1, §7.4).
import { NORMAL, PROTOCOL_ERROR, INVALID_PAYLOAD, cleanNormalClose, fromHex, killAfter, textEcho } from './case-builders.ts';
import type { ConformanceCase, ExpectedClose, Step } from './case-types.ts';

const protocolErrorOrDrop: ExpectedClose = { closedByMe: true, closeCode: [PROTOCOL_ERROR], requireClean: false };

/** A category-7 case: a wrong close code fails the case itself (Autobahn turns WRONG CODE into FAILED here). */
function closeCase(
  id: string,
  description: string,
  expectation: string,
  steps: Step[],
  expectedClose = cleanNormalClose,
  rfc = '§5.5.1',
): ConformanceCase {
  return {
    id,
    description,
    expectation,
    rfc,
    steps,
    end: killAfter(1),
    expected: { OK: [] },
    expectedClose,
    suppressClose: true,
    wrongCodeFailsCase: true,
  };
}

const VALID_CODES = [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999];
const INVALID_CODES = [0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999];

export const CLOSE_SUBCATEGORIES: Record<string, string> = {
  '7.1': 'Basic close behavior (fuzzer initiated)',
  '7.3': 'Close frame structure: payload length (fuzzer initiated)',
  '7.5': 'Close frame structure: payload value (fuzzer initiated)',
  '7.7': 'Close frame structure: valid close codes (fuzzer initiated)',
  '7.9': 'Close frame structure: invalid close codes (fuzzer initiated)',
  '7.13': 'Informational close information (fuzzer initiated)',
};

export const CLOSE_CASES: ConformanceCase[] = [
  {
    id: '7.1.1',
    description: 'Send a text message, then close once it is echoed.',
    expectation: 'The message is echoed; then a clean close with 1000.',
    rfc: '§5.5.1',
    steps: [{ kind: 'frame', opcode: 1, payload: 'Hello World!' }],
    end: killAfter(1),
    expected: { OK: [textEcho('Hello World!')] },
    expectedClose: cleanNormalClose,
    wrongCodeFailsCase: true,
  },
  closeCase('7.1.2', 'Send two Close frames.', 'A clean close with 1000; the second Close is ignored.', [
    { kind: 'close', code: NORMAL },
    { kind: 'frame', opcode: 8 },
  ]),
  closeCase('7.1.3', 'Send a Ping after the Close.', 'A clean close with 1000, and no Pong: nothing is read after a Close.', [
    { kind: 'close', code: NORMAL },
    { kind: 'frame', opcode: 9 },
  ]),
  closeCase('7.1.4', 'Send a text message after the Close.', 'A clean close with 1000; the message is ignored.', [
    { kind: 'close', code: NORMAL },
    { kind: 'frame', opcode: 1, payload: 'Hello World!' },
  ]),
  closeCase('7.1.5', 'Send the first fragment of a message, then a Close, then the last fragment.', 'A clean close with 1000.', [
    { kind: 'frame', opcode: 1, fin: false, payload: 'fragment1' },
    { kind: 'close', code: NORMAL },
    { kind: 'frame', opcode: 0, payload: 'fragment2' },
  ]),
  {
    id: '7.1.6',
    description: 'Send a 256 KiB text message, a short one, a Close and a Ping, back to back.',
    expectation:
      'Left to the implementation: a server that handles the Close before it finishes writing the large echo may never send the short one. Reported as INFORMATIONAL.',
    rfc: '§5.5.1',
    steps: [
      { kind: 'frame', opcode: 1, payload: { repeat: 'BAsd7&jh23', length: 256 * 1024 } },
      { kind: 'frame', opcode: 1, payload: 'Hello World!' },
      { kind: 'close', code: NORMAL },
      { kind: 'frame', opcode: 9 },
    ],
    end: killAfter(1),
    expected: { OK: [textEcho('Hello World!')], 'NON-STRICT': [] },
    expectedClose: cleanNormalClose,
    suppressClose: true,
    informational: true,
  },
  closeCase('7.3.1', 'Send a Close with an empty body (no code, no reason).', 'A clean close with 1000.', [{ kind: 'close' }]),
  closeCase(
    '7.3.2',
    'Send a Close with a 1-byte body.',
    'The server fails the connection with 1002, or drops TCP: a Close body is empty or starts with a 2-byte code.',
    [{ kind: 'close', body: 'a' }],
    protocolErrorOrDrop,
  ),
  closeCase('7.3.3', 'Send a Close with code 1000 and no reason.', 'A clean close with 1000.', [{ kind: 'close', code: NORMAL }]),
  closeCase('7.3.4', 'Send a Close with code 1000 and a reason.', 'A clean close with 1000.', [
    { kind: 'close', code: NORMAL, reason: 'Hello World!' },
  ]),
  closeCase('7.3.5', 'Send a Close with code 1000 and a reason of 123 bytes, the most that fits.', 'A clean close with 1000.', [
    { kind: 'close', code: NORMAL, reason: { repeat: '*', length: 123 } },
  ]),
  closeCase(
    '7.3.6',
    'Send a Close with code 1000 and a reason of 124 bytes: a body of 126 bytes, over the control-frame limit.',
    'The server fails the connection with 1002, or drops TCP: a control frame carries at most 125 bytes.',
    [{ kind: 'close', code: NORMAL, reason: { repeat: '*', length: 124 } }],
    protocolErrorOrDrop,
    '§5.5',
  ),
  closeCase(
    '7.5.1',
    'Send a Close with code 1000 and a reason that is not valid UTF-8.',
    'The server fails the connection with 1002 or 1007, or drops TCP: the reason must be UTF-8.',
    [{ kind: 'close', code: NORMAL, reason: fromHex('cebae1bdb9cf83cebcceb5eda080656469746564') }],
    { closedByMe: true, closeCode: [PROTOCOL_ERROR, INVALID_PAYLOAD], requireClean: false },
    '§5.5.1, §8.1',
  ),
  ...VALID_CODES.map((code, i) =>
    closeCase(
      `7.7.${i + 1}`,
      `Send a Close with the valid code ${code}.`,
      'A clean close, with 1000 or the code echoed.',
      [{ kind: 'close', code }],
      { closedByMe: true, closeCode: [NORMAL, code], requireClean: true },
      '§7.4.1, §7.4.2',
    ),
  ),
  ...INVALID_CODES.map((code, i) =>
    closeCase(
      `7.9.${i + 1}`,
      `Send a Close with the code ${code}, which may not be sent.`,
      'The server fails the connection with 1002, or drops TCP.',
      [{ kind: 'close', code }],
      protocolErrorOrDrop,
      '§7.4.1, §7.4.2',
    ),
  ),
  ...[5000, 65535].map((code, i): ConformanceCase => ({
    id: `7.13.${i + 1}`,
    description: `Send a Close with the code ${code}, outside every range §7.4.2 defines.`,
    expectation: 'The spec does not say what happens; reported as INFORMATIONAL.',
    rfc: '§7.4.2',
    steps: [{ kind: 'close', code }],
    end: killAfter(1),
    expected: { OK: [] },
    expectedClose: { closedByMe: true, closeCode: [NORMAL, code, PROTOCOL_ERROR], requireClean: false },
    suppressClose: true,
    informational: true,
  })),
];
