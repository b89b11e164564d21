// Autobahn category 3, Reserved Bits: a frame with an RSV bit that no extension defined fails the connection (§5.2).
import { killAfter, serverFails, textEcho } from './case-builders.ts';
import type { ConformanceCase, Step } from './case-types.ts';

const HELLO = 'Hello, world!';
const FAIL = 'The server fails the connection (1002): RSV bits must be 0 unless a negotiated extension gives them a meaning.';

/** A good message, then the same with RSV set, then a Ping: the echo may come back, the Pong must not. */
function afterGoodMessage(id: string, rsv: number, write: { sync?: boolean; chop?: number }, how: string): ConformanceCase {
  const steps: Step[] = [
    { kind: 'frame', opcode: 1, payload: HELLO, ...write },
    { kind: 'frame', opcode: 1, payload: HELLO, rsv, ...write },
    { kind: 'frame', opcode: 9, ...write },
  ];
  return {
    id,
    description: `Send a short text message, then the same with RSV = ${rsv}, then a Ping${how}.`,
    expectation: `The first message is echoed; then ${FAIL.charAt(0).toLowerCase()}${FAIL.slice(1)} No Pong comes back.`,
    rfc: '§5.2',
    steps,
    end: killAfter(1),
    expected: { OK: [textEcho(HELLO)], 'NON-STRICT': [] },
    expectedClose: serverFails(),
  };
}

function alone(id: string, description: string, step: Step): ConformanceCase {
  return {
    id,
    description,
    expectation: FAIL,
    rfc: '§5.2',
    steps: [step],
    end: killAfter(1),
    expected: { OK: [] },
    expectedClose: serverFails(),
  };
}

export const RESERVED_BIT_CASES: ConformanceCase[] = [
  alone('3.1', 'Send a short text message with RSV = 1.', { kind: 'frame', opcode: 1, payload: HELLO, rsv: 1 }),
  afterGoodMessage('3.2', 2, {}, ''),
  afterGoodMessage('3.3', 3, { sync: true }, ', each frame written on its own'),
  afterGoodMessage('3.4', 4, { chop: 1 }, ', written one byte at a time'),
  alone('3.5', 'Send a short binary message with RSV = 5.', {
    kind: 'frame',
    opcode: 2,
    payload: new Uint8Array([0x00, 0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0x00, 0xff]),
    rsv: 5,
  }),
  // Autobahn's 3.6 says "Ping" but sends a binary frame (opcode 2); we send what it sends.
  alone('3.6', 'Send a short binary message with RSV = 6 (Autobahn names it a Ping, but sends opcode 2).', {
    kind: 'frame',
    opcode: 2,
    payload: HELLO,
    rsv: 6,
  }),
  alone('3.7', 'Send a Close with RSV = 7.', { kind: 'frame', opcode: 8, rsv: 7 }),
];
