// The HPACK decoder against RFC 7541's own examples, and the HTTP/2 frame annotator on frames built here byte by byte.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HpackDecoder, huffmanDecode } from '../../src/lib/http2/hpack.ts';
import { annotatePreface, CLIENT_PREFACE, Http2Reader, splitFrames } from '../../src/lib/http2/annotate-http2-frame.ts';

const bytes = (hexText: string) => Uint8Array.from(Buffer.from(hexText.replace(/\s/g, ''), 'hex'));

describe('HPACK (RFC 7541)', () => {
  it('decodes the Huffman-coded "www.example.com" of Appendix C.4.1', () => {
    expect(new TextDecoder().decode(huffmanDecode(bytes('f1e3 c2e5 f23a 6ba0 ab90 f4ff')))).toBe('www.example.com');
  });

  it('decodes C.4.1 and then C.4.2, whose :authority is the dynamic table entry the first request added', () => {
    const decoder = new HpackDecoder();
    const first = decoder.decode(bytes('8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff'));
    expect(first.map((f) => [f.name, f.value])).toEqual([
      [':method', 'GET'],
      [':scheme', 'http'],
      [':path', '/'],
      [':authority', 'www.example.com'],
    ]);
    expect(first.map((f) => f.kind)).toEqual(['indexed', 'indexed', 'indexed', 'literal-incremental']);
    const second = decoder.decode(bytes('8286 84be 5886 a8eb 1064 9cbf'));
    expect(second.map((f) => [f.name, f.value])).toEqual([
      [':method', 'GET'],
      [':scheme', 'http'],
      [':path', '/'],
      [':authority', 'www.example.com'],
      ['cache-control', 'no-cache'],
    ]);
    expect(second[3]).toMatchObject({ kind: 'indexed', index: 62 });
  });

  it('refuses padding that is not the start of EOS, and an index in neither table', () => {
    expect(() => huffmanDecode(bytes('f1e3 c2e5 f23a 6ba0 ab90 f400'))).toThrow(/EOS/);
    expect(() => new HpackDecoder().decode(bytes('be'))).toThrow(/neither table/);
  });
});

describe('the HTTP/2 frame annotator', () => {
  it('explains a SETTINGS frame with SETTINGS_ENABLE_CONNECT_PROTOCOL (RFC 8441 §3), every byte once', () => {
    const frame = bytes('000006 04 00 00000000 0008 00000001');
    const annotation = new Http2Reader().annotate(frame);
    expect(annotation.typeName).toBe('SETTINGS');
    expect(annotation.segments.map((s) => s.range)).toEqual([
      { start: 0, end: 9 },
      { start: 9, end: 15 },
    ]);
    expect(annotation.segments[1]!.fields[0]).toMatchObject({ value: '0x0008: SETTINGS_ENABLE_CONNECT_PROTOCOL', section: 'RFC 8441 §3' });
  });

  it('decodes a HEADERS frame and hands a DATA frame’s payload on as WebSocket bytes', () => {
    const reader = new Http2Reader();
    const headers = reader.annotate(bytes('000011 01 04 00000001 8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff'));
    expect(headers.headers).toContainEqual([':authority', 'www.example.com']);
    expect(headers.segments.at(-1)).toMatchObject({ title: ':authority: www.example.com' });
    const data = reader.annotate(bytes('000007 00 01 00000001 810548656c6c6f'));
    expect(data.flags).toEqual(['END_STREAM']);
    expect(Buffer.from(data.data!).toString('hex')).toBe('810548656c6c6f');
  });

  it('splits a byte stream into whole frames and keeps a partial one', () => {
    const { frames, rest } = splitFrames(bytes('000000 04 01 00000000 000007 00 00 00000001 8105'));
    expect(frames).toHaveLength(1);
    expect(rest).toHaveLength(11);
    expect(annotatePreface(CLIENT_PREFACE).fields[0]!.section).toBe('RFC 9113 §3.4');
  });
});

describe('the HTTP/2 annotations in Chinese', () => {
  it('keeps the names, values, byte ranges and sections, and words every title and note in Chinese', () => {
    const hexes = [
      '000006 04 00 00000000 0008 00000001',
      '000011 01 04 00000001 8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff',
      '000007 00 01 00000001 810548656c6c6f',
    ];
    const english = new Http2Reader();
    const chinese = new Http2Reader('zh-CN');
    for (const hexText of hexes) {
      const en = english.annotate(bytes(hexText));
      const zh = chinese.annotate(bytes(hexText));
      expect(zh.typeName).toBe(en.typeName);
      expect(zh.flags).toEqual(en.flags);
      expect(zh.segments.map((s) => [s.range, s.hex, s.fields.map((f) => [f.bits, f.section])])).toEqual(
        en.segments.map((s) => [s.range, s.hex, s.fields.map((f) => [f.bits, f.section])]),
      );
      for (const segment of zh.segments) {
        for (const field of segment.fields) {
          // Prose words left in English would be a string missed; RFC names, header names and units are allowed.
          const english = field.note.replace(/RFC|HTTP|HPACK|WebSocket|Huffman|CONNECT|websocket|Host|scheme|:[a-z]+|[A-Z_]{3,}/g, '');
          expect(english, field.note).not.toMatch(/[A-Za-z]{4,}/);
          expect(field.note, field.note).toMatch(/[\u4e00-\u9fff]/);
        }
      }
    }
    expect(new Http2Reader('zh-CN').annotate(bytes('000006 04 00 00000000 0008 00000001')).segments[1]!.fields[1]!.note).toBe(
      '客户端可以用扩展的 CONNECT 打开 WebSocket',
    );
    expect(annotatePreface(CLIENT_PREFACE, 'zh-CN').fields[0]).toMatchObject({ value: '24 个八位组', section: 'RFC 9113 §3.4' });
  });

  it('has Chinese words for every step of the recorded session', async () => {
    const { HTTP2_SESSION_DUMP_TEXT } = await import('../../src/components/http2-session-dump-text.ts');
    const recording = JSON.parse(readFileSync('src/data/recordings/http2-session.json', 'utf8')) as { steps: { name: string }[] };
    expect(Object.keys(HTTP2_SESSION_DUMP_TEXT['zh-CN'].steps!).sort()).toEqual(recording.steps.map((s) => s.name).sort());
  });
});
