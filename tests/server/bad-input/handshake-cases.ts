// The handshake cases of the bad-input suite: opening handshakes that are broken, oversized or unwelcome, and the exact status each gets.
import { handshakeLines, SAMPLE_KEY, type HttpAnswer } from './raw-client.ts';

/** A status and the header fields (names in lower case) that must come with it. */
export interface ExpectedStatus {
  status: number;
  headers?: Record<string, string>;
}

export interface HandshakeCase {
  id: string;
  title: string;
  /** The request lines (no trailing blank line), given the server's host:port. */
  lines: (base: string) => string[];
  status: number;
  /** Headers the answer must carry. */
  headers?: Record<string, string>;
  /** What the case demands beyond what the RFCs require, in a sentence; the workshop's pages list it as a choice. */
  beyondRfc?: string;
  /** Another answer that conforms just as well, with the header fields it must carry instead. */
  orElse?: ExpectedStatus;
  /** Text the body must contain. */
  body?: string;
  /** Too big to write one byte at a time in reasonable time. */
  wholeOnly?: boolean;
  note?: string;
}

const without = (lines: string[], name: string) => lines.filter((line) => !line.toLowerCase().startsWith(`${name.toLowerCase()}:`));
const replace = (lines: string[], name: string, value: string) => [...without(lines, name), `${name}: ${value}`];

export const HANDSHAKE_CASES: HandshakeCase[] = [
  {
    id: 'h.1',
    title: 'a valid handshake',
    lines: (base) => handshakeLines(base),
    status: 101,
    // §1.3's worked example: the accept value for the sample key.
    headers: { 'sec-websocket-accept': 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=', upgrade: 'websocket' },
  },
  {
    id: 'h.2',
    title: 'no Sec-WebSocket-Key',
    lines: (base) => without(handshakeLines(base), 'Sec-WebSocket-Key'),
    status: 400,
    body: 'Sec-WebSocket-Key',
  },
  {
    id: 'h.3',
    title: 'a Sec-WebSocket-Key that is not 16 bytes in base64',
    lines: (base) => replace(handshakeLines(base), 'Sec-WebSocket-Key', 'c2hvcnQ='),
    status: 400,
    body: 'Sec-WebSocket-Key',
    note: '§4.2.1 item 5: the key decodes to 16 bytes; anything else is a bad request.',
  },
  {
    id: 'h.4',
    title: 'no Sec-WebSocket-Version',
    lines: (base) => without(handshakeLines(base), 'Sec-WebSocket-Version'),
    status: 400,
    body: 'no Sec-WebSocket-Version header field',
  },
  {
    id: 'h.5',
    title: 'version 8 (a draft)',
    lines: (base) => replace(handshakeLines(base), 'Sec-WebSocket-Version', '8'),
    status: 426,
    headers: { 'sec-websocket-version': '13', upgrade: 'websocket' },
    orElse: { status: 400, headers: { 'sec-websocket-version': '13' } },
    note: 'ws alone would accept version 8. §4.2.2 /version/ asks for "an appropriate HTTP error code (such as 426 Upgrade Required)" with the versions the server speaks, and §4.4\'s example uses 400; a 426 must also carry Upgrade (RFC 9110 §15.5.22), which a sender pairs with Connection: upgrade (§7.8).',
  },
  {
    id: 'h.6',
    title: 'a malformed version',
    lines: (base) => replace(handshakeLines(base), 'Sec-WebSocket-Version', '013'),
    status: 400,
    body: 'not a version',
  },
  {
    id: 'h.7',
    title: 'POST instead of GET',
    lines: (base) => [handshakeLines(base)[0]!.replace('GET', 'POST'), ...handshakeLines(base).slice(1), 'Content-Length: 0'],
    status: 405,
    headers: { allow: 'GET' },
    note: '§4.1 item 2: the method is GET. RFC 9110 §15.5.6: a 405 lists the allowed methods in Allow, which ws leaves out.',
  },
  {
    id: 'h.8',
    title: 'no Upgrade header: a plain GET to an endpoint',
    lines: (base) => without(without(handshakeLines(base), 'Upgrade'), 'Connection'),
    status: 426,
    headers: { upgrade: 'websocket', connection: 'Upgrade' },
    note: 'A 426 carries Upgrade (RFC 9110 §15.5.22), and a sender of Upgrade names it in Connection too (§7.8).',
  },
  {
    id: 'h.9',
    title: 'Upgrade: h2c instead of websocket',
    lines: (base) => replace(handshakeLines(base), 'Upgrade', 'h2c'),
    status: 400,
    body: 'Upgrade',
  },
  {
    id: 'h.10',
    title: 'a subprotocol that is not a token',
    lines: (base) => [...handshakeLines(base), 'Sec-WebSocket-Protocol: chat/1.0'],
    status: 400,
    body: 'Sec-WebSocket-Protocol',
    note: '§4.1 item 10: each subprotocol is a token, and "/" is a separator.',
  },
  {
    id: 'h.11',
    title: 'an unknown endpoint',
    lines: (base) => [`GET /ws/nope HTTP/1.1`, ...handshakeLines(base).slice(1)],
    status: 404,
  },
  {
    id: 'h.12',
    title: 'HTTP/1.1 without Host',
    lines: (base) => without(handshakeLines(base), 'Host'),
    status: 400,
    body: 'no Host header field',
    note: 'Node lets an upgrade without Host through; §4.1 item 4 requires Host and §4.2.1 a 400 for a broken handshake, so the demo server checks.',
  },
  {
    id: 'h.13',
    title: 'not HTTP at all',
    lines: () => ['\u0016\u0003\u0001 this is not a request line'],
    status: 400,
  },
  {
    id: 'h.14',
    title: '2000 header fields',
    lines: (base) => [...handshakeLines(base), ...Array.from({ length: 2000 }, (_, i) => `X-Filler-${i}: ${i}`)],
    status: 431,
    wholeOnly: true,
    note: 'Over 16 KiB of headers, so Node answers 431 itself before the demo server sees the request.',
  },
  {
    id: 'h.15',
    title: '101 tiny header fields (one over the count, well under the size)',
    lines: (base) => [...handshakeLines(base), ...Array.from({ length: 101 - handshakeLines(base).length + 1 }, (_, i) => `x${i}: ${i}`)],
    status: 431,
    body: 'at most 100 header fields',
    beyondRfc:
      "RFC 6455 sets no header limit: 100 fields is the demo server's limit and the check's, and 431 is RFC 6585's status (§5) for headers too large.",
  },
  {
    id: 'h.16',
    title: 'one header of 20 KiB',
    lines: (base) => [...handshakeLines(base), `X-Big: ${'a'.repeat(20 * 1024)}`],
    status: 431,
    wholeOnly: true,
  },
  {
    id: 'h.17',
    title: 'a page from another site (Cross-Site WebSocket Hijacking)',
    lines: (base) => [...handshakeLines(base), 'Origin: https://evil.example'],
    status: 403,
    body: 'https://evil.example',
    note: '§10.2: the server checks Origin and refuses pages it does not serve with a suitable status such as 403 (§4.2.2).',
  },
  {
    id: 'h.18',
    title: "the site's own page (Origin matches Host, whatever the scheme)",
    lines: (base) => [...handshakeLines(base), `Origin: https://${base}`],
    status: 101,
  },
  {
    id: 'h.19',
    title: 'a page from an origin in ALLOWED_ORIGINS',
    lines: (base) => [...handshakeLines(base), 'Origin: https://allowed.example'],
    status: 101,
  },
  {
    id: 'h.20',
    title: 'Origin: null (a sandboxed frame or a file: page)',
    lines: (base) => [...handshakeLines(base), 'Origin: null'],
    status: 403,
  },
  {
    id: 'h.21',
    title: 'the same host on another port',
    lines: (base) => [...handshakeLines(base), `Origin: http://${base.split(':')[0]}:1`],
    status: 403,
  },
  {
    id: 'h.22',
    title: 'two keys in one request',
    lines: (base) => [...handshakeLines(base), `Sec-WebSocket-Key: ${SAMPLE_KEY}`],
    status: 400,
    note: 'Node joins repeated Sec-WebSocket-Key fields with ", ", which is no longer a valid key (§4.2.1 item 5, §11.3.1).',
  },
];

/** What is wrong with `answer` for `testCase`, a phrase for each thing; empty when the answer is right. */
export function handshakeAnswerProblems(
  testCase: HandshakeCase,
  answer: HttpAnswer,
  words: AnswerProblemWords = ENGLISH_PROBLEM_WORDS,
): string[] {
  const expected = testCase.orElse?.status === answer.status ? testCase.orElse : testCase;
  const problems: string[] = [];
  if (answer.status !== expected.status) {
    problems.push(words.statusIsNot(answer.status, [testCase.status, ...(testCase.orElse ? [testCase.orElse.status] : [])]));
  }
  for (const [name, value] of Object.entries(expected.headers ?? {})) {
    const got = answer.headers[name];
    if (got !== value) problems.push(got === undefined ? words.headerMissing(name) : words.headerIs(name, got));
  }
  if (testCase.body && !answer.body.includes(testCase.body)) problems.push(words.bodyDoesNotMention(testCase.body));
  return problems;
}

/** How a problem with an answer is worded: in English here, in the reader's language by the workshop's checker. */
export interface AnswerProblemWords {
  statusIsNot: (status: number, expected: number[]) => string;
  headerMissing: (name: string) => string;
  headerIs: (name: string, value: string) => string;
  bodyDoesNotMention: (body: string) => string;
}

export const ENGLISH_PROBLEM_WORDS: AnswerProblemWords = {
  statusIsNot: (status, expected) => `the status is ${status}, not ${expected.join(' or ')}`,
  headerMissing: (name) => `${name} is missing`,
  headerIs: (name, value) => `${name} is "${value}"`,
  bodyDoesNotMention: (body) => `the body does not mention "${body}"`,
};
