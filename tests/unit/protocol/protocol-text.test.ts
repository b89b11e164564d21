// The protocol core in Chinese: every recorded frame annotated without English prose, and the same bytes explained.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RECORDING_PATH, type Recording } from '../../../scripts/record-session.ts';
import { describeViolation } from '../../../src/components/render-annotation.ts';
import { annotateFrame, type AnnotateOptions, type FrameAnnotation } from '../../../src/lib/protocol/annotate-frame.ts';
import { CLOSE_CODES, closeCodeInfo } from '../../../src/lib/protocol/close-codes.ts';
import { OPCODES, opcodeInfo } from '../../../src/lib/protocol/opcodes.ts';
import { CLOSE_CODE_WORDS_ZH } from '../../../src/lib/protocol/protocol-text.ts';
import { UTF8_START } from '../../../src/lib/protocol/utf8.ts';
import { receiverPolicy, violation, VIOLATIONS, type ViolationId } from '../../../src/lib/protocol/violations.ts';

const fromHex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s/g, ''), 'hex'));

/**
 * What may stay Latin in Chinese prose, and why: the header fields' names as RFC 6455 §5.2 draws them (FIN, RSV1–3,
 * MASK), the frame names the glossary keeps (Close, Ping, Pong), the names of compression and its extension
 * (DEFLATE, permessage-deflate), and the registry's name (IANA). Words of three letters or fewer (RFC, UTF, TLS, ws,
 * mod, hex digits) are not prose; quoted payloads are the reader's data, not ours.
 */
const KEPT_LATIN = new Set(['MASK', 'Close', 'Ping', 'Pong', 'DEFLATE', 'permessage', 'deflate', 'IANA']);

function englishWordsIn(text: string): string[] {
  const withoutQuotes = text.replace(/"(?:[^"\\]|\\.)*"/g, '');
  return (withoutQuotes.match(/[A-Za-z]{4,}/g) ?? []).filter((word) => !KEPT_LATIN.has(word));
}

function prose(annotation: FrameAnnotation): string[] {
  return [
    ...annotation.segments.flatMap((s) => [s.title, ...s.fields.flatMap((f) => [f.label, f.value, f.note])]),
    ...annotation.violations.map((v) => describeViolation(v, { locale: 'zh-CN' })),
  ];
}

const recording = JSON.parse(readFileSync(RECORDING_PATH, 'utf8')) as Recording;

/** The recorded frames, and frames that reach every other branch: violations, lengths, deflate, partial and extra bytes. */
const FRAMES: [string, AnnotateOptions][] = [
  ...recording.frames.map((f): [string, AnnotateOptions] => [f.hex, { sender: f.sender }]),
  ['01 03 48 65 6c', { sender: 'server' }],
  ['80 02 6c 6f', { sender: 'server' }],
  ['82 7e 01 00' + '00'.repeat(256), { sender: 'server' }],
  ['82 7f 00 00 00 00 00 01 00 00' + '00'.repeat(65536), { sender: 'server' }],
  ['82 7f 80 00 00 00 00 00 00 00', { sender: 'server' }],
  ['82 7e 00 05 01 02 03 04 05', { sender: 'server' }],
  ['81 02 c3 28', { sender: 'server' }],
  ['81 05 48 65 6c 6c 6f', { sender: 'client' }],
  ['81 85 37 fa 21 3d 7f 9f 4d 51 58', { sender: 'server' }],
  ['f3 00', { sender: 'server' }],
  ['8b 00', { sender: 'server' }],
  ['09 00', { sender: 'server' }],
  ['89 7e 00 7e' + '78'.repeat(126), { sender: 'server' }],
  ['88 01 03', { sender: 'server' }],
  ['88 00', { sender: 'server' }],
  ...['00 10', '03 ec', '03 ed', '07 d0', '0b b8', '0f a0', '13 88'].map((code): [string, AnnotateOptions] => [
    `88 02 ${code}`,
    { sender: 'server' },
  ]),
  ['88 04 03 e8 ff fe', { sender: 'server' }],
  ['81 02 68 69 81 00', { sender: 'server' }],
  ['81 fe 00', { sender: 'client' }],
  ['82 7e 01 00' + '00'.repeat(256), { sender: 'server', maxMessageLength: 100 }],
  ['81 02 68 69', { sender: 'server', openMessage: { opcode: 1, length: 3, utf8: UTF8_START } }],
  ['c1 07 f2 48 cd c9 c9 07 00', { sender: 'server', permessageDeflate: true }],
  ['c1 07 f2 48 cd c9 c9 07 00', { sender: 'server', permessageDeflate: true, inflated: new TextEncoder().encode('Hello') }],
  ['c2 87 01 02 03 04 f2 48 cd c9 c9 07 00', { sender: 'client', permessageDeflate: true }],
  ['41 03 f2 48 cd', { sender: 'server', permessageDeflate: true }],
  ['80 02 c9 07', { sender: 'server', permessageDeflate: true, openMessage: { opcode: 1, length: 3, utf8: UTF8_START, compressed: true } }],
  ['c8 02 03 e8', { sender: 'server', permessageDeflate: true }],
  ['81 02 68 69', { sender: 'server', permessageDeflate: true }],
];

describe('annotateFrame in Chinese', () => {
  it.each(FRAMES.map(([hex, options]) => [hex.slice(0, 40), hex, options] as const))(
    'explains %s… in Chinese, the same bytes in the same segments as in English',
    (_, hex, options) => {
      const bytes = fromHex(hex);
      const english = annotateFrame(bytes, options);
      const chinese = annotateFrame(bytes, { ...options, locale: 'zh-CN' });
      expect(chinese.segments.map((s) => [s.range, s.hex, s.fields.map((f) => [f.field, f.bits, f.section])])).toEqual(
        english.segments.map((s) => [s.range, s.hex, s.fields.map((f) => [f.field, f.bits, f.section])]),
      );
      expect(chinese.violations.map((v) => [v.id, v.range, v.closeCode])).toEqual(
        english.violations.map((v) => [v.id, v.range, v.closeCode]),
      );
      for (const text of prose(chinese)) expect(englishWordsIn(text), text).toEqual([]);
    },
  );

  it('reaches every violation the catalogue has, so each one is checked in Chinese above', () => {
    const found = new Set(FRAMES.flatMap(([hex, options]) => annotateFrame(fromHex(hex), options).violations.map((v) => v.id)));
    expect(Object.keys(VIOLATIONS).filter((id) => !found.has(id as ViolationId))).toEqual([]);
  });

  it('quotes the close code by its Chinese name and says the reason in Chinese', () => {
    const close = recording.frames.find((f) => f.name === 'close')!;
    const payload = annotateFrame(fromHex(close.hex), { sender: 'client', locale: 'zh-CN' }).segments.at(-1)!;
    expect(payload.title).toBe('第 6–11 字节：载荷');
    expect(payload.fields[0]!.value).toBe('关闭码 1000（正常关闭），原因 "done"');
  });

  it('leaves English as it was when no locale is given', () => {
    const hello = annotateFrame(fromHex('81 85 37 fa 21 3d 7f 9f 4d 51 58'), { sender: 'client' });
    expect(annotateFrame(fromHex('81 85 37 fa 21 3d 7f 9f 4d 51 58'), { sender: 'client', locale: 'en' })).toEqual(hello);
    expect(hello.segments[2]!.title).toBe('Bytes 2–5: masking key');
  });
});

describe('the registries and violations in Chinese', () => {
  it('names every opcode and every close-code entry in Chinese, keeping the rest of the entry', () => {
    for (const info of OPCODES) {
      const chinese = opcodeInfo(info.opcode, 'zh-CN');
      expect({ ...chinese, name: info.name, meaning: info.meaning }).toEqual(info);
      for (const text of [chinese.name, chinese.meaning]) expect(englishWordsIn(text), text).toEqual([]);
    }
    expect(Object.keys(CLOSE_CODE_WORDS_ZH).map(Number)).toEqual(CLOSE_CODES.map((entry) => entry.from));
    for (const entry of CLOSE_CODES) {
      const chinese = closeCodeInfo(entry.to, 'zh-CN');
      expect({ ...chinese, name: entry.name, meaning: entry.meaning }).toEqual(entry);
      for (const text of [chinese.name, chinese.meaning]) expect(englishWordsIn(text), text).toEqual([]);
    }
  });

  it.each(Object.keys(VIOLATIONS) as ViolationId[])('describes %s in Chinese, from an English violation too', (id) => {
    const english = violation(id, { start: 2, end: 4 });
    const line = describeViolation(english, { locale: 'zh-CN' });
    expect(englishWordsIn(line), line).toEqual([]);
    expect(line).toContain('第 2–3 字节');
    expect(line).toContain(String(english.closeCode));
    expect(describeViolation(english)).toContain(english.explanation);
    if (receiverPolicy(english)) expect(line).toContain(receiverPolicy(english, 'zh-CN'));
  });
});
