// The Security page's checklist: OWASP's WebSocket test steps and cheat-sheet defences, each with the tests here that cover it.

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
  check: string;
  coveredBy: CoveringTest[];
  /** Why nothing here covers it, when nothing does. */
  notCovered?: string;
}

export const SECURITY_CHECKLIST: readonly ChecklistItem[] = [
  {
    source: 'WSTG-CLNT-10',
    check: 'Origin: a page from another origin is refused at the handshake',
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
    check: 'Confidentiality and integrity: sockets run over wss: where the page is https:',
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
    check: 'Authentication: the server checks a credential, and refuses a handshake without one',
    coveredBy: [
      { file: 'tests/server/auth.test.ts', name: 'welcomes the signed-in reader, refuses a handshake without the cookie' },
      { file: 'tests/server/auth.test.ts', name: 'closes with 1008 a connection that sends no token before the deadline, or a wrong one' },
      { file: 'tests/e2e/security.spec.ts', name: 'each authentication pattern welcomes the signed-in reader' },
    ],
  },
  {
    source: 'WSTG-CLNT-10',
    check: 'Authorization: each request on an open socket is checked against what the user may do',
    coveredBy: [],
    notCovered:
      'The demo endpoints give every reader the same rights (echo, one chat room), so there is no per-message permission to test. A server with roles checks them on every message, not once at the handshake.',
  },
  {
    source: 'WSTG-CLNT-10',
    check: 'Input sanitization: what arrives on a socket is untrusted data',
    coveredBy: [
      { file: 'tests/e2e/chat-room.spec.ts', name: 'shows a message full of markup as text, and creates no element from it' },
      { file: 'tests/server/bad-input/suite.ts', name: 'frames (Autobahn|Testsuite categories 1–7 and 9)' },
    ],
  },
  {
    source: 'Cheat Sheet',
    check: 'Use wss: in production; a page over https: cannot fall back to ws:',
    coveredBy: [
      { file: 'tests/e2e/ws-from-https.spec.ts', name: "the control's ws: URL is blocked by the page's Content-Security-Policy" },
    ],
  },
  {
    source: 'Cheat Sheet',
    check: 'Validate Origin against an allow list (cross-site WebSocket hijacking)',
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
    check: 'Authenticate at the handshake, and keep tokens out of URLs (they land in access logs)',
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
    check: 'Short-lived, single-use credentials for the socket',
    coveredBy: [
      { file: 'tests/server/auth.test.ts', name: 'opens one connection per ticket: a second use and an expired ticket are refused' },
    ],
  },
  {
    source: 'Cheat Sheet',
    check: 'Limit message size',
    coveredBy: [
      { file: 'tests/server/bad-input/frame-cases.ts', name: 'two fragments of 40 KiB each: over 64 KiB together' },
      { file: 'tests/server/bad-input/security-history.ts', name: 'memory by tiny fragments' },
    ],
  },
  {
    source: 'Cheat Sheet',
    check: 'Limit connections, per client and in all',
    coveredBy: [
      {
        file: 'tests/server/bad-input/faults.test.ts',
        name: 'refuses the connections over the per-IP cap with 429 and over the global cap with 503',
      },
    ],
  },
  {
    source: 'Cheat Sheet',
    check: 'Rate-limit messages',
    coveredBy: [
      {
        file: 'tests/server/hardening.test.ts',
        name: 'allows a burst of maxMessagesPerSecond messages, then refuses until the bucket refills',
      },
    ],
  },
  {
    source: 'Cheat Sheet',
    check: 'Time out idle and dead connections',
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
    check: 'Bound the handshake: slow headers, too many or too large header fields',
    coveredBy: [
      { file: 'tests/server/bad-input/faults.test.ts', name: 'answers headers that never finish with 408 and cuts the socket' },
      { file: 'tests/server/bad-input/handshake-cases.ts', name: '2000 header fields' },
    ],
  },
  {
    source: 'Cheat Sheet',
    check: 'Monitor: HTTP logs see only the handshake, so count connections, messages and refusals',
    coveredBy: [
      {
        file: 'tests/server/hardening.test.ts',
        name: 'reports connections, messages by endpoint and direction, and refusals in the Prometheus text format',
      },
    ],
  },
  {
    source: 'Cheat Sheet',
    check: 'Keep the WebSocket library patched',
    coveredBy: [
      { file: 'tests/server/bad-input/security-history.test.ts', name: 'has the ws the advisories name as fixed, in the lock file too' },
    ],
  },
];
