// The load benchmarks' shared parts: servers and the load client as child processes, pinned to cores when possible, and the echo cell both benchmarks measure.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { summarizeLatency } from './latency.ts';
import type { ClientEnvelope, ClientReply, ClientRequest, ClientResults, EchoResult, LatencySummary, ProbeReply } from './load-messages.ts';

export const root = path.resolve(import.meta.dirname, '..');

export function wholeNumber(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`${name} must be a whole number of at least 1, but it is ${raw}.`);
  return value;
}

export function progress(message: string): void {
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
const cores = 'serverCore' in pinning ? pinning : null;
export const pinned = cores !== null;

/** Why nothing is pinned, for the report; empty when pinned. */
export const pinningReason = 'reason' in pinning ? pinning.reason : '';

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

export interface RunningServer {
  name: string;
  child: ChildProcess;
  origin: string;
  /** Lines the server wrote on stdout: its JSON log, for the demo server. */
  stdoutLines: number;
  probe(op: 'settle' | 'sample'): Promise<ProbeReply>;
}

const children: ChildProcess[] = [];

export async function startServer(
  name: string,
  script: string,
  scriptArgs: readonly string[],
  env: NodeJS.ProcessEnv,
  /** More options for node itself, such as `--cpu-prof` (which NODE_OPTIONS does not allow). */
  nodeOptions: readonly string[] = [],
): Promise<RunningServer> {
  const probeModule = pathToFileURL(path.join(root, 'bench/memory-probe.ts')).href;
  const child = startNode(cores?.serverCore, [...nodeOptions, '--expose-gc', '--import', probeModule, script, ...scriptArgs], env);
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

export interface LoadClient {
  request<R extends ClientRequest>(request: R): Promise<ClientResults[R['op']]>;
}

export function startClient(): LoadClient {
  const child = startNode(cores?.clientCore, ['bench/load-client.ts'], process.env, true);
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

export async function stopAll(): Promise<void> {
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

/** Below the ~28k ephemeral ports of one source address, with room for the echo cells and sockets in TIME_WAIT. */
const CONNECTIONS_PER_SOURCE_ADDRESS = 20_000;

/** Source addresses for `count` connections: 127.0.0.1, then 127.0.0.2… when one address would run short of ports. */
export function sourceAddresses(count: number): string[] {
  const needed = Math.ceil(count / CONNECTIONS_PER_SOURCE_ADDRESS);
  return Array.from({ length: needed }, (_, index) => `127.0.0.${index + 1}`);
}

export interface EchoFigures {
  roundTrips: number;
  seconds: number;
  rttNs: LatencySummary;
  /** The server's CPU time over the whole cell, warm-ups and connection setup included, and the round trips and time it covered. */
  serverCpuMicros: number;
  totalRoundTrips: number;
  totalSeconds: number;
  /** Bytes the client wrote over the whole cell, handshakes included. */
  bytesWritten: number;
}

/** What one echo cell sends, and where: `url` gives each server's endpoint. */
export interface EchoCell {
  url(server: RunningServer): string;
  connections: number;
  payloadBytes: number;
  /** Sent in turn as text instead of `payloadBytes` of "a", so compression meets realistic data. */
  payloadTexts?: readonly string[];
  /** Whether the client offers permessage-deflate to this server. Default: never. */
  perMessageDeflate?: (server: RunningServer) => boolean;
  slices: number;
  warmupMs: number;
  cellMs: number;
  maxRoundTrips: number;
}

/**
 * One echo cell on every server. The cell's time is cut into `slices` slices that alternate between the servers,
 * and each server's slices are pooled, so a burst of other work on the machine lands on both rather than on one.
 */
export async function measureEchoCell(client: LoadClient, servers: readonly RunningServer[], cell: EchoCell) {
  const { connections, payloadBytes, slices: sliceCount, warmupMs, cellMs, maxRoundTrips } = cell;
  const slices = servers.map(() => [] as (EchoResult & { serverCpuMicros: number })[]);
  for (let slice = 0; slice < sliceCount; slice++) {
    for (const [index, server] of servers.entries()) {
      const before = await server.probe('sample');
      const result = await client
        .request({
          op: 'echo',
          url: cell.url(server),
          connections,
          payloadBytes,
          ...(cell.payloadTexts === undefined ? {} : { payloadTexts: cell.payloadTexts }),
          ...(cell.perMessageDeflate?.(server) ? { perMessageDeflate: true } : {}),
          warmupMs,
          maxMs: Math.ceil(cellMs / sliceCount),
          maxRoundTrips: Math.ceil(maxRoundTrips / sliceCount),
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
      bytesWritten: sum((result) => result.bytesWritten),
    };
  });
}

/** Concatenates the slices' samples, so percentiles are taken over all of them. */
export function pool(parts: readonly Float64Array[]): Float64Array {
  const pooled = new Float64Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    pooled.set(part, offset);
    offset += part.length;
  }
  return pooled;
}

/** Runs a benchmark's main, failing it when a child process dies in the middle, and always stops every child. */
export async function runBench(main: () => Promise<void>): Promise<void> {
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
}
