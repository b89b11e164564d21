// Step 1's checks: the opening handshake's cases from the bad-input suite, answered as the demo server answers them, and three of its own.
import { HANDSHAKE_CASES, type HandshakeCase } from '../../../tests/server/bad-input/handshake-cases.ts';
import { handshakeLines } from '../../../tests/server/bad-input/raw-client.ts';
import type { Check } from '../../checker/check.ts';
import type { CheckerText } from '../../checker/checker-text.ts';
import { handshakeCaseCheck } from '../../checker/probes.ts';
import { sectionOfHandshakeCase } from '../../checker/sections.ts';

/** The suite's cases that step 1 takes: every one that tests the handshake itself, not a limit or the Origin policy. */
const SUITE_CASES = ['h.1', 'h.2', 'h.3', 'h.4', 'h.5', 'h.6', 'h.7', 'h.9', 'h.10', 'h.11', 'h.12', 'h.22'];

const byId = (id: string) => HANDSHAKE_CASES.find((testCase) => testCase.id === id)!;

/** Rules of RFC 6455 that the shared suite has no case for: the HTTP version, the version's 0–255 range, and Upgrade as a list. */
const OWN_CASES: { testCase: HandshakeCase; section: string }[] = [
  {
    section: '4.2.1',
    testCase: {
      id: '1.http10',
      title: 'an HTTP/1.0 request with every WebSocket header field',
      lines: (base) => [handshakeLines(base)[0]!.replace('HTTP/1.1', 'HTTP/1.0'), ...handshakeLines(base).slice(1)],
      status: 400,
      body: 'HTTP/1.1',
      note: '§4.2.1 item 1: an HTTP/1.1 or higher GET request (and RFC 9110 §7.8: a server ignores Upgrade in an HTTP/1.0 request).',
    },
  },
  {
    section: '4.3',
    testCase: {
      id: '1.v256',
      title: 'version 256, one past the 0–255 a version may be',
      lines: (base) => [...handshakeLines(base).slice(0, -1), 'Sec-WebSocket-Version: 256'],
      status: 400,
      body: 'not a version',
    },
  },
  {
    section: '4.2.1',
    testCase: {
      id: '1.upgrade-list',
      title: 'Upgrade: foo, websocket (a list of protocols that names websocket)',
      lines: (base) => [...handshakeLines(base).filter((line) => !line.startsWith('Upgrade:')), 'Upgrade: foo, websocket'],
      status: 101,
      headers: { 'sec-websocket-accept': 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=' },
      note: '§4.1 item 5 (§4.2.1 item 3): Upgrade must include the "websocket" keyword; it is a list (RFC 9110 §7.8).',
    },
  },
];

/** Step 1's checks, told in the words of `text`. */
export const handshakeChecks = (text: CheckerText): Check[] => [
  ...SUITE_CASES.map((id) => handshakeCaseCheck(byId(id), sectionOfHandshakeCase(id), text)),
  ...OWN_CASES.map(({ testCase, section }) => handshakeCaseCheck(testCase, { section }, text)),
  handshakeCaseCheck(byId('h.1'), { section: '4.2.1', bytewise: true }, text),
];
