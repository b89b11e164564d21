import { describe, expect, it } from 'vitest';
import {
  byteBits,
  byteCharacter,
  byteHex,
  bytesLine,
  explainMasking,
  hiddenRowsNote,
  MAX_PAYLOAD_BYTES,
  roundTripNote,
  SHOWN_ROWS,
} from '../../src/components/mask-visualizer.ts';

/** The oracle: XOR written out with Buffer, not the library's mask(). */
function xorWithKey(payload: Buffer, key: Buffer): Buffer {
  return Buffer.from(payload.map((byte, i) => byte ^ key[i % 4]!));
}

function masked(text: string, keyHex: string) {
  const result = explainMasking(text, keyHex);
  if (!result.ok) throw new Error(result.message);
  return result.masking;
}

describe('explainMasking', () => {
  it('masks the RFC 6455 §5.7 "Hello" with its key, byte for byte', () => {
    const masking = masked('Hello', '37 fa 21 3d');
    expect(bytesLine(masking.masked)).toBe('7f 9f 4d 51 58');
    expect(bytesLine(masking.keyRepeated)).toBe('37 fa 21 3d 37');
    expect(masking.rows).toEqual([
      { index: 0, keyIndex: 0, payloadByte: 0x48, keyByte: 0x37, maskedByte: 0x7f },
      { index: 1, keyIndex: 1, payloadByte: 0x65, keyByte: 0xfa, maskedByte: 0x9f },
      { index: 2, keyIndex: 2, payloadByte: 0x6c, keyByte: 0x21, maskedByte: 0x4d },
      { index: 3, keyIndex: 3, payloadByte: 0x6c, keyByte: 0x3d, maskedByte: 0x51 },
      { index: 4, keyIndex: 0, payloadByte: 0x6f, keyByte: 0x37, maskedByte: 0x58 },
    ]);
    expect(masking.hiddenRows).toBe(0);
    expect(masking.roundTrips).toBe(true);
    expect(roundTripNote(masking)).toBe(
      'Unmasking XORs with the same key again and gives back the payload, "Hello", byte for byte (§5.3).',
    );
  });

  it('agrees with XOR done independently, and unmasking gives the payload back', () => {
    for (const [text, key] of [
      ['Grüße, WebSocket! 👋', 'a1b2c3d4'],
      ['', '00000000'],
      ['x'.repeat(1000), 'ff ff ff ff'],
    ] as const) {
      const masking = masked(text, key);
      const payload = Buffer.from(text, 'utf8');
      expect(Buffer.from(masking.payload)).toEqual(payload);
      expect(Buffer.from(masking.masked)).toEqual(xorWithKey(payload, Buffer.from(key.replace(/ /g, ''), 'hex')));
      expect(Buffer.from(masking.unmasked)).toEqual(payload);
      expect(masking.roundTrips).toBe(true);
    }
  });

  it('shows at most 64 rows and says how many more there are', () => {
    const masking = masked('a'.repeat(100), '01020304');
    expect(masking.rows).toHaveLength(SHOWN_ROWS);
    expect(masking.hiddenRows).toBe(36);
    expect(masking.masked).toHaveLength(100);
    expect(hiddenRowsNote(masking.hiddenRows)).toBe('The table shows the first 64 bytes; the 36 bytes after them follow the same pattern.');
    expect(hiddenRowsNote(0)).toBe('');
    expect(roundTripNote(masked('é'.repeat(70), '01020304'))).toContain(`"${'é'.repeat(64)}"…`);
  });

  it('names the rule a bad key breaks', () => {
    expect(explainMasking('Hello', '37fa21')).toEqual({
      ok: false,
      input: 'masking-key',
      message: 'A masking key is exactly 4 bytes, 8 hex digits (§5.2), and this one is 3 bytes.',
    });
    expect(explainMasking('Hello', '37fa21zz')).toEqual({
      ok: false,
      input: 'masking-key',
      message: "The masking key: 'z' at position 7 is not a hex digit (0–9, a–f).",
    });
  });

  it('caps the payload so the page stays responsive', () => {
    expect(explainMasking('x'.repeat(MAX_PAYLOAD_BYTES + 1), '01020304')).toMatchObject({
      ok: false,
      input: 'payload',
      message: expect.stringContaining(`at most ${MAX_PAYLOAD_BYTES}`),
    });
  });
});

describe('byte formatting', () => {
  it('writes at most 256 bytes on a line, then counts the rest', () => {
    expect(bytesLine(Uint8Array.from([0x7f, 0x9f]))).toBe('7f 9f');
    expect(bytesLine(new Uint8Array(256))).toBe(Array(256).fill('00').join(' '));
    expect(bytesLine(new Uint8Array(300))).toBe(`${Array(256).fill('00').join(' ')} … and 44 more bytes`);
  });

  it('writes a byte as hex, bits and a character', () => {
    expect([byteHex(0x0a), byteBits(0x0a)]).toEqual(['0a', '00001010']);
    expect([byteCharacter(0x48), byteCharacter(0x20), byteCharacter(0x0a), byteCharacter(0xc3)]).toEqual(['H', '␠', '', '']);
  });
});
