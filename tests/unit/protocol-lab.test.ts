import { describe, expect, it } from 'vitest';
import { buildRequest, describeCloseEvent, describeMessageEvent, explainClose } from '../../src/components/protocol-lab.ts';
import { parseLabRequest } from '../../server/endpoints/lab.ts';

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
    expect(describeCloseEvent({ code: 1006, reason: '', wasClean: false })).toBe('close: code 1006, reason "", wasClean false');
    expect(describeMessageEvent('héllo')).toBe('message: text (6 bytes) "héllo"');
    expect(describeMessageEvent(new ArrayBuffer(3))).toBe('message: binary (3 bytes)');
  });

  it('explains codes that never cross the wire, and an unreachable server', () => {
    expect(explainClose('ws://x', false, 1006)).toMatch(/could not be reached/);
    expect(explainClose('ws://x', true, 1006)).toMatch(/without a close handshake/);
    expect(explainClose('ws://x', true, 1005)).toMatch(/no status code/);
    expect(explainClose('ws://x', true, 4000)).toBeNull();
  });
});
