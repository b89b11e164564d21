import { describe, expect, it } from 'vitest';
import { clockTime, describeClose, describeMessage, describeReadyState } from '../../src/components/echo-console.ts';

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

  it('explains a close that never opened as an unreachable server', () => {
    expect(describeClose({ code: 1006, reason: '', wasClean: false }, false)).toMatch(/could not be reached/);
    expect(describeClose({ code: 1006, reason: '', wasClean: false }, true)).toMatch(/without a close handshake/);
    expect(describeClose({ code: 1000, reason: 'bye', wasClean: true }, true)).toBe('close: code 1000, reason "bye", wasClean true');
  });
});
