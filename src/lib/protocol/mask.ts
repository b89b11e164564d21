// Client-to-server masking (RFC 6455 §5.3): XOR with a 4-byte key, the same operation both ways.

/**
 * Octet i of the result is octet i of `data` XOR octet (i mod 4) of `maskingKey` (§5.3).
 * Returns a new array and leaves `data` untouched, so callers can show before and after.
 */
export function mask(data: Uint8Array, maskingKey: Uint8Array): Uint8Array {
  if (maskingKey.length !== 4) {
    throw new TypeError(`A masking key is exactly 4 bytes, and this one is ${maskingKey.length}.`);
  }
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i]! ^ maskingKey[i % 4]!;
  return out;
}

/** Unmasking is masking again with the same key, since (x XOR k) XOR k = x (§5.3). */
export function unmask(data: Uint8Array, maskingKey: Uint8Array): Uint8Array {
  return mask(data, maskingKey);
}

/**
 * A fresh, unpredictable masking key. §5.3 requires a strong source of entropy so that scripts
 * cannot choose the bytes that appear on the wire (§10.3), hence WebCrypto rather than Math.random.
 */
export function randomMaskingKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(4));
}
