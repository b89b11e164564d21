// Autobahn category 6, UTF-8 Handling: valid text in any fragmentation is echoed, invalid text fails the connection with 1007 (§5.6, §8.1).
import { INVALID_PAYLOAD, cleanNormalClose, closeAfter, fromHex, killAfter, serverFails, textEcho, timeout } from './case-builders.ts';
import type { ConformanceCase, Step } from './case-types.ts';
import { UTF8_GROUPS } from './utf8-sequences.ts';

const hexOf = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) (out.set(part, at), (at += part.length));
  return out;
};

const KOSME = fromHex('cebae1bdb9cf83cebcceb5');
const MIXED = 'Hello-µ@ßöäüàá-UTF-8!!';
const INVALID_SURROGATE = concat(KOSME, fromHex('eda080'), new TextEncoder().encode('edited'));
const INVALID_PAST_MAX = concat(KOSME, fromHex('f4908080'), new TextEncoder().encode('edited'));
const FAILS_WITH_1007 = 'The server fails the connection (1007): a text message must be valid UTF-8.';

function echoed(id: string, description: string, steps: Step[], text: string | Uint8Array): ConformanceCase {
  return {
    id,
    description,
    expectation: 'The message comes back unchanged.',
    rfc: '§5.6',
    steps,
    end: closeAfter(1),
    expected: { OK: [textEcho(text)] },
    expectedClose: cleanNormalClose,
  };
}

/**
 * 6.4.x: invalid text sent in three parts with a second's wait between. A server that fails as
 * soon as the sequence becomes invalid (after part 2) is OK; one that waits for the message's end
 * is NON-STRICT, as §8.1 lets it fail when it "detects" the error, and detecting early is better.
 */
function failFast(id: string, description: string, parts: Step[]): ConformanceCase {
  return {
    id,
    description,
    expectation:
      'The first part is accepted, so the first wait passes. The second part makes the text invalid, and the server should fail the connection at once (fail fast); failing only at the end of the message is NON-STRICT.',
    rfc: '§8.1, §5.6',
    steps: [parts[0]!, { kind: 'wait', ms: 1000, tag: 'A' }, parts[1]!, { kind: 'wait', ms: 1000, tag: 'B' }, parts[2]!],
    end: killAfter(1),
    expected: { OK: [timeout('A')], 'NON-STRICT': [timeout('A'), timeout('B')] },
    expectedClose: serverFails(INVALID_PAYLOAD, true),
  };
}

/** One text frame cut into three writes: the header with the first payload piece, then the rest, at the given lengths. */
function oneFrameInParts(payload: Uint8Array, pieceLengths: number[]): Step[] {
  const cuts = [0, pieceLengths[0]!, pieceLengths[0]! + pieceLengths[1]!, payload.length];
  return [0, 1, 2].map((i) => ({ kind: 'frame-piece', payload, from: cuts[i]!, to: cuts[i + 1]! }));
}

function generated(): ConformanceCase[] {
  return UTF8_GROUPS.flatMap((group, g) =>
    group.sequences.map((sequence, s): ConformanceCase => ({
      id: `6.${g + 5}.${s + 1}`,
      description: `Send a text message whose payload is ${sequence.valid ? 'valid' : 'not valid'} UTF-8, in one frame: 0x${hexOf(sequence.bytes)}.`,
      expectation: sequence.valid ? 'The message comes back unchanged.' : FAILS_WITH_1007,
      rfc: sequence.valid ? '§5.6' : '§5.6, §8.1',
      steps: [{ kind: 'message', binary: false, payload: sequence.bytes }],
      end: killAfter(0.5),
      expected: { OK: sequence.valid ? [textEcho(sequence.bytes)] : [] },
      expectedClose: sequence.valid ? cleanNormalClose : serverFails(INVALID_PAYLOAD, true),
    })),
  );
}

export const UTF8_SUBCATEGORIES: Record<string, string> = {
  '6.1': 'Valid UTF-8 with zero payload fragments',
  '6.2': 'Valid UTF-8 unfragmented, fragmented on code points and within code points',
  '6.3': 'Invalid UTF-8 differently fragmented',
  '6.4': 'Fail-fast on invalid UTF-8',
  ...Object.fromEntries(UTF8_GROUPS.map((group, g) => [`6.${g + 5}`, group.title])),
};

export const UTF8_CASES: ConformanceCase[] = [
  echoed('6.1.1', 'Send a text message of length 0.', [{ kind: 'frame', opcode: 1 }], ''),
  echoed(
    '6.1.2',
    'Send a text message in 3 fragments, each of length 0.',
    [
      { kind: 'frame', opcode: 1, fin: false },
      { kind: 'frame', opcode: 0, fin: false },
      { kind: 'frame', opcode: 0 },
    ],
    '',
  ),
  echoed(
    '6.1.3',
    'Send a text message in 3 fragments: the first and last empty, the middle one not.',
    [
      { kind: 'frame', opcode: 1, fin: false },
      { kind: 'frame', opcode: 0, fin: false, payload: 'middle frame payload' },
      { kind: 'frame', opcode: 0 },
    ],
    'middle frame payload',
  ),
  echoed('6.2.1', `Send valid UTF-8 text in one frame: ${MIXED}`, [{ kind: 'message', binary: false, payload: MIXED }], MIXED),
  echoed(
    '6.2.2',
    'Send valid UTF-8 text in 2 fragments, split on a code point boundary.',
    [
      { kind: 'frame', opcode: 1, fin: false, payload: 'Hello-µ@ßöä' },
      { kind: 'frame', opcode: 0, payload: 'üàá-UTF-8!!' },
    ],
    MIXED,
  ),
  echoed(
    '6.2.3',
    'Send valid UTF-8 text in fragments of 1 byte, so most fragments end inside a code point.',
    [{ kind: 'message', binary: false, payload: MIXED, fragmentSize: 1 }],
    MIXED,
  ),
  echoed(
    '6.2.4',
    `Send valid UTF-8 text (κόσμε, 0x${hexOf(KOSME)}) in fragments of 1 byte, so most fragments end inside a code point.`,
    [{ kind: 'message', binary: false, payload: KOSME, fragmentSize: 1 }],
    KOSME,
  ),
  {
    id: '6.3.1',
    description: `Send invalid UTF-8 text (a UTF-16 surrogate encoded) in one frame: 0x${hexOf(INVALID_SURROGATE)}.`,
    expectation: FAILS_WITH_1007,
    rfc: '§5.6, §8.1',
    steps: [{ kind: 'message', binary: false, payload: INVALID_SURROGATE }],
    end: killAfter(1),
    expected: { OK: [] },
    expectedClose: serverFails(INVALID_PAYLOAD, true),
  },
  {
    id: '6.3.2',
    description: 'Send the invalid text of 6.3.1 in fragments of 1 byte.',
    expectation: FAILS_WITH_1007,
    rfc: '§5.6, §8.1',
    steps: [{ kind: 'message', binary: false, payload: INVALID_SURROGATE, fragmentSize: 1 }],
    end: killAfter(1),
    expected: { OK: [] },
    expectedClose: serverFails(INVALID_PAYLOAD, true),
  },
  failFast('6.4.1', `Send invalid text in 3 frames: valid 0x${hexOf(KOSME)}; then 0xf4908080, a code point past U+10FFFF; then the rest.`, [
    { kind: 'frame', opcode: 1, fin: false, payload: KOSME },
    { kind: 'frame', opcode: 0, fin: false, payload: fromHex('f4908080') },
    { kind: 'frame', opcode: 0, payload: 'edited' },
  ]),
  failFast('6.4.2', 'As 6.4.1, but the second frame holds only the byte that makes the text invalid (0x90).', [
    { kind: 'frame', opcode: 1, fin: false, payload: INVALID_PAST_MAX.slice(0, 12) },
    { kind: 'frame', opcode: 0, fin: false, payload: INVALID_PAST_MAX.slice(12, 13) },
    { kind: 'frame', opcode: 0, payload: INVALID_PAST_MAX.slice(13) },
  ]),
  failFast(
    '6.4.3',
    'As 6.4.1, but the three parts are pieces of one frame rather than three frames.',
    oneFrameInParts(INVALID_PAST_MAX, [11, 4]),
  ),
  failFast(
    '6.4.4',
    'As 6.4.2, but the three parts are pieces of one frame rather than three frames.',
    oneFrameInParts(INVALID_PAST_MAX, [12, 1]),
  ),
  ...generated(),
];
