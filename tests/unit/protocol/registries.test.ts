// The opcode and close-code registries that chapters render their tables from.
import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, closeCodeInfo, isSendableCloseCode } from '../../../src/lib/protocol/close-codes.ts';
import { OPCODES, opcodeInfo } from '../../../src/lib/protocol/opcodes.ts';

describe('OPCODES', () => {
  it('describes all sixteen opcodes, indexed by value', () => {
    expect(OPCODES.map((o) => o.opcode)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    expect(OPCODES.filter((o) => o.onWire).map((o) => o.name)).toEqual(['Continuation', 'Text', 'Binary', 'Close', 'Ping', 'Pong']);
    expect(OPCODES.filter((o) => o.kind === 'control').map((o) => o.opcode)).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
  });

  it('looks up an opcode, and refuses values that are not 4 bits', () => {
    expect(opcodeInfo(0x9)).toMatchObject({ name: 'Ping', section: '5.5.2' });
    expect(opcodeInfo(0x3)).toMatchObject({ onWire: false, sentBy: 'neither' });
    expect(() => opcodeInfo(16)).toThrow(TypeError);
    expect(() => opcodeInfo(1.5)).toThrow(/4-bit value/);
  });
});

describe('CLOSE_CODES', () => {
  it('covers every 16-bit code exactly once, in order', () => {
    let next = 0;
    for (const entry of CLOSE_CODES) {
      expect(entry.from).toBe(next);
      next = entry.to + 1;
    }
    expect(next).toBe(65536);
  });

  it('lists §7.4.1, the IANA additions and the §7.4.2 ranges', () => {
    expect(closeCodeInfo(1000)).toMatchObject({ name: 'Normal Closure', section: '7.4.1', onWire: true });
    expect(closeCodeInfo(1012)).toMatchObject({ name: 'Service Restart', section: 'IANA registry', onWire: true });
    expect(closeCodeInfo(1014)).toMatchObject({ name: 'Bad Gateway', section: 'IANA registry' });
    expect(closeCodeInfo(1010)).toMatchObject({ sentBy: 'client' });
    for (const code of [1004, 1005, 1006, 1015]) expect(closeCodeInfo(code)).toMatchObject({ section: '7.4.1', onWire: false });
    expect(closeCodeInfo(500)).toMatchObject({ kind: 'not-used', section: '7.4.2' });
    expect(closeCodeInfo(2000)).toMatchObject({ kind: 'unassigned', section: '7.4.2' });
    expect(closeCodeInfo(3500)).toMatchObject({ kind: 'library', onWire: true });
    expect(closeCodeInfo(4500)).toMatchObject({ kind: 'private', onWire: true });
  });

  it('says which codes may be sent, as ws does', () => {
    const sendable = (code: number) =>
      (code >= 1000 && code <= 1014 && ![1004, 1005, 1006].includes(code)) || (code >= 3000 && code <= 4999);
    for (let code = 0; code < 65536; code++) expect.soft(isSendableCloseCode(code)).toBe(sendable(code));
    expect(isSendableCloseCode(-1)).toBe(false);
    expect(isSendableCloseCode(65536)).toBe(false);
    expect(() => closeCodeInfo(70000)).toThrow(TypeError);
  });
});
