// Autobahn category 4, Opcodes: a frame with a reserved opcode fails the connection (§5.2).
import { killAfter, serverFails, textEcho } from './case-builders.ts';
import type { ConformanceCase } from './case-types.ts';

const HELLO = 'Hello, world!';

function reservedAlone(id: string, opcode: number, withPayload: boolean): ConformanceCase {
  const control = opcode >= 8;
  return {
    id,
    description: `Send a frame with the reserved ${control ? 'control' : 'non-control'} opcode ${opcode}${withPayload ? ' and a payload' : ''}.`,
    expectation: 'The server fails the connection (1002): the opcode is reserved and no extension defined it.',
    rfc: '§5.2',
    steps: [{ kind: 'frame', opcode, ...(withPayload ? { payload: 'reserved opcode payload' } : {}) }],
    end: killAfter(1),
    expected: { OK: [] },
    expectedClose: serverFails(),
  };
}

function reservedAfterMessage(id: string, opcode: number, withPayload: boolean, chop?: number): ConformanceCase {
  const control = opcode >= 8;
  const write = chop === undefined ? {} : { chop };
  return {
    id,
    description: `Send a short text message, then a frame with the reserved ${control ? 'control' : 'non-control'} opcode ${opcode}${withPayload ? ' and a payload' : ''}, then a Ping${chop === undefined ? '' : ', written one byte at a time'}.`,
    expectation: 'The first message is echoed; then the server fails the connection (1002) on the reserved opcode. No Pong comes back.',
    rfc: '§5.2',
    steps: [
      { kind: 'frame', opcode: 1, payload: HELLO, ...write },
      { kind: 'frame', opcode, ...(withPayload ? { payload: HELLO } : {}), ...write },
      { kind: 'frame', opcode: 9, ...write },
    ],
    end: killAfter(1),
    expected: { OK: [textEcho(HELLO)], 'NON-STRICT': [] },
    expectedClose: serverFails(),
  };
}

export const OPCODE_CASES: ConformanceCase[] = [
  reservedAlone('4.1.1', 3, false),
  reservedAlone('4.1.2', 4, true),
  reservedAfterMessage('4.1.3', 5, false),
  reservedAfterMessage('4.1.4', 6, true),
  reservedAfterMessage('4.1.5', 7, true, 1),
  reservedAlone('4.2.1', 11, false),
  reservedAlone('4.2.2', 12, true),
  reservedAfterMessage('4.2.3', 13, false),
  reservedAfterMessage('4.2.4', 14, true),
  reservedAfterMessage('4.2.5', 15, true, 1),
];
