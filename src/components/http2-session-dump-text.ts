// Every word the recorded HTTP/2 session shows around its annotations, in each language the site speaks.
import type { Locale } from '../lib/i18n/locale.ts';

export interface Http2SessionDumpText {
  arrow: { client: string; server: string };
  preface: (arrow: string) => string;
  /** A frame's caption: its type and flags as RFC 9113 names them, and its stream. */
  frame: (arrow: string, typeName: string, flags: string[], streamId: number) => string;
  webSocketCaption: string;
  /**
   * What each recorded step does, by the step's name in src/data/recordings/http2-session.json; null keeps the
   * recording's own words (English, as scripts/record-http2-session.ts wrote them).
   */
  steps: Record<string, string> | null;
}

export const HTTP2_SESSION_DUMP_TEXT: Record<Locale, Http2SessionDumpText> = {
  en: {
    arrow: { client: 'Client → server', server: 'Server → client' },
    preface: (arrow) => `${arrow}: the connection preface`,
    frame: (arrow, typeName, flags, streamId) =>
      `${arrow}: ${typeName}${flags.length ? ` (${flags.join(', ')})` : ''} on stream ${streamId}`,
    webSocketCaption: 'The WebSocket frame this DATA frame carries, byte for byte as on a TCP connection:',
    steps: null,
  },
  'zh-CN': {
    arrow: { client: '客户端 → 服务器', server: '服务器 → 客户端' },
    preface: (arrow) => `${arrow}：连接前言`,
    frame: (arrow, typeName, flags, streamId) =>
      `${arrow}：流 ${streamId} 上的 ${typeName}${flags.length ? `（${flags.join('、')}）` : ''}`,
    webSocketCaption: '这个 DATA 帧承载的 WebSocket 帧，与 TCP 连接上的逐字节相同：',
    steps: {
      settings: '客户端打开连接：先发前言，再发它的 SETTINGS；服务器发出自己的 SETTINGS，双方各自确认对方的设置。',
      connect: '客户端在一条新流上发送针对 /ws/echo 的扩展 CONNECT；服务器应答 200。',
      'text-hello': '客户端向这条流写入一个加了掩码的文本帧“Hello”；服务器把它回显。',
      ping: '客户端写入一个 Ping；服务器以 Pong 应答。',
      close: '客户端写入一个 Close 帧并结束它这一侧的流；服务器以它的 Close 应答，并结束它那一侧。',
    },
  },
};
