// `npm run cluster` as a reader runs it: redis-server, two nodes and the real nginx with examples/production/nginx-cluster.conf's layout, on one port.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { clusterNginxConfig, defaultLayout } from '../../scripts/cluster-config.ts';
import { findBinary, freePort } from './proxy-harness.ts';
import { chatClient } from './chat-client.ts';

const CLUSTER_EXAMPLE = 'examples/production/nginx-cluster.conf';
const nginxBinary = findBinary('nginx', '/usr/sbin/nginx');
const redisBinary = findBinary('redis-server', '/usr/bin/redis-server');
const running: ChildProcess[] = [];

afterEach(async () => {
  for (const child of running.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = once(child, 'exit');
    child.kill('SIGINT');
    await exited;
  }
});

/** Starts the cluster script and resolves once it says it is ready. */
async function startCluster(nodes: number): Promise<{ child: ChildProcess; base: string; output: () => string }> {
  const port = await freePort();
  const { VITEST: _vitest, ...env } = process.env;
  const child = spawn(process.execPath, ['scripts/cluster.ts'], {
    env: { ...env, PORT: String(port), CLUSTER_NODES: String(nodes) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('Cluster ready at')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm run cluster exited with ${code}:\n${output}`)));
  });
  return { child, base: `127.0.0.1:${port}`, output: () => output };
}

async function nodeOf(url: string, init?: RequestInit): Promise<{ node: string | null; status: number; body: string }> {
  const response = await fetch(url, init);
  return { node: response.headers.get('x-demo-node'), status: response.status, body: await response.text() };
}

function portIsClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false))).once('error', () => resolve(true));
  });
}

describe('the cluster nginx config', () => {
  it(`is what scripts/cluster-config.ts writes for three nodes (${CLUSTER_EXAMPLE})`, () => {
    expect(readFileSync(CLUSTER_EXAMPLE, 'utf8')).toBe(clusterNginxConfig(defaultLayout()));
  });
});

describe.skipIf(!nginxBinary || !redisBinary)('npm run cluster (real nginx and redis-server)', () => {
  it(
    'spreads requests and sockets over the nodes, keeps every request of a race on its node, and stops everything on Ctrl-C',
    { timeout: 90_000 },
    async () => {
      const { child, base, output } = await startCluster(2);

      // Round robin: consecutive requests are answered by both nodes.
      const answered = new Set<string | null>();
      for (let i = 0; i < 4; i++) answered.add((await nodeOf(`http://${base}/healthz`)).node);
      expect([...answered].sort()).toEqual(['node-1', 'node-2']);

      // A race: created by whichever node, then every one of its requests goes to that node, as its id says.
      const created = await nodeOf(`http://${base}/race/runs?events=5&intervalMs=20&payloadBytes=40&pollMs=50`, { method: 'POST' });
      expect(created.status).toBe(201);
      const run = (JSON.parse(created.body) as { run: string }).run;
      expect(run.startsWith(`${created.node}.`)).toBe(true);
      for (let i = 0; i < 4; i++) {
        const poll = await nodeOf(`http://${base}/race/short-poll?run=${run}&after=0`);
        expect([poll.status, poll.node]).toEqual([200, created.node]);
      }
      const socket = new WebSocket(`ws://${base}/ws/race?run=${run}`);
      const first = await once(socket, 'message');
      expect(JSON.parse(String(first[0]))).toMatchObject({ seq: 1 });
      socket.close();
      const report = await nodeOf(`http://${base}/race/runs/${run}`);
      expect([report.status, report.node]).toEqual([200, created.node]);
      // A made-up node name is no route anywhere special: round robin, and that node does not know the run.
      expect((await nodeOf(`http://${base}/race/short-poll?run=elsewhere.x&after=0`)).status).toBe(404);

      // Two chat members land on two nodes and talk across Redis.
      const ada = await chatClient(base);
      const bob = await chatClient(base);
      const [atAda, atBob] = [await ada.join('ada'), await bob.join('bob')];
      expect(atAda.node).not.toBe(atBob.node);
      ada.send({ type: 'say', text: 'across nodes' });
      expect(await bob.nextOf('message')).toMatchObject({ from: 'ada', text: 'across nodes' });

      // Stop this node: nginx routes the path's node name to that node, which offers it to loopback readers only.
      const stopAt = (node: string, headers: Record<string, string>) =>
        nodeOf(`http://${base}/cluster/stop/${node}`, { method: 'POST', headers });
      const claimsToBeElsewhere = await stopAt(atBob.node, { 'X-Demo-Stop-Node': atBob.node, 'X-Forwarded-For': '203.0.113.7' });
      expect([claimsToBeElsewhere.status, claimsToBeElsewhere.node]).toEqual([403, atBob.node]);
      const bobClosed = once(bob.ws, 'close');
      const stopped = await stopAt(atBob.node, { 'X-Demo-Stop-Node': atBob.node });
      expect([stopped.status, stopped.node]).toEqual([202, atBob.node]);
      expect((await bobClosed)[0]).toBe(1001);
      await expect.poll(() => output(), { timeout: 10_000 }).toContain(`[${atBob.node}] exited (code 0)`);

      // Ctrl-C stops nginx, both nodes and redis-server.
      const ports = [...output().matchAll(/\(:(\d+), pid \d+\)|redis-server :(\d+)/g)].map((m) => Number(m[1] ?? m[2]));
      expect(ports).toHaveLength(3);
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      expect((await exited)[0]).toBe(0);
      for (const port of [Number(base.split(':')[1]), ...ports]) expect(await portIsClosed(port), `port ${port}`).toBe(true);
    },
  );
});
