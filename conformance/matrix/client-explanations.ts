// Why each client's results (client mode) differ from a strict pass: one entry per cause, with the RFC rule; a test checks every disagreement has one.
import type { Explanation } from './explanations.ts';

const BROWSERS = ['chromium', 'firefox'];
const ALL_CLIENTS = [...BROWSERS, 'node-websocket', 'node-ws', 'python-websockets', 'go-gorilla'];

/** Same shape as the server matrix's explanations; `servers` holds client ids (conformance/matrix/clients.ts). */
export const CLIENT_EXPLANATIONS: Explanation[] = [
  {
    id: 'client-chromium-1002',
    title: 'Chromium fails invalid UTF-8 with 1002, not 1007',
    servers: ['chromium'],
    cases: '6.*',
    verdicts: ['NON-STRICT'],
    text: 'Chromium notices invalid text at once (even in the middle of a frame, which Autobahn rates as the strict reading) and fails the connection, but its Close frame carries 1002 (protocol error) where the RFC defines 1007 for “non-UTF-8 data within a text message”. Failing the connection is what the RFC requires, and it asks only for “an appropriate status code”, so Autobahn calls the code WRONG CODE and the case non-strict. Chromium is not strictly right; nothing breaks for the server, which sees the connection fail either way.',
    rfc: '§7.1.7, §7.4.1, §8.1',
  },
  {
    id: 'client-utf8-at-message-end',
    title: 'Clients that find invalid UTF-8 at the end of a frame or message, not at the first bad byte',
    servers: ['firefox', 'node-websocket', 'node-ws', 'python-websockets'],
    cases: '6.4.*',
    verdicts: ['NON-STRICT'],
    text: 'Cases 6.4.1–6.4.4 send invalid text in three parts a second apart, the second part making it invalid. Firefox, Node’s built-in WebSocket and ws check a text message once the whole message is in, so they fail the connection only after the third part: Node’s clients with a Close carrying 1007, Firefox by closing TCP without a Close frame, which §7.1.7 allows (“an endpoint MAY omit sending a Close frame”). Python’s websockets checks each frame as it completes, so it fails fast in 6.4.1 and 6.4.2, where the parts are frames, and late in 6.4.3 and 6.4.4, where they are pieces of one frame. The RFC asks only that an endpoint fail the connection when it finds the text invalid; Autobahn rates failing at the first impossible byte as the strict reading. The clients conform.',
    rfc: '§7.1.7, §8.1',
  },
  {
    id: 'client-echo-lost-before-failure',
    title: 'Clients that lose the echo of a good message when a bad frame follows it at once',
    servers: [...BROWSERS, 'python-websockets'],
    cases: '3.2,3.3,3.4,4.1.3,4.1.4,4.1.5,4.2.3,4.2.4,4.2.5,5.15',
    verdicts: ['NON-STRICT'],
    text: 'The fuzzing server sends a good text message and, right behind it, a frame that breaks a rule. The library reads both before the application’s echo of the first is written, fails the connection, and then sends nothing more: an endpoint that fails the connection must not go on processing data. In Chromium and Firefox the page’s message handler runs after the connection has already failed, and send() on a closing socket sends nothing (the WHATWG WebSockets standard). Autobahn accepts both outcomes and calls this one NON-STRICT; which of these cases it hits depends on timing, so a fresh run may move one of them between OK and NON-STRICT.',
    rfc: '§7.1.7',
  },
  {
    id: 'client-utf8-left-to-the-application',
    title: 'gorilla leaves UTF-8 validation to the application, in its client too',
    servers: ['go-gorilla'],
    cases: '6.*',
    verdicts: ['FAILED'],
    text: 'A text message must be valid UTF-8, and an endpoint that receives one that is not must fail the connection. gorilla/websocket’s reader does not check, in its client as in its server (see the server matrix), so an idiomatic echo client sends the invalid text back and the fuzzing server has to close. gorilla is wrong here; an application fixes it by checking utf8.Valid on each text message and closing with 1007.',
    rfc: '§5.6, §8.1',
  },
  {
    id: 'client-spec-leaves-open',
    title: 'Client outcomes the RFC leaves open',
    servers: ALL_CLIENTS,
    cases: '7.1.6,7.13.1,7.13.2',
    verdicts: ['INFORMATIONAL'],
    text: 'As for the servers: whether the echo of a large message is written before a Close right behind it is handled (7.1.6), and what a receiver does with close codes 5000 and 65535 (7.13.1, 7.13.2), which no range of the RFC defines, are up to the implementation. Autobahn reports these as INFORMATIONAL, and so does this suite.',
    rfc: '§5.5.1, §7.4.2',
  },
];
