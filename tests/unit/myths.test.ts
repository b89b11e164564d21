// The tests that the myths chapter points to: each myth next to the rule, checked against this site's protocol core.
import { describe, expect, it } from 'vitest';
import { base64Encode } from '../../src/lib/protocol/bytes.ts';
import { decodeFrame } from '../../src/lib/protocol/decode-frame.ts';
import { encodeFrame } from '../../src/lib/protocol/encode-frame.ts';
import { computeAccept, WEBSOCKET_GUID } from '../../src/lib/protocol/handshake.ts';
import { unmask } from '../../src/lib/protocol/mask.ts';

async function acceptWithGuid(key: string, guid: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(key + guid));
  return base64Encode(new Uint8Array(digest));
}

describe('myth: the magic GUID with a typographic dash', () => {
  const key = 'dGhlIHNhbXBsZSBub25jZQ==';
  // What a word processor or a blog's "smart punctuation" makes of the GUID: U+2013 EN DASH for every hyphen.
  const enDashGuid = WEBSOCKET_GUID.replaceAll('-', '\u2013');

  it('the GUID is written with ASCII hyphen-minus (U+002D), as in RFC 6455 §1.3', () => {
    expect(WEBSOCKET_GUID).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
  });

  it('an en dash GUID gives a different Accept, which every client must reject (§4.1)', async () => {
    expect(await computeAccept(key)).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    expect(await acceptWithGuid(key, WEBSOCKET_GUID)).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    const wrong = await acceptWithGuid(key, enDashGuid);
    expect(wrong).not.toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    // Each en dash is 3 bytes of UTF-8, not 1: the hashed string is 8 bytes longer.
    expect(new TextEncoder().encode(enDashGuid).length - WEBSOCKET_GUID.length).toBe(8);
  });
});

describe('myth: hixie-76 framing, a text message between 0x00 and 0xFF', () => {
  it('read as RFC 6455, "\\x00Hi\\xFF" is an unmasked continuation frame that claims 72 bytes', () => {
    const result = decodeFrame(new Uint8Array([0x00, 0x48, 0x69, 0xff]), { sender: 'client' });
    expect(result.status).toBe('incomplete');
    expect(result.violations.map((v) => [v.id, v.section, v.closeCode])).toEqual([
      ['continuation-without-message', '5.4', 1002],
      ['unmasked-client-frame', '5.1', 1002],
    ]);
  });
});

describe('myth: the header is only 2 bytes', () => {
  const key = new Uint8Array([0x37, 0xfa, 0x21, 0x3d]);
  const headerBytes = (length: number, masked: boolean) =>
    encodeFrame({ opcode: 0x2, payload: new Uint8Array(length), maskingKey: masked ? key : null }).bytes.length - length;

  it('is 2 bytes only for an unmasked payload of at most 125 bytes; 2 to 14 in all (§5.2)', () => {
    expect([0, 125, 126, 65535, 65536].map((n) => headerBytes(n, false))).toEqual([2, 2, 4, 4, 10]);
    // Every client frame is masked (§5.3), which adds the 4-byte key.
    expect([0, 125, 126, 65535, 65536].map((n) => headerBytes(n, true))).toEqual([6, 6, 8, 8, 14]);
  });
});

describe('myth: masking is encryption', () => {
  it('anyone who reads the frame can unmask it: the key travels in the frame (§5.3)', () => {
    const frame = encodeFrame({ opcode: 0x1, payload: 'secret', maskingKey: new Uint8Array([0x37, 0xfa, 0x21, 0x3d]) }).bytes;
    // Byte 1's low 7 bits are the length; the 4 bytes after byte 1 are the key; the payload follows.
    const length = frame[1]! & 0x7f;
    const keyInFrame = frame.subarray(2, 6);
    const payload = frame.subarray(6, 6 + length);
    expect(new TextDecoder().decode(unmask(payload, keyInFrame))).toBe('secret');
  });
});
