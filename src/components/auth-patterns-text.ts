// Every word the authentication patterns widget shows, in each language the site speaks; browser events use reproduce-text.ts.
import type { Locale } from '../lib/i18n/locale.ts';
import { describeDemoError } from '../lib/i18n/demo-error-text.ts';
import type { Pattern } from './auth-patterns.ts';

export interface AuthPatternsText {
  title: string;
  hint: string;
  signIn: string;
  labels: { signedInAs: string; pattern: string; log: string };
  nobodyYet: string;
  connect: string;
  patterns: Record<Pattern, string>;
  /** The demo server said no to a POST under /auth/: its status, and its refusal in the page's language. */
  refused: (status: number, code: string | undefined, serverMessage: string) => string;
  signedIn: (user: string) => string;
  /** A ticket or token handed out, shown by its start only. */
  received: (what: 'ticket' | 'token', start: string) => string;
  /** `offered` is the list of subprotocol names as code, or empty when none was offered. */
  constructing: (url: string, offered: string) => string;
  opened: (protocol: string) => string;
  sentFirstMessage: string;
  /** A close reason carrying a DEMO_ERR_… code, said in the page's language; null where the reason itself is enough. */
  closeRefusal: ((code: string, serverMessage: string) => string) | null;
  /** Why the token-only offer failed: the server may echo none of the names offered, and WHATWG then fails the connection. */
  tokenOnlyFailed: string;
  /** The same offer, in a browser that opens the socket anyway. */
  tokenOnlyOpened: string;
}

export const AUTH_PATTERNS_TEXT: Record<Locale, AuthPatternsText> = {
  en: {
    title: 'Authentication patterns',
    hint: 'Sign in once, pick a pattern and press Connect. The log shows what went to the demo server and what the browser reported.',
    signIn: 'Sign in',
    labels: { signedInAs: 'Signed in as', pattern: 'Pattern', log: 'What happened' },
    nobodyYet: 'nobody yet',
    connect: 'Connect',
    patterns: {
      cookie: 'Cookie (and the Origin check)',
      ticket: 'One-time ticket in the URL',
      'first-message': 'Token in the first message',
      subprotocol: 'Token in Sec-WebSocket-Protocol, with a real subprotocol',
      'subprotocol-token-only': 'Token in Sec-WebSocket-Protocol alone',
      query: 'Token in the query string',
    },
    refused: (status, code, serverMessage) => `refused: ${status}: ${code ? `${code}: ` : ''}${serverMessage}`,
    signedIn: (user) => `200: signed in as ${user}`,
    received: (what, start) => `200: ${what} ${start}`,
    constructing: (url, offered) => `new WebSocket("${url}"${offered ? `, offering ${offered}` : ''})`,
    opened: (protocol) => `open, protocol ${JSON.stringify(protocol)}`,
    sentFirstMessage: 'sent the token as the first message',
    closeRefusal: null,
    tokenOnlyFailed:
      'The demo server answered 101 with no Sec-WebSocket-Protocol, since the only name offered was the token. The page had ' +
      'asked for a subprotocol, so WHATWG says the browser must fail the connection, and this browser did.',
    tokenOnlyOpened:
      'The demo server answered 101 with no Sec-WebSocket-Protocol. WHATWG says a browser that asked for a subprotocol must ' +
      'then fail the connection; this browser opened it anyway, with protocol "".',
  },
  'zh-CN': {
    title: '认证模式',
    hint: '先登录一次，再选一种模式，按“连接”。日志列出发给演示服务器的内容和浏览器报告的事件。',
    signIn: '登录',
    labels: { signedInAs: '当前登录身份', pattern: '模式', log: '发生了什么' },
    nobodyYet: '还没有人',
    connect: '连接',
    patterns: {
      cookie: 'Cookie（加上 Origin 检查）',
      ticket: 'URL 里的一次性票据',
      'first-message': '第一条消息里的令牌',
      subprotocol: 'Sec-WebSocket-Protocol 里的令牌，同时提供一个真正的子协议',
      'subprotocol-token-only': 'Sec-WebSocket-Protocol 里只有令牌',
      query: '查询字符串里的令牌',
    },
    refused: (status, code, serverMessage) => `被拒绝：${status}。${describeDemoError(code, serverMessage, 'zh-CN')}`,
    signedIn: (user) => `200：已登录为 ${user}`,
    received: (what, start) => `200：${what === 'ticket' ? '票据' : '令牌'} ${start}`,
    constructing: (url, offered) => `new WebSocket("${url}"${offered ? `, ${offered}` : ''})`,
    opened: (protocol) => `open，protocol ${JSON.stringify(protocol)}`,
    sentFirstMessage: '已把令牌作为第一条消息发出',
    closeRefusal: (code, serverMessage) => describeDemoError(code, serverMessage, 'zh-CN'),
    tokenOnlyFailed:
      '演示服务器回答了 101，却没有 Sec-WebSocket-Protocol，因为提供的唯一名字就是令牌。页面请求过子协议，' +
      '所以 WHATWG 规定浏览器必须让连接失败，这个浏览器也这样做了。',
    tokenOnlyOpened:
      '演示服务器回答了 101，却没有 Sec-WebSocket-Protocol。WHATWG 规定，请求过子协议的浏览器这时必须让连接失败；' +
      '这个浏览器却照样打开了它，protocol 为 ""。',
  },
};
