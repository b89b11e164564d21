// The Reproduce control's wording and URL: what the reader reads beside each browser event.
import { describe, expect, it } from 'vitest';
import { describeClose, describeMessage, describeThrown, elapsed, socketLabel, troubleUrl } from '../../src/components/reproduce.ts';

describe('Reproduce control', () => {
  it('asks the trouble endpoint for one symptom on the page origin, or on PUBLIC_DEMO_URL', () => {
    expect(troubleUrl('drop', 'http://127.0.0.1:4321/troubleshooting/closed-1006/')).toBe('ws://127.0.0.1:4321/ws/trouble?symptom=drop');
    expect(troubleUrl('idle-cut', 'https://workshop.example.com/x/', 'https://demo.example.com/base')).toBe(
      'wss://demo.example.com/base/ws/trouble?symptom=idle-cut',
    );
    expect(troubleUrl('', 'http://localhost:8080/cors/', '', '/ws/echo')).toBe('ws://localhost:8080/ws/echo');
  });

  it('keeps plain ws: when a control asks for it, even on an https: page', () => {
    expect(troubleUrl('show-headers', 'https://workshop.example.com/troubleshooting/', '', '/ws/trouble', 'ws:')).toBe(
      'ws://workshop.example.com/ws/trouble?symptom=show-headers',
    );
  });

  it('says when the constructor threw, with the exception as the browser named it', () => {
    const error = new DOMException('The operation is insecure.', 'SecurityError');
    expect(describeThrown(error, 'en')).toBe(
      'new WebSocket threw SecurityError: The operation is insecure. No socket exists, so no event will follow.',
    );
    expect(describeThrown(new DOMException('', 'NS_ERROR_CONTENT_BLOCKED'), 'en')).toBe(
      'new WebSocket threw NS_ERROR_CONTENT_BLOCKED. No socket exists, so no event will follow.',
    );
  });

  it('times every event from the click, to the millisecond', () => {
    expect(elapsed(1000, 6012.4, 'en')).toBe('5.012 s');
    expect(elapsed(0, 0, 'en')).toBe('0.000 s');
  });

  it('numbers sockets only when it opens more than one', () => {
    expect(socketLabel(0, 1, 'en')).toBe('');
    expect(socketLabel(3, 4, 'en')).toBe('socket 4: ');
  });

  it('reads a close event field by field, then says what that combination means', () => {
    expect(describeClose({ code: 1006, reason: '', wasClean: false }, false, 'en')).toBe(
      'close: code 1006, wasClean false, reason "". The handshake failed, so the connection never opened.',
    );
    expect(describeClose({ code: 1006, reason: '', wasClean: false }, true, 'en')).toBe(
      'close: code 1006, wasClean false, reason "". The TCP connection ended without a Close frame.',
    );
    expect(describeClose({ code: 1000, reason: 'All 5 messages sent', wasClean: true }, true, 'en')).toBe(
      'close: code 1000, wasClean true, reason "All 5 messages sent". Both sides exchanged Close frames: a clean close.',
    );
    expect(describeClose({ code: 1001, reason: '', wasClean: false }, true, 'en')).toMatch(/without completing the close handshake\.$/);
  });

  it('counts a text message in UTF-8 bytes, as it went over the wire', () => {
    expect(describeMessage('粘包', 'en')).toBe('message (text, 6 bytes): 粘包');
    expect(describeMessage(new ArrayBuffer(3), 'en')).toBe('message (binary, 3 bytes)');
  });

  it('speaks Chinese on a Chinese page, keeping the event and field names a reader finds in the API', () => {
    expect(describeClose({ code: 1006, reason: '', wasClean: false }, false, 'zh-CN')).toBe(
      'close：code 1006，wasClean false，reason ""。握手失败了，所以连接从未打开。',
    );
    expect(describeMessage('粘包', 'zh-CN')).toBe('message（文本，6 字节）：粘包');
    expect(describeThrown(new DOMException('The operation is insecure.', 'SecurityError'), 'zh-CN')).toBe(
      'new WebSocket 抛出了 SecurityError（The operation is insecure）。socket 根本不存在，所以不会有任何事件。',
    );
    expect(elapsed(1000, 6012.4, 'zh-CN')).toBe('5.012 秒');
    expect(socketLabel(1, 3, 'zh-CN')).toBe('socket 2：');
  });
});
