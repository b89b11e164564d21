// The deflate inspector's words: the negotiation explained from real header lines, frames joined for inflating, and the sizes compared.
import { describe, expect, it } from 'vitest';
import {
  compareRepeat,
  deflateEndpoint,
  describeDeflateClose,
  describeNegotiation,
  extensionsHeader,
  negotiationNotes,
  payloadCell,
  wireMessage,
  withTailRestored,
  type RoundSizes,
} from '../../src/components/deflate-inspector.ts';
import type { HandshakeMessage } from '../../src/lib/demo-messages.ts';
import { wsFrame } from './protocol/ws-oracle.ts';

const request = (...extensions: string[]): HandshakeMessage => ({
  startLine: 'GET /ws/deflate?report=frames HTTP/1.1',
  headers: [['Host', 'localhost'], ...extensions.map((value): [string, string] => ['Sec-WebSocket-Extensions', value])],
});
const response = (...extensions: string[]): HandshakeMessage => ({
  startLine: 'HTTP/1.1 101 Switching Protocols',
  headers: [['Upgrade', 'websocket'], ...extensions.map((value): [string, string] => ['sec-websocket-extensions', value])],
});

describe('describeNegotiation', () => {
  it("explains Chromium's offer and the demo server's answer", () => {
    const negotiation = describeNegotiation(
      request('permessage-deflate; client_max_window_bits'),
      response('permessage-deflate; client_max_window_bits=12; server_max_window_bits=12'),
    );
    expect(negotiation.offered.extensions).toEqual([
      { name: 'permessage-deflate', notes: [expect.objectContaining({ name: 'client_max_window_bits', section: 'RFC 7692 §7.1.2.2' })] },
    ]);
    expect(negotiation.answered.extensions[0]!.notes.map((n) => n.name)).toEqual(['client_max_window_bits', 'server_max_window_bits']);
    expect(negotiation.agreement).toEqual({
      serverContextTakeover: true,
      clientContextTakeover: true,
      serverMaxWindowBits: 12,
      clientMaxWindowBits: 12,
    });
    expect(negotiation.summary).toBe(
      'permessage-deflate is on. The server keeps its window from message to message with a 4 KiB window; your browser keeps its window from message to message with at most 4 KiB.',
    );
  });

  it('joins repeated header lines into one list (RFC 6455 §9.1) and says when the server declined', () => {
    expect(extensionsHeader(request('permessage-deflate', 'x-webkit-deflate-frame'))).toBe('permessage-deflate, x-webkit-deflate-frame');
    const declined = describeNegotiation(request('permessage-deflate; client_max_window_bits'), response());
    expect(declined.agreement).toBeNull();
    expect(declined.answered.remark).toContain('no Sec-WebSocket-Extensions header');
    expect(declined.summary).toContain('declined');
    expect(describeNegotiation(request(), response()).summary).toContain('did not offer');
  });
});

describe('wireMessage', () => {
  it("joins a message's frames, unmasked, and keeps whether its first frame had RSV1 set", () => {
    const key = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);
    const hexOf = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
    const first = wsFrame(Buffer.from('f248cd', 'hex'), { fin: false, rsv1: true, opcode: 1, maskingKey: key });
    const last = wsFrame(Buffer.from('c9c90700', 'hex'), { fin: true, rsv1: false, opcode: 0, maskingKey: key });
    const frame = (bytes: Uint8Array, fin: boolean, rsv1: boolean, index: number) => ({
      type: 'frame' as const,
      index,
      offset: 0,
      hex: hexOf(bytes),
      fin,
      rsv1,
      rsv2: false,
      rsv3: false,
      opcode: index === 0 ? 1 : 0,
      maskingKey: '37fa213d',
      payloadLength: 0,
      lengthEncoding: '7-bit' as const,
    });
    const message = wireMessage([frame(first, false, true, 0), frame(last, true, false, 1)]);
    expect(message.compressed).toBe(true);
    expect(hexOf(message.payload)).toBe('f248cdc9c90700');
    expect(message.wireBytes).toBe(first.length + last.length);
    expect(withTailRestored(message.payload)).toBe('f2 48 cd c9 c9 07 00 + 00 00 ff ff');
  });
});

describe('sizes', () => {
  const round = (n: number, server: number, contextTakeover: boolean): RoundSizes => ({
    round: n,
    messageBytes: 5,
    serverContextTakeover: contextTakeover,
    browserPayloadBytes: 7,
    browserCompressed: true,
    serverPayloadBytes: server,
    serverCompressed: true,
  });

  it('says what a repeat saved with context takeover, and that it saved nothing without', () => {
    expect(compareRepeat([round(1, 7, true), round(2, 5, true)])).toContain('2 bytes shorter');
    expect(compareRepeat([round(1, 7, false), round(2, 7, false)])).toContain('server_no_context_takeover');
    expect(compareRepeat([round(1, 7, true)])).toBeNull();
    expect(compareRepeat([round(1, 7, false), round(2, 5, true)])).toBeNull();
  });

  it('puts a payload against its message', () => {
    expect(payloadCell(7, 5, true)).toBe('7 bytes (140 % of the message)');
    expect(payloadCell(5, 5, false)).toBe('5 bytes, sent uncompressed');
  });

  it('asks for frame reports, and for no context takeover when the reader chose it', () => {
    expect(deflateEndpoint(true)).toBe('/ws/deflate?report=frames');
    expect(deflateEndpoint(false)).toBe('/ws/deflate?report=frames&context=off');
  });

  it('explains a 1009 with the frame size the bomb had on the wire', () => {
    expect(describeDeflateClose('ws://x/ws/deflate', true, 1009, '', 120)).toContain('though its frame was only 120 bytes on the wire');
    expect(describeDeflateClose('ws://x/ws/deflate', false, 1006, '', null)).toContain('could not be reached');
    expect(describeDeflateClose('ws://x/ws/deflate', true, 1000, '', null)).toBeNull();
  });
});

describe('the deflate inspector in Chinese', () => {
  it('explains the negotiation, every parameter and the agreement in Chinese, names and sections kept', () => {
    const negotiation = describeNegotiation(
      request('permessage-deflate; client_max_window_bits'),
      response('permessage-deflate; client_max_window_bits=12; server_max_window_bits=12'),
      'zh-CN',
    );
    expect(negotiation.summary).toBe(
      'permessage-deflate 已启用。服务器在消息之间保留窗口，窗口为 4 KiB；你的浏览器在消息之间保留窗口，窗口至多 4 KiB。',
    );
    expect(negotiationNotes(negotiation.offered, 'zh-CN')).toEqual([
      'client_max_window_bits：客户端表示，如果服务器要求，它可以限制自己的 LZ77 窗口；没有这个参数，服务器就不能提出这个要求（RFC 7692 §7.1.2.2）。',
    ]);
    expect(negotiationNotes(negotiation.answered, 'zh-CN')[1]).toBe(
      'server_max_window_bits=12：服务器会用至多 2^12 字节（4 KiB）的窗口压缩（RFC 7692 §7.1.2.1）。',
    );
    // The English notes are worded as before, from the same table.
    expect(negotiationNotes(describeNegotiation(request('permessage-deflate; client_max_window_bits'), response()).offered)).toEqual([
      'client_max_window_bits: The client says it can limit its LZ77 window if the server asks; without this, the server must not ask. (RFC 7692 §7.1.2.2)',
    ]);
  });

  it('says in Chinese why a header does not parse, naming the parameter and the value at fault', () => {
    const offer = request('permessage-deflate; client_max_window_bits="1 0"');
    expect(describeNegotiation(offer, response(), 'zh-CN').offered.remark).toBe(
      '你的浏览器提出的头部无法解析："client_max_window_bits" 的带引号的值 "1 0" 去掉引号后不是 token，而 §9.1 要求它必须是。' +
        'Sec-WebSocket-Extensions 是扩展 token 的列表，每个扩展后面可以跟若干以 “;” 引出的参数，形如 “name” 或 “name=value”（RFC 6455 §9.1）。',
    );
    // The English page keeps the parser's own sentence.
    expect(describeNegotiation(offer, response()).offered.remark).toMatch(
      /^Your browser offered a header that does not parse: The quoted value "1 0" of "client_max_window_bits" is not a token once unquoted/,
    );
  });

  it('names the rule a bad parameter breaks, in Chinese', () => {
    const bad = describeNegotiation(request('permessage-deflate; server_max_window_bits=08; x_bits'), response(), 'zh-CN');
    const notes = negotiationNotes(bad.offered, 'zh-CN');
    expect(notes[0]).toContain('"08" 不是窗口大小：值应为 8 到 15 的十进制数，不带前导零（RFC 7692 §7.1.2.1）。');
    expect(notes[1]).toContain('RFC 7692 没有定义参数 "x_bits"');
    expect(bad.answered.remark).toBe('服务器没有发送 Sec-WebSocket-Extensions 头部：没有启用任何扩展，每一帧都不压缩（RFC 7692 §5）。');
    expect(bad.summary).toBe('服务器拒绝了 permessage-deflate，所以这个连接不压缩（RFC 7692 §5）。');
  });

  it('words sizes, the repeat comparison and the 1009 close in Chinese', () => {
    expect(payloadCell(7, 5, true, 'zh-CN')).toBe('7 字节（消息的 140%）');
    expect(payloadCell(1500, 1500, false, 'zh-CN')).toBe('1,500 字节，未压缩发送');
    const round = (n: number, serverPayloadBytes: number, serverContextTakeover: boolean): RoundSizes => ({
      round: n,
      messageBytes: 50,
      serverContextTakeover,
      browserPayloadBytes: 40,
      browserCompressed: true,
      serverPayloadBytes,
      serverCompressed: true,
    });
    expect(compareRepeat([round(1, 40, true), round(2, 9, true)], 'zh-CN')).toMatch(/^服务器的第二帧比第一帧短 31 字节：/);
    expect(compareRepeat([round(1, 40, false), round(2, 40, false)], 'zh-CN')).toMatch(/^服务器的两帧一样大（40 字节）/);
    expect(describeDeflateClose('ws://x/ws/deflate', true, 1009, '', 120, 'zh-CN')).toBe(
      '服务器以 1009（Message Too Big）关闭了连接：消息解压后超过了 /ws/deflate 接受的 16,384 字节，尽管它的帧在线路上只有 120 字节。服务器必须按解压后的大小对照上限（RFC 6455 §10.4），否则一个小小的帧就能让它分配几兆字节的内存。按“发送”即可重新连接。',
    );
    expect(describeDeflateClose('ws://x/ws/deflate', true, 1008, 'DEMO_ERR_IDLE: idle for 60 s', null, 'zh-CN')).toBe(
      '连接以 1008 关闭：连接空闲太久，没有任何消息，演示服务器关闭了它。（服务器原文：idle for 60 s）。按“发送”即可重新连接。',
    );
  });
});
