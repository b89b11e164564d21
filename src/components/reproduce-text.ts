// Every word the Reproduce control shows, in each language the site speaks; the AuthPatterns log reuses its event sentences.
import type { Locale } from '../lib/i18n/locale.ts';

export interface ReproduceText {
  /** The hint when the page gives none. */
  hint: string;
  labels: { open: string; log: string };
  urlPrefix: string;
  reproduce: string;
  closeSockets: string;
  /** The close reason the page sends when the reader presses Close sockets (it comes back in the close event). */
  closeReason: string;
  /** Seconds since the click, already to three decimals. */
  seconds: (threeDecimals: string) => string;
  socketLabel: (number: number) => string;
  /** The constructor threw: `said` is the browser's message without its final full stop, or empty. */
  thrown: (name: string, said: string) => string;
  open: string;
  messageText: (bytes: number, data: string) => string;
  messageBinary: (bytes: number) => string;
  message: string;
  error: string;
  closeFields: (code: number, wasClean: boolean, reason: string) => string;
  meaning: { neverOpened: string; noCloseFrame: string; clean: string; unclean: string };
}

export const REPRODUCE_TEXT: Record<Locale, ReproduceText> = {
  en: {
    hint: 'Nothing connects until you press Reproduce. The log shows each event the browser fires.',
    labels: { open: 'Open sockets', log: 'Browser events' },
    urlPrefix: 'URL:',
    reproduce: 'Reproduce',
    closeSockets: 'Close sockets',
    closeReason: 'Reader pressed Close sockets',
    seconds: (threeDecimals) => `${threeDecimals} s`,
    socketLabel: (number) => `socket ${number}: `,
    thrown: (name, said) => `new WebSocket threw ${name}${said ? `: ${said}` : ''}. No socket exists, so no event will follow.`,
    open: 'open',
    messageText: (bytes, data) => `message (text, ${bytes} bytes): ${data}`,
    messageBinary: (bytes) => `message (binary, ${bytes} bytes)`,
    message: 'message',
    error: 'error (the event carries no detail; the browser wrote its reason to the DevTools console, which a page cannot read)',
    closeFields: (code, wasClean, reason) => `close: code ${code}, wasClean ${wasClean}, reason ${JSON.stringify(reason)}. `,
    meaning: {
      neverOpened: 'The handshake failed, so the connection never opened.',
      noCloseFrame: 'The TCP connection ended without a Close frame.',
      clean: 'Both sides exchanged Close frames: a clean close.',
      unclean: 'The connection closed without completing the close handshake.',
    },
  },
  'zh-CN': {
    hint: '按下“复现”之前什么都不会连接。日志列出浏览器触发的每一个事件。',
    labels: { open: '打开的 socket', log: '浏览器事件' },
    urlPrefix: 'URL：',
    reproduce: '复现',
    closeSockets: '关闭 socket',
    closeReason: '读者按下了“关闭 socket”',
    seconds: (threeDecimals) => `${threeDecimals} 秒`,
    socketLabel: (number) => `socket ${number}：`,
    thrown: (name, said) => `new WebSocket 抛出了 ${name}${said ? `（${said}）` : ''}。socket 根本不存在，所以不会有任何事件。`,
    open: 'open',
    messageText: (bytes, data) => `message（文本，${bytes} 字节）：${data}`,
    messageBinary: (bytes) => `message（二进制，${bytes} 字节）`,
    message: 'message',
    error: 'error（这个事件不带任何细节；浏览器把原因写进了 DevTools 控制台，页面读不到）',
    closeFields: (code, wasClean, reason) => `close：code ${code}，wasClean ${wasClean}，reason ${JSON.stringify(reason)}。`,
    meaning: {
      neverOpened: '握手失败了，所以连接从未打开。',
      noCloseFrame: 'TCP 连接结束了，却没有 Close 帧。',
      clean: '双方交换了 Close 帧：干净的关闭。',
      unclean: '连接关闭了，但关闭握手没有完成。',
    },
  },
};
