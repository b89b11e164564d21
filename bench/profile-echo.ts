// `npm run bench:profile`: where the demo server's CPU per echo round trip goes beyond bare ws, from V8 CPU profiles (--cpu-prof) of both servers under the same 32 B echo load.
// Usage: npm run build && npm run bench:profile [-- --connections 10 --seconds 6]
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LIMITS } from '../server/limits.ts';
import {
  measureEchoCell,
  progress,
  root,
  runBench,
  startClient,
  startServer,
  stopAll,
  wholeNumber,
  type RunningServer,
} from './bench-harness.ts';

const { values: args } = parseArgs({
  options: { connections: { type: 'string', default: '10' }, seconds: { type: 'string', default: '6' } },
});
const connections = wholeNumber('--connections', args.connections);
const cellMs = wholeNumber('--seconds', args.seconds) * 1000;

/** The parts of a .cpuprofile (Chrome DevTools' format, written by --cpu-prof) this script reads. */
interface CpuProfile {
  nodes: { id: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  endTime: number;
  samples: number[];
  /** Microseconds from the previous sample (from startTime for the first). */
  timeDeltas: number[];
}

/** Self time per function, and per function the callers' share of it (the first caller outside node's own modules). */
interface Times {
  self: Map<string, number>;
  callers: Map<string, Map<string, number>>;
}

/** Microseconds of self time per function (name, file and line), from the samples taken after start-up. */
function selfTimes(dir: string): Times {
  const times = new Map<string, number>();
  const callers = new Map<string, Map<string, number>>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
    const keys = new Map(
      profile.nodes.map(({ id, callFrame: { functionName, url, lineNumber } }) => [
        id,
        functionName === '(idle)' ? null : `${functionName || '(anonymous)'}${url === '' ? '' : ` ${shortPath(url)}:${lineNumber + 1}`}`,
      ]),
    );
    const parents = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
    /** The nearest caller that is not node's own stream or event code: whose work this is. */
    const callerOf = (id: number): string => {
      const direct = keys.get(parents.get(id) ?? -1) ?? '(root)';
      for (let up = parents.get(id); up !== undefined; up = parents.get(up)) {
        const key = keys.get(up);
        if (key && !/ node:|^\(/.test(key)) return `${direct} ← ${key}`;
      }
      return `${direct} ← (node only)`;
    };
    // The first sample in ws's receiver loop is the first frame read (its module's own top level runs at start-up): start-up (module loading, the site's
    // files read for its headers) is over by then, on a busy machine too.
    const firstLoad = profile.samples.findIndex((id) => /^(startLoop|getInfo|getData) ws\/lib\/receiver\.js/.test(keys.get(id) ?? ''));
    for (const [i, id] of profile.samples.entries()) {
      const key = keys.get(id);
      // Each sample stands for the time until the next one.
      const weight = profile.timeDeltas[i + 1] ?? 0;
      if (!key || firstLoad === -1 || i < firstLoad) continue;
      times.set(key, (times.get(key) ?? 0) + weight);
      const byCaller = callers.get(key) ?? new Map<string, number>();
      const caller = callerOf(id);
      byCaller.set(caller, (byCaller.get(caller) ?? 0) + weight);
      callers.set(key, byCaller);
    }
  }
  return { self: times, callers };
}

/** `file:///…/node_modules/ws/lib/receiver.js` → `ws/lib/receiver.js`; the project's own files relative to it. */
function shortPath(url: string): string {
  const file = url.replace(/^file:\/\//, '');
  const inModules = file.lastIndexOf('/node_modules/');
  if (inModules !== -1) return file.slice(inModules + '/node_modules/'.length);
  return file.startsWith(root) ? path.relative(root, file) : file;
}

const ns = (micros: number, roundTrips: number) => `${((micros * 1000) / roundTrips).toFixed(0)} ns`;

async function main(): Promise<void> {
  if (!existsSync(path.join(root, 'dist', '404.html'))) throw new Error('There is no built site in dist/. Run `npm run build` first.');
  const loadAtStart = loadavg()[0]!;
  const scratch = mkdtempSync(path.join(tmpdir(), 'ws-profile-'));
  const profileOf = (name: string) => ['--cpu-prof', '--cpu-prof-dir', path.join(scratch, name)];
  // As in `npm run bench`: limits high enough that the load breaks none; everything else as in production.
  const demoEnv: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1' };
  demoEnv[LIMITS.maxMessagesPerSecond.env] = '1000000000';
  demoEnv[LIMITS.idleTimeoutMs.env] = '3600000';
  const bare = await startServer(
    'bare ws',
    'bench/bare-echo-server.ts',
    [String(LIMITS.maxMessageBytes.default)],
    process.env,
    profileOf('bare'),
  );
  const demo = await startServer('demo', 'server/start.ts', [], demoEnv, profileOf('demo'));
  const client = startClient();
  const url = (server: RunningServer) => `${server.origin.replace('http', 'ws')}/ws/echo`;
  const cell = { url, connections, payloadBytes: 32, slices: 3, warmupMs: 300, cellMs, maxRoundTrips: 5_000_000 };
  progress(`echo ${connections}×32 B for ${cellMs / 1000} s per server, both profiled`);
  const [onBare, onDemo] = await measureEchoCell(client, [bare, demo], cell);
  await stopAll();

  const { self: bareTimes } = selfTimes(path.join(scratch, 'bare'));
  const { self: demoTimes, callers: demoCallers } = selfTimes(path.join(scratch, 'demo'));
  rmSync(scratch, { recursive: true, force: true });
  const bareTrips = onBare!.totalRoundTrips;
  const demoTrips = onDemo!.totalRoundTrips;
  const total = (times: Map<string, number>) => [...times.values()].reduce((sum, micros) => sum + micros, 0);
  console.log(
    `Echo ${connections}×32 B, load average ${loadAtStart.toFixed(2)} at the start and ${loadavg()[0]!.toFixed(2)} at the end. ` +
      `Sampled CPU per round trip (from the first frame on; warm-up and connection set-up included): bare ws ${ns(total(bareTimes), bareTrips)}, ` +
      `demo ${ns(total(demoTimes), demoTrips)} (${(total(demoTimes) / demoTrips / (total(bareTimes) / bareTrips)).toFixed(2)}×); ` +
      `measured by the bench's probe: ${((onBare!.serverCpuMicros * 1000) / bareTrips).toFixed(0)} and ${((onDemo!.serverCpuMicros * 1000) / demoTrips).toFixed(0)} ns.`,
  );

  // Per function, what the demo spends per round trip against what bare ws spends on the same function.
  const rows = [...new Set([...bareTimes.keys(), ...demoTimes.keys()])].map((key) => {
    const perTripBare = ((bareTimes.get(key) ?? 0) * 1000) / bareTrips;
    const perTripDemo = ((demoTimes.get(key) ?? 0) * 1000) / demoTrips;
    return { key, perTripBare, perTripDemo, extra: perTripDemo - perTripBare };
  });
  const line = (row: (typeof rows)[number]) =>
    `| ${row.key} | ${row.perTripBare.toFixed(0)} | ${row.perTripDemo.toFixed(0)} | ${row.extra >= 0 ? '+' : ''}${row.extra.toFixed(0)} |`;
  console.log('\nThe 15 functions where the demo server spends the most more per round trip than bare ws (self time, ns):\n');
  console.log('| function | bare ws | demo | demo − bare |\n| --- | ---: | ---: | ---: |');
  const top = rows.sort((a, b) => b.extra - a.extra).slice(0, 15);
  for (const row of top) console.log(line(row));
  console.log(
    '\nWho calls the first five in the demo server (the direct caller ← the nearest caller outside node modules), ns per round trip:\n',
  );
  for (const row of top.slice(0, 5)) {
    const byCaller = [...(demoCallers.get(row.key) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]).slice(0, 3);
    console.log(`- ${row.key}: ${byCaller.map(([caller, micros]) => `${caller} ${((micros * 1000) / demoTrips).toFixed(0)}`).join('; ')}`);
  }
  const ours = rows.filter((row) => row.key.includes(' server/'));
  const oursTotal = ours.reduce((sum, row) => sum + row.perTripDemo, 0);
  console.log(`\nThe demo server's own code (server/*.ts) in all: ${oursTotal.toFixed(0)} ns of self time per round trip:\n`);
  console.log('| function | bare ws | demo | demo − bare |\n| --- | ---: | ---: | ---: |');
  for (const row of ours.sort((a, b) => b.perTripDemo - a.perTripDemo).slice(0, 10)) console.log(line(row));
}

await runBench(main);
