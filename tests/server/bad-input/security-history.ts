// The `ws` security history as bad-input cases: what each advisory's attacker sent, and what the demo server answers instead.
import { clientFrame } from './raw-client.ts';
import { handshakeLines } from './raw-client.ts';
import { DemoProtocolError } from '../../../server/demo-errors.ts';

/** One advisory of `ws`, the bytes its attacker sent, and the demo server's answer to them. */
export interface HistoryCase {
  id: string;
  advisory: string;
  ghsa: string;
  /** The first `ws` 8.x release with the fix. */
  fixedIn: string;
  title: string;
  /** The title in Chinese, for the Chinese page's table (the test keeps its English name). */
  titleZh: string;
  /** An opening handshake (lines, no blank line), or frames after a valid handshake. */
  handshake?: (base: string) => string[];
  frames?: Buffer;
  /** The HTTP status of the refusal, or the Close code. */
  answer: number;
  /** Text the refusal's body must contain. */
  body?: string;
  /** The exact Close reason the server must send, where it closes. */
  closeReason?: string;
  /** The answer must come within this many ms: a ReDoS would take longer. */
  withinMs?: number;
}

const fragmentFlood = (count: number) =>
  Buffer.concat([
    clientFrame({ opcode: 0x1, payload: 'x', fin: false }),
    ...Array.from({ length: count }, () => clientFrame({ opcode: 0x0, payload: '', fin: false })),
  ]);

/** What DEMO_MAX_FRAGMENTS_PER_MESSAGE's default (128) sends in the Close, byte for byte. */
const TOO_MANY_FRAGMENTS = new DemoProtocolError(
  'DEMO_ERR_TOO_MANY_FRAGMENTS',
  'A message may come in at most 128 fragments, and this one had more.',
).closeReason;

export const SECURITY_HISTORY: readonly HistoryCase[] = [
  {
    id: 'cve-2021-32640',
    advisory: 'CVE-2021-32640',
    ghsa: 'GHSA-6fc8-4gx4-v693',
    fixedIn: '7.4.6',
    title: 'a Sec-WebSocket-Protocol of "b", 16 000 spaces and "x" (the ReDoS): 400 at once',
    titleZh: 'Sec-WebSocket-Protocol 为 "b"、16 000 个空格和 "x"（ReDoS）：立即得到 400',
    handshake: (base) => [...handshakeLines(base), `Sec-WebSocket-Protocol: b${' '.repeat(16_000)}x`],
    answer: 400,
    body: 'Sec-WebSocket-Protocol',
    withinMs: 1000,
  },
  {
    id: 'cve-2024-37890',
    advisory: 'CVE-2024-37890',
    ghsa: 'GHSA-3h5v-q93c-6h6q',
    fixedIn: '8.17.1',
    title: "2000 header fields before Upgrade (past Node's maxHeadersCount, Upgrade is dropped from the headers): 431",
    titleZh: 'Upgrade 前面有 2000 个头部字段（超过 Node 的 maxHeadersCount，Upgrade 从 headers 里被丢掉）：431',
    handshake: (base) => {
      // As in the advisory's proof of concept: the fillers first, so Node keeps them and drops the handshake's own fields.
      const [requestLine, ...fields] = handshakeLines(base);
      const host = fields.filter((line) => line.startsWith('Host:'));
      const rest = fields.filter((line) => !line.startsWith('Host:'));
      return [requestLine!, ...host, ...Array.from({ length: 2000 }, (_, i) => `X-Filler-${i}: ${i}`), ...rest];
    },
    answer: 431,
  },
  {
    id: 'cve-2026-48779',
    advisory: 'CVE-2026-48779',
    ghsa: 'GHSA-96hv-2xvq-fx4p',
    fixedIn: '8.21.0',
    title: 'one message in 10 000 empty fragments (memory by tiny fragments): Close 1008 at the 129th',
    titleZh: '一条消息拆成 10 000 个空分片（用极小的分片耗尽内存）：在第 129 个时 Close 1008',
    frames: fragmentFlood(10_000),
    answer: 1008,
    closeReason: TOO_MANY_FRAGMENTS,
  },
  {
    id: 'cve-2026-45736',
    advisory: 'CVE-2026-45736',
    ghsa: 'GHSA-58qx-3vcg-4xpx',
    fixedIn: '8.20.1',
    title: 'a Close with a reason (the close-reason disclosure): exactly the reason meant, not one byte of memory more',
    titleZh: '带原因的 Close（关闭原因泄漏）：恰好是想发的原因，不多一个字节的内存',
    frames: fragmentFlood(128),
    answer: 1008,
    closeReason: TOO_MANY_FRAGMENTS,
  },
];
