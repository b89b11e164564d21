import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkKey, computeAccept, explainAccept, WEBSOCKET_GUID } from '../../src/lib/protocol/handshake.ts';

/** The accept value as node:crypto computes it: an independent oracle for WebCrypto. */
function nodeAccept(key: string): string {
  return createHash('sha1')
    .update(key + WEBSOCKET_GUID)
    .digest('base64');
}

describe('computeAccept', () => {
  it('matches the RFC 6455 §1.3 example', async () => {
    expect(await computeAccept('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it('agrees with node:crypto for 200 random keys', async () => {
    for (let i = 0; i < 200; i++) {
      const key = randomBytes(16).toString('base64');
      expect(await computeAccept(key)).toBe(nodeAccept(key));
    }
  });

  it('shows every intermediate step', async () => {
    const steps = await explainAccept('dGhlIHNhbXBsZSBub25jZQ==');
    expect(steps.concatenated).toBe('dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11');
    expect(steps.sha1Hex).toBe(createHash('sha1').update(steps.concatenated).digest('hex'));
    expect(steps.sha1Hex).toBe('b37a4f2cc0624f1690f64606cf385945b2bec4ea');
  });
});

describe('checkKey', () => {
  it('accepts the base64 of 16 random bytes', () => {
    for (let i = 0; i < 50; i++) {
      const nonce = randomBytes(16);
      const check = checkKey(nonce.toString('base64'));
      expect(check.ok).toBe(true);
      if (check.ok) expect(Buffer.from(check.nonce)).toEqual(nonce);
    }
  });

  it('ignores surrounding optional whitespace', () => {
    expect(checkKey(' \tdGhlIHNhbXBsZSBub25jZQ== ').ok).toBe(true);
  });

  it.each([
    ['', 'key-empty'],
    ['dGhlIHNhbXBsZSBub25jZQ', 'key-not-base64'],
    ['dGhlIHNhbXBsZSBub25j!Q==', 'key-not-base64'],
    ['dGhl=HNhbXBsZSBub25jZQ==', 'key-not-base64'],
    ['aGVsbG8=', 'key-wrong-length'],
    [Buffer.alloc(17).toString('base64'), 'key-wrong-length'],
    ['dGhlIHNhbXBsZSBub25jZR==', 'key-not-canonical'],
  ])('rejects %j as %s, citing §4.1', (key, id) => {
    const check = checkKey(key);
    expect(check).toMatchObject({ ok: false, id, section: '4.1' });
    if (!check.ok) expect(check.reason).toMatch(/exactly 16 random bytes/);
  });

  it('says how many bytes a wrong-length key decodes to', () => {
    const check = checkKey('aGVsbG8=');
    expect(check.ok || check.reason).toMatch(/decodes to 5 bytes, not 16/);
  });
});
