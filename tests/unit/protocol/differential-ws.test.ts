// Differential tests: this library and ws must make the same bytes and the same sense of the same bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hex } from '../../../src/lib/protocol/bytes.ts';
import { encodeFrame } from '../../../src/lib/protocol/encode-frame.ts';
import { FrameParser } from '../../../src/lib/protocol/frame-parser.ts';
import { MessageAssembler } from '../../../src/lib/protocol/message-assembler.ts';
import { type Reception, wsFrame, wsReceive } from './ws-oracle.ts';

const bytes = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16));
const filler = (n: number) => '2a'.repeat(n);

/** What this library makes of some bytes, in the same shape as ws's reception. */
function receive(input: Uint8Array, sender: 'client' | 'server'): Reception {
  const parser = new FrameParser({ sender });
  const assembler = new MessageAssembler();
  const reception: Reception = { events: [], failedWith: null };
  for (const event of parser.push(input)) {
    if (event.kind === 'failed') reception.failedWith = event.violation.closeCode;
    if (event.kind !== 'frame') continue;
    for (const assembled of assembler.push(event.decoded.frame)) {
      if (assembled.kind === 'text') reception.events.push({ kind: 'text', text: assembled.text });
      else if (assembled.kind === 'close') reception.events.push({ kind: 'close', code: assembled.code ?? 1005, reason: assembled.reason });
      else reception.events.push({ kind: assembled.kind, hex: hex(assembled.data) });
    }
  }
  return reception;
}

/** [what it is, the bytes as hex, who sent them]. Multi-frame entries are concatenated frames. */
const CORPUS: [string, string, 'client' | 'server'][] = [
  // Valid frames and sequences.
  ['§5.7 unmasked "Hello"', '810548656c6c6f', 'server'],
  ['§5.7 masked "Hello"', '818537fa213d7f9f4d5158', 'client'],
  ['§5.7 fragmented "Hel" + "lo"', '010348656c80026c6f', 'server'],
  ['§5.7 unmasked ping', '890548656c6c6f', 'server'],
  ['§5.7 masked pong', '8a8537fa213d7f9f4d5158', 'client'],
  ['§5.7 256 bytes binary', '827e0100' + filler(256), 'server'],
  ['§5.7 64 KiB binary', '827f0000000000010000' + filler(65536), 'server'],
  ['empty text', '8100', 'server'],
  ['empty binary, masked', '828001020304', 'client'],
  ['125-byte text, the longest 7-bit length', '817d' + filler(125), 'server'],
  ['65535-byte binary, the longest 16-bit length', '827effff' + filler(65535), 'server'],
  ['close without body', '8800', 'server'],
  ['close 1000 with reason', '880503e8627965', 'server'],
  ['close 1001, masked', '888201020304' + '02eb', 'client'],
  ['close 1011', '880203f3', 'server'],
  ['close 1012 (IANA)', '880203f4', 'server'],
  ['close 1014 (IANA)', '880203f6', 'server'],
  ['close 3000', '88020bb8', 'server'],
  ['close 4999', '88021387', 'server'],
  ['ping between fragments', '010348656c890161' + '80026c6f', 'server'],
  ['pong and close between binary fragments', '0201ff8a00' + '8001fe', 'server'],
  ['three fragments', '010141000142800143', 'server'],
  ['empty final fragment', '01034142438000', 'server'],
  ['é split across fragments', '0101c38001a9', 'server'],
  ['emoji split three ways', '0102f09f' + '000198' + '800180', 'server'],
  ['U+FFFF and U+10FFFF', '8107efbfbff48fbfbf', 'server'],
  ['bytes after a close are ignored', '88008300ffff', 'server'],
  ['truncated frame waits for more', '8105486c', 'server'],
  ['masked with an all-zero key', '8a8000000000', 'client'],
  ['payload length at 2^53 is too big for both', '827f0020000000000000', 'server'],
  // Invalid frames and sequences.
  ['masked server frame', '818001020304', 'server'],
  ['unmasked client frame', '8100', 'client'],
  ['RSV1 without extension', 'c100', 'server'],
  ['RSV2', 'a100', 'server'],
  ['RSV3', '9100', 'server'],
  ['reserved data opcode 0x3', '8300', 'server'],
  ['reserved control opcode 0xB', '8b00', 'server'],
  ['reserved opcode 0xF, masked', '8f8001020304', 'client'],
  ['fragmented ping', '0900', 'server'],
  ['ping with 126 bytes', '897e007e' + filler(126), 'server'],
  ['close with 1-byte body', '880100', 'server'],
  ['close code 0', '88020000', 'server'],
  ['close code 999', '880203e7', 'server'],
  ['close code 1004', '880203ec', 'server'],
  ['close code 1005', '880203ed', 'server'],
  ['close code 1006', '880203ee', 'server'],
  ['close code 1015', '880203f7', 'server'],
  ['close code 1016', '880203f8', 'server'],
  ['close code 2999', '88020bb7', 'server'],
  ['close code 5000', '88021388', 'server'],
  ['close reason invalid UTF-8', '880403e8c328', 'server'],
  ['close reason truncated UTF-8', '880303e8e2', 'server'],
  ['text 0xff', '8101ff', 'server'],
  ['text overlong "/"', '8102c0af', 'server'],
  ['text surrogate U+D800', '8103eda080', 'server'],
  ['text above U+10FFFF', '8104f4908080', 'server'],
  ['text ends mid code point', '8101f0', 'server'],
  ['fragmented text invalid only once assembled', '0101c3800128', 'server'],
  ['fragmented text ends mid code point', '0101e2800182', 'server'],
  ['continuation with nothing to continue', '800100', 'server'],
  ['text frame inside a fragmented message', '010141810142', 'server'],
  ['binary frame inside a fragmented text message', '010141820142', 'server'],
  ['valid frame, then an invalid one', '810141c100', 'server'],
];

/**
 * Where this library follows RFC 6455 and ws does not. Each entry: what ws does instead.
 * - Non-minimal lengths: §5.2 says "the minimal number of bytes MUST be used"; ws accepts them.
 * - 64-bit length with its top bit set: §5.2 makes that a protocol error (1002); ws reports
 *   it as too big for JavaScript (1009), since it checks the size first.
 * - Fail fast on UTF-8: §8.1 lets an endpoint fail as soon as a text fragment can never become
 *   valid; ws validates once the message is whole, so an error in a later frame wins there.
 */
const DIFFERENCES: [string, string, 'client' | 'server', Reception, Reception][] = [
  [
    'non-minimal 16-bit length',
    '817e000548656c6c6f',
    'server',
    { events: [], failedWith: 1002 },
    { events: [{ kind: 'text', text: 'Hello' }], failedWith: null },
  ],
  [
    'non-minimal 64-bit length',
    '827f00000000000000020102',
    'server',
    { events: [], failedWith: 1002 },
    { events: [{ kind: 'binary', hex: '0102' }], failedWith: null },
  ],
  [
    '64-bit length with its top bit set',
    '827f8000000000000000',
    'server',
    { events: [], failedWith: 1002 },
    { events: [], failedWith: 1009 },
  ],
  [
    'bad UTF-8 fragment, then a reserved opcode',
    '0102c3288300',
    'server',
    { events: [], failedWith: 1007 },
    { events: [], failedWith: 1002 },
  ],
];

describe('decoding agrees with ws Receiver', () => {
  it('has a corpus of at least 40 valid and invalid inputs', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    expect(CORPUS.filter(([, h, sender]) => receive(bytes(h), sender).failedWith !== null).length).toBeGreaterThanOrEqual(20);
  });

  it.each(CORPUS)('%s', async (_, h, sender) => {
    const input = bytes(h);
    expect(receive(input, sender)).toEqual(await wsReceive(input, sender));
  });

  it.each(DIFFERENCES)('differs on purpose: %s', async (_, h, sender, ours, theirs) => {
    const input = bytes(h);
    expect(receive(input, sender)).toEqual(ours);
    expect(await wsReceive(input, sender)).toEqual(theirs);
  });
});

describe('encoding agrees with ws Sender', () => {
  const lengths = fc.oneof(fc.constantFrom(0, 1, 125, 126, 127, 65535, 65536), fc.nat({ max: 70000 }));
  const frames = fc.record({
    fin: fc.boolean(),
    rsv1: fc.boolean(),
    opcode: fc.constantFrom(0, 1, 2, 8, 9, 10),
    maskingKey: fc.option(fc.uint8Array({ minLength: 4, maxLength: 4 }), { nil: null }),
    length: lengths,
    seed: fc.integer({ min: 0, max: 255 }),
  });

  it('makes byte-identical frames for the same fields and masking key', () => {
    fc.assert(
      fc.property(frames, ({ length, seed, ...fields }) => {
        const payload = Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff);
        expect(hex(encodeFrame({ ...fields, payload }).bytes)).toBe(hex(wsFrame(payload, fields)));
      }),
      { numRuns: 150 },
    );
  });
});
