// `npm run bench`: drives the demo server (the real `node server/start.ts`) and a bare ws echo server with the same load on loopback, and compares them.
// Usage: npm run build && npm run bench [-- --connections 5000 --seconds 3 --round-trips 500000]
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LIMITS } from '../server/limits.ts';
import {
  measureEchoCell,
  pinned,
  pinningReason,
  pool,
  progress,
  root,
  runBench,
  sourceAddresses,
  startClient,
  startServer,
  stopAll,
  wholeNumber,
  type EchoCell,
  type EchoFigures,
  type LoadClient,
  type RunningServer,
} from './bench-harness.ts';
import { formatCount, formatMegabytes, formatMicros, renderTable, verdictOf, type Comparison } from './load-report.ts';
import { summarizeLatency } from './latency.ts';
import type { FanoutResult, LatencySummary } from './load-messages.ts';
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

/** An echo cell on /ws/echo, uncompressed, with this run's timing. */
function echoCell(connections: number, payloadBytes: number): EchoCell {
  const url = (server: RunningServer) => `${server.origin.replace('http', 'ws')}/ws/echo`;
  return { url, connections, payloadBytes, slices: ECHO_SLICES, warmupMs: WARMUP_MS, cellMs, maxRoundTrips };
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

/** Whether the demo server has a chat: it answers a plain GET to an endpoint with 426, and to a path it lacks with 404. */
async function hasEndpoint(server: RunningServer, endpointPath: string): Promise<boolean> {
  const response = await fetch(`${server.origin}${endpointPath}`);
  await response.body?.cancel();
  return response.status === 426;
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

  progress(pinned ? 'servers pinned to core 0, load client to core 1' : `nothing pinned: ${pinningReason}`);
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
  await measureEchoCell(client, servers, echoCell(10, 32));
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
      const [onBare, onDemo] = (await measureEchoCell(client, servers, echoCell(connections, payload.bytes))) as [EchoFigures, EchoFigures];
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
    `${pinned ? 'Servers on core 0, load client on core 1' : `Not pinned: ${pinningReason}`}; Node ${process.version}; load average ${loadBefore.toFixed(2)} before the run; ${Math.round((performance.now() - started) / 1000)} s in all.`,
  );
}

await runBench(main);
