// Frame encoding and decoding: the RFC 6455 §5.7 examples, field spans, and every violation the decoder reports.
import { describe, expect, it } from 'vitest';
import { hex } from '../../../src/lib/protocol/bytes.ts';
import { decodeFrame, type DecodedFrame, type DecodeOptions } from '../../../src/lib/protocol/decode-frame.ts';
import { encodeFrame } from '../../../src/lib/protocol/encode-frame.ts';
import type { FieldSpan } from '../../../src/lib/protocol/frame.ts';
import { VIOLATIONS } from '../../../src/lib/protocol/violations.ts';

const bytes = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16));
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const fromServer: DecodeOptions = { sender: 'server' };
const fromClient: DecodeOptions = { sender: 'client' };
const KEY = bytes('37fa213d');

function decodeComplete(h: string, options: DecodeOptions = fromServer): DecodedFrame {
  const result = decodeFrame(bytes(h), options);
  if (result.status !== 'complete') throw new Error(`expected a complete frame from ${h}`);
  return result;
}

/**
 * Asserts the spans walk the frame in order with no gap and no overlap, so every bit, and so
 * every byte, is explained exactly once; several fields share bytes 0 and 1 at bit level.
 */
function expectEveryBitExplainedOnce(fields: FieldSpan[], byteLength: number) {
  let next = 0;
  for (const span of fields) {
    expect(span.bitStart).toBe(next);
    expect(span.bitEnd).toBeGreaterThanOrEqual(span.bitStart);
    next = span.bitEnd;
  }
  expect(next).toBe(byteLength * 8);
  const unexplained = Array.from({ length: byteLength }, (_, b) => b).filter(
    (b) => !fields.some((span) => span.byteStart <= b && b < span.byteEnd),
  );
  expect(unexplained).toEqual([]);
}

describe('RFC 6455 §5.7 examples', () => {
  it('decodes a single-frame unmasked text message', () => {
    const decoded = decodeComplete('810548656c6c6f');
    expect(decoded.frame).toMatchObject({ fin: true, opcode: 1, maskingKey: null });
    expect(text(decoded.frame.payload)).toBe('Hello');
    expect(decoded.violations).toEqual([]);
    expect(hex(encodeFrame({ opcode: 1, payload: 'Hello' }).bytes)).toBe('810548656c6c6f');
  });

  it('decodes a single-frame masked text message', () => {
    const decoded = decodeComplete('818537fa213d7f9f4d5158', fromClient);
    expect(decoded.frame.maskingKey).toEqual(KEY);
    expect(text(decoded.frame.payload)).toBe('Hello');
    expect(decoded.violations).toEqual([]);
    expect(hex(encodeFrame({ opcode: 1, payload: 'Hello', maskingKey: KEY }).bytes)).toBe('818537fa213d7f9f4d5158');
  });

  it('decodes a fragmented unmasked text message', () => {
    const first = decodeComplete('010348656c');
    expect(first.frame).toMatchObject({ fin: false, opcode: 1 });
    expect(text(first.frame.payload)).toBe('Hel');
    const last = decodeComplete('80026c6f', { sender: 'server', openMessage: first.openMessage });
    expect(last.frame).toMatchObject({ fin: true, opcode: 0 });
    expect(text(last.frame.payload)).toBe('lo');
    expect([...first.violations, ...last.violations]).toEqual([]);
    expect(last.openMessage).toBeNull();
    expect(hex(encodeFrame({ opcode: 1, fin: false, payload: 'Hel' }).bytes)).toBe('010348656c');
  });

  it('decodes an unmasked ping and a masked pong', () => {
    expect(text(decodeComplete('890548656c6c6f').frame.payload)).toBe('Hello');
    const pong = decodeComplete('8a8537fa213d7f9f4d5158', fromClient);
    expect(pong.frame.opcode).toBe(0xa);
    expect(text(pong.frame.payload)).toBe('Hello');
    expect(hex(encodeFrame({ opcode: 0xa, payload: 'Hello', maskingKey: KEY }).bytes)).toBe('8a8537fa213d7f9f4d5158');
  });

  it('decodes 256 bytes of binary in one unmasked frame with a 16-bit length', () => {
    const payload = Uint8Array.from({ length: 256 }, (_, i) => i);
    const encoded = encodeFrame({ opcode: 2, payload });
    expect(hex(encoded.bytes.subarray(0, 4))).toBe('827e0100');
    const decoded = decodeComplete(hex(encoded.bytes));
    expect(decoded.lengthEncoding).toBe('16-bit');
    expect(decoded.frame.payload).toEqual(payload);
  });

  it('decodes 64 KiB of binary in one unmasked frame with a 64-bit length', () => {
    const payload = new Uint8Array(65536).fill(0x2a);
    const encoded = encodeFrame({ opcode: 2, payload });
    expect(hex(encoded.bytes.subarray(0, 10))).toBe('827f0000000000010000');
    const decoded = decodeFrame(encoded.bytes, fromServer);
    expect(decoded).toMatchObject({ status: 'complete', lengthEncoding: '64-bit', payloadLength: 65536, violations: [] });
  });
});

describe('field spans', () => {
  it('places each header field at the bits the §5.2 figure shows', () => {
    const { fields } = decodeComplete('818537fa213d7f9f4d5158', fromClient);
    const at = (field: string) => fields.find((s) => s.field === field);
    expect(at('fin')).toEqual({ field: 'fin', byteStart: 0, byteEnd: 1, bitStart: 0, bitEnd: 1 });
    expect(at('opcode')).toEqual({ field: 'opcode', byteStart: 0, byteEnd: 1, bitStart: 4, bitEnd: 8 });
    expect(at('mask')).toEqual({ field: 'mask', byteStart: 1, byteEnd: 2, bitStart: 8, bitEnd: 9 });
    expect(at('payload-length')).toEqual({ field: 'payload-length', byteStart: 1, byteEnd: 2, bitStart: 9, bitEnd: 16 });
    expect(at('masking-key')).toMatchObject({ byteStart: 2, byteEnd: 6 });
    expect(at('payload')).toMatchObject({ byteStart: 6, byteEnd: 11 });
  });

  it('puts the extended length at bytes 2..4 or 2..10', () => {
    const sixteen = decodeFrame(encodeFrame({ opcode: 2, payload: new Uint8Array(300) }).bytes, fromServer);
    expect(sixteen.fields.find((s) => s.field === 'extended-payload-length')).toMatchObject({ byteStart: 2, byteEnd: 4 });
    const sixtyFour = decodeFrame(encodeFrame({ opcode: 2, payload: new Uint8Array(70000) }).bytes, fromServer);
    expect(sixtyFour.fields.find((s) => s.field === 'extended-payload-length')).toMatchObject({ byteStart: 2, byteEnd: 10 });
  });

  it.each([
    ['810548656c6c6f', fromServer],
    ['818537fa213d7f9f4d5158', fromClient],
    ['8900', fromServer],
    ['828000000000', fromClient],
  ])('explains every bit of %s exactly once', (h, options) => {
    const decoded = decodeComplete(h, options);
    expectEveryBitExplainedOnce(decoded.fields, decoded.byteLength);
  });

  it('explains every bit of frames in all three length classes, masked and not', () => {
    for (const length of [0, 1, 125, 126, 65535, 65536]) {
      for (const maskingKey of [null, KEY]) {
        const { bytes: frame } = encodeFrame({ opcode: 2, payload: new Uint8Array(length), maskingKey });
        const decoded = decodeFrame(frame, { sender: maskingKey ? 'client' : 'server' });
        if (decoded.status !== 'complete') throw new Error('incomplete');
        expect(decoded.byteLength).toBe(frame.length);
        expectEveryBitExplainedOnce(decoded.fields, frame.length);
      }
    }
  });
});

describe('incomplete frames', () => {
  it.each([
    ['', 2],
    ['81', 2],
    ['8105', 7],
    ['817e', 4],
    ['817e01', 4],
    ['827f00000000000100', 10],
    ['8185', 6],
    ['818537fa213d7f', 11],
  ])('reports %j as incomplete, needing %i bytes, with no violation', (h, needed) => {
    const options = h.startsWith('8185') ? fromClient : fromServer;
    expect(decodeFrame(bytes(h), options)).toMatchObject({ status: 'incomplete', bytesNeeded: needed, violations: [] });
  });
});

describe('violations', () => {
  // Each case: frame hex, who sent it, the violation ids expected in order, and the byte range of the first.
  const cases: [string, DecodeOptions, string[], { start: number; end: number }][] = [
    ['8180', fromServer, ['masked-server-frame'], { start: 1, end: 2 }],
    ['8100', fromClient, ['unmasked-client-frame'], { start: 1, end: 2 }],
    ['c100', fromServer, ['reserved-bit-set'], { start: 0, end: 1 }],
    ['a100', fromServer, ['reserved-bit-set'], { start: 0, end: 1 }],
    ['9100', fromServer, ['reserved-bit-set'], { start: 0, end: 1 }],
    ['8300', fromServer, ['reserved-opcode'], { start: 0, end: 1 }],
    ['8b00', fromServer, ['reserved-opcode'], { start: 0, end: 1 }],
    ['0900', fromServer, ['fragmented-control-frame'], { start: 0, end: 1 }],
    ['897e007e' + '00'.repeat(126), fromServer, ['control-frame-too-long'], { start: 1, end: 4 }],
    ['817e0005' + '48656c6c6f', fromServer, ['non-minimal-length'], { start: 1, end: 4 }],
    ['827f000000000000ffff' + '00'.repeat(0xffff), fromServer, ['non-minimal-length'], { start: 1, end: 10 }],
    ['827f8000000000000000', fromServer, ['length-high-bit-set'], { start: 2, end: 3 }],
    ['800100', fromServer, ['continuation-without-message'], { start: 0, end: 1 }],
    ['880100', fromServer, ['close-payload-one-byte'], { start: 1, end: 2 }],
    ['880203e7', fromServer, ['close-code-not-used'], { start: 2, end: 4 }],
    ['880203ec', fromServer, ['close-code-reserved'], { start: 2, end: 4 }],
    ['880203ed', fromServer, ['close-code-must-not-be-sent'], { start: 2, end: 4 }],
    ['880203ee', fromServer, ['close-code-must-not-be-sent'], { start: 2, end: 4 }],
    ['880203f7', fromServer, ['close-code-must-not-be-sent'], { start: 2, end: 4 }],
    ['880203f8', fromServer, ['close-code-unassigned'], { start: 2, end: 4 }],
    ['88020bb7', fromServer, ['close-code-unassigned'], { start: 2, end: 4 }],
    ['88021388', fromServer, ['close-code-out-of-range'], { start: 2, end: 4 }],
    ['880403e8c328', fromServer, ['invalid-utf8-close-reason'], { start: 5, end: 6 }],
    ['880303e8c3', fromServer, ['invalid-utf8-close-reason'], { start: 4, end: 5 }],
    ['8102c328', fromServer, ['invalid-utf8-text'], { start: 3, end: 4 }],
    ['8103eda080', fromServer, ['invalid-utf8-text'], { start: 3, end: 4 }],
    ['8101f0', fromServer, ['invalid-utf8-text'], { start: 2, end: 3 }],
    ['0101ff', fromServer, ['invalid-utf8-text'], { start: 2, end: 3 }],
    ['f300', fromClient, ['reserved-bit-set', 'reserved-opcode', 'unmasked-client-frame'], { start: 0, end: 1 }],
  ];

  it.each(cases)('%s breaks %j', (h, options, ids, range) => {
    const result = decodeFrame(bytes(h), options);
    expect(result.violations.map((v) => v.id)).toEqual(ids);
    const first = result.violations[0]!;
    const rule = VIOLATIONS[first.id];
    expect(first).toEqual({ id: ids[0], section: rule.section, explanation: rule.explanation, range, closeCode: rule.closeCode });
  });

  it('accepts every close code that may be sent, and close frames with no body', () => {
    for (const code of [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999]) {
      const frame = encodeFrame({ opcode: 8, payload: Uint8Array.of(code >> 8, code & 0xff, 0x6f, 0x6b) });
      expect(frame.violations).toEqual([]);
    }
    expect(decodeFrame(bytes('8800'), fromServer).violations).toEqual([]);
  });

  it('allows RSV bits that a negotiated extension defines', () => {
    expect(decodeFrame(bytes('c100'), { sender: 'server', extensionBits: { rsv1: true } }).violations).toEqual([]);
    expect(decodeFrame(bytes('e100'), { sender: 'server', extensionBits: { rsv1: true } }).violations.map((v) => v.id)).toEqual([
      'reserved-bit-set',
    ]);
  });

  it('accepts a code point split across fragments, and rejects a message that ends inside one', () => {
    const first = decodeComplete('0101c3');
    expect(first.violations).toEqual([]);
    expect(decodeComplete('8001a9', { sender: 'server', openMessage: first.openMessage }).violations).toEqual([]);
    const unfinished = decodeComplete('8000', { sender: 'server', openMessage: first.openMessage });
    expect(unfinished.violations.map((v) => v.id)).toEqual(['invalid-utf8-text']);
  });

  it('fails fast on a fragment that no later fragment can make valid (§8.1)', () => {
    expect(decodeComplete('0102c328').violations.map((v) => v.id)).toEqual(['invalid-utf8-text']);
  });

  it('rejects a new data frame inside a fragmented message, and lets control frames interleave', () => {
    const first = decodeComplete('010348656c');
    expect(decodeComplete('8100', { sender: 'server', openMessage: first.openMessage }).violations.map((v) => v.id)).toEqual([
      'data-frame-inside-fragmented-message',
    ]);
    const ping = decodeComplete('8900', { sender: 'server', openMessage: first.openMessage });
    expect(ping.violations).toEqual([]);
    expect(ping.openMessage).toBe(first.openMessage);
  });

  it('fails a message that grows past the limit with 1009', () => {
    const first = decodeComplete('0203010203', { sender: 'server', maxMessageLength: 4 });
    expect(first.violations).toEqual([]);
    const second = decodeComplete('80020405', { sender: 'server', maxMessageLength: 4, openMessage: first.openMessage });
    expect(second.violations).toMatchObject([{ id: 'message-too-big', closeCode: 1009, section: '10.4' }]);
  });

  it('reports header violations while the payload is still arriving', () => {
    expect(decodeFrame(bytes('817e0005'), fromServer)).toMatchObject({ status: 'incomplete', violations: [{ id: 'non-minimal-length' }] });
  });
});

describe('encoding deliberately invalid frames', () => {
  const ids = (frame: { violations: { id: string }[] }) => frame.violations.map((v) => v.id);

  it('forces a non-minimal length encoding', () => {
    const frame = encodeFrame({ opcode: 1, payload: 'Hello', lengthEncoding: '16-bit' });
    expect(hex(frame.bytes)).toBe('817e000548656c6c6f');
    expect(ids(frame)).toEqual(['non-minimal-length']);
    expect(ids(encodeFrame({ opcode: 1, payload: 'Hello', lengthEncoding: '64-bit' }))).toEqual(['non-minimal-length']);
  });

  it('sets reserved bits and reserved opcodes', () => {
    expect(ids(encodeFrame({ opcode: 1, rsv1: true, rsv2: true, rsv3: true }))).toEqual(['reserved-bit-set']);
    expect(hex(encodeFrame({ opcode: 1, rsv1: true, rsv2: true, rsv3: true }).bytes)).toBe('f100');
    expect(ids(encodeFrame({ opcode: 0x7 }))).toEqual(['reserved-opcode']);
  });

  it('makes an oversized or fragmented control frame', () => {
    expect(ids(encodeFrame({ opcode: 9, payload: new Uint8Array(126) }))).toEqual(['control-frame-too-long']);
    expect(ids(encodeFrame({ opcode: 9, fin: false }))).toEqual(['fragmented-control-frame']);
  });

  it('sets the most significant bit of a 64-bit length', () => {
    const frame = encodeFrame({ opcode: 2, declaredLength: 2n ** 63n });
    expect(hex(frame.bytes)).toBe('827f8000000000000000');
    expect(frame).toMatchObject({ complete: false, violations: [{ id: 'length-high-bit-set' }] });
  });

  it('masks a server frame, or leaves a client frame unmasked', () => {
    expect(ids(encodeFrame({ opcode: 1, maskingKey: KEY }, { sender: 'server' }))).toEqual(['masked-server-frame']);
    expect(ids(encodeFrame({ opcode: 1 }, { sender: 'client' }))).toEqual(['unmasked-client-frame']);
  });

  it('throws a TypeError for fields that cannot be encoded at all', () => {
    expect(() => encodeFrame({ opcode: 16 })).toThrow(TypeError);
    expect(() => encodeFrame({ opcode: 1, maskingKey: new Uint8Array(3) })).toThrow(/exactly 4 bytes/);
    expect(() => encodeFrame({ opcode: 1, payload: new Uint8Array(126), lengthEncoding: '7-bit' })).toThrow(/does not fit the 7-bit/);
    expect(() => encodeFrame({ opcode: 1, declaredLength: -1 })).toThrow(TypeError);
  });
});
