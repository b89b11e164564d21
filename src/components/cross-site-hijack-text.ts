// Every word the cross-site hijacking widget shows, in each language the site speaks. The second origin's page has its own table, server/cswsh/second-origin-text.ts.
import type { Locale } from '../lib/i18n/locale.ts';
import { describeDemoError } from '../lib/i18n/demo-error-text.ts';

export interface CrossSiteHijackText {
  title: string;
  hint: string;
  signIn: string;
  connect: string;
  labels: { signedInAs: string; fromHere: string; secondOrigin: string };
  nobodyYet: string;
  notTried: string;
  openOther: string;
  signInFirst: string;
  signedIn: (user: string) => string;
  /** The demo server said no to the sign-in: its status, and its refusal in the page's language. */
  refused: (status: number, code: string | undefined, serverMessage: string) => string;
  connecting: string;
  welcomed: (user: string) => string;
  refusedHere: string;
  otherAt: (port: number) => string;
  /** The demo server has no second origin: it runs one only on loopback or when told to. */
  noSecondOrigin: string;
  secondUnreachable: string;
}

export const CROSS_SITE_HIJACK_TEXT: Record<Locale, CrossSiteHijackText> = {
  en: {
    title: 'Cross-site WebSocket hijacking, live',
    hint: "Sign in first: the demo server sets a cookie. Then open the other origin's page, which tries to use it. Nothing connects until you press a button.",
    signIn: 'Sign in to the demo server',
    connect: 'Connect from this page',
    labels: { signedInAs: 'Signed in as', fromHere: 'From this page', secondOrigin: 'Second origin' },
    nobodyYet: 'nobody yet',
    notTried: 'not tried',
    openOther: "Open the other origin's page",
    signInFirst: 'Sign in first.',
    signedIn: (user) => `${user} (cookie demo_session: HttpOnly, SameSite=Strict)`,
    refused: (status, code, serverMessage) => `${status}: ${code ? `${code}: ` : ''}${serverMessage}`,
    connecting: 'connecting…',
    welcomed: (user) => `welcomed as ${user}: same origin, so the Origin check let it in`,
    refusedHere: 'refused (close 1006): sign in first',
    otherAt: (port) => `at port ${port}: another origin, the same site`,
    noSecondOrigin:
      'This demo server has no second origin: it runs only on a server listening on loopback (npm run dev or npm start on ' +
      'your machine), or with DEMO_SECOND_ORIGIN=on.',
    secondUnreachable: 'The demo server could not be reached, so neither can its second origin.',
  },
  'zh-CN': {
    title: '跨站 WebSocket 劫持，现场演示',
    hint: '先登录：演示服务器会设置一个 cookie。然后打开另一个源的页面，它会试着使用这个 cookie。不按按钮就什么都不会连接。',
    signIn: '登录演示服务器',
    connect: '从本页连接',
    labels: { signedInAs: '当前登录身份', fromHere: '从本页', secondOrigin: '第二个源' },
    nobodyYet: '还没有人',
    notTried: '尚未尝试',
    openOther: '打开另一个源的页面',
    signInFirst: '请先登录。',
    signedIn: (user) => `${user}（cookie demo_session：HttpOnly，SameSite=Strict）`,
    refused: (status, code, serverMessage) => `${status}。${describeDemoError(code, serverMessage, 'zh-CN')}`,
    connecting: '正在连接…',
    welcomed: (user) => `以 ${user} 的身份受到欢迎：同一个源，所以 Origin 检查放行了它`,
    refusedHere: '被拒绝（close 1006）：请先登录',
    otherAt: (port) => `在端口 ${port}：另一个源，同一个站点`,
    noSecondOrigin:
      '这个演示服务器没有第二个源：只有只在回环地址上监听的服务器（在你自己的机器上运行 npm run dev 或 npm start）' +
      '才会运行它，或者设置 DEMO_SECOND_ORIGIN=on。',
    secondUnreachable: '无法连接到演示服务器，所以也无法连接到它的第二个源。',
  },
};
