// Every word the handshake inspector shows, in each language the site speaks.
import type { Locale } from '../lib/i18n/locale.ts';

/** What the HTTP/2 panel says about one extended CONNECT, as the report shows it. */
export interface Http2Facts {
  method: string;
  protocol: string;
  status: string;
  streamId: number;
}

export interface HandshakeInspectorText {
  title: string;
  hint: string;
  connect: string;
  labels: {
    request: string;
    response: string;
    http2Title: string;
    stream: string;
    acceptTitle: string;
    key: string;
    computed: string;
    received: string;
    verdict: string;
  };
  /** What a header the report lacks shows in its place. */
  none: string;
  noKey: string;
  noAccept: string;
  cannotCheck: string;
  matches: string;
  doesNotMatch: string;
  status: { connecting: (url: string) => string; inspected: (url: string) => string };
  closedEarly: (code: number) => string;
  http2: (facts: Http2Facts) => string;
}

export const HANDSHAKE_INSPECTOR_TEXT: Record<Locale, HandshakeInspectorText> = {
  en: {
    title: 'Handshake inspector',
    hint: 'Nothing connects until you press the button. The demo server sends back the request it received and the response it wrote.',
    connect: 'Connect and inspect',
    labels: {
      request: 'Request, as the server received it',
      response: 'Response, as the server sent it',
      http2Title: 'Your browser used HTTP/2 (RFC 8441)',
      stream: 'HTTP/2 stream carrying this WebSocket',
      acceptTitle: 'Sec-WebSocket-Accept, checked in your browser (RFC 6455 §4.2.2)',
      key: 'Sec-WebSocket-Key from the request',
      computed: 'base64(SHA-1(key + GUID)), computed here',
      received: 'Sec-WebSocket-Accept from the response',
      verdict: 'Verdict',
    },
    none: '(none)',
    noKey: '(no key in the request)',
    noAccept: '(no Sec-WebSocket-Accept in the response)',
    cannotCheck: 'cannot be checked without both headers.',
    matches: 'matches: the server proved it read this key as a WebSocket server would (§4.2.2).',
    doesNotMatch: 'does not match: a browser would fail this connection (§4.1).',
    status: {
      connecting: (url) => `Connecting to ${url}…`,
      inspected: (url) => `Inspected the handshake with ${url}, then closed the connection.`,
    },
    closedEarly: (code) => `The connection closed (code ${code}) before the server sent its report. Press the button to try again.`,
    http2: ({ method, protocol, status, streamId }) =>
      `Your browser did not upgrade a connection: it sent an extended CONNECT (:method ${method}, :protocol ${protocol}; ` +
      `RFC 8441 §4) as the HEADERS of stream ${streamId} of an HTTP/2 connection, and the server answered ` +
      `:status ${status} on the same stream (§5). There is no Sec-WebSocket-Key and no Sec-WebSocket-Accept: the stream ` +
      `itself is the handshake. Every WebSocket frame of this connection travels as the payload of DATA frames on stream ` +
      `${streamId} (§5).`,
  },
  'zh-CN': {
    title: '握手检查器',
    hint: '按下按钮之前什么都不会连接。演示服务器会送回它收到的请求和它写出的响应。',
    connect: '连接并检查',
    labels: {
      request: '请求：服务器收到的样子',
      response: '响应：服务器发出的样子',
      http2Title: '你的浏览器用的是 HTTP/2（RFC 8441）',
      stream: '承载这个 WebSocket 的 HTTP/2 流',
      acceptTitle: 'Sec-WebSocket-Accept，在你的浏览器里核对（RFC 6455 §4.2.2）',
      key: '请求里的 Sec-WebSocket-Key',
      computed: 'base64(SHA-1(key + GUID))，在这里计算',
      received: '响应里的 Sec-WebSocket-Accept',
      verdict: '结论',
    },
    none: '（无）',
    noKey: '（请求里没有 key）',
    noAccept: '（响应里没有 Sec-WebSocket-Accept）',
    cannotCheck: '缺少这两个头部之一，无法核对。',
    matches: '一致：服务器证明了它像 WebSocket 服务器那样读了这个 key（§4.2.2）。',
    doesNotMatch: '不一致：浏览器会让这次连接失败（§4.1）。',
    status: {
      connecting: (url) => `正在连接 ${url}…`,
      inspected: (url) => `已检查与 ${url} 的握手，随后关闭了连接。`,
    },
    closedEarly: (code) => `服务器发出报告之前，连接就关闭了（关闭码 ${code}）。请再按一次按钮重试。`,
    http2: ({ method, protocol, status, streamId }) =>
      `你的浏览器没有升级一条连接：它发出了一个扩展 CONNECT（:method ${method}，:protocol ${protocol}；` +
      `RFC 8441 §4），作为一条 HTTP/2 连接上第 ${streamId} 号流的 HEADERS，服务器在同一条流上回答了 ` +
      `:status ${status}（§5）。这里没有 Sec-WebSocket-Key，也没有 Sec-WebSocket-Accept：这条流本身就是握手。` +
      `这个连接的每一个 WebSocket 帧都作为第 ${streamId} 号流上 DATA 帧的载荷传输（§5）。`,
  },
};
