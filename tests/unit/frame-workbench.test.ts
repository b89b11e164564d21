import { describe, expect, it } from 'vitest';
import {
  abridgeAnnotation,
  buildFrame,
  decodeHexInput,
  hexLines,
  INITIAL_PRESET,
  MAX_FRAME_BYTES,
  opcodeLabel,
  parseHex,
  parseMaskingKey,
  parsePayload,
  PRESETS,
  randomKeyHex,
  type BuilderForm,
} from '../../src/components/frame-workbench.ts';
import { annotateFrame } from '../../src/lib/protocol/annotate-frame.ts';
import { wsFrame } from './protocol/ws-oracle.ts';

const hexOf = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

const form = (changes: Partial<BuilderForm> = {}): BuilderForm => ({ ...INITIAL_PRESET.form, ...changes });

function built(changes: Partial<BuilderForm>) {
  const result = buildFrame(form(changes));
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.encoded;
}

describe('parseHex', () => {
  it('reads hex however it is pasted', () => {
    for (const text of ['8105', '81 05', '0x81 0x05', '81:05', '0X81,0x05', ' 81\n05\n']) {
      expect(parseHex(text)).toEqual({ ok: true, bytes: Uint8Array.from([0x81, 0x05]) });
    }
    expect(parseHex('AbCdEf')).toEqual({ ok: true, bytes: Uint8Array.from([0xab, 0xcd, 0xef]) });
    const every = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(parseHex(Buffer.from(every).toString('hex').toUpperCase())).toEqual({ ok: true, bytes: every });
  });

  it('reads nothing as no bytes', () => {
    expect(parseHex('  \n ')).toEqual({ ok: true, bytes: new Uint8Array(0) });
  });

  it('names the first character that is not a hex digit, with its position', () => {
    expect(parseHex('81 05 zz')).toEqual({ ok: false, message: "The hex: 'z' at position 7 is not a hex digit (0–9, a–f)." });
    expect(parseHex('81 👋')).toEqual({ ok: false, message: "The hex: '👋' at position 4 is not a hex digit (0–9, a–f)." });
    expect(parseHex('0x8g', 'The frame bytes')).toEqual({
      ok: false,
      message: "The frame bytes: 'g' at position 4 is not a hex digit (0–9, a–f).",
    });
  });

  it('refuses a run with an odd number of digits, since a byte is two', () => {
    expect(parseHex('81 5 48')).toEqual({
      ok: false,
      message: "The hex: '5' at position 4 has 1 hex digits, an odd number; every byte is exactly two.",
    });
    expect(parseHex('810548656c6c6')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/'810548656c6c…' at position 1 has 13 hex/),
    });
  });

  it('refuses a bare 0x', () => {
    expect(parseHex('81 0x')).toEqual({ ok: false, message: "The hex: '0x' at position 4 has no hex digits after it." });
  });

  it('caps the input so the page stays responsive, and says why', () => {
    const result = parseHex('00'.repeat(MAX_FRAME_BYTES + 1));
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining(`at most ${MAX_FRAME_BYTES}`) });
    expect(parseHex('00'.repeat(MAX_FRAME_BYTES))).toMatchObject({ ok: true });
    expect(parseHex(' '.repeat(MAX_FRAME_BYTES * 7))).toMatchObject({ ok: false, message: expect.stringContaining('characters long') });
  });
});

describe('parseMaskingKey and parsePayload', () => {
  it('takes exactly 4 bytes as a key', () => {
    expect(parseMaskingKey('37fa213d')).toEqual({ ok: true, bytes: Uint8Array.from([0x37, 0xfa, 0x21, 0x3d]) });
    expect(parseMaskingKey('37fa21')).toEqual({
      ok: false,
      message: 'A masking key is exactly 4 bytes, 8 hex digits (§5.2), and this one is 3 bytes.',
    });
    expect(parseMaskingKey('')).toMatchObject({ ok: false, message: expect.stringContaining('this one is 0 bytes') });
    expect(parseMaskingKey('37fa213d00')).toMatchObject({ ok: false, message: expect.stringContaining('this one is 5 bytes') });
    expect(parseMaskingKey('37fa21xx')).toMatchObject({ ok: false, message: expect.stringContaining("'x' at position 7") });
  });

  it('makes random keys the key input accepts, a fresh one each time', () => {
    const keys = Array.from({ length: 8 }, randomKeyHex);
    for (const key of keys) expect(parseMaskingKey(key)).toMatchObject({ ok: true });
    expect(keys[0]).toMatch(/^[0-9a-f]{2}( [0-9a-f]{2}){3}$/);
    expect(new Set(keys).size).toBeGreaterThan(1);
  });

  it('reads a payload as UTF-8 text or as hex', () => {
    expect(parsePayload('é', 'text')).toEqual({ ok: true, bytes: Uint8Array.from([0xc3, 0xa9]) });
    expect(parsePayload('c3 a9', 'hex')).toEqual({ ok: true, bytes: Uint8Array.from([0xc3, 0xa9]) });
    expect(parsePayload('c3 a', 'hex')).toMatchObject({ ok: false, message: expect.stringMatching(/^The payload hex: 'a'/) });
    expect(parsePayload('x'.repeat(256 * 1024 + 1), 'text')).toMatchObject({
      ok: false,
      message: expect.stringContaining('at most 262144'),
    });
  });
});

describe('buildFrame', () => {
  it('builds the RFC 6455 §5.7 examples byte for byte', () => {
    const expected: Record<string, string> = {
      'rfc-unmasked-text': '810548656c6c6f',
      'rfc-masked-text': '818537fa213d7f9f4d5158',
      'rfc-first-fragment': '010348656c',
      'rfc-last-fragment': '80026c6f',
      'rfc-ping': '890548656c6c6f',
      'rfc-pong': '8a8537fa213d7f9f4d5158',
    };
    for (const [id, frameHex] of Object.entries(expected)) {
      expect(hexOf(built(PRESETS.find((p) => p.id === id)!.form).bytes), id).toBe(frameHex);
    }
    const binary256 = built(PRESETS.find((p) => p.id === 'rfc-256-binary')!.form).bytes;
    expect(hexOf(binary256.subarray(0, 4))).toBe('827e0100');
    expect(binary256).toHaveLength(4 + 256);
    const binary64k = built(PRESETS.find((p) => p.id === 'rfc-64k-binary')!.form).bytes;
    expect(hexOf(binary64k.subarray(0, 10))).toBe('827f0000000000010000');
    expect(binary64k).toHaveLength(10 + 65536);
  });

  it('matches what ws sends for the same fields and key', () => {
    for (const opcode of [0x1, 0x2, 0x8, 0x9, 0xa]) {
      for (const size of [0, 5, 125, 126, 300, 65535, 65536]) {
        const payload = Uint8Array.from({ length: opcode >= 0x8 ? Math.min(size, 125) : size }, (_, i) => (i * 7) & 0xff);
        const changes: Partial<BuilderForm> = { opcode, payloadMode: 'hex', payload: hexOf(payload), maskingKey: 'a1b2c3d4' };
        const ours = built({ ...changes, sentBy: 'client', masked: true }).bytes;
        const theirs = wsFrame(payload, { fin: true, rsv1: false, opcode, maskingKey: Uint8Array.from([0xa1, 0xb2, 0xc3, 0xd4]) });
        expect(hexOf(ours)).toBe(hexOf(theirs));
        const unmasked = built({ ...changes, sentBy: 'server', masked: false }).bytes;
        expect(hexOf(unmasked)).toBe(hexOf(wsFrame(payload, { fin: true, rsv1: false, opcode, maskingKey: null })));
      }
    }
  });

  it('forces a longer length encoding on request, which breaks the minimal-length rule', () => {
    const sixteen = built({ lengthEncoding: '16-bit' });
    expect(hexOf(sixteen.bytes)).toBe('81fe000537fa213d7f9f4d5158');
    expect(sixteen.violations.map((v) => v.id)).toEqual(['non-minimal-length']);
    const sixtyFour = built({ lengthEncoding: '64-bit', sentBy: 'server', masked: false });
    expect(hexOf(sixtyFour.bytes)).toBe('817f000000000000000548656c6c6f');
    expect(sixtyFour.violations.map((v) => v.id)).toEqual(['non-minimal-length']);
  });

  it('judges the frame by who sends it', () => {
    expect(built({ sentBy: 'client', masked: false }).violations.map((v) => v.id)).toEqual(['unmasked-client-frame']);
    expect(built({ sentBy: 'server', masked: true }).violations.map((v) => v.id)).toEqual(['masked-server-frame']);
  });

  it('ignores the key when the frame is not masked', () => {
    expect(buildFrame(form({ masked: false, maskingKey: 'nonsense', sentBy: 'server' }))).toMatchObject({ ok: true });
  });

  it('pins every problem on the input that causes it', () => {
    const result = buildFrame(form({ maskingKey: '37fa', payloadMode: 'hex', payload: 'zz' }));
    expect(result).toEqual({
      ok: false,
      problems: [
        { input: 'masking-key', message: 'A masking key is exactly 4 bytes, 8 hex digits (§5.2), and this one is 2 bytes.' },
        { input: 'payload', message: "The payload hex: 'z' at position 1 is not a hex digit (0–9, a–f)." },
      ],
    });
    expect(buildFrame(form({ payload: 'x'.repeat(70000), lengthEncoding: '16-bit' }))).toEqual({
      ok: false,
      problems: [
        {
          input: 'length-encoding',
          message: 'A 16-bit length holds at most 65535, and this payload is 70000 bytes: choose Minimal or 64-bit.',
        },
      ],
    });
  });

  it('builds every preset, and each broken one breaks the rule it is named for', () => {
    const broken: Record<string, string[]> = {
      'unmasked-client': ['unmasked-client-frame'],
      'masked-server': ['masked-server-frame'],
      'rsv1-set': ['reserved-bit-set'],
      'reserved-opcode': ['reserved-opcode'],
      'long-ping': ['control-frame-too-long'],
      'fragmented-ping': ['fragmented-control-frame'],
      'non-minimal-length': ['non-minimal-length'],
      'close-one-byte': ['close-payload-one-byte'],
      'close-1005': ['close-code-must-not-be-sent'],
      'invalid-utf8': ['invalid-utf8-text'],
      'rfc-last-fragment': ['continuation-without-message'],
    };
    for (const preset of PRESETS) {
      const encoded = built(preset.form);
      expect(
        encoded.violations.map((v) => v.id),
        preset.id,
      ).toEqual(broken[preset.id] ?? []);
      expect(encoded.complete).toBe(true);
    }
    expect(PRESETS.filter((p) => p.group === 'broken').every((p) => p.id in broken)).toBe(true);
  });
});

describe('decodeHexInput', () => {
  it('decodes and explains a frame, however its hex is written', () => {
    const view = decodeHexInput('0x81 0x85 0x37 0xFA 0x21 0x3D\n7f:9f:4d:51:58', 'client');
    expect(view).toMatchObject({
      kind: 'frame',
      incomplete: null,
      summary: '11 bytes from the client (opcode 0x1: Text): a complete frame that breaks no rule.',
    });
    if (view.kind !== 'frame') throw new Error('not a frame');
    expect(view.annotation.segments.at(-1)?.fields[0]?.value).toBe('"Hello"');
  });

  it('names the rule a broken frame breaks, and the close code it earns', () => {
    const view = decodeHexInput('810548656c6c6f', 'client');
    expect(view).toMatchObject({
      kind: 'frame',
      summary:
        '7 bytes from the client (opcode 0x1: Text): it breaks a rule. A receiver fails the connection at the first (§5.1), and may send a Close frame with 1002 first (§5.1).',
    });
    if (view.kind !== 'frame') throw new Error('not a frame');
    expect(view.annotation.violations.map((v) => v.id)).toEqual(['unmasked-client-frame']);
  });

  it('says whose policy it is when RFC 6455 binds only the sender: a non-minimal length, a reserved close code', () => {
    // 5 bytes in a 16-bit length: §5.2 forbids sending it and says nothing of the receiver.
    expect(decodeHexInput('817e00054865 6c6c6f', 'server')).toMatchObject({
      kind: 'frame',
      summary:
        '9 bytes from the server (opcode 0x1: Text): it breaks a rule. For the first, RFC 6455 binds only the sender (§5.2); this decoder fails the connection there, and should send a Close frame with 1002 first (§7.1.7).',
    });
    // A Close frame with 1004, which §7.4.1 only calls reserved.
    const reserved = decodeHexInput('880203ec', 'server');
    if (reserved.kind !== 'frame') throw new Error('not a frame');
    expect(reserved.annotation.violations.map((v) => v.id)).toEqual(['close-code-reserved']);
    expect(reserved.summary).toContain('For the first, RFC 6455 binds only the sender (§7.4.1); this decoder fails the connection there');
  });

  it('says how many bytes an incomplete frame still needs', () => {
    expect(decodeHexInput('81 05 48 65', 'server')).toMatchObject({
      kind: 'frame',
      incomplete: 'Incomplete frame: its header announces 7 bytes in all and the box holds 4, so it needs 3 more bytes (§5.2).',
    });
    expect(decodeHexInput('81', 'server')).toMatchObject({
      incomplete: 'Incomplete frame: its header is not finished, so it needs at least 1 more byte before its length is known (§5.2).',
    });
    expect(decodeHexInput('81 fe 01', 'client')).toMatchObject({ incomplete: expect.stringContaining('at least 1 more byte') });
    expect(decodeHexInput('81 85 37 fa', 'client')).toMatchObject({ incomplete: expect.stringContaining('at least 2 more bytes') });
    expect(decodeHexInput('81 85 37 fa 21 3d 7f', 'client')).toMatchObject({
      incomplete: expect.stringContaining('announces 11 bytes in all and the box holds 7, so it needs 4 more bytes'),
    });
  });

  it('answers bad hex with the rule it breaks, and an empty box with a hint', () => {
    expect(decodeHexInput('81 0g', 'client')).toEqual({
      kind: 'error',
      message: "The frame bytes: 'g' at position 5 is not a hex digit (0–9, a–f).",
    });
    expect(decodeHexInput('', 'client')).toMatchObject({ kind: 'empty' });
  });

  it('decodes what ws sends', () => {
    const payload = new TextEncoder().encode('Grüße from ws');
    const bytes = wsFrame(payload, { fin: true, rsv1: false, opcode: 0x1, maskingKey: Uint8Array.from([1, 2, 3, 4]) });
    const view = decodeHexInput(hexOf(bytes), 'client');
    if (view.kind !== 'frame') throw new Error('not a frame');
    expect(view.annotation.violations).toEqual([]);
    expect(view.annotation.segments.at(-1)?.fields[0]?.value).toBe('"Grüße from ws"');
  });
});

describe('presentation helpers', () => {
  it('lays hex out 16 bytes to a line', () => {
    expect(hexLines(Uint8Array.from({ length: 18 }, (_, i) => i))).toBe('00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f\n10 11');
    expect(hexLines(new Uint8Array(0))).toBe('');
  });

  it('shortens long segments but keeps short ones whole', () => {
    const bytes = Uint8Array.from([0x82, 0x7e, 0x01, 0x00, ...new Uint8Array(256)]);
    const abridged = abridgeAnnotation(annotateFrame(bytes, { sender: 'server' }), 8);
    expect(abridged.segments[0]?.hex).toBe('82');
    expect(abridged.segments.at(-1)?.hex).toBe('00 00 00 00 00 00 00 00 … and 248 more bytes');
    expect(abridged.segments.at(-1)?.range).toEqual({ start: 4, end: 260 });
  });

  it('lists all 16 opcodes, marking the reserved ones', () => {
    const labels = Array.from({ length: 16 }, (_, i) => opcodeLabel(i));
    expect(labels[1]).toBe('0x1 Text (data)');
    expect(labels[0xa]).toBe('0xA Pong (control)');
    expect(labels[0x3]).toBe('0x3 Reserved (non-control): reserved, breaks §5.2');
    expect(labels.filter((l) => l.includes('reserved,'))).toHaveLength(10);
  });
});
