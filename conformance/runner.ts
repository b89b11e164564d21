// Runs conformance cases against a server, one fresh connection per case, and judges each as Autobahn would.
import { setTimeout as sleep } from 'node:timers/promises';
import { FrameParser, MessageAssembler, computeAccept, encodeFrame } from '../src/lib/protocol/index.ts';
import { SUITE_MASKING_KEY, payloadBytes } from './cases/case-builders.ts';
import type { ConformanceCase, HandshakeCase, Observed, Step, Verdict } from './cases/case-types.ts';
import { openProbeSocket, parseTarget, type ProbeSocket, type ProbeTarget } from './probe-socket.ts';
import { judgeCase, sameObservations, type ClosingFacts } from './verdict.ts';

/** The key every handshake sends: the RFC's own example (§1.3), so every run writes the same bytes. */
export const SUITE_KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

/** How long the prober waits for the server's Close after sending its own, and for the server to drop TCP after the handshake. */
const CLOSE_HANDSHAKE_TIMEOUT_MS = 1000;
const SERVER_DROP_TIMEOUT_MS = 1000;

export interface CaseResult {
  id: string;
  description: string;
  expectation: string;
  rfc: string;
  behavior: Verdict;
  behaviorClose: Verdict;
  result: string;
  resultClose: string;
  durationMs: number;
  reportTime: boolean;
  /** The first bytes each way (see RECORDED_BYTES), the handshake included. */
  sent: Uint8Array;
  received: Uint8Array;
  sentTotal: number;
  receivedTotal: number;
  remoteCloseCode: number | null;
}

export interface RunOptions {
  /** Per-case time limit in milliseconds; a case still running then is cut off and FAILED. */
  caseTimeLimitMs: number;
  /** Accept a TLS certificate that does not verify (self-signed test servers). */
  insecure?: boolean;
}

/** The suite's opening handshake; `extra` adds header lines, such as a compression case's Sec-WebSocket-Extensions. */
export function handshakeRequest(target: ProbeTarget, extra: string[] = []): string {
  return [
    `GET ${target.path} HTTP/1.1`,
    `Host: ${target.hostHeader}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${SUITE_KEY}`,
    'Sec-WebSocket-Version: 13',
    ...extra,
    '',
    '',
  ].join('\r\n');
}

interface ParsedResponse {
  status: number;
  headers: Map<string, string>;
  /** Bytes after the blank line: the first frames, if the server sent them at once. */
  rest: Uint8Array;
}

function findHeaderEnd(bytes: Uint8Array): number {
  for (let i = 3; i < bytes.length; i++)
    if (bytes[i - 3] === 13 && bytes[i - 2] === 10 && bytes[i - 1] === 13 && bytes[i] === 10) return i + 1;
  return -1;
}

function parseResponse(bytes: Uint8Array, end: number): ParsedResponse {
  const lines = new TextDecoder('latin1').decode(bytes.subarray(0, end)).split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1] ?? 0);
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
  }
  return { status, headers, rest: bytes.slice(end) };
}

/** Reads the response head; resolves null when the socket ends or the time runs out first. */
export function readResponseHead(probe: ProbeSocket, timeoutMs: number): Promise<ParsedResponse | null> {
  return new Promise((resolve) => {
    let buffered = new Uint8Array(0);
    const finish = (value: ParsedResponse | null) => {
      clearTimeout(timer);
      probe.socket.off('data', onData);
      probe.socket.off('close', onClose);
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      const joined = new Uint8Array(buffered.length + chunk.length);
      joined.set(buffered);
      joined.set(chunk, buffered.length);
      buffered = joined;
      const end = findHeaderEnd(buffered);
      if (end >= 0) finish(parseResponse(buffered, end));
    };
    const onClose = () => finish(null);
    const timer = setTimeout(() => finish(null), timeoutMs);
    probe.socket.on('data', onData);
    probe.socket.on('close', onClose);
  });
}

export function listHas(value: string | undefined, item: string): boolean {
  return (value ?? '').split(',').some((part) => part.trim().toLowerCase() === item.toLowerCase());
}

/** The frame bytes one step writes, masked with the suite's key, as separate writes where the step asks for them. */
function stepWrites(
  step: Exclude<Step, { kind: 'wait' } | { kind: 'round-trips' }>,
  maskingKey: Uint8Array | null,
): { bytes: Uint8Array; chop?: number; alone?: boolean }[] {
  const frame = (opcode: number, payload: Uint8Array, fin = true, rsv = 0) =>
    encodeFrame({
      opcode,
      fin,
      rsv1: (rsv & 4) !== 0,
      rsv2: (rsv & 2) !== 0,
      rsv3: (rsv & 1) !== 0,
      payload,
      maskingKey,
    }).bytes;
  switch (step.kind) {
    case 'frame-piece': {
      const bytes = frame(1, step.payload);
      const header = bytes.length - step.payload.length;
      return [{ bytes: bytes.slice(step.from === 0 ? 0 : header + step.from, header + step.to) }];
    }
    case 'frame': {
      const bytes = frame(step.opcode, payloadBytes(step.payload), step.fin ?? true, step.rsv ?? 0);
      return [{ bytes, ...(step.chop === undefined ? {} : { chop: step.chop }), ...(step.sync ? { alone: true } : {}) }];
    }
    case 'close': {
      const reason = payloadBytes(step.reason);
      const body =
        step.body !== undefined ? payloadBytes(step.body) : step.code === undefined ? new Uint8Array(0) : new Uint8Array(2 + reason.length);
      if (step.body === undefined && step.code !== undefined) (body.set([(step.code >> 8) & 0xff, step.code & 0xff]), body.set(reason, 2));
      return [{ bytes: frame(8, body) }];
    }
    case 'message': {
      const payload = payloadBytes(step.payload);
      const size = step.fragmentSize ?? Math.max(payload.length, 1);
      const writes: { bytes: Uint8Array }[] = [];
      for (let at = 0; at === 0 || at < payload.length; at += size) {
        const last = at + size >= payload.length;
        writes.push({ bytes: frame(at === 0 ? (step.binary ? 2 : 1) : 0, payload.subarray(at, at + size), last) });
      }
      return writes;
    }
  }
}

/** Lets the event loop turn, so the kernel sends what was written as its own segment before the next write. */
const yieldToKernel = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The largest wait a case's script and end can take, to size its time limit. */
function scriptedMs(testCase: ConformanceCase): number {
  return testCase.steps.reduce((ms, step) => ms + (step.kind === 'wait' ? step.ms : 0), 0) + testCase.end.afterMs;
}

/**
 * Which end of the connection the suite plays: `client` probes a server (server mode), `server` is the
 * fuzzing server a client under test connects to (client mode). The role decides masking (§5.1), which
 * frames the peer may send, and who closes TCP (§7.1.1).
 */
export type SuiteRole = 'client' | 'server';

/** A connection past its opening handshake, with any frame bytes that arrived with the handshake. */
export interface OpenCaseLink {
  probe: ProbeSocket;
  rest: Uint8Array;
}

/** Opens the case's connection within the time given, or says in a sentence why it could not. */
type OpenLink = (timeLimitMs: number) => Promise<OpenCaseLink | { failure: string; probe?: ProbeSocket }>;

/** Runs one frame case on a fresh connection to the server at `url` and judges it. */
export async function runFrameCase(testCase: ConformanceCase, url: string, options: RunOptions): Promise<CaseResult> {
  const target = parseTarget(url);
  return playFrameCase(testCase, (limit) => openAsClient(target, limit, options), 'client', options);
}

/** Plays one frame case as the server, on a connection a client under test opened, and judges the client (client mode). */
export function playFrameCaseAsServer(testCase: ConformanceCase, link: OpenCaseLink, options: RunOptions): Promise<CaseResult> {
  return playFrameCase(testCase, () => Promise.resolve(link), 'server', options);
}

/** Connects to the server under test and completes the opening handshake as a client. */
async function openAsClient(target: ProbeTarget, limit: number, options: RunOptions): ReturnType<OpenLink> {
  let probe: ProbeSocket;
  try {
    probe = await openProbeSocket(target, options.insecure ? { insecure: true } : {});
  } catch (error) {
    return { failure: `Could not connect: ${(error as Error).message}` };
  }
  const head = readResponseHead(probe, Math.min(limit, 5000));
  await probe.write(new TextEncoder().encode(handshakeRequest(target)));
  const response = await head;
  if (response === null) return { failure: 'The server sent no complete HTTP response to the opening handshake.', probe };
  const accept = await computeAccept(SUITE_KEY);
  if (
    response.status !== 101 ||
    response.headers.get('sec-websocket-accept') !== accept ||
    !listHas(response.headers.get('upgrade'), 'websocket')
  ) {
    return {
      failure: `The opening handshake failed: status ${response.status}, Sec-WebSocket-Accept ${response.headers.get('sec-websocket-accept') ?? 'missing'}.`,
      probe,
    };
  }
  return { probe, rest: response.rest };
}

async function playFrameCase(testCase: ConformanceCase, open: OpenLink, role: SuiteRole, options: RunOptions): Promise<CaseResult> {
  const peer = role === 'client' ? 'server' : 'client';
  // The suite masks what it sends as a client, and never as a server (§5.1).
  const maskingKey = role === 'client' ? SUITE_MASKING_KEY : null;
  const started = performance.now();
  const received: Observed[] = [];
  const facts: ClosingFacts = {
    connectionWasOpen: false,
    closedByMe: false,
    wasClean: false,
    droppedByMe: false,
    remoteCloseCode: null,
    timedOut: false,
  };
  let bulk: { behavior: Verdict; result: string } | undefined = testCase.bulk
    ? { behavior: 'FAILED', result: 'The message did not come back in time.' }
    : undefined;
  let handshakeNote = '';
  let probe: ProbeSocket | undefined;
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => (timers.delete(timer), run()), ms);
    timers.add(timer);
  };

  const outcome = await new Promise<void>((resolveCase) => {
    let closeSent = false;
    let closeReceived = false;
    let ended = false;
    let bulkCount = 0;
    let nextRoundTrip: (() => void) | undefined;
    const finish = () => {
      if (ended) return;
      ended = true;
      for (const timer of timers) clearTimeout(timer);
      probe?.socket.destroy();
      resolveCase();
    };
    const limit = Math.min(options.caseTimeLimitMs, scriptedMs(testCase) + 5000);
    later(limit, () => {
      facts.timedOut = true;
      facts.droppedByMe = true;
      finish();
    });
    const isOpen = () => !closeSent && !closeReceived && !ended;
    // As the client, having to drop TCP is worth noting (the server SHOULD close it first, §7.1.1); as the
    // server, closing TCP is its job, so Autobahn's fuzzing server never counts it against the client.
    const drop = () => {
      if (role === 'client') facts.droppedByMe = true;
      finish();
    };
    /** After a clean closing handshake: a client waits for the server to close TCP, a server closes it now (§7.1.1). */
    const afterCleanClose = () => {
      if (role === 'client') return later(SERVER_DROP_TIMEOUT_MS, drop);
      probe?.socket.end();
      later(SERVER_DROP_TIMEOUT_MS, finish);
    };
    const writeFrameNow = (opcode: number, payload: Uint8Array) => {
      void probe?.write(encodeFrame({ opcode, payload, maskingKey }).bytes);
    };
    /** Notes a Close the prober sends; the first one starts the closing handshake. */
    const noteCloseSent = () => {
      if (closeSent) return;
      closeSent = true;
      if (!closeReceived) {
        facts.closedByMe = true;
        later(CLOSE_HANDSHAKE_TIMEOUT_MS, drop);
      } else {
        facts.wasClean = true;
        afterCleanClose();
      }
    };
    const sendClose = (code?: number) => {
      if (closeSent || ended) return;
      const body = code === undefined ? new Uint8Array(0) : new Uint8Array([(code >> 8) & 0xff, code & 0xff]);
      writeFrameNow(8, body);
      noteCloseSent();
    };
    /** Fails the connection from the prober's side: a Close, then TCP is dropped if the server does not answer (§7.1.7). */
    const failConnection = (code: number) => sendClose(code);
    const finishWhenDone = () => {
      const outcomes = Object.values(testCase.expected);
      if (outcomes.length === 0 || !testCase.expectedClose.closedByMe || testCase.suppressClose) return;
      const all = outcomes.every((expected) => sameObservations(received, expected));
      if (all) sendClose(testCase.expectedClose.closeCode[0]);
    };
    const onBulkMessage = (binary: boolean, length: number) => {
      const want = testCase.bulk!;
      if (binary !== want.binary || length !== want.length) {
        bulk = {
          behavior: 'FAILED',
          result: `Expected a ${want.binary ? 'binary' : 'text'} message of ${want.length} bytes, got ${binary ? 'binary' : 'text'} of ${length}.`,
        };
        sendClose(1000);
        return;
      }
      bulkCount++;
      if (bulkCount < want.count && nextRoundTrip) return nextRoundTrip();
      bulk = {
        behavior: 'OK',
        result: want.count > 1 ? `All ${want.count} messages came back.` : `The message of ${length} bytes came back.`,
      };
      sendClose(1000);
    };

    const parser = new FrameParser({ sender: peer });
    const assembler = new MessageAssembler();
    const onFrames = (chunk: Uint8Array) => {
      for (const event of parser.push(chunk)) {
        if (event.kind === 'failed') {
          handshakeNote = `The ${peer}'s frame broke a rule (${event.violation.section}): ${event.violation.explanation}`;
          failConnection(event.violation.closeCode);
          continue;
        }
        if (event.kind !== 'frame') continue;
        for (const message of assembler.push(event.decoded.frame)) {
          if (message.kind === 'close') {
            closeReceived = true;
            facts.remoteCloseCode = message.code;
            if (!closeSent) {
              const reply = message.code === null ? undefined : message.code;
              sendClose(reply);
            } else {
              facts.wasClean = true;
              afterCleanClose();
            }
            continue;
          }
          if (closeReceived) continue;
          if (message.kind === 'ping') {
            received.push({ kind: 'ping', data: message.data });
            if (!closeSent) writeFrameNow(10, message.data);
          } else if (message.kind === 'pong') {
            received.push({ kind: 'pong', data: message.data });
          } else if (testCase.bulk) {
            onBulkMessage(message.kind === 'binary', message.data.length);
            continue;
          } else {
            received.push({ kind: 'message', binary: message.kind === 'binary', data: message.data });
          }
          finishWhenDone();
        }
      }
    };

    const runSteps = async () => {
      let pending: Uint8Array[] = [];
      const flush = async () => {
        if (pending.length === 0) return;
        const joined = Buffer.concat(pending);
        pending = [];
        await probe!.write(joined);
      };
      for (const step of testCase.steps) {
        if (ended) return;
        if (step.kind === 'wait') {
          await flush();
          await sleep(step.ms);
          if (ended) return;
          if (step.tag !== undefined) {
            if (!isOpen()) return;
            received.push({ kind: 'timeout', tag: step.tag });
          }
          continue;
        }
        if (step.kind === 'round-trips') {
          const payload = payloadBytes({ repeat: step.binary ? new Uint8Array([0xfe]) : '*', length: step.length });
          const bytes = encodeFrame({ opcode: step.binary ? 2 : 1, payload, maskingKey }).bytes;
          nextRoundTrip = () => void probe!.write(bytes);
          nextRoundTrip();
          continue;
        }
        for (const write of stepWrites(step, maskingKey)) {
          if (write.chop !== undefined) {
            await flush();
            for (let at = 0; at < write.bytes.length && !ended; at += write.chop) {
              await probe!.write(write.bytes.subarray(at, at + write.chop));
              await yieldToKernel();
            }
          } else if (write.alone) {
            await flush();
            await probe!.write(write.bytes);
            await yieldToKernel();
          } else {
            pending.push(write.bytes);
          }
        }
        if (step.kind === 'close') {
          noteCloseSent();
          await flush();
        }
      }
      await flush();
    };

    (async () => {
      const link = await open(limit);
      probe = link.probe;
      if ('failure' in link) {
        handshakeNote = link.failure;
        return finish();
      }
      if (probe!.socket.destroyed) return finish();
      probe!.socket.on('close', finish);
      const { rest } = link;
      facts.connectionWasOpen = true;
      probe!.socket.on('data', (chunk: Buffer) => onFrames(chunk));
      if (rest.length > 0) onFrames(rest);
      await runSteps();
      if (ended) return;
      later(Math.max(0, Math.min(testCase.end.afterMs, limit - (performance.now() - started) - 3000)), () => {
        if (ended || closeSent) return;
        if (testCase.end.action === 'kill') failConnection(1001);
        else sendClose();
      });
    })();
  });
  void outcome;

  const verdicts = judgeCase(testCase, received, facts, bulk, peer);
  if (handshakeNote !== '' && verdicts.behavior === 'FAILED') verdicts.result = `${verdicts.result} ${handshakeNote}`;
  return caseResult(testCase, verdicts, started, probe, {
    reportTime: testCase.reportTime ?? false,
    remoteCloseCode: facts.remoteCloseCode,
  });
}

/** Runs one of our handshake cases: a raw request, and the status and headers it must get. */
export async function runHandshakeCase(testCase: HandshakeCase, url: string, options: RunOptions): Promise<CaseResult> {
  const target = parseTarget(url);
  const started = performance.now();
  let probe: ProbeSocket | undefined;
  let behavior: Verdict = 'FAILED';
  let behaviorClose: Verdict = 'OK';
  let result = '';
  let resultClose = 'The server answered.';
  try {
    probe = await openProbeSocket(target, options.insecure ? { insecure: true } : {});
    const request = testCase.requestLines
      .map((line) => line.replace('{host}', target.hostHeader).replace('/{path}', target.path))
      .join('\r\n');
    const head = readResponseHead(probe, Math.min(options.caseTimeLimitMs, 5000));
    await probe.write(new TextEncoder().encode(`${request}\r\n\r\n`));
    const response = await head;
    if (response === null) {
      result = 'The server sent no complete HTTP response.';
      behaviorClose = 'FAILED';
      resultClose = 'No response came before the time limit or the end of the connection.';
    } else {
      const missing = Object.entries(testCase.requiredHeaders ?? {}).filter(([name, value]) => !listHas(response.headers.get(name), value));
      if (!testCase.okStatuses.includes(response.status))
        result = `The server answered ${response.status}; expected ${testCase.okStatuses.join(' or ')}.`;
      else if (missing.length > 0)
        result = `Status ${response.status}, but without ${missing.map(([name, value]) => `${name}: ${value}`).join(', ')}.`;
      else {
        behavior = 'OK';
        result = `The server answered ${response.status}, as expected.`;
      }
    }
  } catch (error) {
    result = `Could not connect: ${(error as Error).message}`;
    behaviorClose = 'FAILED';
  } finally {
    probe?.socket.destroy();
  }
  return caseResult(testCase, { behavior, behaviorClose, result, resultClose }, started, probe, {
    reportTime: false,
    remoteCloseCode: null,
  });
}

/** A case's result in the report's shape, with the bytes the probe recorded each way. */
export function caseResult(
  testCase: Pick<ConformanceCase, 'id' | 'description' | 'expectation' | 'rfc'>,
  verdicts: Pick<CaseResult, 'behavior' | 'behaviorClose' | 'result' | 'resultClose'>,
  started: number,
  probe: ProbeSocket | undefined,
  extra: Pick<CaseResult, 'reportTime' | 'remoteCloseCode'>,
): CaseResult {
  return {
    id: testCase.id,
    description: testCase.description,
    expectation: testCase.expectation,
    rfc: testCase.rfc,
    ...verdicts,
    durationMs: Math.round(performance.now() - started),
    ...extra,
    sent: probe?.sent.bytes() ?? new Uint8Array(0),
    received: probe?.received.bytes() ?? new Uint8Array(0),
    sentTotal: probe?.sent.total ?? 0,
    receivedTotal: probe?.received.total ?? 0,
  };
}
