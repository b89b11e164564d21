// A real redis-server for a test, on a free loopback port (it cannot pick its own), keeping nothing on disk; stopped after each test.
import { once } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import { createClient } from 'redis';
import { afterEach } from 'vitest';
import { findBinary, freePort, startChild, waitForPort } from './proxy-harness.ts';

export interface RunningRedis {
  port: number;
  url: string;
  /** Kills the server (SIGKILL, as a crash would) and waits until it is gone. */
  kill(): Promise<void>;
  /** Starts a new, empty server on the same port, as a restarted Redis without persistence comes back. */
  restart(): Promise<void>;
  /** A plain client for the test to look inside (RESP2 replies, as redis-cli shows them); closed after the test. */
  client(): Promise<RedisCommands>;
}

/** What a test needs of a client: to send a command as redis-cli would. */
export interface RedisCommands {
  sendCommand<T>(args: string[]): Promise<T>;
}

const clients: { destroy(): void }[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
});

export async function startRedis(): Promise<RunningRedis> {
  const binary = findBinary('redis-server', '/usr/bin/redis-server');
  if (!binary) throw new Error('These tests need redis-server (Debian package redis-server); .ci/run installs it.');
  const port = await freePort();
  let child: ChildProcess;
  async function start(): Promise<void> {
    const started = startChild(binary!, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
    child = started.child;
    await waitForPort(port, child, started.output);
  }
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
    restart: start,
    async client() {
      const client = createClient({ url: `redis://127.0.0.1:${port}`, RESP: 2 });
      client.on('error', () => {});
      clients.push(client);
      await client.connect();
      return client;
    },
  };
}
