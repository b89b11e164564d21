import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annotateFrame } from '../../../src/lib/protocol/annotate-frame.ts';
import { encodeFrame } from '../../../src/lib/protocol/encode-frame.ts';

const fromHex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s/g, ''), 'hex'));

/** Every byte index from 0 to length-1 appears in exactly one segment, in order. */
function expectEveryByteExplainedOnce(bytes: Uint8Array, sender: 'client' | 'server'): void {
  const { segments } = annotateFrame(bytes, { sender });
  let next = 0;
  for (const segment of segments) {
    expect(segment.range.start).toBe(next);
    expect(segment.range.end).toBeGreaterThan(segment.range.start);
    expect(segment.fields.length).toBeGreaterThan(0);
    next = segment.range.end;
  }
  expect(next).toBe(bytes.length);
}

describe('annotateFrame', () => {
  it('explains the RFC 6455 §5.7 masked "Hello" byte by byte', () => {
    const annotation = annotateFrame(fromHex('81 85 37 fa 21 3d 7f 9f 4d 51 58'), { sender: 'client' });
    expect(annotation.complete).toBe(true);
    expect(annotation.violations).toEqual([]);
    expect(annotation.segments.map((s) => [s.title, s.hex])).toEqual([
      ['Byte 0: FIN, RSV1–3 and opcode', '81'],
      ['Byte 1: MASK and payload length', '85'],
      ['Bytes 2–5: masking key', '37 fa 21 3d'],
      ['Bytes 6–10: payload', '7f 9f 4d 51 58'],
    ]);
    const [byte0, byte1] = annotation.segments;
    expect(byte0!.fields.map((f) => [f.label, f.bits, f.value])).toEqual([
      ['FIN', '1', 'final fragment'],
      ['RSV1', '0', 'clear'],
      ['RSV2', '0', 'clear'],
      ['RSV3', '0', 'clear'],
      ['Opcode', '0001', '0x1: Text'],
    ]);
    expect(byte1!.fields.map((f) => [f.label, f.bits, f.value])).toEqual([
      ['MASK', '1', 'masked'],
      ['Payload length', '0000101', '5'],
    ]);
    expect(annotation.segments[3]!.fields[0]!.value).toBe('"Hello"');
  });

  it('explains the 16-bit and 64-bit length encodings of §5.7', () => {
    const two = annotateFrame(Uint8Array.from([0x82, 0x7e, 0x01, 0x00, ...new Uint8Array(256)]), { sender: 'server' });
    expect(two.segments[2]).toMatchObject({ title: 'Bytes 2–3: extended payload length', hex: '01 00' });
    expect(two.segments[2]!.fields[0]!.value).toBe('256 bytes');
    const eight = annotateFrame(Uint8Array.from([0x82, 0x7f, 0, 0, 0, 0, 0, 1, 0, 0, ...new Uint8Array(65536)]), { sender: 'server' });
    expect(eight.segments[2]!.fields[0]!.value).toBe('65536 bytes');
    expect(eight.segments[3]!.fields[0]!.value).toMatch(/… and 65472 more bytes$/);
  });

  it('reads a close body as its code and reason', () => {
    const close = encodeFrame({ opcode: 0x8, payload: Uint8Array.from([0x03, 0xe8, 0x62, 0x79, 0x65]) });
    expect(annotateFrame(close.bytes, { sender: 'server' }).segments.at(-1)!.fields[0]!.value).toBe(
      'status code 1000 (Normal Closure), reason "bye"',
    );
  });

  it('explains the bytes of an incomplete frame and of the frame after it', () => {
    const partial = annotateFrame(fromHex('81 fe 00'), { sender: 'client' });
    expect(partial.complete).toBe(false);
    expect(partial.segments.at(-1)!.fields[0]!.label).toBe('Not enough bytes yet');
    const two = annotateFrame(fromHex('81 02 68 69 81 00'), { sender: 'server' });
    expect(two.segments.at(-1)).toMatchObject({ hex: '81 00', fields: [{ field: 'next-frame' }] });
  });

  it('passes on the violations of the frame', () => {
    const unmasked = annotateFrame(fromHex('81 05 48 65 6c 6c 6f'), { sender: 'client' });
    expect(unmasked.violations.map((v) => v.id)).toEqual(['unmasked-client-frame']);
  });

  it('leaves no byte unexplained, for any bytes at all', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('client', 'server'), (bytes, sender) => {
        expectEveryByteExplainedOnce(bytes, sender as 'client' | 'server');
      }),
      { numRuns: 500 },
    );
  });

  it('leaves no byte unexplained in valid frames of every length class', () => {
    for (const length of [0, 1, 125, 126, 65535, 65536]) {
      for (const maskingKey of [null, Uint8Array.from([1, 2, 3, 4])]) {
        const { bytes } = encodeFrame({ opcode: 0x2, payload: new Uint8Array(length), maskingKey });
        expectEveryByteExplainedOnce(bytes, maskingKey ? 'client' : 'server');
      }
    }
  });
});
