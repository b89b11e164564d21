// The frame cases of the bad-input suite: a port of Autobahn|Testsuite categories 1–7 and 9 to the demo server's /ws/echo.
//
// Categories 12 and 13 (permessage-deflate) are skipped: the demo server never negotiates compression, so an RSV1
// frame is a protocol error like any other RSV bit (see category 3). Category 9's performance cases (long runs of
// big messages) belong to bench/; what stays here is 9's point for a public server: the limits hold.
import { clientFrame, closePayload } from './raw-client.ts';

const TEXT = 0x1;
const BINARY = 0x2;
const CLOSE = 0x8;
const PING = 0x9;
const PONG = 0xa;

export interface FrameCase {
  /** The Autobahn case it ports (category.case), or a letter for a case of our own in that category. */
  id: string;
  title: string;
  /** What the client writes after a valid handshake. */
  bytes: Buffer;
  /** For valid input the client closes with 1000 afterwards, so every case ends with the server's Close. */
  clientCloses?: boolean;
  /** The data frames and pongs the server sends before its Close, as opcode and payload hex. */
  replies?: { opcode: number; payload: string }[];
  /** Whether to check `replies`; a flood's echoes before the Close depend on timing. Default true. */
  checkReplies?: boolean;
  /** The code in the server's Close frame; null for a Close with an empty body. */
  closeCode: number | null;
  /** Other Close codes that conform just as well (the RFC leaves the choice open); `note` says why. */
  orCloseCodes?: (number | null)[];
  /** What the case demands beyond what RFC 6455 requires, in a sentence; the workshop's pages list it as a choice. */
  beyondRfc?: string;
  /** Too big to write one byte at a time in reasonable time. */
  wholeOnly?: boolean;
  /** Why the answer is what it is, when ws decides something the RFC leaves open. */
  note?: string;
}

const hexOf = (data: string | Uint8Array) => Buffer.from(data).toString('hex');
const echoOf = (opcode: number, data: string | Uint8Array) => ({ opcode, payload: hexOf(data) });
const frames = (...parts: Buffer[]) => Buffer.concat(parts);
const text = (payload: string | Uint8Array, fields = {}) => clientFrame({ opcode: TEXT, payload, ...fields });
const closeWith = (code: number, reason: Uint8Array | string = '') => clientFrame({ opcode: CLOSE, payload: closePayload(code, reason) });
const bytes = (hexText: string) => Buffer.from(hexText.replace(/\s/g, ''), 'hex');
const KAPPA = 'κόσμε';
const SIZE_LIMIT = "RFC 6455 asks for limits and sets none (§10.4): 64 KiB a message is the demo server's limit and the check's.";

export const FRAME_CASES: FrameCase[] = [
  // 1 Framing: every length encoding, text and binary, echoed unchanged (§5.2).
  { id: '1.1.1', title: 'empty text message', bytes: text(''), clientCloses: true, replies: [echoOf(TEXT, '')], closeCode: 1000 },
  {
    id: '1.1.2',
    title: 'text of 125 bytes (the longest 7-bit length)',
    bytes: text('*'.repeat(125)),
    clientCloses: true,
    replies: [echoOf(TEXT, '*'.repeat(125))],
    closeCode: 1000,
  },
  {
    id: '1.1.3',
    title: 'text of 126 bytes (the shortest 16-bit length)',
    bytes: text('*'.repeat(126)),
    clientCloses: true,
    replies: [echoOf(TEXT, '*'.repeat(126))],
    closeCode: 1000,
  },
  {
    id: '1.1.4',
    title: 'text of 65535 bytes (the longest 16-bit length)',
    bytes: text('*'.repeat(65535)),
    clientCloses: true,
    replies: [echoOf(TEXT, '*'.repeat(65535))],
    closeCode: 1000,
    wholeOnly: true,
  },
  {
    id: '1.1.5',
    title: 'text of 65536 bytes (64-bit length, exactly the message limit)',
    bytes: text('*'.repeat(65536)),
    clientCloses: true,
    replies: [echoOf(TEXT, '*'.repeat(65536))],
    closeCode: 1000,
    wholeOnly: true,
  },
  {
    id: '1.2.1',
    title: 'empty binary message',
    bytes: clientFrame({ opcode: BINARY }),
    clientCloses: true,
    replies: [echoOf(BINARY, '')],
    closeCode: 1000,
  },
  {
    id: '1.2.2',
    title: 'binary of 126 bytes, the even byte values 00 to fa',
    bytes: clientFrame({ opcode: BINARY, payload: Uint8Array.from({ length: 126 }, (_, i) => (i * 2) & 0xff) }),
    clientCloses: true,
    replies: [
      echoOf(
        BINARY,
        Uint8Array.from({ length: 126 }, (_, i) => (i * 2) & 0xff),
      ),
    ],
    closeCode: 1000,
  },
  {
    id: '1.a',
    title: 'an unmasked client frame',
    // "Hello" unmasked (§5.7's first example): a server must fail a connection whose client does not mask (§5.1).
    bytes: bytes('81 05 48656c6c6f'),
    closeCode: 1002,
  },
  {
    id: '1.b',
    title: 'a 5-byte text frame with a non-minimal 16-bit length',
    bytes: text('Hello', { lengthEncoding: '16-bit' }),
    clientCloses: true,
    replies: [echoOf(TEXT, 'Hello')],
    closeCode: 1000,
    note: '§5.2 says the minimal number of bytes MUST be used, but names no answer for a receiver; ws accepts such frames, and so does the demo server.',
    beyondRfc:
      "§5.2's minimal length encoding binds the sender; a receiver may take a longer one (as ws does) or fail the connection with 1002. The check wants the echo.",
  },

  // 2 Pings and pongs (§5.5.2, §5.5.3).
  {
    id: '2.1',
    title: 'ping without payload',
    bytes: clientFrame({ opcode: PING }),
    clientCloses: true,
    replies: [echoOf(PONG, '')],
    closeCode: 1000,
  },
  {
    id: '2.2',
    title: 'ping with a text payload',
    bytes: clientFrame({ opcode: PING, payload: 'Hello, world!' }),
    clientCloses: true,
    replies: [echoOf(PONG, 'Hello, world!')],
    closeCode: 1000,
  },
  {
    id: '2.3',
    title: 'ping with 125 bytes of binary payload (the most a control frame holds)',
    bytes: clientFrame({ opcode: PING, payload: new Uint8Array(125).fill(0xfe) }),
    clientCloses: true,
    replies: [echoOf(PONG, new Uint8Array(125).fill(0xfe))],
    closeCode: 1000,
  },
  {
    id: '2.5',
    title: 'ping with 126 bytes of payload (control frames hold at most 125)',
    bytes: clientFrame({ opcode: PING, payload: new Uint8Array(126).fill(0xfe) }),
    closeCode: 1002,
  },
  {
    id: '2.7',
    title: 'unsolicited pong without payload, ignored',
    bytes: clientFrame({ opcode: PONG }),
    clientCloses: true,
    replies: [],
    closeCode: 1000,
  },
  {
    id: '2.8',
    title: 'unsolicited pong with payload, ignored',
    bytes: clientFrame({ opcode: PONG, payload: 'unsolicited pong payload' }),
    clientCloses: true,
    replies: [],
    closeCode: 1000,
  },
  {
    id: '2.10',
    title: '10 pings, 10 pongs in order',
    bytes: frames(...Array.from({ length: 10 }, (_, i) => clientFrame({ opcode: PING, payload: `payload-${i}` }))),
    clientCloses: true,
    replies: Array.from({ length: 10 }, (_, i) => echoOf(PONG, `payload-${i}`)),
    closeCode: 1000,
    beyondRfc:
      'A server may answer only the most recent of several pings (§5.5.3); the check wants a Pong for each, in order, as ws sends (Autobahn 2.10 checks this too, "not required by the Spec").',
  },

  // 3 Reserved bits: no extension is negotiated, so any RSV bit fails the connection (§5.2).
  { id: '3.1', title: 'text with RSV1 set', bytes: text('Hello', { rsv1: true }), closeCode: 1002 },
  { id: '3.2', title: 'text with RSV2 set', bytes: text('Hello', { rsv2: true }), closeCode: 1002 },
  {
    id: '3.3',
    title: 'a valid text, then text with RSV3 set',
    bytes: frames(text('Hello'), text('Hello', { rsv3: true })),
    replies: [echoOf(TEXT, 'Hello')],
    closeCode: 1002,
  },
  {
    id: '3.6',
    title: 'ping with RSV2 and RSV3 set',
    bytes: clientFrame({ opcode: PING, payload: 'Hello', rsv2: true, rsv3: true }),
    closeCode: 1002,
  },
  {
    id: '3.7',
    title: 'close with all three RSV bits set',
    bytes: clientFrame({ opcode: CLOSE, rsv1: true, rsv2: true, rsv3: true }),
    closeCode: 1002,
  },

  // 4 Opcodes: reserved data (0x3–0x7) and control (0xB–0xF) opcodes fail the connection (§5.2).
  { id: '4.1.1', title: 'reserved non-control opcode 3', bytes: clientFrame({ opcode: 0x3 }), closeCode: 1002 },
  {
    id: '4.1.2',
    title: 'reserved non-control opcode 4 with payload',
    bytes: clientFrame({ opcode: 0x4, payload: 'reserved' }),
    closeCode: 1002,
  },
  {
    id: '4.1.3',
    title: 'a valid text, then opcode 5',
    bytes: frames(text('Hello'), clientFrame({ opcode: 0x5 })),
    replies: [echoOf(TEXT, 'Hello')],
    closeCode: 1002,
  },
  { id: '4.2.1', title: 'reserved control opcode 11', bytes: clientFrame({ opcode: 0xb }), closeCode: 1002 },
  {
    id: '4.2.2',
    title: 'reserved control opcode 15 with payload',
    bytes: clientFrame({ opcode: 0xf, payload: 'reserved' }),
    closeCode: 1002,
  },

  // 5 Fragmentation (§5.4).
  {
    id: '5.1',
    title: 'a ping in two fragments (control frames must not be fragmented)',
    bytes: frames(clientFrame({ opcode: PING, fin: false, payload: 'frag' }), clientFrame({ opcode: 0x0, payload: 'ment' })),
    closeCode: 1002,
  },
  {
    id: '5.2',
    title: 'a pong in two fragments',
    bytes: frames(clientFrame({ opcode: PONG, fin: false, payload: 'frag' }), clientFrame({ opcode: 0x0, payload: 'ment' })),
    closeCode: 1002,
  },
  {
    id: '5.3',
    title: 'text in two fragments',
    bytes: frames(text('frag', { fin: false }), clientFrame({ opcode: 0x0, payload: 'ment' })),
    clientCloses: true,
    replies: [echoOf(TEXT, 'fragment')],
    closeCode: 1000,
  },
  {
    id: '5.6',
    title: 'text in two fragments with a ping between them',
    bytes: frames(
      text('frag', { fin: false }),
      clientFrame({ opcode: PING, payload: 'between' }),
      clientFrame({ opcode: 0x0, payload: 'ment' }),
    ),
    clientCloses: true,
    replies: [echoOf(PONG, 'between'), echoOf(TEXT, 'fragment')],
    closeCode: 1000,
  },
  {
    id: '5.9',
    title: 'a continuation with no message to continue',
    bytes: clientFrame({ opcode: 0x0, fin: false, payload: 'orphan' }),
    closeCode: 1002,
  },
  {
    id: '5.15',
    title: 'a whole fragmented message, then a stray final continuation',
    bytes: frames(
      text('frag', { fin: false }),
      clientFrame({ opcode: 0x0, payload: 'ment' }),
      clientFrame({ opcode: 0x0, payload: 'stray' }),
    ),
    replies: [echoOf(TEXT, 'fragment')],
    closeCode: 1002,
  },
  {
    id: '5.18',
    title: 'a new text frame while a fragmented message is open',
    bytes: frames(text('frag', { fin: false }), text('interloper')),
    closeCode: 1002,
  },
  {
    id: '5.a',
    title: 'a message in 128 one-byte fragments (the limit) is echoed',
    bytes: frames(
      text('x', { fin: false }),
      ...Array.from({ length: 127 }, (_, i) => clientFrame({ opcode: 0x0, payload: 'x', fin: i === 126 })),
    ),
    clientCloses: true,
    replies: [echoOf(TEXT, 'x'.repeat(128))],
    closeCode: 1000,
  },
  {
    id: '5.b',
    title: 'a flood of tiny fragments: the 129th fragment of one message',
    bytes: frames(text('x', { fin: false }), ...Array.from({ length: 128 }, () => clientFrame({ opcode: 0x0, payload: 'x', fin: false }))),
    closeCode: 1008,
    note: 'The RFC sets no fragment limit; DEMO_MAX_FRAGMENTS_PER_MESSAGE does, and §7.4.1 gives 1008 for a policy violation.',
    beyondRfc: "RFC 6455 asks for limits and sets none (§10.4): 128 fragments a message is the demo server's limit and the check's.",
  },

  // 6 UTF-8 in text messages (§8.1): invalid text fails the connection with 1007 (§7.4.1).
  { id: '6.2.1', title: 'valid two-byte UTF-8', bytes: text(KAPPA), clientCloses: true, replies: [echoOf(TEXT, KAPPA)], closeCode: 1000 },
  {
    id: '6.2.3',
    title: 'valid UTF-8 split inside a code point across fragments',
    // κ is ce ba: the first fragment ends after ce.
    bytes: frames(text(bytes('ce'), { fin: false }), clientFrame({ opcode: 0x0, payload: bytes('ba') })),
    clientCloses: true,
    replies: [echoOf(TEXT, 'κ')],
    closeCode: 1000,
  },
  {
    id: '6.2.4',
    title: 'a valid four-byte code point (U+1F600)',
    bytes: text(bytes('f09f9880')),
    clientCloses: true,
    replies: [echoOf(TEXT, '😀')],
    closeCode: 1000,
  },
  { id: '6.3.1', title: 'invalid UTF-8 in one frame', bytes: text(bytes('cebae1bdb9cf83cebcceb5eda080656469746564')), closeCode: 1007 },
  {
    id: '6.3.2',
    title: 'invalid UTF-8 split across fragments',
    bytes: frames(
      text(bytes('cebae1bdb9cf83'), { fin: false }),
      clientFrame({ opcode: 0x0, payload: bytes('cebcceb5eda080656469746564') }),
    ),
    closeCode: 1007,
  },
  { id: '6.6.a', title: 'a sequence cut short at the end of the message', bytes: text(bytes('48e282')), closeCode: 1007 },
  { id: '6.8.1', title: 'a code point above U+10FFFF (f4 90 80 80)', bytes: text(bytes('f4908080')), closeCode: 1007 },
  { id: '6.10.1', title: 'a lone continuation byte', bytes: text(bytes('80')), closeCode: 1007 },
  { id: '6.12.a', title: 'an overlong encoding of "/" (c0 af)', bytes: text(bytes('c0af')), closeCode: 1007 },
  { id: '6.19.1', title: 'a UTF-16 surrogate (ed a0 80)', bytes: text(bytes('eda080')), closeCode: 1007 },

  // 7 Closing (§5.5.1, §7.4).
  { id: '7.1.1', title: 'text, then close', bytes: text('Hello'), clientCloses: true, replies: [echoOf(TEXT, 'Hello')], closeCode: 1000 },
  {
    id: '7.1.3',
    title: 'close, then a ping, which is ignored',
    bytes: frames(closeWith(1000), clientFrame({ opcode: PING })),
    replies: [],
    closeCode: 1000,
  },
  {
    id: '7.1.5',
    title: 'close, then text, which is ignored',
    bytes: frames(closeWith(1000), text('after close')),
    replies: [],
    closeCode: 1000,
  },
  {
    id: '7.3.1',
    title: 'close with an empty body',
    bytes: clientFrame({ opcode: CLOSE }),
    closeCode: null,
    orCloseCodes: [1000],
    note: 'With no code on the wire there is nothing to echo (§5.5.1): ws answers with an empty body, and a Close 1000 conforms too (Autobahn 7.3.1 takes either). The peer reports 1005 (§7.1.5).',
  },
  { id: '7.3.2', title: 'close with a one-byte body', bytes: clientFrame({ opcode: CLOSE, payload: bytes('03') }), closeCode: 1002 },
  { id: '7.3.3', title: 'close 1000 with no reason', bytes: closeWith(1000), closeCode: 1000 },
  {
    id: '7.3.5',
    title: 'close 1000 with a 123-byte reason (the most that fits)',
    bytes: closeWith(1000, '*'.repeat(123)),
    closeCode: 1000,
  },
  {
    id: '7.3.6',
    title: 'close with a 124-byte reason (126 bytes of payload: too long for a control frame)',
    bytes: closeWith(1000, '*'.repeat(124)),
    closeCode: 1002,
  },
  {
    id: '7.5.1',
    title: 'close with a reason that is not UTF-8',
    bytes: closeWith(1000, bytes('cebae1bdb9cf83cebcceb5eda080656469746564')),
    closeCode: 1007,
    orCloseCodes: [1002],
    note: '§8.1 fails the connection on invalid UTF-8 but names no code for a Close reason, which is not a message: ws answers 1007, and 1002 conforms too (Autobahn 7.5.1 takes either).',
  },
  ...[1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999].map((code): FrameCase => ({
    id: `7.7.${code}`,
    title: `close with the valid code ${code}, echoed`,
    bytes: closeWith(code),
    closeCode: code,
    // §7.4.1: 1010 "is not used by the server", so a server need not send it back.
    ...(code === 1010
      ? { orCloseCodes: [1000], note: '§7.4.1: a client sends 1010 and a server does not, so answering 1000 conforms too; ws echoes it.' }
      : {}),
    beyondRfc: 'The reply to a Close "typically" echoes its code (§5.5.1); the check wants the echo, as ws sends.',
  })),
  ...[0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999, 5000, 65535].map((code): FrameCase => ({
    id: `7.9.${code}`,
    title: `close with the invalid code ${code}`,
    bytes: closeWith(code),
    closeCode: 1002,
    note: '0–999 are not used and 1016–2999 are reserved for this protocol (§7.4.2), 1004 is reserved and 1005 and 1006 must not be set in a Close (§7.4.1); 5000 and above appear in no range. ws fails all of them with 1002; Autobahn 7.9.x does so for 0–2999, and for 5000 and 65535 (its 7.13.x) calls the outcome undefined.',
    beyondRfc: "The RFC sets no rule for a receiver of this code (§7.4); failing the connection with 1002 is ws's choice and the check's.",
  })),
  {
    id: '7.b',
    title: 'a fragmented close',
    bytes: frames(clientFrame({ opcode: CLOSE, fin: false, payload: closePayload(1000) }), clientFrame({ opcode: 0x0 })),
    closeCode: 1002,
  },

  // 9 Limits: a public server needs them (§10.4), and must not fall over when a peer passes them.
  {
    id: '9.1.a',
    title: 'text one byte over the 64 KiB limit',
    bytes: text('*'.repeat(65537)),
    closeCode: 1009,
    wholeOnly: true,
    beyondRfc: SIZE_LIMIT,
  },
  {
    id: '9.1.b',
    title: 'a binary frame that declares 4 GiB and sends 5 bytes',
    bytes: clientFrame({ opcode: BINARY, payload: 'Hello', declaredLength: 2 ** 32 }),
    closeCode: 1009,
    note: 'ws judges the declared length as soon as the header arrives: nothing is buffered for a 4 GiB promise.',
    beyondRfc: SIZE_LIMIT,
  },
  {
    id: '9.1.c',
    title: 'a 64-bit length with its most significant bit set (§5.2: it must be 0)',
    bytes: clientFrame({ opcode: BINARY, payload: 'Hello', declaredLength: 2n ** 63n + 5n }),
    closeCode: 1009,
    orCloseCodes: [1002],
    note: "§5.2 makes the most significant bit 0 and names no code for a frame that breaks it: ws answers 1009, the code for a length it will not take, and 1002 (a protocol error, as this project's decoder says) conforms as well.",
  },
  {
    id: '9.1.d',
    title: 'two fragments of 40 KiB each: over 64 KiB together',
    bytes: frames(text('*'.repeat(40 * 1024), { fin: false }), clientFrame({ opcode: 0x0, payload: '*'.repeat(40 * 1024) })),
    closeCode: 1009,
    wholeOnly: true,
    beyondRfc: SIZE_LIMIT,
  },
  {
    id: '9.2.a',
    title: 'a flood of 300 tiny messages at once (over 100 a second)',
    bytes: frames(...Array.from({ length: 300 }, (_, i) => text(String(i % 10)))),
    checkReplies: false,
    closeCode: 1008,
    note: 'DEMO_MAX_MESSAGES_PER_SECOND; §7.4.1 gives 1008 for a policy violation. Some messages are echoed before the Close.',
  },
  {
    id: '9.2.b',
    title: 'a flood of 300 pings (each would cost the server a pong)',
    bytes: frames(...Array.from({ length: 300 }, () => clientFrame({ opcode: PING }))),
    checkReplies: false,
    closeCode: 1008,
  },
];

/** A Close frame the client sends after a valid case. */
export const CLIENT_CLOSE = closeWith(1000);
