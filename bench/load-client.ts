// The load benchmark's client: its own process (on its own core when load.ts can pin it) that opens, holds and drives WebSocket connections on the orchestrator's orders over IPC.
import { WebSocket, type ClientOptions } from 'ws';
import type {
  ClientEnvelope,
  ClientReply,
  EchoRequest,
  EchoResult,
  FanoutRequest,
  FanoutResult,
  HoldRequest,
  HoldResult,
  ReleaseResult,
} from './load-messages.ts';

const reply = process.send?.bind(process);
if (!reply) throw new Error('bench/load-client.ts is started by bench/load.ts, with an IPC channel.');

const held: WebSocket[] = [];
let releasing = false;
let droppedWhileHeld = 0;

process.on('message', ({ id, request }: ClientEnvelope) => {
  const work =
    request.op === 'hold' ? hold(request) : request.op === 'release' ? release() : request.op === 'echo' ? echo(request) : fanout(request);
  work.then(
    (result) => reply({ id, ok: true, result } satisfies ClientReply),
    (error: unknown) => reply({ id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies ClientReply),
  );
});
process.on('disconnect', () => process.exit(0));

function now(): bigint {
  return process.hrtime.bigint();
}

/** Opens one connection; rejects with ws's message (such as "Unexpected server response: 429") if the handshake fails. */
function connect(url: string, localAddress?: string, perMessageDeflate = false): Promise<WebSocket> {
  // `npm run bench` never offers compression, which keeps the handshake the same for both servers; the deflate bench does.
  const options: ClientOptions = { perMessageDeflate };
  if (localAddress !== undefined) options.localAddress = localAddress;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    const onError = (error: Error) => reject(error);
    ws.once('error', onError);
    ws.once('open', () => {
      ws.off('error', onError);
      ws.on('error', () => {});
      resolve(ws);
    });
  });
}

function connectAll(url: string, count: number, perMessageDeflate = false): Promise<WebSocket[]> {
  return Promise.all(Array.from({ length: count }, () => connect(url, undefined, perMessageDeflate)));
}

/** Sends `message` and waits for its echo. */
function echoOnce(ws: WebSocket, message: string): Promise<void> {
  return new Promise((resolve) => {
    ws.once('message', () => resolve());
    ws.send(message);
  });
}

/** Closes with a close handshake and waits for every socket to finish, or cuts the stragglers after `graceMs`. */
async function closeAll(sockets: readonly WebSocket[], graceMs = 5000): Promise<void> {
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === ws.CLOSED) return resolve();
          const timer = setTimeout(() => ws.terminate(), graceMs);
          ws.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          ws.close(1000);
        }),
    ),
  );
}

async function hold({ url, count, sourceAddresses, concurrency, perMessageDeflate, firstMessage }: HoldRequest): Promise<HoldResult> {
  const started = performance.now();
  let next = 0;
  let failed = 0;
  let firstFailure: string | null = null;
  releasing = false;
  async function openUntilDone(): Promise<void> {
    while (next < count) {
      const index = held.length + next++;
      try {
        const ws = await connect(url, sourceAddresses[index % sourceAddresses.length], perMessageDeflate);
        if (firstMessage !== undefined) await echoOnce(ws, firstMessage);
        ws.once('close', () => {
          if (!releasing) droppedWhileHeld++;
        });
        held.push(ws);
      } catch (error) {
        failed++;
        firstFailure ??= error instanceof Error ? error.message : String(error);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, openUntilDone));
  return { held: held.length, failed, firstFailure, ms: performance.now() - started };
}

async function release(): Promise<ReleaseResult> {
  releasing = true;
  const sockets = held.splice(0);
  await closeAll(sockets);
  const result = { released: sockets.length, droppedWhileHeld };
  droppedWhileHeld = 0;
  return result;
}

async function echo(request: EchoRequest): Promise<EchoResult> {
  const { url, connections, payloadBytes, warmupMs, maxMs, maxRoundTrips, payloadTexts, perMessageDeflate } = request;
  const sockets = await connectAll(url, connections, perMessageDeflate);
  const payloads = payloadTexts ?? [Buffer.alloc(payloadBytes, 0x61)];
  let sent = 0;
  const nextPayload = () => payloads[sent++ % payloads.length]!;
  const samples = new Float64Array(maxRoundTrips);
  let measured = 0;
  let total = 0;
  let mismatches = 0;
  let phase: 'warm-up' | 'measure' | 'stop' = 'warm-up';
  const started = now();
  const warmupEnds = started + BigInt(warmupMs) * 1_000_000n;
  let measureStarted = 0n;
  let measureEnds = 0n;
  let measureEnded = 0n;
  let running = sockets.length;

  await new Promise<void>((resolve, reject) => {
    const stuck = setTimeout(
      () => reject(new Error(`The echo cell did not finish within ${warmupMs + maxMs + 10_000} ms: the server stopped answering.`)),
      warmupMs + maxMs + 10_000,
    );
    for (const ws of sockets) {
      let sentAt = 0n;
      ws.on('message', (data: Buffer) => {
        const at = now();
        total++;
        if (data.length !== payloadBytes) mismatches++;
        if (phase === 'measure') {
          // A round trip that began in the warm-up is not measured.
          if (sentAt >= measureStarted) samples[measured++] = Number(at - sentAt);
          if (measured >= maxRoundTrips || at >= measureEnds) {
            phase = 'stop';
            measureEnded = at;
          }
        } else if (phase === 'warm-up' && at >= warmupEnds) {
          phase = 'measure';
          measureStarted = at;
          measureEnds = at + BigInt(maxMs) * 1_000_000n;
        }
        if (phase === 'stop') {
          if (--running === 0) {
            clearTimeout(stuck);
            resolve();
          }
          return;
        }
        sentAt = now();
        ws.send(nextPayload());
      });
      ws.once('close', (code: number, reason: Buffer) =>
        reject(
          new Error(`The server closed an echo connection with ${code} ${JSON.stringify(String(reason))} after ${total} round trips.`),
        ),
      );
      sentAt = now();
      ws.send(nextPayload());
    }
  });
  const finished = now();
  const bytesWritten = sockets.reduce((sum, ws) => sum + socketOf(ws).bytesWritten, 0);
  for (const ws of sockets) ws.removeAllListeners('close');
  await closeAll(sockets);
  return {
    roundTrips: measured,
    seconds: Number(measureEnded - measureStarted) / 1e9,
    rttNs: samples.slice(0, measured),
    totalRoundTrips: total,
    totalSeconds: Number(finished - started) / 1e9,
    mismatches,
    bytesWritten,
  };
}

/** ws keeps its TCP socket in a private field; its byte counts are what crossed the wire. */
function socketOf(ws: WebSocket): { bytesWritten: number } {
  return (ws as unknown as { _socket: { bytesWritten: number } })._socket;
}

/**
 * The demo's chat protocol: join with a nickname, then `say`; every member, the author included, gets each message
 * as JSON. The bare server relays any text as it is, so the same messages work there. Receivers recognise a message
 * by the token in its text, whatever the server wraps it in.
 */
const chatJoin = (nickname: string) => JSON.stringify({ type: 'join', nickname });
const chatSay = (token: string, payloadBytes: number) => JSON.stringify({ type: 'say', text: token.padEnd(payloadBytes, 'x') });

async function fanout({ url, receivers, messages, payloadBytes, timeoutMs }: FanoutRequest): Promise<FanoutResult> {
  const sender = await connect(url);
  const listeners = await connectAll(url, receivers);
  sender.send(chatJoin('bench-sender'));
  listeners.forEach((ws, index) => ws.send(chatJoin(`bench-${index}`)));
  const latencies = new Float64Array(receivers * messages);
  let deliveries = 0;
  let measuring = false;
  let token = '';
  let sentAt = 0n;
  let waitingFor = 0;
  let delivered: () => void = () => {};
  let refused: (error: Error) => void = () => {};
  // A refusal (room full, rate passed) would otherwise show only as a message that never arrives.
  const watchForRefusals = (ws: WebSocket) =>
    ws.on('message', (data: Buffer) => {
      const text = data.toString();
      if (text.includes('"type":"refused"')) refused(new Error(`The chat refused a request: ${text}`));
    });
  watchForRefusals(sender);
  for (const ws of listeners) {
    watchForRefusals(ws);
    ws.on('message', (data: Buffer) => {
      const at = now();
      if (waitingFor === 0 || !data.toString().includes(token)) return;
      if (measuring) latencies[deliveries++] = Number(at - sentAt);
      if (--waitingFor === 0) delivered();
    });
  }
  /** Sends one message and resolves when every receiver has it; rejects after `withinMs`. */
  function deliver(nextToken: string, withinMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        const reached = receivers - waitingFor;
        waitingFor = 0;
        reject(new Error(`A chat message reached ${reached} of ${receivers} receivers in ${withinMs} ms.`));
      }, withinMs);
      delivered = () => {
        clearTimeout(timer);
        resolve();
      };
      refused = (error) => {
        clearTimeout(timer);
        waitingFor = 0;
        reject(error);
      };
      token = nextToken;
      waitingFor = receivers;
      sentAt = now();
      sender.send(chatSay(nextToken, payloadBytes));
    });
  }
  // Each join travels on its own connection, so the first messages may overtake some: everyone is in the room once
  // one message reaches every receiver.
  const joinDeadline = performance.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      await deliver(`sync-${attempt}-`, 250);
      break;
    } catch (error) {
      if (performance.now() > joinDeadline || String(error).includes('refused')) throw error;
    }
  }
  measuring = true;
  const started = now();
  for (let index = 0; index < messages; index++) await deliver(`fanout-${index}-`, timeoutMs);
  const seconds = Number(now() - started) / 1e9;
  await closeAll([sender, ...listeners]);
  return { messages, deliveries, seconds, latencyNs: latencies.slice(0, deliveries) };
}
