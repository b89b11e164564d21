// `npm run bench:deflate`: what permessage-deflate costs, per round trip and per connection, on bare ws (with and without it) and on the demo server's /ws/echo and /ws/deflate, in one run.
// Usage: npm run build && npm run bench:deflate [-- --connections 500 --seconds 3]
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LIMITS } from '../server/limits.ts';
import {
  measureEchoCell,
  pinned,
  pinningReason,
  progress,
  root,
  runBench,
  startClient,
  startServer,
  wholeNumber,
  type EchoFigures,
  type LoadClient,
  type RunningServer,
} from './bench-harness.ts';
import { formatCount, formatMicros, markdownTable } from './load-report.ts';

const { values: args } = parseArgs({
  options: {
    connections: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '3' },
  },
});
const heldTarget = wholeNumber('--connections', args.connections);
const cellMs = wholeNumber('--seconds', args.seconds) * 1000;

const ECHO_CONNECTIONS = 10;
const SLICES = 3;
const WARMUP_MS = 300;
const MAX_ROUND_TRIPS = 300_000;
/** Message sizes: a typical small JSON message, and a larger one still under /ws/deflate's 16 KiB default limit. */
const PAYLOADS = [128, 4096] as const;
/** Messages differ from one another, as a chat's do; the same message every time would deflate to a back-reference. */
const DISTINCT_MESSAGES = 64;
/** The largest message either server takes, so both refuse the same things. */
const MAX_PAYLOAD = LIMITS.deflateMaxMessageBytes.default;

/** One thing measured: a server process, the endpoint on it, and whether the client offers compression. */
interface Target {
  label: string;
  server: RunningServer;
  endpoint: string;
  deflate: boolean;
}

/**
 * Chat-like JSON of exactly `bytes` UTF-8 bytes: the same field names every time, and English words in an order a
 * seeded generator picks, so compression meets something like real traffic, not a run of one letter or a text that
 * repeats itself (either deflates to almost nothing).
 */
export function jsonMessage(bytes: number, seed = 0): string {
  let state = (seed + 1) * 2654435761;
  const next = () => {
    // A 32-bit linear congruential generator (Numerical Recipes): deterministic, so every run sends the same bytes.
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
  const head = `{"type":"say","room":"lobby","from":"reader-${seed}","text":"`;
  let text = '';
  while (head.length + text.length + 2 < bytes) text += `${WORDS[next() % WORDS.length]} `;
  return `${head}${text.slice(0, bytes - head.length - 2)}"}`;
}

const WORDS = (
  'the of and to in is that it was for on are with as his they be at one have this from or had by word but what some ' +
  'we can out other were all there when up use your how said an each she which do their time if will way about many ' +
  'then them write would like so these her long make thing see him two has look more day could go come did number ' +
  'sound no most people my over know water than call first who may down side been now find any new work part take'
).split(' ');

interface ConnectionMemory {
  held: number;
  heapBytesPerConnection: number;
  rssBytesPerConnection: number;
}

/**
 * Holds connections that have each sent one 4 KiB message and had it echoed, so each has whatever compression state
 * it keeps between messages, and reads the server's memory after a GC settle against before. zlib's buffers are
 * native memory, outside the JS heap: RSS is the figure that counts them.
 */
async function measureMemory(client: LoadClient, target: Target): Promise<ConnectionMemory> {
  const url = `${target.server.origin.replace('http', 'ws')}${target.endpoint}`;
  const firstMessage = jsonMessage(4096);
  // One-time costs (code compiled on the first connections, zlib's first allocations) must not count per connection.
  await client.request({
    op: 'hold',
    url,
    count: 50,
    sourceAddresses: ['127.0.0.1'],
    concurrency: 50,
    perMessageDeflate: target.deflate,
    firstMessage,
  });
  await client.request({ op: 'release' });
  const before = await target.server.probe('settle');
  const hold = await client.request({
    op: 'hold',
    url,
    count: heldTarget,
    sourceAddresses: ['127.0.0.1'],
    concurrency: 100,
    perMessageDeflate: target.deflate,
    firstMessage,
  });
  if (hold.failed > 0) throw new Error(`${target.label} refused ${hold.failed} of ${heldTarget} connections: ${hold.firstFailure}`);
  const after = await target.server.probe('settle');
  const release = await client.request({ op: 'release' });
  if (release.droppedWhileHeld > 0) throw new Error(`${target.label} closed ${release.droppedWhileHeld} connections meant to stay open.`);
  return {
    held: hold.held,
    heapBytesPerConnection: (after.heapUsedBytes - before.heapUsedBytes) / hold.held,
    rssBytesPerConnection: (after.rssBytes - before.rssBytes) / hold.held,
  };
}

async function main(): Promise<void> {
  if (!existsSync(path.join(root, 'dist', '404.html'))) {
    throw new Error('There is no built site in dist/, which `node server/start.ts` serves. Run `npm run build` first.');
  }
  const started = performance.now();
  const demoEnv: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1' };
  const cap = heldTarget + 1000;
  const overrides: Partial<Record<keyof typeof LIMITS, number>> = {
    maxConnectionsPerIp: cap,
    maxConnections: cap,
    deflateMaxConnections: cap,
    maxMessageBytes: MAX_PAYLOAD,
    maxMessagesPerSecond: 1_000_000_000,
    idleTimeoutMs: 3_600_000,
  };
  for (const [option, value] of Object.entries(overrides)) demoEnv[LIMITS[option as keyof typeof LIMITS].env] = String(value);

  progress(pinned ? 'servers pinned to core 0, load client to core 1' : `nothing pinned: ${pinningReason}`);
  const loadBefore = loadavg()[0]!;
  if (loadBefore > 0.5) progress(`the machine is busy (load average ${loadBefore.toFixed(2)}): figures will be noisy`);
  const bare = await startServer('bare ws', 'bench/bare-echo-server.ts', [String(MAX_PAYLOAD)], process.env);
  const bareDeflate = await startServer('bare ws with deflate', 'bench/bare-echo-server.ts', [String(MAX_PAYLOAD), 'deflate'], process.env);
  const demo = await startServer('demo', 'server/start.ts', [], demoEnv);
  const client = startClient();
  const targets: Target[] = [
    { label: 'bare ws', server: bare, endpoint: '/ws/echo', deflate: false },
    { label: 'bare ws + deflate', server: bareDeflate, endpoint: '/ws/echo', deflate: true },
    { label: 'demo /ws/echo', server: demo, endpoint: '/ws/echo', deflate: false },
    { label: 'demo /ws/deflate', server: demo, endpoint: '/ws/deflate', deflate: true },
  ];
  // measureEchoCell takes one server per entry; the demo's two endpoints share its process, and so its probe.
  const asServers = targets.map((target) => ({ ...target.server, name: target.label }));
  const targetOf = (server: RunningServer) => targets.find((target) => target.label === server.name)!;
  const cell = (payloadBytes: number) => ({
    url: (server: RunningServer) => `${targetOf(server).server.origin.replace('http', 'ws')}${targetOf(server).endpoint}`,
    perMessageDeflate: (server: RunningServer) => targetOf(server).deflate,
    connections: ECHO_CONNECTIONS,
    payloadBytes,
    payloadTexts: Array.from({ length: DISTINCT_MESSAGES }, (_, seed) => jsonMessage(payloadBytes, seed)),
    slices: SLICES,
    warmupMs: WARMUP_MS,
    cellMs,
    maxRoundTrips: MAX_ROUND_TRIPS,
  });

  // Warms the client and every server's hot paths before anything is measured.
  await measureEchoCell(client, asServers, cell(128));
  const rows: string[][] = [];
  for (const payloadBytes of PAYLOADS) {
    const figures = (await measureEchoCell(client, asServers, cell(payloadBytes))) as EchoFigures[];
    const label = `echo ${ECHO_CONNECTIONS}×${payloadBytes} B JSON`;
    rows.push([
      `${label}: server CPU per round trip (µs)`,
      ...figures.map((f) => formatMicros((f.serverCpuMicros * 1000) / f.totalRoundTrips)),
    ]);
    rows.push([`${label}: p50 RTT (µs)`, ...figures.map((f) => formatMicros(f.rttNs.p50))]);
    rows.push([`${label}: client bytes on the wire per message`, ...figures.map((f) => formatCount(f.bytesWritten / f.totalRoundTrips))]);
    progress(`${label}: ${rows.at(-3)!.slice(1).join(' / ')} µs CPU per round trip`);
  }
  const memory: ConnectionMemory[] = [];
  for (const target of targets) {
    memory.push(await measureMemory(client, target));
    progress(`${target.label}: ${formatCount(memory.at(-1)!.rssBytesPerConnection)} B RSS per connection`);
  }
  rows.push([`RSS per connection after one 4 KiB message each way (B)`, ...memory.map((m) => formatCount(m.rssBytesPerConnection))]);
  rows.push([`JS heap per connection, same (B)`, ...memory.map((m) => formatCount(m.heapBytesPerConnection))]);

  console.log(markdownTable(['figure', ...targets.map((t) => t.label)], [false, ...targets.map(() => true)], rows));
  console.log();
  console.log(
    `Echo: ${ECHO_CONNECTIONS} connections in a closed loop, chat-like JSON text, ${SLICES} slices per cell alternating between the four targets; server CPU is the process's user + system time over each slice, warm-up included, divided by its round trips.`,
  );
  console.log(
    `Memory: ${formatCount(memory[0]!.held)} connections held per target, each after one 4 KiB message and its echo, read after a GC settle against before. bare ws + deflate uses ws's defaults (windows of 15 bits, zlib memLevel 8, context takeover); /ws/deflate its limits (DEMO_DEFLATE_MAX_WINDOW_BITS=${LIMITS.deflateMaxWindowBits.default}, DEMO_DEFLATE_MEM_LEVEL=${LIMITS.deflateMemLevel.default}).`,
  );
  console.log(
    `Demo server: node server/start.ts with ${Object.entries(overrides)
      .map(([option, value]) => `${LIMITS[option as keyof typeof LIMITS].env}=${value}`)
      .join(' ')}.`,
  );
  console.log(
    `${pinned ? 'Servers on core 0, load client on core 1' : `Not pinned: ${pinningReason}`}; Node ${process.version}; load average ${loadBefore.toFixed(2)} before the run; ${Math.round((performance.now() - started) / 1000)} s in all.`,
  );
}

await runBench(main);
