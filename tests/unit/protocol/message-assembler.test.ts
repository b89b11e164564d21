// The message assembler: fragments joined in order, control frames delivered in between (§5.4).
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/lib/protocol/frame.ts';
import { MessageAssembler } from '../../../src/lib/protocol/message-assembler.ts';

const frame = (opcode: number, fin: boolean, payload: number[] | string = []): Frame => ({
  fin,
  rsv1: false,
  rsv2: false,
  rsv3: false,
  opcode,
  maskingKey: null,
  payload: typeof payload === 'string' ? new TextEncoder().encode(payload) : Uint8Array.from(payload),
});

describe('MessageAssembler', () => {
  it('joins fragments and delivers a ping that arrives between them (§5.4)', () => {
    const assembler = new MessageAssembler();
    expect(assembler.push(frame(1, false, 'Hel'))).toEqual([]);
    expect(assembler.inMessage).toBe(true);
    expect(assembler.push(frame(9, true, 'hi'))).toMatchObject([{ kind: 'ping' }]);
    expect(assembler.push(frame(0, true, 'lo'))).toMatchObject([{ kind: 'text', text: 'Hello', fragments: 2 }]);
    expect(assembler.inMessage).toBe(false);
  });

  it('delivers binary messages, pongs and closes with and without a code', () => {
    const assembler = new MessageAssembler();
    expect(assembler.push(frame(2, true, [1, 2]))).toEqual([{ kind: 'binary', data: Uint8Array.of(1, 2), fragments: 1 }]);
    expect(assembler.push(frame(10, true))).toEqual([{ kind: 'pong', data: new Uint8Array(0) }]);
    expect(assembler.push(frame(8, true))).toEqual([{ kind: 'close', code: null, reason: '' }]);
    expect(assembler.push(frame(8, true, [0x03, 0xe8, 0x6f, 0x6b]))).toEqual([{ kind: 'close', code: 1000, reason: 'ok' }]);
  });

  it('throws on frames the decoder would have rejected', () => {
    expect(() => new MessageAssembler().push(frame(0, true))).toThrow(/continuation frame needs a message/);
    const open = new MessageAssembler();
    open.push(frame(1, false));
    expect(() => open.push(frame(2, true))).toThrow(/inside a fragmented message/);
    expect(() => new MessageAssembler().push(frame(3, true))).toThrow(/reserved/);
    expect(() => new MessageAssembler().push(frame(11, true))).toThrow(/reserved/);
  });
});
