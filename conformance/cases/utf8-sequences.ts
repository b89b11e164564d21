// The UTF-8 decoder test sequences behind Autobahn's cases 6.5–6.23, after Markus Kuhn's UTF-8-test.txt, as hex data.
import { UTF8_START, continueUtf8, isUtf8Complete } from '../../src/lib/protocol/index.ts';
import { fromHex } from './case-builders.ts';

export interface Utf8Sequence {
  valid: boolean;
  bytes: Uint8Array;
}

export interface Utf8Group {
  /** Autobahn's subcategory title. */
  title: string;
  sequences: Utf8Sequence[];
}

const valid = (hex: string): Utf8Sequence => ({ valid: true, bytes: fromHex(hex) });
const invalid = (hex: string): Utf8Sequence => ({ valid: false, bytes: fromHex(hex) });
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
const hexOf = (bytes: number[]): string => bytes.map((b) => b.toString(16).padStart(2, '0')).join('');

/** κόσμε, Kuhn's sample of valid multi-byte text. */
const KOSME = 'cebae1bdb9cf83cebcceb5';

function prefixesOfKosme(): Utf8Sequence[] {
  const whole = fromHex(KOSME);
  return range(1, whole.length + 1).map((n) => {
    const bytes = whole.slice(0, n);
    const step = continueUtf8(UTF8_START, bytes);
    return { valid: step.valid && isUtf8Complete(step.state), bytes };
  });
}

const missingLast = ['c0', 'e080', 'f08080', 'f8808080', 'fc80808080', 'df', 'efbf', 'f7bfbf', 'fbbfbfbf', 'fdbfbfbfbf'];

function nonCharacters(): Utf8Sequence[] {
  const out = [valid('efbfbe'), valid('efbfbf')];
  for (const lead of [0xf0, 0xf1, 0xf2, 0xf3, 0xf4]) {
    for (const second of [0x8f, 0x9f, 0xaf, 0xbf]) {
      if (lead === 0xf4 && second !== 0x8f) continue; // beyond U+10FFFF
      for (const last of [0xbe, 0xbf]) {
        const hex = hexOf([lead, second, 0xbf, last]);
        if (hex !== 'f08fbfbe' && hex !== 'f08fbfbf') out.push(valid(hex)); // those two are overlong
      }
    }
  }
  return out;
}

/** In Autobahn's order: group i becomes subcategory 6.(i + 5), sequence j case 6.(i + 5).(j + 1). */
export const UTF8_GROUPS: Utf8Group[] = [
  {
    title: 'Some valid UTF-8 sequences',
    sequences: [
      valid('68656c6c6f24776f726c64'),
      valid('68656c6c6fc2a2776f726c64'),
      valid('68656c6c6fe282ac776f726c64'),
      valid('68656c6c6ff0a4ada2776f726c64'),
      valid(KOSME),
    ],
  },
  { title: 'All prefixes of a valid UTF-8 string that contains multi-byte code points', sequences: prefixesOfKosme() },
  { title: 'First possible sequence of a certain length', sequences: [valid('00'), valid('c280'), valid('e0a080'), valid('f0908080')] },
  { title: 'First possible sequence length 5/6 (invalid codepoints)', sequences: [invalid('f888808080'), invalid('fc8480808080')] },
  { title: 'Last possible sequence of a certain length', sequences: [valid('7f'), valid('dfbf'), valid('efbfbf'), valid('f48fbfbf')] },
  {
    title: 'Last possible sequence length 4/5/6 (invalid codepoints)',
    sequences: [invalid('f7bfbfbf'), invalid('fbbfbfbfbf'), invalid('fdbfbfbfbfbf')],
  },
  {
    title: 'Other boundary conditions',
    sequences: [valid('ed9fbf'), valid('ee8080'), valid('efbfbd'), valid('f48fbfbf'), invalid('f4908080')],
  },
  {
    title: 'Unexpected continuation bytes',
    sequences: [
      invalid('80'),
      invalid('bf'),
      invalid('80bf'),
      invalid('80bf80'),
      invalid('80bf80bf'),
      invalid('80bf80bf80'),
      invalid('80bf80bf80bf'),
      invalid(hexOf(range(0x80, 0xbf))),
    ],
  },
  {
    title: 'Lonely start characters',
    sequences: [
      [0xc0, 0xdf],
      [0xe0, 0xef],
      [0xf0, 0xf7],
      [0xf8, 0xfb],
      [0xfc, 0xfd],
    ].map(([from, to]) => invalid(hexOf(range(from!, to!).flatMap((b) => [b, 0x20])))),
  },
  { title: 'Sequences with last continuation byte missing', sequences: missingLast.map(invalid) },
  { title: 'Concatenation of incomplete sequences', sequences: [invalid(missingLast.join(''))] },
  { title: 'Impossible bytes', sequences: [invalid('fe'), invalid('ff'), invalid('fefeffff')] },
  {
    title: 'Examples of an overlong ASCII character',
    sequences: ['c0af', 'e080af', 'f08080af', 'f8808080af', 'fc80808080af'].map(invalid),
  },
  { title: 'Maximum overlong sequences', sequences: ['c1bf', 'e09fbf', 'f08fbfbf', 'f887bfbfbf', 'fc83bfbfbfbf'].map(invalid) },
  {
    title: 'Overlong representation of the NUL character',
    sequences: ['c080', 'e08080', 'f0808080', 'f880808080', 'fc8080808080'].map(invalid),
  },
  { title: 'Single UTF-16 surrogates', sequences: ['eda080', 'edadbf', 'edae80', 'edafbf', 'edb080', 'edbe80', 'edbfbf'].map(invalid) },
  {
    title: 'Paired UTF-16 surrogates',
    sequences: [
      'eda080edb080',
      'eda080edbfbf',
      'edadbfedb080',
      'edadbfedbfbf',
      'edae80edb080',
      'edae80edbfbf',
      'edafbfedb080',
      'edafbfedbfbf',
    ].map(invalid),
  },
  { title: 'Non-character code points (valid UTF-8)', sequences: nonCharacters() },
  {
    title: 'Unicode specials (i.e. replacement char)',
    sequences: ['efbfb9', 'efbfba', 'efbfbb', 'efbfbc', 'efbfbd', 'efbfbe', 'efbfbf'].map(valid),
  },
];
