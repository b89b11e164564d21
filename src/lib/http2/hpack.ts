// An HPACK (RFC 7541) decoder that keeps where each field came from, so a recorded header block can be explained byte by byte.
import { HUFFMAN_CODE_LENGTHS, HUFFMAN_CODES, STATIC_TABLE } from './hpack-tables.ts';

/** How a field was represented (RFC 7541 §6): indexed, or a literal that does or does not enter the dynamic table. */
export type RepresentationKind =
  'indexed' | 'literal-incremental' | 'literal-without-indexing' | 'literal-never-indexed' | 'table-size-update';

/** One representation in a header block: its bytes, how it was coded, and the field it stands for. */
export interface Representation {
  kind: RepresentationKind;
  /** Byte offsets in the header block, end exclusive. */
  start: number;
  end: number;
  /** For indexed fields and literals with an indexed name: the table index (1–61 static, 62 and up dynamic). */
  index: number | null;
  name: string;
  value: string;
  /** Whether the literal name / value was Huffman-coded (RFC 7541 §5.2); null where the part came from a table. */
  huffmanName: boolean | null;
  huffmanValue: boolean | null;
  /** For a dynamic table size update (§6.3): the new maximum size. */
  newTableSize?: number;
}

const UTF8 = new TextEncoder();

/** The size of an entry in the dynamic table: its name and value in octets, plus 32 (RFC 7541 §4.1). */
function entrySize(name: string, value: string): number {
  return UTF8.encode(name).length + UTF8.encode(value).length + 32;
}

/** One decoding context, as each direction of an HTTP/2 connection has its own (RFC 7541 §2.2). */
export class HpackDecoder {
  /** Newest first, as the dynamic table numbers its entries (§2.3.3). */
  readonly #dynamic: [string, string][] = [];
  #maxSize: number;

  /** `maxTableSize` is SETTINGS_HEADER_TABLE_SIZE, 4096 unless the decoding side's settings said otherwise (RFC 9113 §6.5.2). */
  constructor(maxTableSize = 4096) {
    this.#maxSize = maxTableSize;
  }

  /** Decodes one whole header block, updating the dynamic table as the encoder did. Throws on a malformed block. */
  decode(block: Uint8Array): Representation[] {
    const fields: Representation[] = [];
    let offset = 0;
    while (offset < block.length) {
      const start = offset;
      const first = block[offset]!;
      if (first & 0x80) {
        // §6.1: an indexed header field, a 7-bit prefix index.
        const index = readInteger(block, offset, 7);
        offset = index.next;
        const [name, value] = this.#entry(index.value);
        fields.push({ kind: 'indexed', start, end: offset, index: index.value, name, value, huffmanName: null, huffmanValue: null });
        continue;
      }
      if ((first & 0xe0) === 0x20) {
        // §6.3: a dynamic table size update, a 5-bit prefix.
        const size = readInteger(block, offset, 5);
        offset = size.next;
        this.#maxSize = size.value;
        this.#evict();
        fields.push({
          kind: 'table-size-update',
          start,
          end: offset,
          index: null,
          name: '',
          value: '',
          huffmanName: null,
          huffmanValue: null,
          newTableSize: size.value,
        });
        continue;
      }
      // §6.2.1 (01, 6-bit prefix), §6.2.2 (0000, 4-bit prefix) and §6.2.3 (0001, 4-bit prefix).
      const kind: RepresentationKind =
        (first & 0xc0) === 0x40 ? 'literal-incremental' : (first & 0xf0) === 0x10 ? 'literal-never-indexed' : 'literal-without-indexing';
      const nameIndex = readInteger(block, offset, kind === 'literal-incremental' ? 6 : 4);
      offset = nameIndex.next;
      let name: string;
      let huffmanName: boolean | null = null;
      if (nameIndex.value === 0) {
        const literal = readString(block, offset);
        ({ text: name, huffman: huffmanName } = literal);
        offset = literal.next;
      } else name = this.#entry(nameIndex.value)[0];
      const literal = readString(block, offset);
      offset = literal.next;
      if (kind === 'literal-incremental') this.#add(name, literal.text);
      fields.push({
        kind,
        start,
        end: offset,
        index: nameIndex.value === 0 ? null : nameIndex.value,
        name,
        value: literal.text,
        huffmanName,
        huffmanValue: literal.huffman,
      });
    }
    return fields;
  }

  #entry(index: number): readonly [string, string] {
    if (index >= 1 && index <= STATIC_TABLE.length) return STATIC_TABLE[index - 1]!;
    const entry = this.#dynamic[index - STATIC_TABLE.length - 1];
    if (!entry) throw new Error(`HPACK index ${index} is in neither table (RFC 7541 §2.3.3).`);
    return entry;
  }

  #add(name: string, value: string): void {
    this.#dynamic.unshift([name, value]);
    this.#evict();
  }

  #evict(): void {
    let size = this.#dynamic.reduce((sum, [n, v]) => sum + entrySize(n, v), 0);
    while (size > this.#maxSize) {
      const [n, v] = this.#dynamic.pop()!;
      size -= entrySize(n, v);
    }
  }
}

/** §5.1: an integer with an N-bit prefix, continued in 7-bit groups while the prefix is all ones. */
function readInteger(block: Uint8Array, offset: number, prefixBits: number): { value: number; next: number } {
  const max = (1 << prefixBits) - 1;
  let value = block[offset]! & max;
  let next = offset + 1;
  if (value < max) return { value, next };
  let shift = 0;
  for (;;) {
    const byte = block[next++];
    if (byte === undefined) throw new Error('An HPACK integer runs past the end of the header block (RFC 7541 §5.1).');
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) return { value, next };
  }
}

/** §5.2: a string literal, its length with a 7-bit prefix after the H bit, then the octets, Huffman-coded when H is set. */
function readString(block: Uint8Array, offset: number): { text: string; huffman: boolean; next: number } {
  const huffman = (block[offset]! & 0x80) !== 0;
  const length = readInteger(block, offset, 7);
  const end = length.next + length.value;
  if (end > block.length) throw new Error('An HPACK string runs past the end of the header block (RFC 7541 §5.2).');
  const octets = block.subarray(length.next, end);
  const bytes = huffman ? huffmanDecode(octets) : octets;
  return { text: new TextDecoder('latin1').decode(bytes), huffman, next: end };
}

/** Codes keyed by `length:code`, for a bit-by-bit walk. */
const HUFFMAN_SYMBOLS = new Map(HUFFMAN_CODES.map((code, symbol) => [`${HUFFMAN_CODE_LENGTHS[symbol]}:${code}`, symbol]));

/** Appendix B's code, read bit by bit; the padding at the end is up to 7 one bits, the start of EOS (§5.2). */
export function huffmanDecode(octets: Uint8Array): Uint8Array {
  const out: number[] = [];
  let code = 0;
  let length = 0;
  for (const byte of octets) {
    for (let bit = 7; bit >= 0; bit--) {
      code = (code << 1) | ((byte >> bit) & 1);
      length++;
      const symbol = HUFFMAN_SYMBOLS.get(`${length}:${code >>> 0}`);
      if (symbol !== undefined) {
        out.push(symbol);
        code = 0;
        length = 0;
      } else if (length > 30) throw new Error('A Huffman-coded string holds a code longer than any in RFC 7541 Appendix B.');
    }
  }
  if (length > 7 || code !== (1 << length) - 1)
    throw new Error('A Huffman-coded string ends in padding that is not the start of EOS (RFC 7541 §5.2).');
  return Uint8Array.from(out);
}
