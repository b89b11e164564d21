import { describe, expect, it } from 'vitest';
import { clockTime } from '../../src/lib/clock-time.ts';
import { DEMO_ERROR_SENTENCES_ZH } from '../../src/lib/i18n/demo-error-text.ts';
import {
  checkClose,
  describeClose,
  describeDeclinedClose,
  describeFlood,
  describeMessage,
  describeOpen,
  describeReadyState,
  describeReason,
  FLOOD_MESSAGE_BYTES,
  hexView,
  parseHexMessage,
  parseSubprotocols,
} from '../../src/components/echo-console.ts';

describe('echo console wording', () => {
  it('names every readyState', () => {
    expect([0, 1, 2, 3].map(describeReadyState)).toEqual(['CONNECTING (0)', 'OPEN (1)', 'CLOSING (2)', 'CLOSED (3)']);
  });

  it('formats wall-clock time to the millisecond', () => {
    expect(clockTime(new Date(2026, 10, 26, 9, 5, 7, 42))).toBe('09:05:07.042');
  });

  it('counts text in UTF-8 bytes, not characters', () => {
    expect(describeMessage('héllo', 'en')).toBe('text (6 bytes): héllo');
  });

  it('shows binary as hex, cut after 32 bytes', () => {
    expect(describeMessage(new Uint8Array([0x48, 0x69]).buffer, 'en')).toBe('binary (2 bytes): 48 69');
    const long = describeMessage(new Uint8Array(40).buffer, 'en');
    expect(long).toMatch(/^binary \(40 bytes\): (00 ){31}00 …$/);
  });

  it('shows every byte of a message in the hex view, 16 to a line, text as its UTF-8', () => {
    expect(hexView('hé', 'en')).toBe('68 c3 a9');
    expect(hexView('', 'en')).toBe('(no bytes)');
    const view = hexView(new Uint8Array(20).fill(0xab).buffer, 'en');
    expect(view.split('\n')).toEqual([Array(16).fill('ab').join(' '), Array(4).fill('ab').join(' ')]);
    expect(hexView(new Uint8Array(300).buffer, 'en').split('\n').at(-1)).toBe('… and 44 more bytes');
  });

  it('explains a close that never opened as an unreachable server', () => {
    expect(describeClose({ code: 1006, reason: '', wasClean: false }, false, 'en')).toMatch(/could not be reached/);
    expect(describeClose({ code: 1006, reason: '', wasClean: false }, true, 'en')).toMatch(/without a close handshake/);
    expect(describeClose({ code: 1000, reason: 'bye', wasClean: true }, true, 'en')).toBe('close: code 1000, reason "bye", wasClean true');
  });

  it('says what the server chose at open, and why protocol can be empty', () => {
    expect(describeOpen([], '', '', 'en')).toBe('open: protocol "", extensions ""');
    // An offer the server declines is a failed connection in WHATWG: an open with protocol "" is the browser straying.
    expect(describeOpen(['chat.v2'], '', '', 'en')).toMatch(
      /named none \(RFC 6455 §4\.2\.2, step 4\)\. WHATWG says a browser must then fail the connection/,
    );
    expect(describeOpen(['chat.v2'], '', '', 'en')).toMatch(/this browser opened it anyway, with protocol ""/);
    expect(describeOpen(['chat.v2'], '', '', 'en')).not.toMatch(/so it chose none, and protocol is the empty string/);
    expect(describeOpen(['chat.v2', 'chat.v1'], 'chat.v2', '', 'en')).toMatch(/picked "chat.v2", your first choice.*handleProtocols/);
  });

  it('explains a declined subprotocol as a failed connection, and an open one as the browser straying', () => {
    const failed = describeDeclinedClose({ code: 1006, reason: '', wasClean: false }, false, 'en');
    expect(failed).toMatch(/^close: code 1006, wasClean false\. The server answered 101 but chose none/);
    expect(failed).toMatch(/as WHATWG says it must: error, then close 1006, and open never fired/);
    expect(failed).not.toMatch(/could not be reached/);
    expect(describeDeclinedClose({ code: 1000, reason: 'bye', wasClean: true }, true, 'en')).toMatch(
      /had opened, although the server chose none/,
    );
  });

  it('says how many bytes a flood left in bufferedAmount', () => {
    expect(describeFlood(10 * FLOOD_MESSAGE_BYTES, 'en')).toMatch(/bufferedAmount just after the last send\(\): 614400 bytes/);
  });
});

describe('echo console input', () => {
  it('reads subprotocols separated by commas or spaces', () => {
    expect(parseSubprotocols('', 'en')).toEqual({ ok: true, value: [] });
    expect(parseSubprotocols(' chat.v2, chat.v1  mqtt ', 'en')).toEqual({ ok: true, value: ['chat.v2', 'chat.v1', 'mqtt'] });
  });

  it('refuses a subprotocol with a separator or non-ASCII, and one offered twice, naming §4.1', () => {
    for (const bad of ['chat/2', 'a=b', 'über', 'x;y']) {
      const result = parseSubprotocols(bad, 'en');
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/U\+0021 to U\+007E.*§4\.1, item 10/);
    }
    expect(parseSubprotocols('chat, chat', 'en')).toMatchObject({ ok: false, message: expect.stringMatching(/offered twice/) });
    // Names are compared exactly, as the browser does.
    expect(parseSubprotocols('chat Chat', 'en')).toMatchObject({ ok: true });
  });

  it('reads hex in pairs, with or without spaces', () => {
    const bytes = (text: string) => {
      const result = parseHexMessage(text, 'en');
      return result.ok ? [...new Uint8Array(result.value)] : result.message;
    };
    expect(bytes('48 69')).toEqual([0x48, 0x69]);
    expect(bytes('4869\nFF')).toEqual([0x48, 0x69, 0xff]);
    expect(bytes('')).toEqual([]);
    expect(bytes('48 6g')).toMatch(/'g' is not a hex digit/);
    expect(bytes('486')).toMatch(/3 hex digits, an odd number/);
  });

  it('allows close codes 1000 and 3000–4999 only, as the browser does', () => {
    expect(checkClose('1000', 'bye', 'en')).toEqual({ ok: true, value: { code: 1000, reason: 'bye' } });
    expect(checkClose('3000', '', 'en')).toEqual({ ok: true, value: { code: 3000, reason: '' } });
    expect(checkClose(' 4999 ', '', 'en')).toEqual({ ok: true, value: { code: 4999, reason: '' } });
    expect(checkClose('', '', 'en')).toEqual({ ok: true, value: { reason: '' } });
    for (const code of ['1001', '1005', '2999', '5000', '999', '0', '1000.5', 'abc', '65536']) {
      const result = checkClose(code, '', 'en');
      expect(result.ok, code).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/1000 or a code from 3000 to 4999.*InvalidAccessError/);
    }
  });

  it('refuses a reason over 123 UTF-8 bytes, counting bytes, not characters', () => {
    expect(checkClose('1000', 'a'.repeat(123), 'en').ok).toBe(true);
    expect(checkClose('1000', 'a'.repeat(124), 'en')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/124 bytes.*at most 123.*§5\.5/),
    });
    // 62 characters, but é is 2 bytes in UTF-8: 124 bytes.
    expect(checkClose('1000', 'é'.repeat(62), 'en')).toMatchObject({ ok: false, message: expect.stringMatching(/124 bytes/) });
  });

  it('refuses a reason without a code', () => {
    expect(checkClose('', 'bye', 'en')).toMatchObject({ ok: false, message: expect.stringMatching(/A reason needs a code/) });
  });
});

describe('echo console wording in Chinese', () => {
  it('describes messages and the hex view in Chinese, counting UTF-8 bytes', () => {
    expect(describeMessage('你好', 'zh-CN')).toBe('文本（6 字节）：你好');
    expect(describeMessage(new Uint8Array([0x48, 0x69]).buffer, 'zh-CN')).toBe('二进制（2 字节）：48 69');
    expect(hexView('', 'zh-CN')).toBe('（没有字节）');
    expect(hexView(new Uint8Array(300).buffer, 'zh-CN').split('\n').at(-1)).toBe('… 还有 44 字节');
  });

  it('describes a close, a drop and an unreachable server in Chinese', () => {
    expect(describeClose({ code: 1000, reason: 'bye', wasClean: true }, true, 'zh-CN')).toBe(
      'close：关闭码 1000，原因 “bye”，wasClean true',
    );
    expect(describeClose({ code: 1006, reason: '', wasClean: false }, true, 'zh-CN')).toBe(
      'close：关闭码 1006，wasClean false。连接在没有关闭握手的情况下断开了。',
    );
    expect(describeClose({ code: 1006, reason: '', wasClean: false }, false, 'zh-CN')).toMatch(
      /^close：关闭码 1006，wasClean false。无法连接到演示服务器/,
    );
  });

  it("explains a refusal the server put in its close reason, keeping the server's English", () => {
    const reason = 'DEMO_ERR_IDLE: No message for 300 ms.';
    expect(describeReason(reason, 'en')).toBe(`"${reason}"`);
    expect(describeReason(reason, 'zh-CN')).toBe(
      `DEMO_ERR_IDLE：${DEMO_ERROR_SENTENCES_ZH['DEMO_ERR_IDLE']}（服务器原文：No message for 300 ms.）`,
    );
    expect(describeClose({ code: 1008, reason, wasClean: true }, true, 'zh-CN')).toContain('原因 DEMO_ERR_IDLE：连接空闲太久');
    // The English page shows the reason exactly as it arrived.
    expect(describeClose({ code: 1008, reason, wasClean: true }, true, 'en')).toBe(`close: code 1008, reason "${reason}", wasClean true`);
  });

  it('says in Chinese what the server chose at open, and what a declined offer did', () => {
    expect(describeOpen([], '', '', 'zh-CN')).toBe('open：protocol ""，extensions ""');
    expect(describeOpen(['chat.v2'], '', '', 'zh-CN')).toMatch(/一个也没有选（RFC 6455 §4\.2\.2，第 4 步）.*照样打开了连接/);
    expect(describeOpen(['chat.v2', 'chat.v1'], 'chat.v2', '', 'zh-CN')).toMatch(/选了 "chat\.v2"，也就是你的首选.*handleProtocols/);
    expect(describeDeclinedClose({ code: 1006, reason: '', wasClean: false }, false, 'zh-CN')).toMatch(
      /^close：关闭码 1006，wasClean false。服务器回答了 101，却没有选任何一个提出的子协议/,
    );
    expect(describeFlood(10 * FLOOD_MESSAGE_BYTES, 'zh-CN')).toBe(
      '已排队 10 条各 61440 字节的二进制消息；最后一次 send() 刚返回时 bufferedAmount 为 614400 字节',
    );
  });

  it('names the rule each bad input breaks, in Chinese, with the same sections', () => {
    expect(parseSubprotocols('chat/2', 'zh-CN')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^子协议 "chat\/2" 含有 "\/"。.*§4\.1，第 10 项/),
    });
    expect(parseSubprotocols('chat chat', 'zh-CN')).toMatchObject({ ok: false, message: expect.stringMatching(/提出了两次/) });
    expect(parseHexMessage('48 6g', 'zh-CN')).toMatchObject({ ok: false, message: expect.stringMatching(/^'g' 不是十六进制数字/) });
    expect(parseHexMessage('486', 'zh-CN')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^这是 3 个十六进制数字，是奇数个/),
    });
    expect(checkClose('1001', '', 'zh-CN')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/"1001" 两者都不是.*InvalidAccessError.*§7\.4\.2/),
    });
    expect(checkClose('', '再见', 'zh-CN')).toMatchObject({ ok: false, message: expect.stringMatching(/^有原因就必须有关闭码.*§5\.5\.1/) });
    // 41 characters of 3 bytes each: 123 bytes is allowed, 42 of them is not.
    expect(checkClose('1000', '好'.repeat(41), 'zh-CN').ok).toBe(true);
    expect(checkClose('1000', '好'.repeat(42), 'zh-CN')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^这个原因的 UTF-8 编码有 126 字节，而关闭原因最多 123 字节/),
    });
  });
});
