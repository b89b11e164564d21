// Autobahn category 5, Fragmentation: fragmented messages, control frames between fragments, and continuations with nothing to continue (§5.4).
import { cleanNormalClose, closeAfter, killAfter, pong, serverFails, textEcho } from './case-builders.ts';
import type { ConformanceCase, Step } from './case-types.ts';

type Write = { sync?: boolean; chop?: number };
const HOW: Record<string, string> = {
  one: 'written in one piece',
  frame: 'each frame written on its own',
  byte: 'written one byte at a time',
};
const WRITE: Record<string, Write> = { one: {}, frame: { sync: true }, byte: { chop: 1 } };
const NOTHING_TO_CONTINUE = 'The server fails the connection (1002): a continuation frame needs a fragmented message to continue.';

function fails(id: string, description: string, expectation: string, steps: Step[], rfc = '§5.4'): ConformanceCase {
  return { id, description, expectation, rfc, steps, end: killAfter(1), expected: { OK: [] }, expectedClose: serverFails() };
}

function fragmentedEcho(id: string, how: 'one' | 'frame' | 'byte', withPing: boolean): ConformanceCase {
  const write = WRITE[how]!;
  const steps: Step[] = [{ kind: 'frame', opcode: 1, fin: false, payload: 'fragment1', ...write }];
  if (withPing) steps.push({ kind: 'frame', opcode: 9, payload: 'ping payload', ...write });
  steps.push({ kind: 'frame', opcode: 0, payload: 'fragment2', ...write });
  return {
    id,
    description: `Send a text message in 2 fragments${withPing ? ', with a Ping between them' : ''}, ${HOW[how]}.`,
    expectation: withPing ? 'A Pong comes back first, then the whole message.' : 'The whole message comes back.',
    rfc: withPing ? '§5.4, §5.5' : '§5.4',
    steps,
    end: closeAfter(1),
    expected: { OK: withPing ? [pong('ping payload'), textEcho('fragment1fragment2')] : [textEcho('fragment1fragment2')] },
    expectedClose: cleanNormalClose,
  };
}

function continuationFirst(id: string, fin: boolean, how: 'one' | 'frame' | 'byte'): ConformanceCase {
  const write = WRITE[how]!;
  return fails(
    id,
    `Send a continuation frame with FIN = ${fin} when no message is open, then a text message, ${HOW[how]}.`,
    NOTHING_TO_CONTINUE,
    [
      { kind: 'frame', opcode: 0, fin, payload: 'non-continuation payload', ...write },
      { kind: 'frame', opcode: 1, payload: 'Hello, world!', ...write },
    ],
  );
}

function repeatedTwice(id: string, fin: boolean): ConformanceCase {
  const once: Step[] = [
    { kind: 'frame', opcode: 0, fin, payload: 'fragment1' },
    { kind: 'frame', opcode: 1, fin: false, payload: 'fragment2' },
    { kind: 'frame', opcode: 0, payload: 'fragment3' },
  ];
  return fails(
    id,
    `Twice: a continuation frame with FIN = ${fin} when no message is open, then a text message in 2 fragments.`,
    NOTHING_TO_CONTINUE,
    [...once, ...once],
  );
}

function pingMidMessage(id: string, sync: boolean): ConformanceCase {
  const write = sync ? { sync: true } : {};
  return {
    id,
    description: `Send 2 fragments of a text message and a Ping; wait 1 s; send 2 more fragments, another Ping and the last fragment${sync ? ', each frame written on its own' : ''}.`,
    expectation:
      'Each Ping is answered at once, before the message is complete, with its payload; then the whole message comes back. How the bytes are cut into TCP segments must not matter.',
    rfc: '§5.4, §5.5',
    steps: [
      { kind: 'frame', opcode: 1, fin: false, payload: 'fragment1', ...write },
      { kind: 'frame', opcode: 0, fin: false, payload: 'fragment2', ...write },
      { kind: 'frame', opcode: 9, payload: 'pongme 1!', ...write },
      { kind: 'wait', ms: 1000 },
      { kind: 'frame', opcode: 0, fin: false, payload: 'fragment3', ...write },
      { kind: 'frame', opcode: 0, fin: false, payload: 'fragment4', ...write },
      { kind: 'frame', opcode: 9, payload: 'pongme 2!', ...write },
      { kind: 'frame', opcode: 0, payload: 'fragment5', ...write },
    ],
    end: closeAfter(1),
    expected: { OK: [pong('pongme 1!'), pong('pongme 2!'), textEcho('fragment1fragment2fragment3fragment4fragment5')] },
    expectedClose: cleanNormalClose,
  };
}

const CONTROL_FRAGMENTED = 'The server fails the connection (1002): control frames must not be fragmented.';

export const FRAGMENTATION_CASES: ConformanceCase[] = [
  fails(
    '5.1',
    'Send a Ping in 2 fragments.',
    CONTROL_FRAGMENTED,
    [
      { kind: 'frame', opcode: 9, fin: false, payload: 'fragment1' },
      { kind: 'frame', opcode: 0, payload: 'fragment2' },
    ],
    '§5.4, §5.5',
  ),
  fails(
    '5.2',
    'Send a Pong in 2 fragments.',
    CONTROL_FRAGMENTED,
    [
      { kind: 'frame', opcode: 10, fin: false, payload: 'fragment1' },
      { kind: 'frame', opcode: 0, payload: 'fragment2' },
    ],
    '§5.4, §5.5',
  ),
  fragmentedEcho('5.3', 'one', false),
  fragmentedEcho('5.4', 'frame', false),
  fragmentedEcho('5.5', 'byte', false),
  fragmentedEcho('5.6', 'one', true),
  fragmentedEcho('5.7', 'frame', true),
  fragmentedEcho('5.8', 'byte', true),
  continuationFirst('5.9', true, 'one'),
  continuationFirst('5.10', true, 'frame'),
  continuationFirst('5.11', true, 'byte'),
  continuationFirst('5.12', false, 'one'),
  continuationFirst('5.13', false, 'frame'),
  continuationFirst('5.14', false, 'byte'),
  {
    id: '5.15',
    description:
      'Send a text message in 2 fragments, then a continuation frame with FIN = false when no message is open, then a text message, written in one piece.',
    expectation: `The first message is echoed; then ${NOTHING_TO_CONTINUE.charAt(0).toLowerCase()}${NOTHING_TO_CONTINUE.slice(1)}`,
    rfc: '§5.4',
    steps: [
      { kind: 'frame', opcode: 1, fin: false, payload: 'fragment1' },
      { kind: 'frame', opcode: 0, payload: 'fragment2' },
      { kind: 'frame', opcode: 0, fin: false, payload: 'fragment3' },
      { kind: 'frame', opcode: 1, payload: 'fragment4' },
    ],
    end: killAfter(1),
    expected: { OK: [textEcho('fragment1fragment2')], 'NON-STRICT': [] },
    expectedClose: serverFails(),
  },
  repeatedTwice('5.16', false),
  repeatedTwice('5.17', true),
  fails(
    '5.18',
    'Send a text message in 2 fragments, both with the text opcode, written in one piece.',
    'The server fails the connection (1002): every frame after the first of a fragmented message has opcode 0.',
    [
      { kind: 'frame', opcode: 1, fin: false, payload: 'fragment1' },
      { kind: 'frame', opcode: 1, payload: 'fragment2' },
    ],
  ),
  pingMidMessage('5.19', false),
  pingMidMessage('5.20', true),
];
