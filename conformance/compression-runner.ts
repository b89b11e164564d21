// Runs a compression case (categories 12 and 13): offers permessage-deflate, then sends compressed messages one by one and checks each echo, as Autobahn does.
import { constants, createDeflateRaw, createInflateRaw, type DeflateRaw, type InflateRaw } from 'node:zlib';
import {
  FrameParser,
  checkExtensions,
  computeAccept,
  encodeFrame,
  explainDeflateParameters,
  PERMESSAGE_DEFLATE,
} from '../src/lib/protocol/index.ts';
import { SUITE_MASKING_KEY } from './cases/case-builders.ts';
import type { ConformanceCase, Verdict } from './cases/case-types.ts';
import { corpus } from './cases/compression.ts';
import { openProbeSocket, parseTarget, type ProbeSocket } from './probe-socket.ts';
import { SUITE_KEY, caseResult, handshakeRequest, listHas, readResponseHead, type CaseResult, type RunOptions } from './runner.ts';

/** RFC 7692 §7.2.1: the sender removes these four octets of the flush; §7.2.2: the receiver puts them back. */
const FLUSH_TAIL = Buffer.from([0x00, 0x00, 0xff, 0xff]);

/** What the prober may do, from the server's answer (RFC 7692 §7.1). */
interface Agreement {
  clientNoContextTakeover: boolean;
  clientWindowBits: number;
}

type Incoming = { kind: 'message'; binary: boolean; data: Buffer } | { kind: 'close'; code: number | null } | { kind: 'end'; why: string };

export async function runCompressionCase(testCase: ConformanceCase, url: string, options: RunOptions): Promise<CaseResult> {
  const spec = testCase.compression!;
  const target = parseTarget(url);
  const started = performance.now();
  let behavior: Verdict = 'FAILED';
  let behaviorClose: Verdict = 'FAILED';
  let result = '';
  let resultClose = 'The closing handshake did not complete.';
  let remoteCloseCode: number | null = null;
  let probe: ProbeSocket | undefined;
  const deadline = started + Math.min(options.caseTimeLimitMs, testCase.end.afterMs);
  try {
    probe = await openProbeSocket(target, options.insecure ? { insecure: true } : {});
    const head = readResponseHead(probe, 5000);
    await probe.write(new TextEncoder().encode(handshakeRequest(target, [`Sec-WebSocket-Extensions: ${spec.offer}`])));
    const response = await head;
    if (response === null || response.status !== 101 || response.headers.get('sec-websocket-accept') !== (await computeAccept(SUITE_KEY))) {
      result = `The opening handshake failed: status ${response?.status ?? 'none'}.`;
      return finish();
    }
    if (!listHas(response.headers.get('upgrade'), 'websocket')) {
      result = 'The 101 had no Upgrade: websocket.';
      return finish();
    }
    const incoming = new IncomingQueue(probe, response.rest);
    const agreement = agreementFrom(response.headers.get('sec-websocket-extensions'));
    if (agreement === null) {
      behavior = 'UNIMPLEMENTED';
      result = 'The server did not accept permessage-deflate, so the case is not run (as Autobahn reports it).';
    } else if (typeof agreement === 'string') {
      result = agreement;
    } else {
      const sent = await sendMessages(probe, incoming, spec, agreement, deadline);
      ({ behavior, result } = sent);
      if (sent.serverClose !== undefined) {
        // The server started the closing handshake, where the case expects the prober to (Autobahn's closedByMe).
        remoteCloseCode = sent.serverClose;
        await probe.write(encodeFrame({ opcode: 8, payload: closeBody(sent.serverClose), maskingKey: SUITE_MASKING_KEY }).bytes);
        resultClose = `The server closed the connection with ${sent.serverClose ?? 'an empty Close'} before the prober could close it with 1000.`;
        return finish();
      }
    }
    if (probe.socket.destroyed) {
      resultClose = 'The server dropped the connection.';
      return finish();
    }
    // The prober closes normally, and the server must answer with its own Close (Autobahn's requireClean).
    await probe.write(encodeFrame({ opcode: 8, payload: Uint8Array.of(0x03, 0xe8), maskingKey: SUITE_MASKING_KEY }).bytes);
    const reply = await incoming.next(Math.min(1000, Math.max(0, deadline - performance.now()) + 1000), true);
    if (reply.kind === 'close') {
      remoteCloseCode = reply.code;
      behaviorClose = reply.code === 1000 || reply.code === null ? 'OK' : 'FAILED';
      resultClose = `The server answered the Close with ${reply.code ?? 'an empty Close'}.`;
    }
    return finish();
  } catch (error) {
    result = `The case could not run: ${(error as Error).message}`;
    return finish();
  }

  function finish(): CaseResult {
    probe?.socket.destroy();
    return caseResult(testCase, { behavior, behaviorClose, result, resultClose }, started, probe, { reportTime: true, remoteCloseCode });
  }
}

function closeBody(code: number | null): Uint8Array {
  return code === null ? new Uint8Array(0) : Uint8Array.of(code >> 8, code & 0xff);
}

/** null: no permessage-deflate in the answer; a string: an answer that breaks RFC 7692 §7.1. */
function agreementFrom(header: string | undefined): Agreement | string | null {
  if (header === undefined) return null;
  const parsed = checkExtensions(header);
  if (!parsed.ok) return `The server's Sec-WebSocket-Extensions cannot be parsed: ${parsed.reason}`;
  const [answer, ...more] = parsed.extensions.filter((e) => e.name === PERMESSAGE_DEFLATE);
  if (!answer) return null;
  if (more.length > 0) return 'The server accepted permessage-deflate more than once (RFC 7692 §5).';
  const problem = explainDeflateParameters(answer, 'answer').find((note) => note.problem !== undefined);
  if (problem) return `The server's answer breaks RFC 7692 §7.1: ${problem.problem}`;
  const bits = answer.params.find((p) => p.name === 'client_max_window_bits')?.value;
  return {
    clientNoContextTakeover: answer.params.some((p) => p.name === 'client_no_context_takeover'),
    clientWindowBits: bits ? Number(bits) : 15,
  };
}

async function sendMessages(
  probe: ProbeSocket,
  incoming: IncomingQueue,
  spec: NonNullable<ConformanceCase['compression']>,
  agreement: Agreement,
  deadline: number,
): Promise<{ behavior: Verdict; result: string; serverClose?: number | null }> {
  const source = corpus(spec.corpus);
  // With context takeover each side keeps its window between messages; the inflater may always use 15 bits (§7.1.2.1).
  const inflater = createInflateRaw({ windowBits: 15 });
  let deflater: DeflateRaw | null = null;
  let at = 0;
  try {
    for (let sent = 0; sent < spec.count; sent++) {
      const message = Buffer.alloc(spec.length);
      for (let i = 0; i < spec.length; i++) message[i] = source[(at + i) % source.length]!;
      at = (at + spec.length) % source.length;
      if (!deflater || agreement.clientNoContextTakeover) {
        deflater?.close();
        // zlib cannot make raw DEFLATE with an 8-bit window; Autobahn's offers ask for 9 or 15.
        deflater = createDeflateRaw({ windowBits: Math.max(9, agreement.clientWindowBits) });
      }
      const compressed = await flushed(deflater, message, true);
      await probe.write(framesOf(compressed, spec.binary, spec.fragmentSize));
      const echo = await incoming.next(deadline - performance.now());
      if (echo.kind === 'end') return { behavior: 'FAILED', result: `After ${sent} echoes: ${echo.why}` };
      if (echo.kind === 'close')
        return { behavior: 'FAILED', result: `The server closed with ${echo.code ?? 'no code'} after ${sent} echoes.` };
      const data = echo.compressed ? await flushed(inflater, Buffer.concat([echo.data, FLUSH_TAIL])) : echo.data;
      if (echo.binary !== spec.binary)
        return { behavior: 'FAILED', result: `Echo ${sent + 1} came back as ${echo.binary ? 'binary' : 'text'}.` };
      if (!data.equals(message))
        return {
          behavior: 'FAILED',
          result: `Echo ${sent + 1} differs from what was sent (${data.length} bytes, expected ${message.length}).`,
        };
    }
    return { behavior: 'OK', result: `Ok, received all ${spec.count} echoed messages in time.` };
  } finally {
    deflater?.close();
    inflater.close();
  }
}

/** Writes `input` and flushes with Z_SYNC_FLUSH; for a deflater, drops the flush's trailing 00 00 ff ff (§7.2.1). */
function flushed(stream: DeflateRaw | InflateRaw, input: Buffer, dropTail = false): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer) => chunks.push(chunk);
    stream.on('data', onData);
    stream.once('error', reject);
    stream.write(input);
    stream.flush(constants.Z_SYNC_FLUSH, () => {
      stream.off('data', onData);
      stream.off('error', reject);
      const out = Buffer.concat(chunks);
      resolve(dropTail && out.subarray(-4).equals(FLUSH_TAIL) ? out.subarray(0, -4) : out);
    });
  });
}

/** The compressed message as frames: RSV1 on the first only (RFC 7692 §6), `fragmentSize` compressed bytes each. */
function framesOf(compressed: Buffer, binary: boolean, fragmentSize: number): Uint8Array {
  const size = fragmentSize > 0 ? fragmentSize : Math.max(compressed.length, 1);
  const frames: Uint8Array[] = [];
  for (let offset = 0; offset === 0 || offset < compressed.length; offset += size) {
    const first = offset === 0;
    frames.push(
      encodeFrame({
        opcode: first ? (binary ? 2 : 1) : 0,
        fin: offset + size >= compressed.length,
        rsv1: first,
        payload: compressed.subarray(offset, offset + size),
        maskingKey: SUITE_MASKING_KEY,
      }).bytes,
    );
  }
  return Buffer.concat(frames);
}

/** The server's frames as whole messages, in order, with whether each was compressed (RSV1 on its first frame). */
class IncomingQueue {
  readonly #queue: (Incoming & { compressed?: boolean })[] = [];
  #wake: (() => void) | undefined;
  #fragments: Uint8Array[] = [];
  #first: { binary: boolean; compressed: boolean } | null = null;

  constructor(probe: ProbeSocket, rest: Uint8Array) {
    const parser = new FrameParser({ sender: 'server', permessageDeflate: true, maxMessageLength: Number.MAX_SAFE_INTEGER });
    const push = (chunk: Uint8Array) => {
      for (const event of parser.push(chunk)) {
        if (event.kind === 'failed')
          this.#add({ kind: 'end', why: `the server's frame broke ${event.violation.section}: ${event.violation.explanation}` });
        if (event.kind !== 'frame') continue;
        const { frame } = event.decoded;
        if (frame.opcode === 8) {
          this.#add({ kind: 'close', code: frame.payload.length >= 2 ? (frame.payload[0]! << 8) | frame.payload[1]! : null });
          continue;
        }
        if (frame.opcode >= 8) continue;
        if (frame.opcode !== 0) this.#first = { binary: frame.opcode === 2, compressed: frame.rsv1 };
        this.#fragments.push(frame.payload);
        if (!frame.fin || !this.#first) continue;
        this.#add({
          kind: 'message',
          binary: this.#first.binary,
          compressed: this.#first.compressed,
          data: Buffer.concat(this.#fragments),
        });
        this.#fragments = [];
        this.#first = null;
      }
    };
    probe.socket.on('data', (chunk: Buffer) => push(chunk));
    probe.socket.on('close', () => this.#add({ kind: 'end', why: 'the server dropped the connection.' }));
    if (rest.length > 0) push(rest);
  }

  #add(item: Incoming & { compressed?: boolean }): void {
    this.#queue.push(item);
    this.#wake?.();
  }

  /** The next message or Close; `end` when the time runs out or TCP closes. `closeOnly` skips messages (for the closing handshake). */
  async next(timeoutMs: number, closeOnly = false): Promise<Incoming & { compressed?: boolean }> {
    const until = performance.now() + Math.max(0, timeoutMs);
    for (;;) {
      const item = this.#queue.shift();
      if (item && !(closeOnly && item.kind === 'message')) return item;
      if (item) continue;
      const left = until - performance.now();
      if (left <= 0) return { kind: 'end', why: 'the time ran out.' };
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}
