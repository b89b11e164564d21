// Categories 12 and 13, permessage-deflate (RFC 7692): Autobahn's message sizes, fragment sizes and offers, as data.
import type { CompressionCase, ConformanceCase } from './case-types.ts';
import { closeAfter, cleanNormalClose } from './case-builders.ts';

/** Autobahn's MSG_SIZES: payload size, message count, seconds allowed, auto-fragment size (0: one frame). */
const MESSAGE_SIZES: readonly (readonly [number, number, number, number])[] = [
  [16, 1000, 60, 0],
  [64, 1000, 60, 0],
  [256, 1000, 120, 0],
  [1024, 1000, 240, 0],
  [4096, 1000, 480, 0],
  [8192, 1000, 480, 0],
  [16384, 1000, 480, 0],
  [32768, 1000, 480, 0],
  [65536, 1000, 480, 0],
  [131072, 1000, 480, 0],
  [8192, 1000, 480, 256],
  [16384, 1000, 480, 256],
  [32768, 1000, 480, 256],
  [65536, 1000, 480, 256],
  [131072, 1000, 480, 256],
  [131072, 1000, 480, 1024],
  [131072, 1000, 480, 4096],
  [131072, 1000, 480, 32768],
];

/** Messages per case without `--full`: enough to go round the compressor's window with context takeover. */
export const REDUCED_MESSAGE_COUNT = 10;

/** Bytes of each generated corpus: more than the largest message, so messages are cut from it round and round. */
const CORPUS_BYTES = 262_144;

/**
 * Autobahn's five test files (JSON, a bitmap, Goethe's Faust, HTML, a PDF) are not shipped here; each corpus is
 * generated instead, of the same kind, so it compresses about as well: structured text, a smooth image with noise,
 * prose, markup, and nearly incompressible bytes. `binary` is Autobahn's choice of message type for each.
 */
export const CORPORA = [
  { id: 'json', description: 'JSON records (text)', binary: false, make: () => textCorpus((i, r) => jsonRecord(i, r)) },
  { id: 'bitmap', description: 'a greyscale bitmap with noise (binary)', binary: true, make: bitmapCorpus },
  { id: 'prose', description: 'prose, as Autobahn’s Faust (binary)', binary: true, make: () => textCorpus((_, r) => sentence(r)) },
  { id: 'html', description: 'HTML markup (text)', binary: false, make: () => textCorpus((i, r) => htmlRow(i, r)) },
  { id: 'noise', description: 'nearly incompressible bytes, as a PDF’s streams (binary)', binary: true, make: noiseCorpus },
] as const;

/** Autobahn's DEFLATE_PARAMS: the client's offers (a Sec-WebSocket-Extensions value) and what the server is asked to allow. */
export const DEFLATE_OFFERS: readonly { offer: string; description: string }[] = [
  { offer: 'permessage-deflate', description: 'the default offer' },
  { offer: 'permessage-deflate; client_no_context_takeover', description: 'the client resets its window' },
  { offer: 'permessage-deflate; client_max_window_bits=9', description: 'a client window of 9 bits' },
  { offer: 'permessage-deflate; client_max_window_bits=15', description: 'a client window of 15 bits' },
  { offer: 'permessage-deflate; client_no_context_takeover; client_max_window_bits=9', description: 'no context takeover, 9 bits' },
  { offer: 'permessage-deflate; client_no_context_takeover; client_max_window_bits=15', description: 'no context takeover, 15 bits' },
  {
    offer:
      'permessage-deflate; client_no_context_takeover; client_max_window_bits=9, permessage-deflate; client_no_context_takeover, permessage-deflate',
    description: 'three offers, most demanding first',
  },
];

export const COMPRESSION_SUBCATEGORIES: Record<string, string> = {
  ...Object.fromEntries(CORPORA.map((c, j) => [`12.${j + 1}`, `Generated ${c.description}, default offer`])),
  ...Object.fromEntries(DEFLATE_OFFERS.map((o, j) => [`13.${j + 1}`, `JSON records, offer: ${o.offer}`])),
};

const corpusCache = new Map<string, Uint8Array>();
export function corpus(id: string): Uint8Array {
  let bytes = corpusCache.get(id);
  if (!bytes) corpusCache.set(id, (bytes = CORPORA.find((c) => c.id === id)!.make()));
  return bytes;
}

function compressionCase(
  id: string,
  corpusId: string,
  binary: boolean,
  offer: string,
  size: (typeof MESSAGE_SIZES)[number],
  full: boolean,
): ConformanceCase {
  const [length, count, seconds, fragmentSize] = size;
  const messages = full ? count : REDUCED_MESSAGE_COUNT;
  const compression: CompressionCase = { offer, corpus: corpusId, binary, length, count: messages, fragmentSize };
  return {
    id,
    description: `Send ${messages} compressed messages each of payload size ${length}, auto-fragment to ${fragmentSize} octets. Offer: ${offer}.`,
    expectation: `Receive echoed messages (with payload as sent). Timeout case after ${seconds} secs.`,
    rfc: 'RFC 7692 §5, §7',
    steps: [],
    end: closeAfter(seconds),
    expected: {},
    compression,
    expectedClose: cleanNormalClose,
    reportTime: true,
  };
}

/** Categories 12 and 13 in Autobahn's order; `full` sends Autobahn's 1000 messages per case instead of 10. */
export function compressionCases(full = false): ConformanceCase[] {
  const twelve = CORPORA.flatMap((c, j) =>
    MESSAGE_SIZES.map((size, i) => compressionCase(`12.${j + 1}.${i + 1}`, c.id, c.binary, DEFLATE_OFFERS[0]!.offer, size, full)),
  );
  const thirteen = DEFLATE_OFFERS.flatMap((o, j) =>
    MESSAGE_SIZES.map((size, i) => compressionCase(`13.${j + 1}.${i + 1}`, 'json', false, o.offer, size, full)),
  );
  return [...twelve, ...thirteen];
}

/** A small deterministic generator (xorshift32), so every run sends the same messages. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
}

const WORDS =
  'der die das und ist nicht ein zu mit sich ich du wir habe Welt Geist Nacht Licht Herz Zeit Faust Himmel Erde schon wohl'.split(' ');

function textCorpus(piece: (index: number, next: () => number) => string): Uint8Array {
  const next = random(0x5eed);
  let text = '';
  for (let i = 0; text.length < CORPUS_BYTES; i++) text += piece(i, next);
  return new TextEncoder().encode(text.slice(0, CORPUS_BYTES));
}

const pick = <T>(items: readonly T[], next: () => number): T => items[Math.floor(next() * items.length)]!;
const sentence = (next: () => number) => `${Array.from({ length: 4 + Math.floor(next() * 10) }, () => pick(WORDS, next)).join(' ')}.\n`;
const jsonRecord = (i: number, next: () => number) =>
  `${JSON.stringify({ id: i, user: `user${Math.floor(next() * 500)}`, text: sentence(next).trim(), score: Math.round(next() * 1e4) / 100 })},\n`;
const htmlRow = (i: number, next: () => number) =>
  `<tr class="row-${i % 2 ? 'odd' : 'even'}"><td><a href="/item/${i}">${pick(WORDS, next)}</a></td><td>${sentence(next).trim()}</td></tr>\n`;

function bitmapCorpus(): Uint8Array {
  const next = random(0xb17);
  const bytes = new Uint8Array(CORPUS_BYTES);
  for (let i = 0; i < bytes.length; i++) {
    const [x, y] = [i % 512, Math.floor(i / 512)];
    bytes[i] = (Math.round(128 + 100 * Math.sin(x / 40) * Math.cos(y / 55)) + Math.floor(next() * 12)) & 0xff;
  }
  return bytes;
}

function noiseCorpus(): Uint8Array {
  const next = random(0x9df);
  return Uint8Array.from({ length: CORPUS_BYTES }, () => Math.floor(next() * 256));
}
