// The opening-handshake arithmetic of RFC 6455 §4: the key a client sends and the accept value a server answers with.
import { base64Decode, base64Encode, hex } from './bytes.ts';

/** The GUID that RFC 6455 §1.3 appends to every key; it appears nowhere else. */
export const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/**
 * A failed check: a stable id, the RFC section it enforces, and a sentence a reader can act on. `reason` is English;
 * `values` holds what that sentence names (a length, a character), so another language can say the same from the id.
 */
export interface RuleBroken {
  ok: false;
  id: string;
  section: string;
  reason: string;
  values?: Record<string, string | number>;
}

export type KeyCheck = { ok: true; nonce: Uint8Array } | RuleBroken;

const BASE64_ALPHABET = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Checks a `Sec-WebSocket-Key` value: the base64 of exactly 16 bytes (RFC 6455 §4.1).
 * Leading and trailing spaces and tabs are optional whitespace around an HTTP field value, so
 * they are ignored, as an HTTP parser would.
 */
export function checkKey(value: string): KeyCheck {
  const key = value.replace(/^[ \t]+|[ \t]+$/g, '');
  const rule = 'Sec-WebSocket-Key must be the base64 encoding of exactly 16 random bytes (RFC 6455 §4.1)';
  if (key === '') {
    return broken('key-empty', '4.1', `The key is empty. ${rule}.`);
  }
  if (!BASE64_ALPHABET.test(key)) {
    const bad = [...key].find((c) => !/[A-Za-z0-9+/=]/.test(c)) ?? '=';
    const where = bad === '=' ? 'padding "=" only at the end' : `no ${JSON.stringify(bad)}`;
    return broken('key-not-base64', '4.1', `The key is not base64: base64 allows A–Z, a–z, 0–9, "+", "/" and ${where}. ${rule}.`, {
      character: bad,
    });
  }
  if (key.length % 4 !== 0) {
    return broken(
      'key-not-base64',
      '4.1',
      `The key is ${key.length} characters long, and base64 comes in groups of 4. ${rule}, which is 24 characters ending in "==".`,
      { characters: key.length },
    );
  }
  const nonce = base64Decode(key);
  if (nonce.length !== 16) {
    return broken(
      'key-wrong-length',
      '4.1',
      `The key decodes to ${nonce.length} byte${nonce.length === 1 ? '' : 's'}, not 16. ${rule}, which is 24 characters ending in "==".`,
      { bytes: nonce.length },
    );
  }
  if (base64Encode(nonce) !== key) {
    return broken(
      'key-not-canonical',
      '4.1',
      `The key's last character before "==" carries bits that 16 bytes cannot have, so it is not the canonical base64 of any 16 bytes. ${rule}.`,
    );
  }
  return { ok: true, nonce };
}

/** Every intermediate value of the accept computation, for teaching. */
export interface AcceptSteps {
  key: string;
  concatenated: string;
  sha1: Uint8Array;
  sha1Hex: string;
  accept: string;
}

/**
 * Computes `Sec-WebSocket-Accept` for a key, step by step (RFC 6455 §4.2.2, item 5.4):
 * base64(SHA-1(key + GUID)). The key is used as sent; a server checks it first with {@link checkKey}.
 */
export async function explainAccept(key: string): Promise<AcceptSteps> {
  const concatenated = key + WEBSOCKET_GUID;
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(concatenated));
  const sha1 = new Uint8Array(digest);
  return { key, concatenated, sha1, sha1Hex: hex(sha1), accept: base64Encode(sha1) };
}

/** `Sec-WebSocket-Accept` for a key (RFC 6455 §4.2.2), via WebCrypto so it runs in browsers and Node alike. */
export async function computeAccept(key: string): Promise<string> {
  return (await explainAccept(key)).accept;
}

/** Builds the report of a broken handshake rule; every handshake check in this library reports through it. */
export function broken(id: string, section: string, reason: string, values?: Record<string, string | number>): RuleBroken {
  return values ? { ok: false, id, section, reason, values } : { ok: false, id, section, reason };
}
