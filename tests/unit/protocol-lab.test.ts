import { describe, expect, it } from 'vitest';
import {
  announcementText,
  buildRequest,
  describeCloseEvent,
  describeMessageEvent,
  describeRefusal,
  explainClose,
} from '../../src/components/protocol-lab.ts';
import { fragments, parseLabRequest } from '../../server/endpoints/lab.ts';
import { LAB_ACTS, type LabAnnouncement } from '../../src/lib/demo-messages.ts';
import { DEMO_ERROR_SENTENCES_ZH } from '../../src/lib/i18n/demo-error-text.ts';

const inputs = { count: '3', code: '4000', reason: 'bye' };

describe('protocol lab requests', () => {
  it('builds requests the server accepts', () => {
    for (const act of ['ping', 'fragments', 'close', 'invalid-utf8', 'reserved-opcode', 'masked-frame', 'reset'] as const) {
      const request = buildRequest(act, inputs);
      expect(parseLabRequest(JSON.stringify(request))).toEqual(request);
    }
    expect(buildRequest('close', { ...inputs, code: ' ', reason: '' })).toEqual({ act: 'close', code: null, reason: '' });
  });

  it('passes bad values on for the server to explain', () => {
    expect(buildRequest('fragments', { ...inputs, count: 'lots' })).toEqual({ act: 'fragments', count: 'lots' });
    expect(parseLabRequest(JSON.stringify(buildRequest('fragments', { ...inputs, count: '' })))).toMatchObject({
      code: 'DEMO_ERR_BAD_ARGUMENT',
    });
  });
});

describe('protocol lab wording', () => {
  it('reports events as the API gives them', () => {
    expect(describeCloseEvent({ code: 1006, reason: '', wasClean: false }, 'en')).toBe('close: code 1006, reason "", wasClean false');
    expect(describeMessageEvent('héllo', 'en')).toBe('message: text (6 bytes) "héllo"');
    expect(describeMessageEvent(new ArrayBuffer(3), 'en')).toBe('message: binary (3 bytes)');
  });

  it('explains codes that never cross the wire, and an unreachable server', () => {
    expect(explainClose('ws://x', false, 1006, 'en')).toMatch(/could not be reached/);
    expect(explainClose('ws://x', true, 1006, 'en')).toMatch(/without a close handshake/);
    expect(explainClose('ws://x', true, 1005, 'en')).toMatch(/no status code/);
    expect(explainClose('ws://x', true, 4000, 'en')).toBeNull();
  });
});

describe('protocol lab wording in Chinese', () => {
  it('reports events in Chinese, with API names as the API spells them', () => {
    expect(describeCloseEvent({ code: 4001, reason: '再见', wasClean: true }, 'zh-CN')).toBe(
      'close：关闭码 4001，原因 "再见"，wasClean true',
    );
    expect(describeMessageEvent('héllo', 'zh-CN')).toBe('message：文本（6 字节）"héllo"');
    expect(describeMessageEvent(new ArrayBuffer(3), 'zh-CN')).toBe('message：二进制（3 字节）');
    expect(explainClose('ws://x', true, 1006, 'zh-CN')).toMatch(/^连接在没有关闭握手的情况下结束了；1006 从不出现在线路上/);
    expect(explainClose('ws://x', true, 1005, 'zh-CN')).toMatch(/没有带关闭码；1005 从不出现在线路上/);
    expect(explainClose('ws://x', false, 1006, 'zh-CN')).toMatch(/^无法连接到位于 ws:\/\/x 的演示服务器/);
  });

  it("explains a refusal by its code, keeping the server's English", () => {
    const english = '"count" must be a whole number from 1 to 16, and it is 40.';
    expect(describeRefusal('DEMO_ERR_BAD_ARGUMENT', english, 'en')).toBe(`The server refused: ${english} (DEMO_ERR_BAD_ARGUMENT)`);
    expect(describeRefusal('DEMO_ERR_BAD_ARGUMENT', english, 'zh-CN')).toBe(
      `服务器拒绝了：${DEMO_ERROR_SENTENCES_ZH['DEMO_ERR_BAD_ARGUMENT']}（服务器原文：${english}）（DEMO_ERR_BAD_ARGUMENT）`,
    );
    expect(describeCloseEvent({ code: 1008, reason: 'DEMO_ERR_IDLE: Idle.', wasClean: true }, 'zh-CN')).toContain(
      '原因 DEMO_ERR_IDLE：连接空闲太久',
    );
  });

  const announcement = (act: LabAnnouncement['act'], frames: LabAnnouncement['frames']): LabAnnouncement => ({
    type: 'about-to-send',
    act,
    description: 'The server’s English.',
    frames,
  });

  it("shows the server's own words on an English page", () => {
    const frames = fragments('One message', 3);
    expect(announcementText(announcement('fragments', frames), 'en')).toEqual({
      description: 'The server’s English.',
      notes: frames.map((frame) => frame.note),
    });
  });

  it('says what the server sent in Chinese, from the frames the server announced', () => {
    const split = announcementText(announcement('fragments', fragments('One message', 3)), 'zh-CN');
    expect(split.description).toMatch(/^一条文本消息，分成 3 个分片.*（§5\.4）/);
    expect(split.notes).toEqual([
      '第 1 个分片（共 3 个）：文本帧（操作码 0x1），FIN 未置位。',
      '第 2 个分片（共 3 个）：延续帧（操作码 0x0），FIN 未置位。',
      '第 3 个分片（共 3 个）：延续帧（操作码 0x0），FIN 置位。',
    ]);
    // 0x88, body length 5, code 4001 (0x0fa1), then "bye".
    const close = announcementText(announcement('close', [{ hex: '88050fa1627965', note: '' }]), 'zh-CN');
    expect(close.description).toMatch(/^一个关闭码为 4001 的 Close 帧/);
    expect(close.notes).toEqual(['Close（操作码 0x8）：关闭码 4001，后面是 UTF-8 编码的原因。']);
    const empty = announcementText(announcement('close', [{ hex: '8800', note: '' }]), 'zh-CN');
    expect(empty.description).toMatch(/不带关闭码.*1005/);
    expect(empty.notes).toEqual(['Close（操作码 0x8），主体为空。']);
  });

  it('has a Chinese sentence, citing a section, for every act', () => {
    for (const act of LAB_ACTS) {
      const { description } = announcementText(announcement(act, [{ hex: '8800', note: '' }]), 'zh-CN');
      expect(description, act).toMatch(/[\u4e00-\u9fff].*§\d/);
    }
  });
});
