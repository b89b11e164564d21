// Mutant: a server whose parseFrameHeader() reads a 64-bit length before all 8 of its bytes have arrived, and throws.
import type { Mutant } from './mutant.ts';

export const THROWS_ON_PARTIAL_64_BIT_LENGTH: Mutant = {
  name: 'throws-on-partial-64-bit-length',
  mistake: 'reads the 8 bytes of a 64-bit length without first checking that they are there (readBigUInt64BE throws a RangeError)',
  find: '    if (bytes.length < 10) return null;\n    payloadLength = Number(bytes.readBigUInt64BE(2));',
  replace: '    payloadLength = Number(bytes.readBigUInt64BE(2));',
};
