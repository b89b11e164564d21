// Property tests: encoding and decoding invert each other, and chunking never changes what the parser sees.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../../../src/lib/protocol/decode-frame.ts';
import { encodeFrame } from '../../../src/lib/protocol/encode-frame.ts';
import { FrameParser, type ParserEvent } from '../../../src/lib/protocol/frame-parser.ts';

const lengths = fc.oneof(fc.constantFrom(0, 125, 126, 65535, 65536), fc.nat({ max: 300 }), fc.nat({ max: 70000 }));
const maskingKeys = fc.option(fc.uint8Array({ minLength: 4, maxLength: 4 }), { nil: null });

const frames = fc.record({
  fin: fc.boolean(),
  rsv1: fc.boolean(),
  rsv2: fc.boolean(),
  rsv3: fc.boolean(),
  opcode: fc.integer({ min: 0, max: 15 }),
  maskingKey: maskingKeys,
  length: lengths,
  seed: fc.nat(),
});

/** A payload of the given length whose bytes vary, without asking fast-check for 64 KiB arrays. */
function payloadOf(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 167 + seed) & 0xff);
}

describe('decodeFrame(encodeFrame(f))', () => {
  it('returns f, for every length class, masked or not, valid or not', () => {
    fc.assert(
      fc.property(frames, ({ length, seed, ...fields }) => {
        const payload = payloadOf(length, seed);
        const encoded = encodeFrame({ ...fields, payload });
        const decoded = decodeFrame(encoded.bytes, { sender: fields.maskingKey === null ? 'server' : 'client' });
        expect(decoded.status).toBe('complete');
        if (decoded.status !== 'complete') return;
        expect(decoded.frame).toEqual({ ...fields, payload });
        expect(decoded.byteLength).toBe(encoded.bytes.length);
        expect(decoded.payloadLength).toBe(length);
      }),
      { numRuns: 200 },
    );
  });
});

/** Sequences of small frames, mostly plausible, with some broken ones among them. */
const streams = fc.oneof(
  fc
    .array(
      fc.record({
        fin: fc.boolean(),
        rsv1: fc.constant(false),
        opcode: fc.constantFrom(0, 1, 2, 8, 9, 10, 3),
        maskingKey: maskingKeys,
        payload: fc.oneof(fc.string({ maxLength: 20 }), fc.uint8Array({ maxLength: 200 })),
      }),
      { maxLength: 8 },
    )
    .map((list) => concat(list.map((fields) => encodeFrame(fields).bytes))),
  fc.uint8Array({ maxLength: 300 }),
);

function concat(pieces: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

function parse(chunks: Uint8Array[], sender: 'client' | 'server'): ParserEvent[] {
  const parser = new FrameParser({ sender });
  return [...chunks.flatMap((chunk) => parser.push(chunk)), ...parser.end()];
}

describe('FrameParser', () => {
  it('emits the same events however the bytes are chunked', () => {
    fc.assert(
      fc.property(
        streams,
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.constantFrom('client' as const, 'server' as const),
        (stream, cuts, sender) => {
          const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...points].map((start, i) => stream.subarray(start, points[i] ?? stream.length));
          expect(parse(chunks, sender)).toEqual(parse([stream], sender));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('parses a large frame fed one byte at a time', () => {
    const { bytes } = encodeFrame({ opcode: 2, payload: payloadOf(70000, 7) });
    const oneByOne = Array.from(bytes, (b) => Uint8Array.of(b));
    const events = parse(oneByOne, 'server');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'frame', offset: 0, decoded: { payloadLength: 70000 } });
  });

  it('reports a stream that ends inside a frame as incomplete, not as a violation', () => {
    expect(parse([Uint8Array.of(0x81, 0x05, 0x48)], 'server')).toEqual([
      { kind: 'incomplete', offset: 0, bytesBuffered: 3, bytesNeeded: 7 },
    ]);
  });

  it('stops at the first violation and reads nothing after a Close frame', () => {
    const parser = new FrameParser({ sender: 'server' });
    expect(parser.push(Uint8Array.of(0x81, 0x00, 0xc1, 0x00))).toMatchObject([
      { kind: 'frame' },
      { kind: 'failed', offset: 2, violation: { id: 'reserved-bit-set' } },
    ]);
    expect(parser.stopped).toBe(true);
    expect(parser.push(Uint8Array.of(0x81, 0x00))).toEqual([]);
    expect(parser.end()).toEqual([]);
    const closing = new FrameParser({ sender: 'server' });
    expect(closing.push(Uint8Array.of(0x88, 0x00, 0x81, 0x00))).toMatchObject([{ kind: 'frame', decoded: { frame: { opcode: 8 } } }]);
    expect(closing.end()).toEqual([]);
  });
});
