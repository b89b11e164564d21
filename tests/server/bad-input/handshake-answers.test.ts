// The handshake cases judge an answer by the rules they state: the version refusal takes a 426 with Upgrade or a 400.
import { describe, expect, it } from 'vitest';
import { HANDSHAKE_CASES, handshakeAnswerProblems } from './handshake-cases.ts';
import type { HttpAnswer } from './raw-client.ts';

const versionCase = HANDSHAKE_CASES.find((testCase) => testCase.id === 'h.5')!;
const answer = (status: number, headers: Record<string, string>): HttpAnswer => ({ status, headers, body: '' });

describe('the version refusal (h.5)', () => {
  it('takes 426 with Upgrade: websocket, or 400, both with Sec-WebSocket-Version: 13', () => {
    expect(handshakeAnswerProblems(versionCase, answer(426, { upgrade: 'websocket', 'sec-websocket-version': '13' }))).toEqual([]);
    expect(handshakeAnswerProblems(versionCase, answer(400, { 'sec-websocket-version': '13' }))).toEqual([]);
  });

  it('refuses a 426 without Upgrade, either status without the version, and any other status', () => {
    expect(handshakeAnswerProblems(versionCase, answer(426, { 'sec-websocket-version': '13' }))).toEqual(['upgrade is missing']);
    expect(handshakeAnswerProblems(versionCase, answer(400, {}))).toEqual(['sec-websocket-version is missing']);
    expect(handshakeAnswerProblems(versionCase, answer(404, { 'sec-websocket-version': '13' }))).toEqual([
      'the status is 404, not 426 or 400',
      'upgrade is missing',
    ]);
  });
});
