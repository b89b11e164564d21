import { describe, expect, it } from 'vitest';
import { layoutFrame } from '../../src/components/frame-layout.ts';

const fromHex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'));

describe('layoutFrame', () => {
  it('places the §5.7 masked "Hello" on the rows of the §5.2 figure', () => {
    const boxes = layoutFrame(fromHex('818537fa213d7f9f4d5158'), 'client');
    expect(boxes.map((b) => [b.label, b.row, b.column, b.bits, b.value])).toEqual([
      ['FIN', 0, 0, 1, '1'],
      ['RSV1', 0, 1, 1, '0'],
      ['RSV2', 0, 2, 1, '0'],
      ['RSV3', 0, 3, 1, '0'],
      ['opcode', 0, 4, 4, '0x1'],
      ['MASK', 0, 8, 1, '1'],
      ['Payload len', 0, 9, 7, '5'],
      ['Masking key', 0, 16, 16, '37 fa 21 3d'],
      ['Masking key', 1, 0, 16, ''],
      ['Payload data', 1, 16, 16, '5 bytes'],
    ]);
    // The description names each field once, with its whole width: the key is 32 bits though each row shows 16.
    expect(boxes.filter((b) => !b.continued).map((b) => [b.label, b.fieldBits])).toEqual([
      ['FIN', 1],
      ['RSV1', 1],
      ['RSV2', 1],
      ['RSV3', 1],
      ['opcode', 4],
      ['MASK', 1],
      ['Payload len', 7],
      ['Masking key', 32],
      ['Payload data', 40],
    ]);
  });

  it('splits a 64-bit length across rows and cuts the payload to one row', () => {
    const frame = fromHex(`827f0000000000010000${'00'.repeat(65536)}`);
    const boxes = layoutFrame(frame, 'server');
    const extended = boxes.filter((b) => b.field === 'extended-payload-length');
    expect(extended.map((b) => [b.row, b.column, b.bits, b.continued])).toEqual([
      [0, 16, 16, false],
      [1, 0, 32, true],
      [2, 0, 16, true],
    ]);
    expect(extended[0]!.value).toBe('65536');
    expect(extended.map((b) => b.fieldBits)).toEqual([64, 64, 64]);
    const payload = boxes.filter((b) => b.field === 'payload');
    expect(payload.map((b) => [b.row, b.column, b.bits])).toEqual([[2, 16, 16]]);
  });

  it('refuses bytes that end inside the frame', () => {
    expect(() => layoutFrame(fromHex('8185'), 'client')).toThrow(TypeError);
  });
});
