// Autobahn category 1, Framing: text and binary messages at each length-encoding boundary (RFC 6455 §5.2, §5.6).
import { cleanNormalClose, killAfter, binaryEcho, repeated, textEcho } from './case-builders.ts';
import type { ConformanceCase, Payload } from './case-types.ts';

const LENGTHS = [0, 125, 126, 127, 128, 65535, 65536];

function echoCase(id: string, binary: boolean, length: number, chop?: number): ConformanceCase {
  const kind = binary ? 'binary' : 'text';
  const payload: Payload = binary ? repeated(0xfe, length) : { repeat: '*', length };
  return {
    id,
    description: `Send one ${kind} message with a payload of ${length} bytes${chop === undefined ? '' : `, written in pieces of ${chop} bytes`}.`,
    expectation: `The ${kind} message comes back unchanged; then a clean close with 1000.`,
    rfc: '§5.2, §5.6',
    steps: [{ kind: 'frame', opcode: binary ? 2 : 1, payload, ...(chop === undefined ? {} : { chop }) }],
    end: killAfter(length > 128 ? 10 : 1),
    expected: { OK: [binary ? binaryEcho(payload) : textEcho(payload)] },
    expectedClose: cleanNormalClose,
  };
}

export const FRAMING_CASES: ConformanceCase[] = [
  ...LENGTHS.map((length, i) => echoCase(`1.1.${i + 1}`, false, length)),
  echoCase('1.1.8', false, 65536, 997),
  ...LENGTHS.map((length, i) => echoCase(`1.2.${i + 1}`, true, length)),
  echoCase('1.2.8', true, 65536, 997),
];
