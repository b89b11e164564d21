// Faults on a real cluster: three `npm start` processes on one redis-server; a node SIGKILLed or SIGTERMed under chat traffic, and Redis restarted.
import { once } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startSite } from './proxy-harness.ts';
import { startRedis, type RunningRedis } from './redis-harness.ts';
import type { ChatMessage, ChatText } from '../../src/lib/demo-messages.ts';

interface Node {
  name: string;
  base: string;
  child: ChildProcess;
}

async function startCluster(count: number, env: Record<string, string> = {}): Promise<{ redis: RunningRedis; nodes: Node[] }> {
  const redis = await startRedis();
  const nodes = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const name = `node-${i + 1}`;
      const { child, port } = await startSite({
        REDIS_URL: redis.url,
        DEMO_NODE_NAME: name,
        // Short, so a dead node's members leave within the test; the default is 6000.
        DEMO_CHAT_PRESENCE_TTL_MS: '1500',
        DEMO_CHAT_HISTORY: '1000',
        LOG_LEVEL: 'warn',
        ...env,
      });
      return { name, base: `127.0.0.1:${port}`, child };
    }),
  );
  for (const node of nodes) await untilStatus(node.base, 'ok');
  return { redis, nodes };
}

async function untilStatus(base: string, status: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const report = await fetch(`http://${base}/healthz`, { headers: { Accept: 'application/json' } })
      .then((response) => response.json() as Promise<{ status: string }>)
      .catch(() => ({ status: 'unreachable' }));
    if (report.status === status) return;
    if (Date.now() > deadline) throw new Error(`${base} was ${report.status}, not ${status}, after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A chat member as the widget behaves: it remembers the last id and its token, and when its connection closes for
 * any reason but its own, it rejoins at once on the next node in its list, resuming after that id.
 */
class ResilientMember {
  readonly received: ChatText[] = [];
  readonly closeCodes: number[] = [];
  readonly nodesSeen: string[] = [];
  #resumeToken: string | undefined;
  #socket: WebSocket | undefined;
  #leaving = false;
  #nodeIndex: number;
  readonly nickname: string;
  readonly bases: string[];

  constructor(nickname: string, bases: string[], first: number) {
    this.nickname = nickname;
    this.bases = bases;
    this.#nodeIndex = first;
  }

  /** Resolves once the first welcome has come. */
  start(): Promise<void> {
    return new Promise((resolve) => this.#connect(resolve));
  }

  #connect(onWelcome?: () => void): void {
    const socket = new WebSocket(`ws://${this.bases[this.#nodeIndex % this.bases.length]}/ws/chat`);
    this.#socket = socket;
    socket.on('error', () => {});
    socket.on('open', () => {
      const after = this.received.at(-1)?.id;
      socket.send(JSON.stringify({ type: 'join', nickname: this.nickname, after, resumeToken: this.#resumeToken }));
    });
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as ChatMessage;
      if (message.type === 'welcome') {
        this.#resumeToken = message.resumeToken;
        this.nodesSeen.push(message.node);
        onWelcome?.();
      } else if (message.type === 'message') this.received.push(message);
      else if (message.type === 'refused') {
        // Presence may still hold the name for a moment on a node that has not heard of the takeover: try again.
        socket.close(1000, 'refused');
      }
    });
    socket.on('close', (code) => {
      this.closeCodes.push(code);
      if (this.#leaving) return;
      // The node went away (or refused us): the next node in the list, after a short pause.
      if (code !== 1000) this.#nodeIndex++;
      setTimeout(() => this.#connect(onWelcome), 20 + Math.random() * 80);
    });
  }

  say(text: string): void {
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify({ type: 'say', text }));
  }

  leave(): void {
    this.#leaving = true;
    this.#socket?.close(1000);
  }
}

/** Waits (bounded) until `done()` holds. */
async function until(done: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The room's own record, in order: every message the stream holds. */
async function streamIds(redis: RunningRedis): Promise<string[]> {
  const client = await redis.client();
  const entries = await client.sendCommand<[string, string[]][]>(['XRANGE', 'demo:{chat}:history', '-', '+']);
  return entries.map(([id]) => {
    const [ms, sequence] = id.split('-');
    return `${ms!.padStart(13, '0')}-${sequence!.padStart(6, '0')}`;
  });
}

/** Talkers on the surviving nodes say `count` messages each, a few ms apart, while `during` runs. */
async function talk(talkers: ResilientMember[], count: number, during: (sent: number) => void | Promise<void>): Promise<void> {
  for (let i = 0; i < count; i++) {
    for (const talker of talkers) talker.say(`${talker.nickname} ${i}`);
    await during(i);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

describe('a cluster of three nodes on Redis', () => {
  it(
    'loses no chat message when a node is SIGKILLed under traffic: its members resume on another node, every member ends with every message, in order, once',
    { timeout: 60_000 },
    async () => {
      const { redis, nodes } = await startCluster(3);
      const bases = nodes.map((node) => node.base);
      // Two members per node; the list after each member's own node is where it goes if its node dies.
      const members = Array.from({ length: 6 }, (_, i) => new ResilientMember(`m${i}`, bases, i % 3));
      for (const member of members) await member.start();
      const [victim] = nodes;
      const onVictim = members.filter((_, i) => i % 3 === 0);
      const talkers = members.filter((_, i) => i % 3 !== 0).slice(0, 2);

      await talk(talkers, 40, async (i) => {
        if (i === 15) {
          const exited = once(victim!.child, 'exit');
          victim!.child.kill('SIGKILL');
          await exited;
        }
      });
      const expected = 80;
      await until(() => members.every((member) => member.received.length >= expected), 'every member to have every message');
      await new Promise((resolve) => setTimeout(resolve, 200));

      const record = await streamIds(redis);
      expect(record).toHaveLength(expected);
      for (const member of members) {
        const ids = member.received.map((message) => message.id);
        expect(ids, `${member.nickname} has every message of the room, in its order, once`).toEqual(record);
      }
      // The victim's members really moved: they were welcomed again, by a node that is not the dead one.
      for (const member of onVictim) {
        expect(member.nodesSeen[0]).toBe('node-1');
        expect(member.nodesSeen.length).toBeGreaterThan(1);
        expect(member.nodesSeen.slice(1).every((name) => name !== 'node-1')).toBe(true);
        expect(member.closeCodes[0]).toBe(1006);
      }
      for (const member of members) member.leave();
    },
  );

  it(
    'closes with 1001 on SIGTERM; the members rejoin elsewhere and resume, and a dead node’s places expire',
    { timeout: 60_000 },
    async () => {
      const { redis, nodes } = await startCluster(2);
      const bases = nodes.map((node) => node.base);
      const leaving = new ResilientMember('leaving', bases, 0);
      const staying = new ResilientMember('staying', bases, 1);
      await leaving.start();
      await staying.start();
      await talk([staying], 20, async (i) => {
        if (i === 5) {
          const exited = once(nodes[0]!.child, 'exit');
          nodes[0]!.child.kill('SIGTERM');
          expect((await exited)[0]).toBe(0);
        }
      });
      await until(() => leaving.received.length >= 20 && staying.received.length >= 20, 'both members to have all 20');
      const record = await streamIds(redis);
      expect(leaving.received.map((m) => m.id)).toEqual(record);
      expect(leaving.closeCodes[0]).toBe(1001);
      expect(leaving.nodesSeen).toEqual(['node-1', 'node-2']);

      // A member whose node dies without a word is gone from the room once its place expires (1.5 s here).
      const client = await redis.client();
      await client.sendCommand(['SET', 'demo:{chat}:member:ghost', 'token connection', 'PX', '1000']);
      await client.sendCommand(['ZADD', 'demo:{chat}:members', String(Date.now()), 'ghost']);
      const watcher = new WebSocket(`ws://${bases[1]}/ws/chat`);
      const left = new Promise<ChatMessage>((resolve) =>
        watcher.on('message', (data) => {
          const message = JSON.parse(String(data)) as ChatMessage;
          if (message.type === 'left') resolve(message);
        }),
      );
      await once(watcher, 'open');
      watcher.send(JSON.stringify({ type: 'join', nickname: 'watcher' }));
      expect(await left).toEqual({ type: 'left', nickname: 'ghost', reason: 'timed-out' });
      watcher.close();
      leaving.leave();
      staying.leave();
    },
  );

  it('refuses chat joins while Redis is down, keeps echo, and serves the room again once Redis is back', { timeout: 60_000 }, async () => {
    const { redis, nodes } = await startCluster(1);
    const [node] = nodes;
    await redis.kill();
    await untilStatus(node!.base, 'degraded');
    const socket = new WebSocket(`ws://${node!.base}/ws/chat`);
    await once(socket, 'open');
    socket.send(JSON.stringify({ type: 'join', nickname: 'ada' }));
    expect(JSON.parse(String((await once(socket, 'message'))[0]))).toMatchObject({ code: 'DEMO_ERR_CHAT_UNAVAILABLE' });
    const echo = new WebSocket(`ws://${node!.base}/ws/echo`);
    await once(echo, 'open');
    echo.send('echo works');
    expect(String((await once(echo, 'message'))[0])).toBe('echo works');
    echo.close();

    await redis.restart();
    await untilStatus(node!.base, 'ok');
    socket.send(JSON.stringify({ type: 'join', nickname: 'ada' }));
    expect(JSON.parse(String((await once(socket, 'message'))[0]))).toMatchObject({ type: 'welcome', node: 'node-1' });
    socket.close();
  });
});
