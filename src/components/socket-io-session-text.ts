// Every word the recorded Socket.IO session's list shows around the annotator's own, in each language the site speaks.
import type { Locale } from '../lib/i18n/locale.ts';

export interface SocketIoSessionText {
  caption: string;
  /** The first line of one message: who sent it, the frame, its bytes. */
  message: (from: 'client' | 'server', opcodeName: string, bytes: number, masked: boolean) => string;
  empty: string;
}

export const SOCKET_IO_SESSION_TEXT: Record<Locale, SocketIoSessionText> = {
  en: {
    caption: 'Recorded: every WebSocket message of a Socket.IO 4 session in order, each payload split into its packets',
    message: (from, opcodeName, bytes, masked) =>
      `${from === 'client' ? 'Client to server' : 'Server to client'}: ${opcodeName} frame, ${bytes} ${bytes === 1 ? 'byte' : 'bytes'} of payload${masked ? ', masked' : ''}`,
    empty: '(empty)',
  },
  'zh-CN': {
    caption: '录制：一次 Socket.IO 4 会话的每条 WebSocket 消息，按顺序排列，每个载荷拆成它的数据包',
    message: (from, opcodeName, bytes, masked) =>
      `${from === 'client' ? '客户端到服务器' : '服务器到客户端'}：${opcodeName}帧，载荷 ${bytes} 字节${masked ? '，已掩码' : ''}`,
    empty: '（空）',
  },
};
