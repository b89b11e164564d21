// Why each server's results differ from a strict pass: one entry per cause, with the RFC rule; a test checks every disagreement has one.
import type { Verdict } from '../cases/case-types.ts';
import { matchesCaseList } from '../cases/index.ts';

export interface Explanation {
  /** An anchor for the Conformance page. */
  id: string;
  title: string;
  /** The servers (matrix ids; client ids in CLIENT_EXPLANATIONS) it explains, and which of their cases, as a `--cases` list. */
  servers: string[];
  cases: string;
  verdicts: Verdict[];
  /** Who is right, in plain sentences; the verdict's RFC section is in `rfc`. */
  text: string;
  rfc: string;
}

const NODE = ['node-ws', 'node-demo', 'node-workshop'];
const ALL = [
  ...NODE,
  'go-gorilla',
  'go-xnet',
  'go-nhooyr',
  'python-websockets',
  'python-aiohttp',
  'python-tornado',
  'ruby-faye',
  'java-jetty9',
];

export const EXPLANATIONS: Explanation[] = [
  {
    id: 'utf8-at-message-end',
    title: 'Invalid UTF-8 found at the end of a frame or message, not at the first bad byte',
    servers: [...NODE, 'python-websockets', 'python-aiohttp', 'python-tornado', 'ruby-faye', 'java-jetty9'],
    cases: '6.4.*',
    verdicts: ['NON-STRICT'],
    text: 'These servers check a text message’s UTF-8 once a frame or the whole message has arrived, so they fail the connection (with 1007) a second later than a server that checks each byte as it comes. The RFC asks only that an endpoint fail the connection when it finds the text invalid; Autobahn rates failing at the first impossible byte as the strict reading and anything later as NON-STRICT. Neither side is wrong: the servers conform.',
    rfc: '§8.1',
  },
  {
    id: 'echo-lost-before-failure',
    title: 'The echo of a good message is lost when a bad frame follows it at once',
    servers: ['python-websockets', 'python-aiohttp'],
    cases: '3.2,3.3,3.4,4.1.3,4.1.4,4.1.5,4.2.3,4.2.4,4.2.5,5.15',
    verdicts: ['NON-STRICT'],
    text: 'The prober sends a good text message and, right behind it, a frame that breaks a rule. These servers read both before the echo of the first is written, then fail the connection, and a failed connection sends no more data, so the echo never comes. Autobahn accepts both outcomes and calls this one NON-STRICT.',
    rfc: '§7.1.7',
  },
  {
    id: 'spec-leaves-open',
    title: 'Outcomes the RFC leaves open',
    servers: ALL,
    cases: '7.1.6,7.13.1,7.13.2',
    verdicts: ['INFORMATIONAL'],
    text: 'Case 7.1.6 sends a Close right behind a 256 KiB message, and whether the echo is written before the Close is handled is up to the implementation. Cases 7.13.1 and 7.13.2 send close codes (5000, 65535) outside every range the RFC defines, and the RFC does not say what a receiver does then. Autobahn reports these as INFORMATIONAL, and so does this suite.',
    rfc: '§5.5.1, §7.4.2',
  },
  {
    id: 'demo-limits',
    title: 'The demo server and the workshop’s solution refuse what their limits refuse',
    servers: ['node-demo', 'node-workshop'],
    cases: '9.*',
    verdicts: ['FAILED', 'NON-STRICT'],
    text: 'The demo server takes messages up to 64 KiB, 128 fragments per message and 100 messages a second, and closes with 1009 (Message Too Big) or 1008 (Policy Violation) past them; the workshop’s step 8 asks the reader’s server for the same 64 KiB limit. Category 9 sends larger messages (even at the default reduced sizes), 4096 fragments, or 100 round trips in a few milliseconds, so those cases fail here by design. The RFC asks endpoints to set such limits; Autobahn notes that failing a limits case is not a breach of the protocol.',
    rfc: '§10.4',
  },
  {
    id: 'demo-deflate-limit',
    title: 'The demo server’s /ws/deflate refuses compressed messages past its 16 KiB limit',
    servers: ['node-demo'],
    cases: '12.*,13.*',
    verdicts: ['FAILED'],
    text: 'The demo server runs categories 12 and 13 on /ws/deflate, which takes messages up to 16 KiB once inflated, and ws refuses a compressed frame longer than that before inflating it. The cases with 32 KiB to 128 KiB messages, and 16 KiB of near-random bytes, which compress to a little more than they were, end with its 1009 (Message Too Big) and its Close, not the prober’s. That is the limit doing its job: a small compressed frame can inflate to megabytes, and the RFC asks endpoints to limit what a peer can make them hold. Every smaller message comes back compressed and intact, with every offer of category 13.',
    rfc: '§10.4, RFC 7692 §8',
  },
  {
    id: 'utf8-left-to-the-application',
    title: 'gorilla and nhooyr leave UTF-8 validation to the application',
    servers: ['go-gorilla', 'go-nhooyr'],
    cases: '6.*',
    verdicts: ['FAILED'],
    text: 'A text message must be valid UTF-8, and an endpoint that receives one that is not must fail the connection. gorilla/websocket’s documentation says that “it is the application’s responsibility to ensure that text messages are valid UTF-8 encoded text”, and nhooyr.io/websocket 1.8.7 has no such check either, so an idiomatic echo server sends the invalid text back. The servers are wrong here; an application fixes it by checking utf8.Valid on each text message and closing with 1007.',
    rfc: '§5.6, §8.1',
  },
  {
    id: 'xnet-io-copy',
    title: 'x/net/websocket with io.Copy copies bytes, not messages',
    servers: ['go-xnet'],
    cases: '1.*,2.*,3.*,4.*,5.*,6.*,7.*,9.*,10.*,12.*,13.*',
    verdicts: ['FAILED'],
    text: 'The echo server is the one the package documents, io.Copy(ws, ws). It copies payload bytes into frames of the connection’s own type (text), so binary messages come back as text, an empty message never comes back, and a fragmented message comes back in pieces of its own. The recorded bytes also show it answering a Close by dropping TCP without a Close of its own, and echoing invalid text and frames with reserved bits instead of failing the connection. The Close, the invalid text and the reserved bits each break a MUST of the RFC (§5.5.1, §8.1, §5.2), and so does binary that comes back as text when its bytes are not UTF-8 (§5.6); the lost empty message and the split fragmented one break only the echo; the package itself says that it “lacks some features” of the more actively maintained nhooyr.io/websocket.',
    rfc: '§5.4, §5.5.1, §5.6, §7.1.7',
  },
  {
    id: 'aiohttp-close-1006',
    title: 'aiohttp accepts the close code 1006 from the peer',
    servers: ['python-aiohttp'],
    cases: '7.9.5',
    verdicts: ['FAILED'],
    text: 'The code 1006 (abnormal closure) is reserved for an API to report a connection that dropped; it “MUST NOT be set as a status code in a Close control frame by an endpoint”. RFC 6455 binds only the sender and sets no rule for a receiver of such a Close; failing the connection with 1002, as ws does, is the usual choice and the one Autobahn’s category 7 expects. aiohttp 3.8 answers it with an ordinary Close (1000), so that case fails.',
    rfc: '§7.4.1',
  },
  {
    id: 'short-key',
    title: 'Most libraries accept a Sec-WebSocket-Key that is not 16 bytes',
    servers: ['go-gorilla', 'go-xnet', 'go-nhooyr', 'python-tornado', 'ruby-faye', 'java-jetty9'],
    cases: 'h.3',
    verdicts: ['FAILED'],
    text: 'The key must be a base64 value that decodes to 16 bytes, and a handshake that does not match the RFC’s description must be refused. gorilla/websocket, x/net/websocket and nhooyr.io/websocket check only that the header is not empty (in server.go, hybi.go and accept.go of the Debian packages), and Tornado only that it is present; faye-websocket and Jetty upgrade it too. So six of the ten libraries upgrade a request whose key decodes to 5 bytes, while ws, websockets and aiohttp refuse it with 400. We re-read the rule because so many disagree, and it stands: the servers that upgrade are wrong. The Accept value still comes out right, so clients never notice, but the servers break a MUST.',
    rfc: '§4.2.1',
  },
  {
    id: 'version-refusal-without-version',
    title: 'websockets and aiohttp refuse an unknown version without saying which they speak',
    servers: ['python-websockets', 'python-aiohttp'],
    cases: 'h.4',
    verdicts: ['FAILED'],
    text: 'A server that does not understand the requested Sec-WebSocket-Version must refuse the handshake with an HTTP error such as 426 Upgrade Required and a Sec-WebSocket-Version header field listing the versions it does understand, so that a client can retry. Both answer 400 Bad Request without that header field. Refused, as required, but the client is not told to use 13; the servers are wrong on the header.',
    rfc: '§4.2.2, §4.4',
  },
  {
    id: 'faye-500',
    title: 'faye-websocket on Thin answers a handshake without a key with 500',
    servers: ['ruby-faye'],
    cases: 'h.2',
    verdicts: ['FAILED'],
    text: 'A handshake without a Sec-WebSocket-Key is the client’s error, and the server must refuse it with an appropriate status such as 400 Bad Request. Here the request reaches faye-websocket, which raises, and Thin answers 500 Internal Server Error: refused, but with a status that blames the server. Our case asks for a 4xx.',
    rfc: '§4.2.1',
  },
  {
    id: 'faye-any-version',
    title: 'faye-websocket upgrades a handshake with an unknown version',
    servers: ['ruby-faye'],
    cases: 'h.4',
    verdicts: ['FAILED'],
    text: 'Asked for Sec-WebSocket-Version: 99, which no draft or RFC defined, faye-websocket 0.11 answers 101 and speaks version 13 anyway. A server must refuse a version it does not understand, with a Sec-WebSocket-Version header field naming the ones it does; the server is wrong.',
    rfc: '§4.2.2, §4.4',
  },
];

/** The explanation of a server's case with this verdict, if any; `explanations` is CLIENT_EXPLANATIONS for the client matrix. */
export function explanationFor(
  server: string,
  caseId: string,
  verdict: Verdict,
  explanations: readonly Explanation[] = EXPLANATIONS,
): Explanation | undefined {
  return explanations.find((e) => e.servers.includes(server) && e.verdicts.includes(verdict) && matchesCaseList(caseId, e.cases));
}
