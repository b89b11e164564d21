// Every word the CSWSH demo's second-origin page shows, in each language the site speaks. The server fills the page's
// headings from it and hands the script its sentences as JSON, so the plain page and its script say the same thing.
// API names (new WebSocket, open, message, error, close, wasClean) stay as the API spells them in both languages.
import type { Locale } from '../../src/lib/i18n/locale.ts';

/** The words of the page itself, put into attacker.html by the server. */
export interface SecondOriginPageText {
  lang: string;
  title: string;
  heading: string;
  intro: string;
  guardedTitle: string;
  guardedLabel: string;
  unsafeTitle: string;
  unsafeLabel: string;
  verdictLabel: string;
  trying: string;
  back: string;
}

/** The script's sentences, with {placeholders} it fills in: JSON carries no functions. */
export interface SecondOriginScriptText {
  close: string;
  sentAsReader: string;
  noHandshake: string;
  answered: string;
  yes: string;
  no: string;
  noWorkshop: string;
  originCheckBug: string;
  hijacked: string;
  noCookie: string;
}

export interface SecondOriginText {
  page: SecondOriginPageText;
  script: SecondOriginScriptText;
}

export const SECOND_ORIGIN_TEXT: Record<Locale, SecondOriginText> = {
  en: {
    page: {
      lang: 'en',
      title: 'Another origin: the CSWSH demo',
      heading: 'A page from another origin',
      intro:
        'This page comes from a second port on this machine, so it is another origin but the same site as the workshop. As soon as it loaded, its script opened two WebSockets to the demo server, the way any page you visit could. You did nothing.',
      guardedTitle: "1. The demo server's cookie endpoint, with its Origin check",
      guardedLabel: 'With the Origin check',
      unsafeTitle: '2. The same endpoint with the Origin check left out',
      unsafeLabel: 'Without the Origin check',
      verdictLabel: 'Verdict',
      trying: 'Trying…',
      back: 'Back to the workshop',
    },
    script: {
      close: 'close: code {code}, wasClean {wasClean}',
      sentAsReader: 'Sent by the other origin, as you',
      noHandshake: 'The demo server saw no handshake from this page.',
      answered: 'The demo server answered {answer}; the sign-in cookie came along: {cookie}.',
      yes: 'yes',
      no: 'no',
      noWorkshop: 'Open this page from the workshop\u2019s Security page: it needs to know where the demo server is.',
      originCheckBug: 'The Origin check let this page in: that is a bug.',
      hijacked: 'Refused with the Origin check; without it, this page was signed in as {user}.',
      noCookie: 'Refused both times: sign in on the Security page first, so there is a cookie to hijack.',
    },
  },
  'zh-CN': {
    page: {
      lang: 'zh-CN',
      title: '另一个源：CSWSH 演示',
      heading: '来自另一个源的页面',
      intro:
        '这个页面来自本机的另一个端口，所以它和工作坊是不同的源（origin），却是同一个站点（site）。页面一加载，它的脚本就向演示服务器打开了两个 WebSocket，你访问的任何页面都能这样做。你什么也没点。',
      guardedTitle: '1. 演示服务器的 cookie 端点，带 Origin 检查',
      guardedLabel: '有 Origin 检查',
      unsafeTitle: '2. 同一个端点，去掉了 Origin 检查',
      unsafeLabel: '没有 Origin 检查',
      verdictLabel: '结论',
      trying: '正在尝试……',
      back: '回到工作坊',
    },
    script: {
      close: 'close：关闭码 {code}，wasClean {wasClean}',
      sentAsReader: '由另一个源以你的身份发出',
      noHandshake: '演示服务器没有看到这个页面发来的握手。',
      answered: '演示服务器的回答是 {answer}；登录 cookie 一起发过去了吗：{cookie}。',
      yes: '是',
      no: '否',
      noWorkshop: '请从工作坊的“安全”页面打开这个页面：它需要知道演示服务器在哪里。',
      originCheckBug: 'Origin 检查放这个页面进去了：这是一个 bug。',
      hijacked: '有 Origin 检查时被拒绝；没有它时，这个页面以 {user} 的身份登录了。',
      noCookie: '两次都被拒绝：请先在“安全”页面登录，这样才有 cookie 可劫持。',
    },
  },
};

/** The workshop page the reader came from decides the language: a path with a zh-cn segment is the Chinese edition. */
export function secondOriginLocale(from: string | null): Locale {
  try {
    return /(^|\/)zh-cn\//.test(new URL(from ?? '').pathname) ? 'zh-CN' : 'en';
  } catch {
    return 'en';
  }
}
