// `npm run bench`: drives the demo server (the real `node server/start.ts`) and a bare ws echo server with the same load on loopback, and compares them.
// Usage: npm run build && npm run bench [-- --connections 5000 --seconds 3 --round-trips 500000]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { LIMITS } from '../server/limits.ts';
import { formatCount, formatMegabytes, formatMicros, renderTable, verdictOf, type Comparison } from './load-report.ts';
import { summarizeLatency } from './latency.ts';
import type {
  ClientEnvelope,
  ClientReply,
  ClientRequest,
  ClientResults,
  EchoResult,
  FanoutResult,
  LatencySummary,
  ProbeReply,
} from './load-messages.ts';

const root = path.resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    connections: { type: 'string', default: '5000' },
    seconds: { type: 'string', default: '3' },
    'round-trips': { type: 'string', default: '500000' },
  },
});
const idleTarget = wholeNumber('--connections', args.connections);
const cellMs = wholeNumber('--seconds', args.seconds) * 1000;
const maxRoundTrips = wholeNumber('--round-trips', args['round-trips']);

const ECHO_CONNECTIONS = [1, 10, 100] as const;
const ECHO_PAYLOADS = [{ bytes: 32, label: '32 B' } as const, { bytes: 4096, label: '4 KiB' } as const];
/** Each cell alternates between the servers this many times; each slice warms up for WARMUP_MS before it measures. */
const ECHO_SLICES = 3;
const WARMUP_MS = 300;
/** Handshakes in flight while ramping up idle connections. */
const HANDSHAKE_CONCURRENCY = 200;
/** Ramp steps, as fractions of the idle target: each step is held and reported before the next. */
const RAMP = [0.2, 0.5, 1] as const;
/** Below the ~28k ephemeral ports of one source address, with room for the echo cells and sockets in TIME_WAIT. */
const CONNECTIONS_PER_SOURCE_ADDRESS = 20_000;
const CHAT_PATH = '/ws/chat';
const CHAT_RECEIVERS = 100;
const CHAT_MESSAGES = 200;
const TARGETS = {
  throughput: { bound: 'at least', ratio: 0.9 },
  p99: { bound: 'at most', ratio: 1.2 },
  memory: { bound: 'at most', ratio: 1.2 },
} as const;

/**
 * Limits the load would otherwise run into: the per-address and total connection caps, the message rate (one
 * connection in a closed loop sends thousands of messages a second), the idle timeout, and the chat's member cap and
 * per-member rate. Everything else stays at what production runs, logging at `info` and the heartbeat included.
 * Keyed by option, so a renamed limit fails the type check instead of silently throttling the run.
 */
function demoLimitOverrides(connections: number): Partial<Record<keyof typeof LIMITS, number>> {
  const cap = Math.max(connections, CHAT_RECEIVERS) + 1000;
  return {
    maxConnectionsPerIp: cap,
    maxConnections: cap,
    maxMessagesPerSecond: 1_000_000_000,
    idleTimeoutMs: 3_600_000,
    chatMaxMembers: CHAT_RECEIVERS + 1,
    chatMessagesPerMinute: 1_000_000_000,
  };
}

function wholeNumber(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`${name} must be a whole number of at least 1, but it is ${raw}.`);
  return value;
}

function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

/** taskset pins each process to one core, so server and client do not share one; without it, or with one core, nothing is pinned. */
function detectPinning(): { serverCore: string; clientCore: string } | { reason: string } {
  if (availableParallelism() < 2) return { reason: `only ${availableParallelism()} core is available` };
  const probe = spawnSync('taskset', ['-c', '0,1', 'true']);
  if (probe.error || probe.status !== 0) return { reason: 'taskset (util-linux) is not available or cannot pin to cores 0 and 1' };
  return { serverCore: '0', clientCore: '1' };
}

const pinning = detectPinning();
const pinned = 'serverCore' in pinning;

/** Starts `node …args` with the soft file-descriptor limit raised to the hard one, pinned to `core` when possible. */
function startNode(core: string | undefined, nodeArgs: readonly string[], env: NodeJS.ProcessEnv, advancedIpc = false): ChildProcess {
  const taskset = pinned && core !== undefined ? ['taskset', '-c', core] : [];
  return spawn('sh', ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"', 'sh', ...taskset, process.execPath, ...nodeArgs], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    serialization: advancedIpc ? 'advanced' : 'json',
  });
}

interface RunningServer {
  name: string;
  child: ChildProcess;
  origin: string;
  /** Lines the server wrote on stdout: its JSON log, for the demo server. */
  stdoutLines: number;
  probe(op: 'settle' | 'sample'): Promise<ProbeReply>;
}

const children: ChildProcess[] = [];

async function startServer(name: string, script: string, scriptArgs: readonly string[], env: NodeJS.ProcessEnv): Promise<RunningServer> {
  const probeModule = pathToFileURL(path.join(root, 'bench/memory-probe.ts')).href;
  const child = startNode(pinned ? pinning.serverCore : undefined, ['--expose-gc', '--import', probeModule, script, ...scriptArgs], env);
  children.push(child);
  let output: string | null = '';
  const server: RunningServer = {
    name,
    child,
    origin: '',
    stdoutLines: 0,
    probe(op) {
      return new Promise((resolve, reject) => {
        child.once('message', (reply: ProbeReply) => resolve(reply));
        if (!child.send({ op })) reject(new Error(`The ${name} server's IPC channel is closed.`));
      });
    },
  };
  server.origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The ${name} server printed no URL within 20 s.`)), 20_000);
    child.once('exit', (code) => reject(new Error(`The ${name} server exited with status ${code} before it listened.`)));
    // Read stdout all along: a full pipe would block the server's synchronous log writes.
    child.stdout!.on('data', (chunk: Buffer) => {
      for (const byte of chunk) if (byte === 0x0a) server.stdoutLines++;
      if (output === null) return;
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(output);
      if (match) {
        clearTimeout(timer);
        output = null;
        resolve(match[0]);
      }
    });
  });
  child.once('exit', (code, signal) => {
    if (!stopping) fail(new Error(`The ${name} server exited (status ${code}, signal ${signal}) in the middle of the run.`));
  });
  return server;
}

interface LoadClient {
  request<R extends ClientRequest>(request: R): Promise<ClientResults[R['op']]>;
}

function startClient(): LoadClient {
  const child = startNode(pinned ? pinning.clientCore : undefined, ['bench/load-client.ts'], process.env, true);
  children.push(child);
  const pending = new Map<number, { resolve: (result: never) => void; reject: (error: Error) => void }>();
  let lastId = 0;
  child.on('message', (reply: ClientReply) => {
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.ok) waiter?.resolve(reply.result as never);
    else waiter?.reject(new Error(reply.error));
  });
  child.once('exit', (code, signal) => {
    if (!stopping) fail(new Error(`The load client exited (status ${code}, signal ${signal}) in the middle of the run.`));
  });
  return {
    request(request) {
      const id = ++lastId;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (result: never) => void, reject });
        child.send({ id, request } satisfies ClientEnvelope);
      });
    },
  };
}

let stopping = false;
let failWith: (error: Error) => void = (error) => {
  throw error;
};
function fail(error: Error): void {
  failWith(error);
}

async function stopAll(): Promise<void> {
  stopping = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

/** Source addresses for `count` connections: 127.0.0.1, then 127.0.0.2… when one address would run short of ports. */
function sourceAddresses(count: number): string[] {
  const needed = Math.ceil(count / CONNECTIONS_PER_SOURCE_ADDRESS);
  return Array.from({ length: needed }, (_, index) => `127.0.0.${index + 1}`);
}

interface IdleFigures {
  held: number;
  /** JS heap retained per connection, after a GC settle: what the server's code keeps for each connection. */
  heapBytesPerConnection: number;
  /** RSS growth per connection, after a GC settle; it also holds young-generation pages V8 grew into meanwhile. */
  rssBytesPerConnection: number;
  /** How much V8 grew its young generation during the ramp, which RSS counts and the heap figure does not. */
  newSpaceGrowthBytes: number;
  steps: string[];
}

/** Ramps up to the idle target, holding every connection, and reads the server's memory after a GC settle at each step. */
async function measureIdle(client: LoadClient, server: RunningServer): Promise<IdleFigures> {
  const url = `${server.origin.replace('http', 'ws')}/ws/echo`;
  // One-time costs (code compiled on the first connections, lazily built tables) must not count per connection.
  await client.request({ op: 'hold', url, count: 200, sourceAddresses: ['127.0.0.1'], concurrency: HANDSHAKE_CONCURRENCY });
  await client.request({ op: 'release' });
  const baseline = await server.probe('settle');
  const steps: string[] = [];
  let held = 0;
  let settled = baseline;
  for (const fraction of RAMP) {
    const count = Math.round(idleTarget * fraction) - held;
    const hold = await client.request({
      op: 'hold',
      url,
      count,
      sourceAddresses: sourceAddresses(idleTarget),
      concurrency: HANDSHAKE_CONCURRENCY,
    });
    if (hold.failed > 0) throw new Error(`The ${server.name} server refused ${hold.failed} of ${count} connections: ${hold.firstFailure}`);
    held = hold.held;
    settled = await server.probe('settle');
    const heapEach = (settled.heapUsedBytes - baseline.heapUsedBytes) / held;
    const rssEach = (settled.rssBytes - baseline.rssBytes) / held;
    steps.push(
      `${formatCount(held)} held (+${formatCount(count)} in ${Math.round(hold.ms)} ms): ${formatCount(heapEach)} B heap, ${formatCount(rssEach)} B RSS each`,
    );
    progress(`${server.name}: ${steps.at(-1)}`);
  }
  const release = await client.request({ op: 'release' });
  if (release.droppedWhileHeld > 0) {
    throw new Error(`The ${server.name} server closed ${release.droppedWhileHeld} idle connections that were meant to stay open.`);
  }
  return {
    held,
    heapBytesPerConnection: (settled.heapUsedBytes - baseline.heapUsedBytes) / held,
    rssBytesPerConnection: (settled.rssBytes - baseline.rssBytes) / held,
    newSpaceGrowthBytes: settled.newSpaceBytes - baseline.newSpaceBytes,
    steps,
  };
}

interface EchoFigures {
  roundTrips: number;
  seconds: number;
  rttNs: LatencySummary;
  /** The server's CPU time over the whole cell, warm-ups and connection setup included, and the round trips and time it covered. */
  serverCpuMicros: number;
  totalRoundTrips: number;
  totalSeconds: number;
}

/**
 * One echo cell on both servers. The cell's time is cut into ECHO_SLICES slices that alternate between the servers,
 * and each server's slices are pooled, so a burst of other work on the machine lands on both rather than on one.
 */
async function measureEchoCell(client: LoadClient, servers: readonly RunningServer[], connections: number, payloadBytes: number) {
  const slices = servers.map(() => [] as (EchoResult & { serverCpuMicros: number })[]);
  for (let slice = 0; slice < ECHO_SLICES; slice++) {
    for (const [index, server] of servers.entries()) {
      const before = await server.probe('sample');
      const result = await client
        .request({
          op: 'echo',
          url: `${server.origin.replace('http', 'ws')}/ws/echo`,
          connections,
          payloadBytes,
          warmupMs: WARMUP_MS,
          maxMs: Math.ceil(cellMs / ECHO_SLICES),
          maxRoundTrips: Math.ceil(maxRoundTrips / ECHO_SLICES),
        })
        .catch((error: Error) => {
          throw new Error(`Echo, ${connections}×${payloadBytes} B, on the ${server.name} server: ${error.message}`);
        });
      const after = await server.probe('sample');
      if (result.mismatches > 0) throw new Error(`The ${server.name} server echoed ${result.mismatches} messages with the wrong length.`);
      if (result.roundTrips === 0) throw new Error(`No round trip was measured against the ${server.name} server.`);
      slices[index]!.push({ ...result, serverCpuMicros: after.cpuMicros - before.cpuMicros });
    }
  }
  return slices.map((results): EchoFigures => {
    const sum = (pick: (result: (typeof results)[number]) => number) => results.reduce((total, result) => total + pick(result), 0);
    const pooled = pool(results.map((result) => result.rttNs));
    return {
      roundTrips: sum((result) => result.roundTrips),
      seconds: sum((result) => result.seconds),
      rttNs: summarizeLatency(pooled, pooled.length),
      serverCpuMicros: sum((result) => result.serverCpuMicros),
      totalRoundTrips: sum((result) => result.totalRoundTrips),
      totalSeconds: sum((result) => result.totalSeconds),
    };
  });
}

/** Whether the demo server has a chat: it answers a plain GET to an endpoint with 426, and to a path it lacks with 404. */
async function hasEndpoint(server: RunningServer, endpointPath: string): Promise<boolean> {
  const response = await fetch(`${server.origin}${endpointPath}`);
  await response.body?.cancel();
  return response.status === 426;
}

/** Concatenates the slices' samples, so percentiles are taken over all of them. */
function pool(parts: readonly Float64Array[]): Float64Array {
  const pooled = new Float64Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    pooled.set(part, offset);
    offset += part.length;
  }
  return pooled;
}

/** Chat fan-out latency, 1 sender and CHAT_RECEIVERS receivers, on both servers, in slices that alternate like the echo cells. */
async function measureChatFanout(client: LoadClient, servers: readonly RunningServer[]): Promise<Comparison[]> {
  const slices = servers.map(() => [] as FanoutResult[]);
  for (let slice = 0; slice < ECHO_SLICES; slice++) {
    for (const [index, server] of servers.entries()) {
      const result = await client
        .request({
          op: 'fanout',
          url: `${server.origin.replace('http', 'ws')}${CHAT_PATH}`,
          receivers: CHAT_RECEIVERS,
          messages: Math.ceil(CHAT_MESSAGES / ECHO_SLICES),
          payloadBytes: 32,
          timeoutMs: 10_000,
        })
        .catch((error: Error) => {
          throw new Error(`Chat fan-out on the ${server.name} server: ${error.message}`);
        });
      slices[index]!.push(result);
    }
  }
  const [onBare, onDemo] = slices.map((results) => {
    const latencies = pool(results.map((result) => result.latencyNs));
    const deliveries = results.reduce((total, result) => total + result.deliveries, 0);
    const seconds = results.reduce((total, result) => total + result.seconds, 0);
    return { deliveriesPerSecond: deliveries / seconds, latency: summarizeLatency(latencies, latencies.length) };
  }) as [{ deliveriesPerSecond: number; latency: LatencySummary }, { deliveriesPerSecond: number; latency: LatencySummary }];
  const figure = `chat 1→${CHAT_RECEIVERS}×32 B`;
  return [
    {
      figure: `${figure}: deliveries/s`,
      bare: onBare.deliveriesPerSecond,
      demo: onDemo.deliveriesPerSecond,
      format: formatCount,
      target: TARGETS.throughput,
    },
    { figure: `${figure}: p50 latency (µs)`, bare: onBare.latency.p50, demo: onDemo.latency.p50, format: formatMicros },
    {
      figure: `${figure}: p99 latency (µs)`,
      bare: onBare.latency.p99,
      demo: onDemo.latency.p99,
      format: formatMicros,
      target: TARGETS.p99,
    },
  ];
}

async function main(): Promise<void> {
  if (!existsSync(path.join(root, 'dist', '404.html'))) {
    throw new Error('There is no built site in dist/, which `node server/start.ts` serves. Run `npm run build` first.');
  }
  const started = performance.now();
  const overrides = demoLimitOverrides(idleTarget);
  const demoEnv: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1' };
  for (const [option, value] of Object.entries(overrides)) demoEnv[LIMITS[option as keyof typeof LIMITS].env] = String(value);
  const maxPayload = Number(demoEnv[LIMITS.maxMessageBytes.env] || LIMITS.maxMessageBytes.default);

  progress(pinned ? 'servers pinned to core 0, load client to core 1' : `nothing pinned: ${pinning.reason}`);
  const loadBefore = loadavg()[0]!;
  // Other work on the machine lands on one server's slice and not the other's: the ratios get noisy, p99 most.
  if (loadBefore > 0.5) progress(`the machine is busy (load average ${loadBefore.toFixed(2)}): figures will be noisy`);
  const bare = await startServer('bare ws', 'bench/bare-echo-server.ts', [String(maxPayload)], process.env);
  const demo = await startServer('demo', 'server/start.ts', [], demoEnv);
  const client = startClient();
  const servers = [bare, demo] as const;

  const idle = [];
  for (const server of servers) idle.push(await measureIdle(client, server));

  // Warms the client and both servers' hot paths before anything is measured.
  await measureEchoCell(client, servers, 10, 32);
  const comparisons: Comparison[] = [
    { figure: 'idle connections held', bare: idle[0]!.held, demo: idle[1]!.held, format: formatCount },
    {
      figure: 'JS heap per idle connection (B)',
      bare: idle[0]!.heapBytesPerConnection,
      demo: idle[1]!.heapBytesPerConnection,
      format: formatCount,
      target: TARGETS.memory,
    },
    {
      figure: 'RSS growth per idle connection (B)',
      bare: idle[0]!.rssBytesPerConnection,
      demo: idle[1]!.rssBytesPerConnection,
      format: formatCount,
    },
  ];
  const busy: string[] = [];
  for (const connections of ECHO_CONNECTIONS) {
    for (const payload of ECHO_PAYLOADS) {
      const [onBare, onDemo] = (await measureEchoCell(client, servers, connections, payload.bytes)) as [EchoFigures, EchoFigures];
      const cell = `echo ${connections}×${payload.label}`;
      progress(
        `${cell}: ${formatCount(onBare.roundTrips / onBare.seconds)} vs ${formatCount(onDemo.roundTrips / onDemo.seconds)} round trips/s`,
      );
      const cpuPerRoundTrip = (figures: EchoFigures) => (figures.serverCpuMicros * 1000) / figures.totalRoundTrips;
      const busyShare = (figures: EchoFigures) => `${Math.round(figures.serverCpuMicros / 1e4 / figures.totalSeconds)} %`;
      busy.push(`${cell}: bare ${busyShare(onBare)}, demo ${busyShare(onDemo)}`);
      comparisons.push(
        {
          figure: `${cell}: round trips/s`,
          bare: onBare.roundTrips / onBare.seconds,
          demo: onDemo.roundTrips / onDemo.seconds,
          format: formatCount,
          target: TARGETS.throughput,
        },
        { figure: `${cell}: p50 RTT (µs)`, bare: onBare.rttNs.p50, demo: onDemo.rttNs.p50, format: formatMicros },
        { figure: `${cell}: p99 RTT (µs)`, bare: onBare.rttNs.p99, demo: onDemo.rttNs.p99, format: formatMicros, target: TARGETS.p99 },
        {
          figure: `${cell}: server CPU per round trip (µs)`,
          bare: cpuPerRoundTrip(onBare),
          demo: cpuPerRoundTrip(onDemo),
          format: formatMicros,
        },
      );
    }
  }

  let chatLine: string;
  if (await hasEndpoint(demo, CHAT_PATH)) {
    comparisons.push(...(await measureChatFanout(client, servers)));
    chatLine = `Chat fan-out: 1 sender, ${CHAT_RECEIVERS} receivers, ${CHAT_MESSAGES} messages per server on ${CHAT_PATH}, in ${ECHO_SLICES} alternating slices.`;
  } else {
    chatLine = `Chat fan-out: skipped, because the demo server has no ${CHAT_PATH} endpoint yet (GET ${CHAT_PATH} is not 426).`;
  }

  const logLines = demo.stdoutLines;
  await stopAll();
  const targets = comparisons.filter((comparison) => comparison.target);
  const met = targets.filter((comparison) => verdictOf(comparison) === 'PASS').length;
  console.log(renderTable(comparisons));
  console.log();
  console.log(`${met} of ${targets.length} targets met (throughput ≥ 0.9× bare, p99 ≤ 1.2×, memory per connection ≤ 1.2×).`);
  console.log(chatLine);
  console.log(
    `Idle ramp: bare ${idle[0]!.steps.join('; ')}. Demo ${idle[1]!.steps.join('; ')}. Each figure is the server process's own, after a GC settle, less its value before the ramp.`,
  );
  console.log(
    `During the ramp V8 grew its young generation by ${formatMegabytes(idle[0]!.newSpaceGrowthBytes)} in bare ws and ${formatMegabytes(idle[1]!.newSpaceGrowthBytes)} in the demo server: RSS counts those pages (spread over ${formatCount(idleTarget)} connections), the heap figure does not. See bench/README.md.`,
  );
  console.log(`Server CPU busy during echo cells (warm-up included; 100 % is one core): ${busy.join('; ')}.`);
  console.log(
    `Demo server: node server/start.ts with ${Object.entries(overrides)
      .map(([option, value]) => `${LIMITS[option as keyof typeof LIMITS].env}=${value}`)
      .join(' ')}, LOG_LEVEL=${process.env['LOG_LEVEL'] || 'info (default)'}; it wrote ${formatCount(logLines)} log lines.`,
  );
  console.log(
    `${pinned ? 'Servers on core 0, load client on core 1' : `Not pinned: ${pinning.reason}`}; Node ${process.version}; load average ${loadBefore.toFixed(2)} before the run; ${Math.round((performance.now() - started) / 1000)} s in all.`,
  );
}

try {
  await new Promise<void>((resolve, reject) => {
    failWith = reject;
    main().then(resolve, reject);
  });
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await stopAll();
}
