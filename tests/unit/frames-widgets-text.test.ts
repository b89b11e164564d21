// The frame widgets' words in Chinese: every table complete, every generated sentence Chinese, bad input refused in Chinese.
import { describe, expect, it } from 'vitest';
import { FRAME_LAYOUT_TEXT } from '../../src/components/frame-layout-text.ts';
import { layoutFrame } from '../../src/components/frame-layout.ts';
import { CLOSE_CODE_TABLE_TEXT, LENGTH_ENCODING_TABLE_TEXT, OPCODE_TABLE_TEXT } from '../../src/components/frame-tables-text.ts';
import { FRAME_WORKBENCH_TEXT } from '../../src/components/frame-workbench-text.ts';
import { buildFrame, decodeHexInput, INITIAL_PRESET, opcodeLabel, parseHex, PRESETS } from '../../src/components/frame-workbench.ts';
import { LIVE_CAPTURE_TEXT } from '../../src/components/live-capture-text.ts';
import { MASK_VISUALIZER_TEXT } from '../../src/components/mask-visualizer-text.ts';
import { explainMasking, roundTripNote } from '../../src/components/mask-visualizer.ts';

/**
 * Latin a Chinese sentence may keep: RFC 6455's field and frame names (FIN, MASK, Close, Ping, Pong), the names the
 * formulas use (payload, key, masked), units and registries (KiB, IANA), and what the reader typed or the server sent
 * (quoted). Words of three letters or fewer (RFC, XOR, hex digits, "mod") are not prose.
 */
const KEPT_LATIN = new Set(['MASK', 'Close', 'Ping', 'Pong', 'IANA', 'payload', 'masked', 'Hello', 'DEFLATE']);
const englishWordsIn = (text: string) =>
  (text.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, '').match(/[A-Za-z]{4,}/g) ?? []).filter((word) => !KEPT_LATIN.has(word));

/** Every string in a text table, functions called with sample arguments. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'function') return [String((value as (...a: unknown[]) => unknown)('X', 3, 'Y', 'Z', 'W', 'V', 7))];
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

const TABLES = {
  'frame layout': FRAME_LAYOUT_TEXT,
  'opcode table': OPCODE_TABLE_TEXT,
  'close-code table': CLOSE_CODE_TABLE_TEXT,
  'length table': LENGTH_ENCODING_TABLE_TEXT,
  'frame workbench': FRAME_WORKBENCH_TEXT,
  'mask visualizer': MASK_VISUALIZER_TEXT,
  'live capture': LIVE_CAPTURE_TEXT,
};

describe('the frame widgets in Chinese', () => {
  it.each(Object.entries(TABLES))('%s: every Chinese string is Chinese prose', (_, table) => {
    for (const text of stringsOf(table['zh-CN'])) expect(englishWordsIn(text), text).toEqual([]);
  });

  it('labels every preset in both languages', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      expect(Object.keys(FRAME_WORKBENCH_TEXT[locale].presets).sort()).toEqual(PRESETS.map((p) => p.id).sort());
    }
  });

  it('refuses bad hex and a short key with the Chinese sentence naming the rule', () => {
    expect(parseHex('81 05 zz', undefined, undefined, 'zh-CN')).toEqual({
      ok: false,
      message: "十六进制：第 7 个字符 'z' 不是十六进制数字（0–9、a–f）。",
    });
    expect(parseHex('81 5', undefined, undefined, 'zh-CN')).toMatchObject({
      message: expect.stringContaining('是奇数；每个字节正好两个数字'),
    });
    const built = buildFrame({ ...INITIAL_PRESET.form, maskingKey: '37 fa 21' }, 'zh-CN');
    expect(built).toMatchObject({ ok: false, problems: [{ input: 'masking-key', message: expect.stringContaining('而这个是 3 字节') }] });
    expect(explainMasking('Hi', '37', 'zh-CN')).toMatchObject({ ok: false, message: expect.stringContaining('而这个是 1 字节') });
  });

  it('summarizes frames and broken rules in Chinese, with the annotation in Chinese too', () => {
    const view = decodeHexInput('81 05 48 65 6c 6c 6f', 'client', 'zh-CN');
    if (view.kind !== 'frame') throw new Error(view.kind);
    expect(view.summary).toBe(
      '来自客户端的 7 字节（操作码 0x1: 文本）：它违反了 1 条规则。接收方在第一条处使连接失败（§5.1），失败之前可以先发送一个带 1002 的 Close 帧（§5.1）。',
    );
    expect(view.annotation.segments[1]!.title).toBe('第 1 字节：MASK 和载荷长度');
    expect(view.annotation.violations[0]!.explanation).toContain('客户端发送的一个帧没有掩码');
    const partial = decodeHexInput('81 05 48', 'server', 'zh-CN');
    expect(partial).toMatchObject({ incomplete: '帧不完整：帧头声明总共 7 字节，框里只有 3 字节，所以还需要 4 字节（§5.2）。' });
    expect(opcodeLabel(0x3, 'zh-CN')).toBe('0x3 保留（非控制帧）：保留，违反 §5.2');
  });

  it('tells the masking round trip in Chinese, and lays out the §5.2 figure with Chinese labels', () => {
    const result = explainMasking('Hello', '37 fa 21 3d', 'zh-CN');
    if (!result.ok) throw new Error(result.message);
    expect(roundTripNote(result.masking, 'zh-CN')).toBe('去掉掩码就是用同一个掩码键再异或一次，逐字节得回原来的载荷 "Hello"（§5.3）。');
    const boxes = layoutFrame(Uint8Array.from(Buffer.from('818537fa213d7f9f4d5158', 'hex')), 'client', 1, 'zh-CN');
    expect(boxes.map((b) => b.label)).toContain('掩码键');
    expect(boxes.find((b) => b.field === 'payload')!.value).toBe('5 字节');
  });
});
