// The Security page's checklist: OWASP's WebSocket test steps and cheat-sheet defences, each with the tests here that cover it.
import type { Locale } from '../lib/i18n/locale.ts';

export const WSTG_URL =
  'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/11-Client-side_Testing/10-Testing_WebSockets';
export const CHEAT_SHEET_URL = 'https://cheatsheetseries.owasp.org/cheatsheets/WebSocket_Security_Cheat_Sheet.html';

/** A test by its file and its name (an `it`/`test` title, a `describe` title, or a case title the test is named after). */
export interface CoveringTest {
  file: string;
  name: string;
}

export interface ChecklistItem {
  source: 'WSTG-CLNT-10' | 'Cheat Sheet';
  /** The check in our own words, in each language the site speaks. */
  check: Record<Locale, string>;
  /** Tests by their own (English) names, which is how the unit test finds them. */
  coveredBy: CoveringTest[];
  /** Why nothing here covers it, when nothing does. */
  notCovered?: Record<Locale, string>;
}

/** The table's own words around the items. */
export const SECURITY_CHECKLIST_TEXT: Record<Locale, { caption: string; columns: [string, string, string]; notCovered: string }> = {
  en: {
    caption: "OWASP's WebSocket checks and the tests that cover them here",
    columns: ['Check', 'After', 'Covered by'],
    notCovered: 'Not covered.',
  },
  'zh-CN': {
    caption: 'OWASP 的 WebSocket 检查项，以及本项目里覆盖它们的测试',
    columns: ['检查项', '出处', '覆盖它的测试'],
    notCovered: '没有覆盖。',
  },
};

export const SECURITY_CHECKLIST: readonly ChecklistItem[] = [
  {
    source: 'WSTG-CLNT-10',
    check: { en: 'Origin: a page from another origin is refused at the handshake', 'zh-CN': 'Origin：来自另一个源的页面在握手时被拒绝' },
    coveredBy: [
      { file: 'tests/server/hardening.test.ts', name: 'refuses other hosts, other ports, "null" and garbage with 403' },
      { file: 'tests/server/cswsh.test.ts', name: "refuses the other origin's socket with 403 though the cookie came along" },
      {
        file: 'tests/e2e/security.spec.ts',
        name: 'a page on another origin is refused with the Origin check, and signed in as the reader without it',
      },
    ],
  },
  {
    source: 'WSTG-CLNT-10',
    check: {
      en: 'Confidentiality and integrity: sockets run over wss: where the page is https:',
      'zh-CN': '机密性与完整性：页面是 https: 的地方，socket 走 wss:',
    },
    coveredBy: [
      {
        file: 'tests/e2e/ws-from-https.spec.ts',
        name: 'the constructor throws SecurityError and the console logs the mixed-content block; loopback is let through',
      },
      { file: 'tests/e2e/ws-from-https.spec.ts', name: 'builds a wss: URL on an https: page, and it opens' },
    ],
  },
  {
    source: 'WSTG-CLNT-10',
    check: {
      en: 'Authentication: the server checks a credential, and refuses a handshake without one',
      'zh-CN': '认证：服务器检查凭证，拒绝不带凭证的握手',
    },
    coveredBy: [
      { file: 'tests/server/auth.test.ts', name: 'welcomes the signed-in reader, refuses a handshake without the cookie' },
      { file: 'tests/server/auth.test.ts', name: 'closes with 1008 a connection that sends no token before the deadline, or a wrong one' },
      { file: 'tests/e2e/security.spec.ts', name: 'each authentication pattern welcomes the signed-in reader' },
    ],
  },
  {
    source: 'WSTG-CLNT-10',
    check: {
      en: 'Authorization: each request on an open socket is checked against what the user may do',
      'zh-CN': '授权：已打开的 socket 上的每个请求，都按用户的权限检查',
    },
    coveredBy: [],
    notCovered: {
      en: 'The demo endpoints give every reader the same rights (echo, one chat room), so there is no per-message permission to test. A server with roles checks them on every message, not once at the handshake.',
      'zh-CN':
        '演示端点给每位读者同样的权限（回显、一个聊天室），所以没有按消息区分的权限可测。有角色的服务器要在每条消息上检查权限，而不是只在握手时查一次。',
    },
  },
  {
    source: 'WSTG-CLNT-10',
    check: {
      en: 'Input sanitization: what arrives on a socket is untrusted data',
      'zh-CN': '输入净化：socket 上到达的一切都是不可信的数据',
    },
    coveredBy: [
      { file: 'tests/e2e/chat-room.spec.ts', name: 'shows a message full of markup as text, and creates no element from it' },
      { file: 'tests/server/bad-input/suite.ts', name: 'frames (Autobahn|Testsuite categories 1–7 and 9)' },
    ],
  },
  {
    source: 'Cheat Sheet',
    check: {
      en: 'Use wss: in production; a page over https: cannot fall back to ws:',
      'zh-CN': '生产环境用 wss:；https: 页面不能退回到 ws:',
    },
    coveredBy: [
      { file: 'tests/e2e/ws-from-https.spec.ts', name: "the control's ws: URL is blocked by the page's Content-Security-Policy" },
    ],
  },
  {
    source: 'Cheat Sheet',
    check: {
      en: 'Validate Origin against an allow list (cross-site WebSocket hijacking)',
      'zh-CN': '按允许列表校验 Origin（跨站 WebSocket 劫持）',
    },
    coveredBy: [
      {
        file: 'tests/server/hardening.test.ts',
        name: 'allows no Origin (not a browser page), the same host and port in any scheme, and listed origins',
      },
      { file: 'tests/server/cswsh.test.ts', name: 'has no second origin and no /ws/cswsh/unsafe at all' },
    ],
  },
  {
    source: 'Cheat Sheet',
    check: {
      en: 'Authenticate at the handshake, and keep tokens out of URLs (they land in access logs)',
      'zh-CN': '在握手时认证，令牌不要放进 URL（它们会进入访问日志）',
    },
    coveredBy: [
      { file: 'tests/server/auth-query-log.test.ts', name: 'writes the token into the default access log line' },
      {
        file: 'tests/server/auth.test.ts',
        name: 'reads the token from a base64url.bearer.authorization.k8s.io. name and answers with the protocol it speaks',
      },
    ],
  },
  {
    source: 'Cheat Sheet',
    check: { en: 'Short-lived, single-use credentials for the socket', 'zh-CN': '给 socket 用短时效、一次性的凭证' },
    coveredBy: [
      { file: 'tests/server/auth.test.ts', name: 'opens one connection per ticket: a second use and an expired ticket are refused' },
    ],
  },
  {
    source: 'Cheat Sheet',
    check: { en: 'Limit message size', 'zh-CN': '限制消息大小' },
    coveredBy: [
      { file: 'tests/server/bad-input/frame-cases.ts', name: 'two fragments of 40 KiB each: over 64 KiB together' },
      { file: 'tests/server/bad-input/security-history.ts', name: 'memory by tiny fragments' },
    ],
  },
  {
    source: 'Cheat Sheet',
    check: { en: 'Limit connections, per client and in all', 'zh-CN': '限制连接数：每个客户端的和总数' },
    coveredBy: [
      {
        file: 'tests/server/bad-input/faults.test.ts',
        name: 'refuses the connections over the per-IP cap with 429 and over the global cap with 503',
      },
    ],
  },
  {
    source: 'Cheat Sheet',
    check: { en: 'Rate-limit messages', 'zh-CN': '限制消息速率' },
    coveredBy: [
      {
        file: 'tests/server/hardening.test.ts',
        name: 'allows a burst of maxMessagesPerSecond messages, then refuses until the bucket refills',
      },
    ],
  },
  {
    source: 'Cheat Sheet',
    check: { en: 'Time out idle and dead connections', 'zh-CN': '让空闲和失联的连接超时' },
    coveredBy: [
      {
        file: 'tests/server/bad-input/faults.test.ts',
        name: 'closes a connection that sends nothing with 1000 and a reason that says why',
      },
      { file: 'tests/server/bad-input/faults.test.ts', name: 'terminates a peer that does not answer pings, and keeps one that does' },
    ],
  },
  {
    source: 'Cheat Sheet',
    check: {
      en: 'Bound the handshake: slow headers, too many or too large header fields',
      'zh-CN': '约束握手：头部来得太慢、字段太多或太大',
    },
    coveredBy: [
      { file: 'tests/server/bad-input/faults.test.ts', name: 'answers headers that never finish with 408 and cuts the socket' },
      { file: 'tests/server/bad-input/handshake-cases.ts', name: '2000 header fields' },
    ],
  },
  {
    source: 'Cheat Sheet',
    check: {
      en: 'Monitor: HTTP logs see only the handshake, so count connections, messages and refusals',
      'zh-CN': '监控：HTTP 日志只看得到握手，所以要统计连接、消息和拒绝',
    },
    coveredBy: [
      {
        file: 'tests/server/hardening.test.ts',
        name: 'reports connections, messages by endpoint and direction, and refusals in the Prometheus text format',
      },
    ],
  },
  {
    source: 'Cheat Sheet',
    check: { en: 'Keep the WebSocket library patched', 'zh-CN': '及时给 WebSocket 库打补丁' },
    coveredBy: [
      { file: 'tests/server/bad-input/security-history.test.ts', name: 'has the ws the advisories name as fixed, in the lock file too' },
    ],
  },
];
