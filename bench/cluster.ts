// `npm run bench:cluster`: chat fan-out over 1, 2 and 3 nodes on one redis-server against the one-process room, Redis's CPU, and memory per idle connection with Redis on and off.
// Usage: npm run build && npm run bench:cluster [-- --members 60 --messages 300 --idle 2000]
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { freePort } from '../scripts/free-port.ts';
import { summarizeLatency } from './latency.ts';
import { startServer, stopAll } from './bench-harness.ts';

const root = path.resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    members: { type: 'string', default: '60' },
    messages: { type: 'string', default: '300' },
    idle: { type: 'string', default: '2000' },
  },
});
const MEMBERS = Number(args.members);
const MESSAGES = Number(args.messages);
const IDLE = Number(args.idle);
/** The bench's own load must not trip the demo server's limits; everything else stays at its default. */
const BENCH_ENV = {
  DEMO_CHAT_MESSAGES_PER_MINUTE: '1000000',
  DEMO_MAX_MESSAGES_PER_SECOND: '100000',
  DEMO_MAX_CONNECTIONS_PER_IP: '10000',
  DEMO_CHAT_MAX_MEMBERS: '10000',
  LOG_LEVEL: 'warn',
};
const children: ChildProcess[] = [];

async function waitForPort(port: number): Promise<void> {
  for (let tries = 0; tries < 400; tries++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true))).once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nothing listened on ${port}`);
}

function start(command: string, argv: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(command, argv, { cwd: root, env: { ...process.env, ...env }, stdio: 'ignore' });
  children.push(child);
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function startNodes(count: number, redisUrl?: string): Promise<{ ports: number[]; children: ChildProcess[] }> {
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  const started = ports.map((port, i) =>
    start(process.execPath, ['server/start.ts'], {
      ...BENCH_ENV,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO_NODE_NAME: `node-${i + 1}`,
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    }),
  );
  await Promise.all(ports.map(waitForPort));
  // With Redis, a node takes joins once its reader is live: /healthz says ok.
  for (const port of ports) {
    for (;;) {
      const report = (await (await fetch(`http://127.0.0.1:${port}/healthz`, { headers: { Accept: 'application/json' } })).json()) as {
        status: string;
      };
      if (report.status === 'ok') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return { ports, children: started };
}

async function joined(port: number, nickname: string, onMessage?: (text: string) => void): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/chat`);
  await once(ws, 'open');
  ws.send(JSON.stringify({ type: 'join', nickname }));
  await once(ws, 'message');
  if (onMessage) ws.on('message', (data) => onMessage(String(data)));
  return ws;
}

/** One sender on the first node, MEMBERS receivers spread over every node; every message is timed to every receiver. */
async function fanOut(ports: number[]): Promise<{ perSecond: number; p99Ms: number }> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let delivered = 0;
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => (done = resolve));
  const onMessage = (text: string) => {
    const message = JSON.parse(text) as { type: string; text?: string };
    if (message.type !== 'message') return;
    latencies.push(performance.now() - sentAt.get(message.text!)!);
    if (++delivered === MEMBERS * MESSAGES) done();
  };
  const receivers = [];
  for (let i = 0; i < MEMBERS; i++) receivers.push(await joined(ports[i % ports.length]!, `r${i}`, onMessage));
  const sender = await joined(ports[0]!, 'sender');
  const startedAt = performance.now();
  for (let i = 0; i < MESSAGES; i++) {
    sentAt.set(`m${i}`, performance.now());
    sender.send(JSON.stringify({ type: 'say', text: `m${i}` }));
    // A few in flight at a time, as a busy room has, rather than the whole run queued in one burst.
    if (i % 10 === 9) await new Promise((resolve) => setImmediate(resolve));
  }
  await finished;
  const seconds = (performance.now() - startedAt) / 1000;
  for (const ws of [...receivers, sender]) ws.terminate();
  return { perSecond: delivered / seconds, p99Ms: summarizeLatency(Float64Array.from(latencies), latencies.length).p99 };
}

/**
 * Memory per idle /ws/echo connection on one node started with the bench's memory probe (as `npm run bench` does):
 * the JS heap and RSS after a GC settle, against the same before. The heap is the figure judged: RSS moves with
 * V8's young generation more than with the connections (bench/README.md, How memory is judged).
 */
async function idleMemory(redisUrl?: string): Promise<{ heap: number; rss: number }> {
  const env = { ...process.env, ...BENCH_ENV, PORT: '0', HOST: '127.0.0.1', DEMO_IDLE_TIMEOUT_MS: '3600000' };
  const server = await startServer(
    redisUrl ? 'node with Redis' : 'node without Redis',
    'server/start.ts',
    [],
    redisUrl ? { ...env, REDIS_URL: redisUrl, DEMO_NODE_NAME: 'node-1' } : env,
  );
  const url = `${server.origin.replace('http', 'ws')}/ws/echo`;
  const open = async (count: number) => {
    const sockets: WebSocket[] = [];
    for (let i = 0; i < count; i += 100) {
      const batch = Array.from({ length: Math.min(100, count - i) }, () => new WebSocket(url));
      await Promise.all(batch.map((ws) => once(ws, 'open')));
      sockets.push(...batch);
    }
    return sockets;
  };
  // Code compiled on the first connections must not count per connection.
  for (const ws of await open(200)) ws.terminate();
  const before = await server.probe('settle');
  const sockets = await open(IDLE);
  const after = await server.probe('settle');
  for (const ws of sockets) ws.terminate();
  return { heap: (after.heapUsedBytes - before.heapUsedBytes) / IDLE, rss: (after.rssBytes - before.rssBytes) / IDLE };
}

/** The 1-minute load average, as `uptime` prints it: on a shared machine the figures mean little above about 3. */
const load = () => loadavg()[0]!.toFixed(2);
const loadAtStart = load();
if (loadavg()[0]! > 3) console.error(`bench:cluster: the load average is ${loadAtStart}; above about 3 the figures are noise.`);

try {
  const redisPort = await freePort();
  const redis = start('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  await waitForPort(redisPort);
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  const rows: string[][] = [];

  const progress = (what: string) => console.error(`bench:cluster: ${what}…`);
  progress('one process, no Redis');
  const single = await startNodes(1);
  const baseline = await fanOut(single.ports);
  rows.push(['one process, no Redis', '1', baseline.perSecond.toFixed(0), '1.00×', baseline.p99Ms.toFixed(1), '1.00×', '–']);
  for (const child of single.children) await stop(child);

  for (const count of [1, 2, 3]) {
    progress(`Redis, ${count} node(s)`);
    const nodes = await startNodes(count, redisUrl);
    const redisCpuBefore = cpuSeconds(redis.pid!);
    const result = await fanOut(nodes.ports);
    const redisCpu = cpuSeconds(redis.pid!) - redisCpuBefore;
    const ratio = result.perSecond / baseline.perSecond;
    rows.push([
      `Redis, ${count} node${count > 1 ? 's' : ''}`,
      String(count),
      result.perSecond.toFixed(0),
      `${ratio.toFixed(2)}×`,
      result.p99Ms.toFixed(1),
      `${(result.p99Ms / baseline.p99Ms).toFixed(2)}×`,
      `${redisCpu.toFixed(2)} s`,
    ]);
    for (const child of nodes.children) await stop(child);
  }

  const header = ['room', 'nodes', 'deliveries/s', 'vs one process', 'p99 ms', 'vs one process', 'Redis CPU'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`Load average (1 min) ${loadAtStart} at the start, ${load()} at the end.`);
  console.log(`Chat fan-out: ${MEMBERS} members, ${MESSAGES} messages from one sender, every member gets every message.`);
  console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
  progress('memory per idle connection, Redis off and on');
  const idleOff = await idleMemory();
  const idleOn = await idleMemory(redisUrl);
  const heapRatio = idleOn.heap / idleOff.heap;
  console.log(
    `Memory per idle /ws/echo connection (${IDLE} held, after a GC settle): JS heap ${idleOff.heap.toFixed(0)} B without Redis, ` +
      `${idleOn.heap.toFixed(0)} B with Redis: ${heapRatio.toFixed(2)}× (target ≤ 1.05×: ${heapRatio <= 1.05 ? 'met' : 'missed'}); ` +
      `RSS growth ${idleOff.rss.toFixed(0)} B and ${idleOn.rss.toFixed(0)} B (${(idleOn.rss / idleOff.rss).toFixed(2)}×, not judged).`,
  );
} finally {
  for (const child of children) await stop(child);
  await stopAll();
}
