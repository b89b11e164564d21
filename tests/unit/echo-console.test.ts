import { describe, expect, it } from 'vitest';
import {
  checkClose,
  clockTime,
  describeClose,
  describeDeclinedClose,
  describeFlood,
  describeMessage,
  describeOpen,
  describeReadyState,
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
    expect(describeMessage('héllo')).toBe('text (6 bytes): héllo');
  });

  it('shows binary as hex, cut after 32 bytes', () => {
    expect(describeMessage(new Uint8Array([0x48, 0x69]).buffer)).toBe('binary (2 bytes): 48 69');
    const long = describeMessage(new Uint8Array(40).buffer);
    expect(long).toMatch(/^binary \(40 bytes\): (00 ){31}00 …$/);
  });

  it('shows every byte of a message in the hex view, 16 to a line, text as its UTF-8', () => {
    expect(hexView('hé')).toBe('68 c3 a9');
    expect(hexView('')).toBe('(no bytes)');
    const view = hexView(new Uint8Array(20).fill(0xab).buffer);
    expect(view.split('\n')).toEqual([Array(16).fill('ab').join(' '), Array(4).fill('ab').join(' ')]);
    expect(hexView(new Uint8Array(300).buffer).split('\n').at(-1)).toBe('… and 44 more bytes');
  });

  it('explains a close that never opened as an unreachable server', () => {
    expect(describeClose({ code: 1006, reason: '', wasClean: false }, false)).toMatch(/could not be reached/);
    expect(describeClose({ code: 1006, reason: '', wasClean: false }, true)).toMatch(/without a close handshake/);
    expect(describeClose({ code: 1000, reason: 'bye', wasClean: true }, true)).toBe('close: code 1000, reason "bye", wasClean true');
  });

  it('says what the server chose at open, and why protocol can be empty', () => {
    expect(describeOpen([], '', '')).toBe('open: protocol "", extensions ""');
    // An offer the server declines is a failed connection in WHATWG: an open with protocol "" is the browser straying.
    expect(describeOpen(['chat.v2'], '', '')).toMatch(
      /named none \(RFC 6455 §4\.2\.2, step 4\)\. WHATWG says a browser must then fail the connection/,
    );
    expect(describeOpen(['chat.v2'], '', '')).toMatch(/this browser opened it anyway, with protocol ""/);
    expect(describeOpen(['chat.v2'], '', '')).not.toMatch(/so it chose none, and protocol is the empty string/);
    expect(describeOpen(['chat.v2', 'chat.v1'], 'chat.v2', '')).toMatch(/picked "chat.v2", your first choice.*handleProtocols/);
  });

  it('explains a declined subprotocol as a failed connection, and an open one as the browser straying', () => {
    const failed = describeDeclinedClose({ code: 1006, reason: '', wasClean: false }, false);
    expect(failed).toMatch(/^close: code 1006, wasClean false\. The server answered 101 but chose none/);
    expect(failed).toMatch(/as WHATWG says it must: error, then close 1006, and open never fired/);
    expect(failed).not.toMatch(/could not be reached/);
    expect(describeDeclinedClose({ code: 1000, reason: 'bye', wasClean: true }, true)).toMatch(
      /had opened, although the server chose none/,
    );
  });

  it('says how many bytes a flood left in bufferedAmount', () => {
    expect(describeFlood(10 * FLOOD_MESSAGE_BYTES)).toMatch(/bufferedAmount just after the last send\(\): 614400 bytes/);
  });
});

describe('echo console input', () => {
  it('reads subprotocols separated by commas or spaces', () => {
    expect(parseSubprotocols('')).toEqual({ ok: true, value: [] });
    expect(parseSubprotocols(' chat.v2, chat.v1  mqtt ')).toEqual({ ok: true, value: ['chat.v2', 'chat.v1', 'mqtt'] });
  });

  it('refuses a subprotocol with a separator or non-ASCII, and one offered twice, naming §4.1', () => {
    for (const bad of ['chat/2', 'a=b', 'über', 'x;y']) {
      const result = parseSubprotocols(bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/U\+0021 to U\+007E.*§4\.1, item 10/);
    }
    expect(parseSubprotocols('chat, chat')).toMatchObject({ ok: false, message: expect.stringMatching(/offered twice/) });
    // Names are compared exactly, as the browser does.
    expect(parseSubprotocols('chat Chat')).toMatchObject({ ok: true });
  });

  it('reads hex in pairs, with or without spaces', () => {
    const bytes = (text: string) => {
      const result = parseHexMessage(text);
      return result.ok ? [...new Uint8Array(result.value)] : result.message;
    };
    expect(bytes('48 69')).toEqual([0x48, 0x69]);
    expect(bytes('4869\nFF')).toEqual([0x48, 0x69, 0xff]);
    expect(bytes('')).toEqual([]);
    expect(bytes('48 6g')).toMatch(/'g' is not a hex digit/);
    expect(bytes('486')).toMatch(/3 hex digits, an odd number/);
  });

  it('allows close codes 1000 and 3000–4999 only, as the browser does', () => {
    expect(checkClose('1000', 'bye')).toEqual({ ok: true, value: { code: 1000, reason: 'bye' } });
    expect(checkClose('3000', '')).toEqual({ ok: true, value: { code: 3000, reason: '' } });
    expect(checkClose(' 4999 ', '')).toEqual({ ok: true, value: { code: 4999, reason: '' } });
    expect(checkClose('', '')).toEqual({ ok: true, value: { reason: '' } });
    for (const code of ['1001', '1005', '2999', '5000', '999', '0', '1000.5', 'abc', '65536']) {
      const result = checkClose(code, '');
      expect(result.ok, code).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/1000 or a code from 3000 to 4999.*InvalidAccessError/);
    }
  });

  it('refuses a reason over 123 UTF-8 bytes, counting bytes, not characters', () => {
    expect(checkClose('1000', 'a'.repeat(123)).ok).toBe(true);
    expect(checkClose('1000', 'a'.repeat(124))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/124 bytes.*at most 123.*§5\.5/),
    });
    // 62 characters, but é is 2 bytes in UTF-8: 124 bytes.
    expect(checkClose('1000', 'é'.repeat(62))).toMatchObject({ ok: false, message: expect.stringMatching(/124 bytes/) });
  });

  it('refuses a reason without a code', () => {
    expect(checkClose('', 'bye')).toMatchObject({ ok: false, message: expect.stringMatching(/A reason needs a code/) });
  });
});
