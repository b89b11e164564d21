import { describe, expect, it } from 'vitest';
import {
  describeAutomaticFrame,
  describeCapture,
  describeClose,
  describeServerReport,
  previewHex,
  quickLabel,
  quickMessage,
  unmaskSteps,
} from '../../src/components/live-capture.ts';
import type { CapturedFrame } from '../../src/lib/demo-messages.ts';

/** The RFC's masked "Hello" (§5.7), as /ws/inspect reports it. */
const hello: CapturedFrame = {
  type: 'frame',
  index: 0,
  offset: 0,
  hex: '818537fa213d7f9f4d5158',
  fin: true,
  rsv1: false,
  rsv2: false,
  rsv3: false,
  opcode: 1,
  maskingKey: '37fa213d',
  payloadLength: 5,
  lengthEncoding: '7-bit',
};

describe('live capture wording', () => {
  it('makes quick messages of exactly the size asked, in bytes', () => {
    for (const size of [0, 125, 126, 65535, 65536]) expect(new TextEncoder().encode(quickMessage(size)).length).toBe(size);
    expect(quickLabel(0)).toBe('Empty message');
    expect(quickLabel(65536)).toBe('65536 bytes');
    expect(quickLabel(65537)).toBe('65537 bytes (over the limit)');
  });

  it('splits a frame into header and payload', () => {
    expect(describeCapture(hello)).toBe(
      'Frame 1 (text): 11 bytes on the wire, 6 of header (7-bit length, masking key 37 fa 21 3d) and 5 of payload.',
    );
  });

  it('unmasks the RFC example byte by byte', () => {
    const steps = unmaskSteps(hello);
    expect(steps.map((s) => s.character).join('')).toBe('Hello');
    expect(steps[4]).toEqual({ index: 4, masked: '58', keyIndex: 0, key: '37', result: '6f', character: 'o' });
    expect(unmaskSteps({ ...hello, maskingKey: null })).toEqual([]);
  });

  it('stops the unmasking table and the hex preview early for long frames', () => {
    const long: CapturedFrame = { ...hello, hex: `827e012c37fa213d${'00'.repeat(300)}`, payloadLength: 300, lengthEncoding: '16-bit' };
    expect(unmaskSteps(long)).toHaveLength(16);
    expect(previewHex(long)).toMatch(/ … and 52 more bytes, every one of them in the annotation below$/);
    expect(previewHex(hello)).toBe('81 85 37 fa 21 3d 7f 9f 4d 51 58');
  });

  it('explains a message over the limit and an unreachable server', () => {
    expect(describeClose('ws://x', true, 1009, '', 65537)).toMatch(/1009 \(Message Too Big\): the last message was 65537 bytes/);
    expect(describeClose('ws://x', false, 1006, '', 0)).toMatch(/could not be reached at ws:\/\/x/);
    expect(describeClose('ws://x', true, 1000, '', 0)).toBeNull();
    expect(describeClose('ws://x', true, 1008, 'budget', 0)).toBe('The connection closed with 1008: "budget". Press Send to reconnect.');
  });
});

describe('describeAutomaticFrame', () => {
  it('explains a Pong the browser sent by itself, and leaves the reader’s own frames alone', () => {
    const pong = { ...hello, index: 2, hex: '8a80505962fb', opcode: 0xa, payloadLength: 0, maskingKey: '505962fb' };
    expect(describeAutomaticFrame(pong)).toBe(
      "Frame 3 was a Pong your browser sent by itself, answering the server's heartbeat Ping (§5.5.2): 6 bytes. The page's API never sees it.",
    );
    expect(describeAutomaticFrame(hello)).toBeNull();
  });
});

describe('live capture wording in Chinese', () => {
  it('says what the live capture saw, and why it closed, in Chinese', () => {
    expect(describeCapture(hello, 'zh-CN')).toBe(
      '第 1 帧（文本）：线路上共 11 字节，其中帧头 6 字节（7 位长度，掩码键 37 fa 21 3d），载荷 5 字节。',
    );
    expect(quickLabel(65537, 'zh-CN')).toBe('65537 字节（超出上限）');
    expect(describeClose('ws://x', true, 1009, '', 70000, 'zh-CN')).toContain('上一条消息有 70000 字节');
    const report = {
      type: 'violation',
      offset: 0,
      id: 'reserved-opcode',
      section: '5.2',
      explanation: 'English',
      closeCode: 1002,
    } as const;
    expect(describeServerReport(report, 'zh-CN')).toContain('操作码是保留值');
    expect(describeServerReport(report)).toBe('English');
  });
});
