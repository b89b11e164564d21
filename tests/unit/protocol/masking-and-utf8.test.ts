// Masking (§5.3) and streaming UTF-8 validation (§5.6, §8.1), checked against TextDecoder as an oracle.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mask, randomMaskingKey, unmask } from '../../../src/lib/protocol/mask.ts';
import { UTF8_START, continueUtf8, isUtf8Complete, isValidUtf8 } from '../../../src/lib/protocol/utf8.ts';

const bytes = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16));

describe('mask', () => {
  it('XORs octet i with key octet i mod 4, as §5.7 shows', () => {
    expect(mask(new TextEncoder().encode('Hello'), bytes('37fa213d'))).toEqual(bytes('7f9f4d5158'));
  });

  it('is undone by unmask with the same key, and leaves its input alone', () => {
    fc.assert(
      fc.property(fc.uint8Array(), fc.uint8Array({ minLength: 4, maxLength: 4 }), (data, key) => {
        const copy = data.slice();
        expect(unmask(mask(data, key), key)).toEqual(data);
        expect(data).toEqual(copy);
      }),
    );
  });

  it('refuses a key that is not 4 bytes, and makes fresh random keys', () => {
    expect(() => mask(new Uint8Array(1), new Uint8Array(5))).toThrow(/exactly 4 bytes/);
    expect(randomMaskingKey()).toHaveLength(4);
  });
});

describe('UTF-8 validation', () => {
  const fatal = new TextDecoder('utf-8', { fatal: true });
  const decodes = (b: Uint8Array) => {
    try {
      fatal.decode(b);
      return true;
    } catch {
      return false;
    }
  };

  it('agrees with TextDecoder on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (b) => {
        expect(isValidUtf8(b)).toBe(decodes(b));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(isValidUtf8(new TextEncoder().encode(s))).toBe(true);
      }),
    );
  });

  it('gives the same verdict however the bytes are split', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 16 }), fc.nat(), (b, cut) => {
        const at = cut % (b.length + 1);
        const first = continueUtf8(UTF8_START, b.subarray(0, at));
        const whole = first.valid ? continueUtf8(first.state, b.subarray(at)) : first;
        expect(whole.valid && isUtf8Complete(whole.state)).toBe(isValidUtf8(b));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['c0af', 0, 'overlong'],
    ['e08080', 1, 'overlong 3-byte'],
    ['eda080', 1, 'surrogate'],
    ['f08f8080', 1, 'overlong 4-byte'],
    ['f4908080', 1, 'beyond U+10FFFF'],
    ['f5', 0, 'never a lead byte'],
    ['80', 0, 'lone continuation'],
  ])('fails fast on %s at byte %i (%s)', (h, at) => {
    expect(continueUtf8(UTF8_START, bytes(h))).toEqual({ valid: false, invalidAt: at });
  });
});
