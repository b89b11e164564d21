// Autobahn category 2, Pings/Pongs: a Ping is answered by a Pong with its payload, unsolicited Pongs are ignored (§5.5.2, §5.5.3).
import { cleanNormalClose, closeAfter, killAfter, pong, repeated, serverFails } from './case-builders.ts';
import type { ConformanceCase, Payload } from './case-types.ts';

function pingCase(id: string, description: string, payload: Payload, chop?: number): ConformanceCase {
  return {
    id,
    description,
    expectation: 'A Pong with the same payload comes back; then a clean close with 1000.',
    rfc: '§5.5.2, §5.5.3',
    steps: [{ kind: 'frame', opcode: 9, payload, ...(chop === undefined ? {} : { chop }) }],
    end: closeAfter(chop === undefined ? 1 : 2),
    expected: { OK: [pong(payload)] },
    expectedClose: cleanNormalClose,
  };
}

const tenPayloads = Array.from({ length: 10 }, (_, i) => `payload-${i}`);

function tenPings(id: string, chop?: number): ConformanceCase {
  return {
    id,
    description: `Send 10 Pings, each with its own payload${chop === undefined ? '' : ', written one byte at a time'}.`,
    expectation:
      'A Pong for every Ping, in order, with its payload. The RFC lets an endpoint answer only the latest of several Pings (§5.5.3), but Autobahn checks for all ten; then a clean close with 1000.',
    rfc: '§5.5.2, §5.5.3',
    steps: tenPayloads.map((payload) => ({ kind: 'frame', opcode: 9, payload, ...(chop === undefined ? {} : { chop }) }) as const),
    end: closeAfter(3),
    expected: { OK: tenPayloads.map((payload) => pong(payload)) },
    expectedClose: cleanNormalClose,
  };
}

export const PING_CASES: ConformanceCase[] = [
  pingCase('2.1', 'Send a Ping with no payload.', ''),
  pingCase('2.2', 'Send a Ping with a short text payload.', 'Hello, world!'),
  pingCase(
    '2.3',
    'Send a Ping with a short binary payload that is not UTF-8.',
    new Uint8Array([0x00, 0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0x00, 0xff]),
  ),
  pingCase('2.4', 'Send a Ping with 125 bytes of binary payload, the most a control frame may carry.', repeated(0xfe, 125)),
  {
    id: '2.5',
    description: 'Send a Ping with 126 bytes of binary payload.',
    expectation: 'The server fails the connection (1002): a control frame carries at most 125 bytes of payload.',
    rfc: '§5.5',
    steps: [{ kind: 'frame', opcode: 9, payload: repeated(0xfe, 126) }],
    end: killAfter(1),
    expected: { OK: [] },
    expectedClose: serverFails(),
  },
  pingCase('2.6', 'Send a Ping with 125 bytes of binary payload, written one byte at a time.', repeated(0xfe, 125), 1),
  {
    id: '2.7',
    description: 'Send an unsolicited Pong with no payload, then close.',
    expectation: 'Nothing comes back for the Pong; a clean close with 1000.',
    rfc: '§5.5.3',
    steps: [
      { kind: 'frame', opcode: 10 },
      { kind: 'close', code: 1000 },
    ],
    end: closeAfter(1),
    expected: { OK: [] },
    expectedClose: cleanNormalClose,
  },
  {
    id: '2.8',
    description: 'Send an unsolicited Pong with a payload, then close.',
    expectation: 'Nothing comes back for the Pong; a clean close with 1000.',
    rfc: '§5.5.3',
    steps: [
      { kind: 'frame', opcode: 10, payload: 'unsolicited pong payload' },
      { kind: 'close', code: 1000 },
    ],
    end: closeAfter(1),
    expected: { OK: [] },
    expectedClose: cleanNormalClose,
  },
  {
    id: '2.9',
    description: 'Send an unsolicited Pong with a payload, then a Ping with a payload.',
    expectation: 'Nothing comes back for the Pong, and a Pong with the Ping’s payload for the Ping; then a clean close with 1000.',
    rfc: '§5.5.2, §5.5.3',
    steps: [
      { kind: 'frame', opcode: 10, payload: 'unsolicited pong payload' },
      { kind: 'frame', opcode: 9, payload: 'ping payload' },
    ],
    end: closeAfter(1),
    expected: { OK: [pong('ping payload')] },
    expectedClose: cleanNormalClose,
  },
  tenPings('2.10'),
  tenPings('2.11', 1),
];
