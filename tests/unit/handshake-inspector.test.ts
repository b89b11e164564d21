import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkAccept, describeFailure, describeHttp2, formatHttpMessage, headerValue } from '../../src/components/handshake-inspector.ts';
import type { HandshakeMessage, HandshakeReport } from '../../src/lib/demo-messages.ts';

const request: HandshakeMessage = {
  startLine: 'GET /chat HTTP/1.1',
  headers: [
    ['Host', 'server.example.com'],
    ['sec-websocket-key', 'dGhlIHNhbXBsZSBub25jZQ=='],
    ['Sec-WebSocket-Version', '13'],
  ],
};
const response = (accept: string): HandshakeMessage => ({
  startLine: 'HTTP/1.1 101 Switching Protocols',
  headers: [
    ['Upgrade', 'websocket'],
    ['Sec-WebSocket-Accept', accept],
  ],
});

describe('handshake inspector wording', () => {
  it('prints a message as its start line and headers, in order', () => {
    expect(formatHttpMessage(request)).toBe(
      'GET /chat HTTP/1.1\nHost: server.example.com\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\nSec-WebSocket-Version: 13',
    );
  });

  it('finds headers whatever their case', () => {
    expect(headerValue(request, 'Sec-WebSocket-Key')).toBe('dGhlIHNhbXBsZSBub25jZQ==');
    expect(headerValue(request, 'Origin')).toBeNull();
  });

  it("accepts the RFC's example pair, checked against node:crypto", async () => {
    const oracle = createHash('sha1').update('dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
    const check = await checkAccept(request, response(oracle), 'en');
    expect(check).toMatchObject({ computed: 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=', matches: true });
    expect(check!.verdict).toMatch(/^matches/);
  });

  it('says plainly when the values differ or are missing', async () => {
    expect((await checkAccept(request, response('AAAA'), 'en'))!.verdict).toMatch(/^does not match/);
    expect(await checkAccept({ startLine: 'GET / HTTP/1.1', headers: [] }, response('x'), 'en')).toBeNull();
  });

  it('gives the verdict and the reasons in Chinese on a Chinese page', async () => {
    const oracle = createHash('sha1').update('dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
    expect((await checkAccept(request, response(oracle), 'zh-CN'))!.verdict).toMatch(/^一致：.*（§4\.2\.2）。$/);
    expect((await checkAccept(request, response('AAAA'), 'zh-CN'))!.verdict).toMatch(/^不一致：.*（§4\.1）。$/);
    expect(describeFailure('ws://x/ws/inspect', false, 1006, 'zh-CN')).toMatch(/^无法连接到位于 ws:\/\/x\/ws\/inspect 的演示服务器/);
    expect(describeFailure('ws://x/ws/inspect', true, 1001, 'zh-CN')).toBe(
      '服务器发出报告之前，连接就关闭了（关闭码 1001）。请再按一次按钮重试。',
    );
  });

  it('explains an unreachable server', () => {
    expect(describeFailure('ws://x/ws/inspect', false, 1006, 'en')).toMatch(/could not be reached at ws:\/\/x\/ws\/inspect/);
    expect(describeFailure('ws://x/ws/inspect', true, 1001, 'en')).toMatch(/closed \(code 1001\)/);
  });
});

describe('describeHttp2', () => {
  it('says nothing for an HTTP/1.1 upgrade', () => {
    expect(describeHttp2({ type: 'handshake', request, response: response('x') }, 'en')).toBeNull();
  });

  it('names the extended CONNECT, the stream and the 200 the report holds (RFC 8441 §4, §5)', () => {
    const report: HandshakeReport = {
      type: 'handshake',
      request: {
        startLine: 'CONNECT /ws/inspect HTTP/2.0',
        headers: [
          [':method', 'CONNECT'],
          [':protocol', 'websocket'],
        ],
      },
      response: { startLine: ':status: 200', headers: [['date', 'Tue, 01 Dec 2026 22:00:00 GMT']] },
      http2: { streamId: 5 },
    };
    const text = describeHttp2(report, 'en');
    expect(text).toContain(':method CONNECT, :protocol websocket');
    expect(text).toContain('stream 5');
    expect(text).toContain(':status 200');
    expect(text).toContain('DATA frames on stream 5');
    const chinese = describeHttp2(report, 'zh-CN');
    expect(chinese).toContain('扩展 CONNECT（:method CONNECT，:protocol websocket；RFC 8441 §4）');
    expect(chinese).toContain('第 5 号流上 DATA 帧的载荷');
    expect(chinese).toContain(':status 200（§5）');
  });
});
