// UTF-8 validation that can be fed a message piece by piece, as fragments may split a code point (§5.6).

/**
 * Where a validator stands between pieces: how many continuation bytes the current code point
 * still needs, the range the next byte must fall in, and how many bytes of it were already read.
 */
export interface Utf8State {
  readonly remaining: number;
  readonly lower: number;
  readonly upper: number;
  readonly seen: number;
}

/** The state before any byte, and after every complete code point. */
export const UTF8_START: Utf8State = { remaining: 0, lower: 0x80, upper: 0xbf, seen: 0 };

export type Utf8Step =
  | { valid: true; state: Utf8State }
  /** `invalidAt` is the index in the piece of the first byte no continuation can make valid. */
  | { valid: false; invalidAt: number };

/**
 * Feeds one piece of a UTF-8 stream. It fails at the first byte after which no later bytes could
 * make the stream valid, which §8.1 allows (fail fast) and the tests of Autobahn expect. The
 * byte ranges are those of the Unicode Standard's Table 3-7, which rule out overlong forms,
 * surrogates (U+D800–U+DFFF) and code points above U+10FFFF.
 */
export function continueUtf8(state: Utf8State, piece: Uint8Array): Utf8Step {
  let { remaining, lower, upper, seen } = state;
  for (let i = 0; i < piece.length; i++) {
    const byte = piece[i]!;
    if (remaining > 0) {
      if (byte < lower || byte > upper) return { valid: false, invalidAt: i };
      remaining--;
      seen++;
      lower = 0x80;
      upper = 0xbf;
      continue;
    }
    seen = 1;
    if (byte <= 0x7f) {
      seen = 0;
    } else if (byte >= 0xc2 && byte <= 0xdf) {
      remaining = 1;
    } else if (byte >= 0xe0 && byte <= 0xef) {
      remaining = 2;
      if (byte === 0xe0) lower = 0xa0; // below is an overlong form
      if (byte === 0xed) upper = 0x9f; // above are the surrogates
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      remaining = 3;
      if (byte === 0xf0) lower = 0x90; // below is an overlong form
      if (byte === 0xf4) upper = 0x8f; // above is beyond U+10FFFF
    } else {
      return { valid: false, invalidAt: i };
    }
  }
  if (remaining === 0) seen = 0;
  return { valid: true, state: { remaining, lower, upper, seen } };
}

/** Whether a stream that ends in this state ended on a code point boundary. */
export function isUtf8Complete(state: Utf8State): boolean {
  return state.remaining === 0;
}

/** Whether some bytes are, on their own, valid UTF-8. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  const step = continueUtf8(UTF8_START, bytes);
  return step.valid && isUtf8Complete(step.state);
}
