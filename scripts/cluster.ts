// `npm run cluster`: redis-server, N demo server nodes (default 3) and nginx in front, on one port; Ctrl-C stops all it started.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { clusterNginxConfig, type ClusterNode } from './cluster-config.ts';
import { freePort } from './free-port.ts';

const root = path.resolve(import.meta.dirname, '..');
const count = Number(process.env.CLUSTER_NODES || 3);
const listenPort = Number(process.env.PORT || 8080);
const distDir = path.resolve(root, process.env.DIST_DIR || 'dist');

if (!Number.isInteger(count) || count < 1 || count > 9) {
  console.error(`CLUSTER_NODES must be a whole number from 1 to 9, but it is ${JSON.stringify(process.env.CLUSTER_NODES)}.`);
  process.exit(1);
}
if (!existsSync(path.join(distDir, '404.html'))) {
  console.error(`There is no built site in ${distDir}. Run \`npm run build\` first.`);
  process.exit(1);
}
const redisServer = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((file) => existsSync(file)) ?? 'redis-server';
const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((file) => existsSync(file)) ?? 'nginx';

const children: { name: string; child: ChildProcess }[] = [];
const scratch = mkdtempSync(path.join(tmpdir(), 'ws-cluster-'));
let stopping = false;

async function waitForPort(port: number, name: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before listening on ${port}.`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true))).once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} did not listen on ${port} within 20 s.`);
}

function start(name: string, command: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `[${name}] `;
  const relay = (chunk: Buffer) => process.stdout.write(String(chunk).replace(/^(?=.)/gm, prefix));
  child.stdout!.on('data', relay);
  child.stderr!.on('data', relay);
  child.once('exit', (code, signal) => {
    // A node stopped on purpose (the failover demo, or `kill`) is part of the show; the rest keeps running.
    if (!stopping) console.log(`${prefix}exited (${signal ?? `code ${code}`}); the cluster goes on without it.`);
  });
  children.push({ name, child });
  return child;
}

async function stopAll(): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('Stopping nginx, the nodes and redis-server…');
  // nginx first, so no reader is sent to a node that is going; redis-server last, so nodes leave the room cleanly.
  for (const { child } of [...children].reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 6000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(scratch, { recursive: true, force: true });
}

process.once('SIGINT', () => void stopAll().then(() => process.exit(0)));
process.once('SIGTERM', () => void stopAll().then(() => process.exit(0)));

try {
  const redisPort = await freePort();
  const redis = start('redis', redisServer, ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  await waitForPort(redisPort, 'redis-server', redis);

  const nodes: ClusterNode[] = [];
  const pids = new Map<string, number | undefined>();
  for (let i = 1; i <= count; i++) nodes.push({ name: `node-${i}`, port: await freePort() });
  await Promise.all(
    nodes.map(({ name, port }) => {
      const child = start(name, process.execPath, ['server/start.ts'], {
        PORT: String(port),
        HOST: '127.0.0.1',
        DIST_DIR: distDir,
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        DEMO_NODE_NAME: name,
        // Behind nginx every reader's TCP peer is nginx: the caps count the address it forwards.
        TRUSTED_PROXIES: 'loopback',
        // The scale chapter's Stop this node button, for readers on this machine (server/stop-node.ts says why only they).
        DEMO_OFFER_STOP_NODE: '1',
        LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
      });
      pids.set(name, child.pid);
      return waitForPort(port, name, child);
    }),
  );

  const confFile = path.join(scratch, 'nginx.conf');
  writeFileSync(confFile, clusterNginxConfig({ listenPort, nodes }));
  const proxy = start('nginx', nginx, ['-p', scratch, '-e', 'stderr', '-c', confFile, '-g', 'daemon off;']);
  await waitForPort(listenPort, 'nginx', proxy);

  console.log(
    `Cluster ready at http://127.0.0.1:${listenPort}/ : nginx in front of ${nodes.map((n) => `${n.name} (:${n.port}, pid ${pids.get(n.name)})`).join(', ')}, ` +
      `on redis-server :${redisPort}. Ctrl-C stops everything.`,
  );
} catch (error) {
  console.error(`The cluster did not start: ${(error as Error).message}`);
  await stopAll();
  process.exit(1);
}
