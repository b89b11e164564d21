// /ws/chat on two demo server nodes sharing a real redis-server: one room, one order, resume anywhere, bounded keys, and Redis going away and back.
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startDemo } from './demo-harness.ts';
import { chatClient, type ChatClient } from './chat-client.ts';
import { startRedis } from './redis-harness.ts';
import type { DemoServerOptions } from '../../server/index.ts';
import type { ChatText } from '../../src/lib/demo-messages.ts';

/** Two nodes on one Redis, named as an operator would name them. */
async function twoNodes(options: Partial<DemoServerOptions> = {}) {
  const redis = await startRedis();
  const a = await startDemo({ redisUrl: redis.url, nodeName: 'node-a', ...options });
  const b = await startDemo({ redisUrl: redis.url, nodeName: 'node-b', ...options });
  await Promise.all([untilHealthy(a.base), untilHealthy(b.base)]);
  return { redis, a, b };
}

async function health(base: string): Promise<{ status: string; node: string; broker: string; degraded: string[] }> {
  return (await fetch(`http://${base}/healthz`, { headers: { Accept: 'application/json' } })).json();
}

/** Waits (bounded) until the node says it is fully ok, i.e. its Redis client is connected. */
async function untilHealthy(base: string, want = 'ok', timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await health(base)).status !== want) {
    if (Date.now() > deadline) throw new Error(`${base} did not become ${want} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function say(member: ChatClient, text: string): Promise<ChatText> {
  member.send({ type: 'say', text });
  for (;;) {
    const message = await member.nextOf('message');
    if (message.text === text) return message;
  }
}

describe('/ws/chat over Redis', () => {
  it('is one room across two nodes: presence, nicknames and messages, in one order with the same ids', async () => {
    const { a, b } = await twoNodes();
    const ada = await chatClient(a.base);
    expect(await ada.join('ada')).toMatchObject({ node: 'node-a', members: [] });
    const bob = await chatClient(b.base);
    expect(await bob.join('bob')).toMatchObject({ node: 'node-b', members: ['ada'] });
    expect(await ada.next()).toEqual({ type: 'joined', nickname: 'bob' });

    // A nickname is taken on every node.
    const other = await chatClient(b.base);
    other.send({ type: 'join', nickname: 'ada' });
    expect(await other.next()).toMatchObject({ code: 'DEMO_ERR_CHAT_NICKNAME_TAKEN' });

    // Both talk at once; each sees every message once, and both see the same order with the same ids.
    for (let i = 0; i < 10; i++) {
      ada.send({ type: 'say', text: `a${i}` });
      bob.send({ type: 'say', text: `b${i}` });
    }
    const seen = async (member: ChatClient) => {
      const messages: ChatText[] = [];
      while (messages.length < 20) messages.push(await member.nextOf('message'));
      return messages;
    };
    const [atA, atB] = await Promise.all([seen(ada), seen(bob)]);
    expect(atB).toEqual(atA);
    expect(atA.map((m) => m.id)).toEqual([...atA.map((m) => m.id)].sort());
    expect(new Set(atA.map((m) => m.text)).size).toBe(20);
    // Each member's own messages keep the order it said them in.
    expect(atA.filter((m) => m.from === 'ada').map((m) => m.text)).toEqual(Array.from({ length: 10 }, (_, i) => `a${i}`));

    bob.ws.close(1000);
    expect(await ada.nextOf('left')).toEqual({ type: 'left', nickname: 'bob', reason: 'left' });
  });

  it('resumes a member on the other node with what it missed, and names the node in X-Demo-Node and /healthz', async () => {
    const { a, b } = await twoNodes();
    const ada = await chatClient(a.base);
    const welcome = await ada.join('ada');
    const bob = await chatClient(b.base);
    await bob.join('bob');
    const last = await say(bob, 'seen');
    expect((await ada.nextOf('message')).id).toBe(last.id);
    ada.ws.terminate();
    await say(bob, 'missed 1');
    await say(bob, 'missed 2');

    const back = await chatClient(b.base);
    back.send({ type: 'join', nickname: 'ada', after: last.id, resumeToken: welcome.resumeToken });
    expect(await back.next()).toMatchObject({
      type: 'welcome',
      node: 'node-b',
      resumed: { after: last.id, replayed: 2, incomplete: false },
    });
    expect(await back.next()).toMatchObject({ text: 'missed 1' });
    expect(await back.next()).toMatchObject({ text: 'missed 2' });

    const response = await fetch(`http://${b.base}/healthz`);
    expect(response.headers.get('x-demo-node')).toBe('node-b');
    expect(await response.text()).toBe('ok\n');
    expect(await health(a.base)).toEqual({ status: 'ok', node: 'node-a', broker: 'redis', degraded: [] });
  });

  it('delivers every message of a burst longer than the history to every node, in order', async () => {
    // Before the stream kept more than the history, a node whose reader fell more than DEMO_CHAT_HISTORY behind the
    // newest message found its next ones trimmed away and skipped them (seen first as a hang in bench:cluster).
    const { a, b } = await twoNodes({ chatHistory: 5, chatMessagesPerMinute: 1000, maxMessagesPerSecond: 1000 });
    const ada = await chatClient(a.base);
    await ada.join('ada');
    const bob = await chatClient(b.base);
    await bob.join('bob');
    const texts = Array.from({ length: 300 }, (_, i) => `burst ${i}`);
    for (const text of texts) ada.send({ type: 'say', text });
    const received: string[] = [];
    while (received.length < texts.length) received.push((await bob.nextOf('message')).text);
    expect(received).toEqual(texts);
  });

  it('keeps Redis bounded: a resume gets at most DEMO_CHAT_HISTORY, one key per member, and every key with a TTL', async () => {
    const { redis, a, b } = await twoNodes({ chatHistory: 5 });
    const ada = await chatClient(a.base);
    await ada.join('ada');
    const bob = await chatClient(b.base);
    await bob.join('bob');
    for (let i = 0; i < 12; i++) await say(ada, `m${i}`);
    const client = await redis.client();
    // The stream keeps 1000 messages beyond the history for nodes whose reader lags (server/broker/redis.ts).
    expect(await client.sendCommand(['XLEN', 'demo:{chat}:history'])).toBe(12);
    const keys = (await client.sendCommand<string[]>(['KEYS', 'demo:{chat}:*'])).sort();
    expect(keys).toEqual([
      'demo:{chat}:history',
      'demo:{chat}:member:ada',
      'demo:{chat}:member:bob',
      'demo:{chat}:members',
      'demo:{chat}:notices',
      'demo:{chat}:since',
      // No demo:{chat}:trimmed yet: 12 messages are within what the stream keeps, so none was trimmed.
    ]);
    for (const key of await client.sendCommand<string[]>(['KEYS', '*'])) {
      expect(await client.sendCommand<number>(['PTTL', key]), key).toBeGreaterThan(0);
    }

    // A member gone past the history is told some are lost, and gets the newest five.
    const back = await chatClient(b.base);
    const welcome = await back.join('cy', { after: '0000000000001-000000' });
    expect(welcome.resumed).toMatchObject({ replayed: 5, incomplete: true });
    const replayed = [];
    for (let i = 0; i < 5; i++) replayed.push((await back.nextOf('message')).text);
    expect(replayed).toEqual(['m7', 'm8', 'm9', 'm10', 'm11']);
  });

  it('refuses joins with DEMO_ERR_CHAT_UNAVAILABLE while Redis is down, keeps echo working, and recovers by itself', async () => {
    const { redis, a } = await twoNodes();
    const ada = await chatClient(a.base);
    await ada.join('ada');
    await redis.kill();
    await untilHealthy(a.base, 'degraded');
    expect(await health(a.base)).toMatchObject({
      status: 'degraded',
      degraded: [`Redis at redis://127.0.0.1:${redis.port} is unreachable, so the chat room is unavailable on this node.`],
    });
    const healthz = await fetch(`http://${a.base}/healthz`);
    expect(healthz.status).toBe(200);
    expect(await healthz.text()).toMatch(/^degraded: Redis at /);

    const late = await chatClient(a.base);
    late.send({ type: 'join', nickname: 'late' });
    expect(await late.next()).toEqual({
      type: 'refused',
      code: 'DEMO_ERR_CHAT_UNAVAILABLE',
      message:
        'The chat room is unavailable: this server cannot reach the broker that links its nodes. Echo, inspect and lab still work; try the chat again in a few seconds.',
    });
    ada.send({ type: 'say', text: 'into the void' });
    expect(await ada.nextOf('refused')).toMatchObject({ code: 'DEMO_ERR_CHAT_UNAVAILABLE' });

    const echo = new WebSocket(`ws://${a.base}/ws/echo`);
    await once(echo, 'open');
    echo.send('still here');
    expect(String((await once(echo, 'message'))[0])).toBe('still here');
    echo.close();

    // Redis comes back empty; the node reconnects by itself, renews ada's place, and the room works again.
    await redis.restart();
    await untilHealthy(a.base);
    late.send({ type: 'join', nickname: 'late' });
    expect(await late.nextOf('welcome')).toMatchObject({ members: ['ada'] });
    const message = await say(late, 'back');
    expect(await ada.nextOf('message')).toEqual(message);
  });
});
