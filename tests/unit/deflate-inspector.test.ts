// The deflate inspector's words: the negotiation explained from real header lines, frames joined for inflating, and the sizes compared.
import { describe, expect, it } from 'vitest';
import {
  compareRepeat,
  deflateEndpoint,
  describeDeflateClose,
  describeNegotiation,
  extensionsHeader,
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
