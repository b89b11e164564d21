// Checks built from the bad-input suite's own case definitions, and the socket work they share: send bytes, read the answer, compare.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { FrameParser, hex } from '../../src/lib/protocol/index.ts';
import { CLIENT_CLOSE, type FrameCase } from '../../tests/server/bad-input/frame-cases.ts';
import { handshakeAnswerProblems, type ExpectedStatus, type HandshakeCase } from '../../tests/server/bad-input/handshake-cases.ts';
import { clientFrame, handshakeLines, RawClient, request, type ServerFrame } from '../../tests/server/bad-input/raw-client.ts';
import { CheckFailure, type Check } from './check.ts';
import type { CheckerText } from './checker-text.ts';
import { describeClose, describeFrame, describeRequest, describeResponse, spacedHex } from './describe.ts';

/** How long the checker waits for the server to say anything before it concludes that the server will not. */
export const SILENCE_MS = 1500;
const silence = (text: CheckerText) => text.evidence.seconds(SILENCE_MS / 1000);

interface Patient<T> {
  value?: T;
  /** The server sent nothing for SILENCE_MS, so the checker hung up. */
  silent: boolean;
}

/** Runs `read`, hanging up after SILENCE_MS without a byte from the server. */
async function readPatiently<T>(client: RawClient, read: () => Promise<T>): Promise<Patient<T>> {
  let silent = false;
  const timer = setTimeout(() => {
    silent = true;
    client.destroy();
  }, SILENCE_MS);
  const refresh = () => timer.refresh();
  client.socket.on('data', refresh);
  try {
    const value = await read();
    return { value, silent };
  } catch {
    return { silent };
  } finally {
    clearTimeout(timer);
    client.socket.off('data', refresh);
  }
}

/** Opens a TCP connection and completes a valid opening handshake on /ws/echo, or fails the check saying how it went wrong. */
export async function openWebSocket(base: string, text: CheckerText, options: { allowHalfOpen?: boolean } = {}): Promise<RawClient> {
  const client = await RawClient.open(base, options);
  const lines = handshakeLines(base);
  await client.write(request(lines));
  const { value: answer, silent } = await readPatiently(client, () => client.readResponse());
  if (answer?.status === 101) return client;
  client.destroy();
  throw new CheckFailure({
    sent: describeRequest(lines, text.describe),
    received: answer
      ? describeResponse(answer)
      : silent
        ? text.evidence.noResponseWithin(silence(text))
        : text.evidence.closedWithoutResponse,
    expected: text.evidence.needsStep1,
  });
}

/** What the server sent after the handshake, read with the protocol core's parser (which judges the server's frames too). */
export interface ServerAnswer {
  frames: ServerFrame[];
  close: { code: number | null } | null;
  /** A frame of the server's that breaks a rule, in words. */
  broken: string | null;
  silent: boolean;
  /** The connection ended before a Close frame. */
  ended: boolean;
}

/** Reads the server's frames until its Close, a broken frame, silence, the end of the connection, or `enough`. */
export async function readServerFrames(
  client: RawClient,
  enough: (answer: ServerAnswer) => boolean,
  text: CheckerText,
): Promise<ServerAnswer> {
  const parser = new FrameParser({ sender: 'server' });
  const answer: ServerAnswer = { frames: [], close: null, broken: null, silent: false, ended: false };
  let read = 0;
  const outcome = await readPatiently(client, () =>
    client.until((received) => {
      for (const event of parser.push(received.subarray(read))) {
        if (event.kind === 'failed') answer.broken = text.evidence.breaks(event.violation.section, event.violation.explanation);
        if (event.kind !== 'frame') continue;
        const { opcode, payload } = event.decoded.frame;
        if (opcode === 0x8) answer.close = { code: payload.length >= 2 ? Buffer.from(payload).readUInt16BE(0) : null };
        else answer.frames.push({ opcode, payload: hex(payload) });
      }
      read = received.length;
      return answer.close !== null || answer.broken !== null || enough(answer);
    }),
  );
  answer.silent = outcome.silent;
  answer.ended = !outcome.silent && outcome.value === false;
  return answer;
}

/** The server's answer in words, ending with how it ended. */
export function describeAnswer(answer: ServerAnswer, text: CheckerText): string {
  const parts = answer.frames.map((frame) => describeFrame(frame, text.describe));
  if (answer.close) parts.push(describeClose(answer.close.code, text.describe));
  else if (answer.broken) parts.push(answer.broken);
  else if (answer.silent)
    parts.push(parts.length ? text.evidence.nothingMoreFor(silence(text)) : text.evidence.nothingWithin(silence(text)));
  else if (answer.ended) parts.push(text.evidence.closedWithoutClose);
  return parts.length ? parts.join(text.evidence.then) : text.evidence.nothing;
}

const sameFrame = (a: ServerFrame | undefined, b: ServerFrame | undefined) => a?.opcode === b?.opcode && a?.payload === b?.payload;

/** The Close codes a case takes: its own, and any that conform just as well. */
const acceptedCloseCodes = (testCase: FrameCase) => [testCase.closeCode, ...(testCase.orCloseCodes ?? [])];

/** The expected exchange in words: `text "Hello", then Close 1000`. */
function describeExpectedFrames(testCase: FrameCase, untilClose: boolean, text: CheckerText): string {
  const replies = testCase.replies ?? [];
  const parts = testCase.checkReplies === false ? [text.evidence.anyEchoes] : replies.map((frame) => describeFrame(frame, text.describe));
  if (untilClose)
    parts.push(
      acceptedCloseCodes(testCase)
        .map((code) => describeClose(code, text.describe))
        .join(text.evidence.or),
    );
  return parts.length ? parts.join(text.evidence.then) : text.evidence.nothing;
}

/** The codes with which a server fails the connection (§7.4.1), as opposed to answering a Close. */
const FAILURE_CODES = [1002, 1007, 1008, 1009];

/** What a frame case's check demands beyond the RFC: the case's own choice, and the Close frame when it fails the connection. */
function beyondRfcOf(testCase: FrameCase, untilClose: boolean, text: CheckerText): string | undefined {
  const failsTheConnection =
    untilClose && !testCase.clientCloses && FAILURE_CODES.includes(testCase.closeCode ?? 0) && !testCase.id.startsWith('7.7.');
  const own = testCase.beyondRfc === undefined ? undefined : (text.caseBeyondRfc?.[testCase.id] ?? testCase.beyondRfc);
  const sentences = [own, failsTheConnection ? text.evidence.closeBeforeTcp : undefined].filter((sentence) => sentence !== undefined);
  return sentences.length ? sentences.join(' ') : undefined;
}

export interface FrameCaseOptions {
  /** The RFC 6455 section the case is about. */
  section: string;
  /** Read up to the server's Close and check its code; otherwise stop once the replies are in (before step 6, no server closes). */
  untilClose: boolean;
  /** Write the case's bytes one per write, each read by the server before the next: TCP promises a stream, not messages. */
  bytewise?: boolean;
  /** A title of the step's own, when the case's title says more than the check does. */
  title?: string;
}

/** A check made from a frame case: after a valid handshake, send its bytes; the server's replies (and Close) must match. */
export function frameCaseCheck(
  testCase: FrameCase,
  { section, untilClose, bytewise = false, title: ownTitle }: FrameCaseOptions,
  text: CheckerText,
): Check {
  const title = ownTitle ?? text.frameCaseTitles?.[testCase.id] ?? testCase.title;
  const replies = testCase.replies ?? [];
  const checkReplies = testCase.checkReplies !== false;
  const expectation = describeExpectedFrames(testCase, untilClose, text);
  const clientCloses = untilClose && testCase.clientCloses === true;
  const beyondRfc = beyondRfcOf(testCase, untilClose, text);
  return {
    id: bytewise ? `${testCase.id}-bytewise` : testCase.id,
    title: bytewise ? `${title}${text.evidence.oneBytePerWrite}` : title,
    section,
    ...(beyondRfc ? { beyondRfc } : {}),
    expectation,
    async run({ start, sending, serverRead }) {
      const { base } = await start();
      const client = await openWebSocket(base, text);
      const hexOf = (bytes: Uint8Array) => spacedHex(bytes, 24, text.describe);
      const described = `${title}${text.evidence.colon}\n${hexOf(testCase.bytes)}${bytewise ? text.evidence.oneBytePerWrite : ''}`;
      const sent = clientCloses ? `${described}\n${text.evidence.thenClientClose(hexOf(CLIENT_CLOSE))}` : described;
      sending(sent);
      const reads = await client.write(testCase.bytes, bytewise);
      if (bytewise) serverRead(reads);
      if (clientCloses) await client.write(CLIENT_CLOSE);
      const answer = await readServerFrames(
        client,
        (sofar) =>
          (checkReplies && sofar.frames.some((frame, i) => !sameFrame(frame, replies[i]))) ||
          (!untilClose && sofar.frames.length >= replies.length),
        text,
      );
      client.destroy();
      const repliesMatch =
        !checkReplies || (answer.frames.length === replies.length && answer.frames.every((f, i) => sameFrame(f, replies[i])));
      const closeMatches = !untilClose || (answer.close !== null && acceptedCloseCodes(testCase).includes(answer.close.code));
      const nothingElse = untilClose || (answer.close === null && answer.broken === null);
      if (repliesMatch && closeMatches && nothingElse) return;
      throw new CheckFailure({ sent, received: describeAnswer(answer, text), expected: expectation });
    },
  };
}

/** A status and its header fields in words: `426 Upgrade Required, upgrade: websocket`. */
function describeStatus({ status, headers = {} }: ExpectedStatus): string {
  return [`${status} ${STATUS_CODES[status]}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)].join(', ');
}

/** The expected response in words: `400 Bad Request, a body that mentions "Sec-WebSocket-Key"`. */
function describeExpectedResponse(testCase: HandshakeCase, text: CheckerText): string {
  const statuses = [describeStatus(testCase), ...(testCase.orElse ? [describeStatus(testCase.orElse)] : [])].join(text.evidence.statusOr);
  return testCase.body ? `${statuses}${text.evidence.bodyMentions(testCase.body)}` : statuses;
}

/** A check made from a handshake case: send its request; the status, header fields and body must match. */
export function handshakeCaseCheck(
  testCase: HandshakeCase,
  { section, rfc, bytewise = false }: { section: string; rfc?: string; bytewise?: boolean },
  text: CheckerText,
): Check {
  const expectation = describeExpectedResponse(testCase, text);
  const title = text.handshakeCaseTitles?.[testCase.id] ?? text.stepCheckTitles?.[testCase.id] ?? testCase.title;
  const beyondRfc = testCase.beyondRfc === undefined ? undefined : (text.caseBeyondRfc?.[testCase.id] ?? testCase.beyondRfc);
  return {
    id: bytewise ? `${testCase.id}-bytewise` : testCase.id,
    title: bytewise ? `${title}${text.evidence.oneBytePerWrite}` : title,
    section,
    ...(rfc ? { rfc } : {}),
    ...(beyondRfc ? { beyondRfc } : {}),
    expectation,
    async run({ start, sending, serverRead }) {
      const { base } = await start();
      const lines = testCase.lines(base);
      const sent = describeRequest(lines, text.describe) + (bytewise ? text.evidence.oneBytePerWriteLine : '');
      sending(sent);
      const client = await RawClient.open(base);
      const reads = await client.write(request(lines), bytewise);
      if (bytewise) serverRead(reads);
      const { value: answer, silent } = await readPatiently(client, () => client.readResponse());
      client.destroy();
      if (!answer) {
        const received = silent ? text.evidence.noResponseWithin(silence(text)) : text.evidence.closedWithoutResponse;
        throw new CheckFailure({ sent, received, expected: expectation });
      }
      const wrong = handshakeAnswerProblems(testCase, answer, text.evidence);
      if (wrong.length)
        throw new CheckFailure({ sent, received: describeResponse(answer), expected: `${expectation}\n${text.evidence.problems(wrong)}` });
    },
  };
}

/** After the close handshake the server closes the TCP connection first (§7.1.1), so that the server, not the client, holds TIME_WAIT. */
export const serverClosesTcpCheck = (text: CheckerText): Check => ({
  id: '6.tcp',
  title: text.own.serverClosesTcp.title,
  section: '7.1.1',
  expectation: text.own.serverClosesTcp.expectation,
  async run({ start }) {
    const { base } = await start();
    const client = await openWebSocket(base, text);
    await client.write(CLIENT_CLOSE);
    const answer = await readServerFrames(client, () => false, text);
    const { silent } = await readPatiently(client, () => client.closed());
    client.destroy();
    if (answer.close?.code === 1000 && !silent) return;
    throw new CheckFailure({
      sent: `Close 1000: ${spacedHex(CLIENT_CLOSE, 24, text.describe)}`,
      received: answer.close
        ? text.own.serverClosesTcp.stayedOpen(describeAnswer(answer, text), silence(text))
        : describeAnswer(answer, text),
      expected: this.expectation,
    });
  },
});

/** A client that ends TCP without a Close (a browser tab killed mid-message): the server must not keep the socket open. */
export const peerEndsTcpCheck = (text: CheckerText): Check => ({
  id: '6.fin',
  title: text.own.peerEndsTcp.title,
  section: '7.1.1',
  beyondRfc: text.own.peerEndsTcp.beyondRfc,
  expectation: text.own.peerEndsTcp.expectation,
  async run({ start }) {
    const { base } = await start();
    const client = await openWebSocket(base, text);
    client.socket.end();
    const { silent } = await readPatiently(client, () => client.closed());
    client.destroy();
    if (!silent) return;
    throw new CheckFailure({
      sent: text.own.peerEndsTcp.sent,
      received: text.own.peerEndsTcp.stayedOpen(silence(text)),
      expected: this.expectation,
    });
  },
});

/** How long after its Close the server may keep a lingering client's connection: its 2 s deadline and some slack. */
const LINGER_LIMIT_MS = 3500;
const TRICKLE_MS = 250;

/** A client that answers the close handshake but never ends TCP, and keeps sending a byte now and then. */
export const lingeringPeerCheck = (text: CheckerText): Check => ({
  id: '6.linger',
  title: text.own.linger.title(TRICKLE_MS),
  section: '5.5.1',
  expectation: text.own.linger.expectation(LINGER_LIMIT_MS / 1000),
  async run({ start }) {
    const { base } = await start();
    const client = await openWebSocket(base, text, { allowHalfOpen: true });
    const sent = text.own.linger.sent(spacedHex(CLIENT_CLOSE, 24, text.describe), TRICKLE_MS);
    await client.write(CLIENT_CLOSE);
    const answer = await readServerFrames(client, () => false, text);
    if (answer.close?.code !== 1000) {
      client.destroy();
      throw new CheckFailure({ sent, received: describeAnswer(answer, text), expected: this.expectation });
    }
    const trickle = setInterval(() => {
      if (!client.socket.destroyed) client.socket.write(Uint8Array.of(0));
    }, TRICKLE_MS);
    let timer: NodeJS.Timeout | undefined;
    const cut = await Promise.race([
      client.closed().then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), LINGER_LIMIT_MS))),
    ]);
    clearInterval(trickle);
    clearTimeout(timer);
    client.destroy();
    if (cut) return;
    throw new CheckFailure({ sent, received: text.own.linger.stayedOpen(LINGER_LIMIT_MS / 1000), expected: this.expectation });
  },
});

const MiB = 1024 * 1024;

/** A client that sends and never reads: the server must stop reading from it rather than queue its echoes without bound. */
export const backpressureCheck = (text: CheckerText): Check => ({
  id: '8.backpressure',
  title: text.own.backpressure.title,
  section: '10.4',
  beyondRfc: text.own.backpressure.beyondRfc,
  expectation: text.own.backpressure.expectation,
  async run({ start }) {
    const words = text.own.backpressure;
    const { base, server } = await start();
    let serverSide: Socket | undefined;
    // Registered after the reader's own 'upgrade' listener, so this one sees the socket once the reader has it.
    server.on('upgrade', (_req, socket) => (serverSide = socket as Socket));
    const client = await openWebSocket(base, text);
    client.socket.pause();
    const paused = new Promise<void>((resolve) => serverSide?.once('pause', () => resolve()));
    let isPaused = false;
    void paused.then(() => (isPaused = true));
    const message = clientFrame({ opcode: 0x2, payload: new Uint8Array(32 * 1024).fill(0x2a) });
    const echoBytes = 4 + 32 * 1024;
    let count = 0;
    let stalled = false;
    while (!isPaused && !stalled && count * message.length < 32 * MiB) {
      const written = new Promise((resolve) => client.socket.write(message, resolve));
      const silence = new Promise<'stalled'>((resolve) => setTimeout(() => resolve('stalled'), SILENCE_MS));
      stalled = (await Promise.race([written, paused, silence])) === 'stalled';
      count++;
    }
    const held = serverSide?.writableLength ?? 0;
    const sent = words.sent(count, ((count * message.length) / MiB).toFixed(1));
    if (!isPaused) {
      client.destroy();
      const received = stalled ? words.stoppedWithoutPausing : words.heldEverything((held / MiB).toFixed(1));
      throw new CheckFailure({ sent, received, expected: `${this.expectation}${words.pauseOnFullBuffer}` });
    }
    if (held > 2 * MiB) {
      client.destroy();
      throw new CheckFailure({ sent, received: words.pausedHolding((held / MiB).toFixed(1)), expected: words.atMostAboutOneMiB });
    }
    // Now the client reads: every echo must arrive, so the server resumed each time its socket drained.
    const more = 16;
    for (let i = 0; i < more; i++) client.socket.write(message);
    client.socket.resume();
    const expectedBytes = (count + more) * echoBytes;
    const { silent } = await readPatiently(client, () => client.until((received) => received.length >= expectedBytes));
    client.destroy();
    if (silent) {
      throw new CheckFailure({ sent: words.thenMore(sent, more), received: words.echoesStopped(count + more), expected: words.everyEcho });
    }
  },
});
