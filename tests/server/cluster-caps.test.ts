// Connection caps across two demo server nodes on a real redis-server: the per-address and global caps count both nodes, and a dead node's places come back.
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startDemo } from './demo-harness.ts';
import { startRedis } from './redis-harness.ts';
import { CAPS_SYNC_MS, CAPS_TTL_MS } from '../../server/caps-sync.ts';

/** Opens an echo socket, or resolves with the refusal's status. */
async function tryConnect(base: string): Promise<WebSocket | number> {
  const ws = new WebSocket(`ws://${base}/ws/echo`);
  ws.on('error', () => {});
  const [event, detail] = await Promise.race([
    once(ws, 'open').then(() => ['open'] as const),
    once(ws, 'unexpected-response').then(([, response]) => ['refused', response.statusCode as number] as const),
  ]);
  return event === 'open' ? ws : detail!;
}

/** Retries until `connect` gives `want` (an open socket or a status), bounded by a few sync rounds. */
async function eventually(connect: () => Promise<WebSocket | number>, want: 'open' | number): Promise<WebSocket | number> {
  const deadline = Date.now() + CAPS_TTL_MS + 4 * CAPS_SYNC_MS;
  for (;;) {
    const result = await connect();
    const got = typeof result === 'number' ? result : 'open';
    if (got === want) return result;
    if (typeof result !== 'number') result.close();
    if (Date.now() > deadline) throw new Error(`wanted ${want}, still got ${got}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('connection caps across nodes', () => {
  it('counts one address over both nodes, and the total too', async () => {
    const redis = await startRedis();
    const options = { redisUrl: redis.url, maxConnectionsPerIp: 3, maxConnections: 4 };
    const a = await startDemo({ ...options, nodeName: 'node-a' });
    const b = await startDemo({ ...options, nodeName: 'node-b' });
    const onA = [await tryConnect(a.base), await tryConnect(a.base)];
    expect(onA.every((socket) => socket instanceof WebSocket)).toBe(true);
    // Once node-a has shared its two, node-b lets the address have one more, and refuses the fourth with 429.
    const third = await tryConnect(b.base);
    expect(third).toBeInstanceOf(WebSocket);
    expect(await eventually(() => tryConnect(b.base), 429)).toBe(429);
    // Closing one on node-a gives the place back on node-b within a sync round.
    (onA[0] as WebSocket).close();
    const again = await eventually(() => tryConnect(b.base), 'open');
    expect(again).toBeInstanceOf(WebSocket);
    for (const socket of [onA[1], third, again]) (socket as WebSocket).close();
  });

  it(`gives a dead node's places back within ${CAPS_TTL_MS} ms and one sync round`, async () => {
    const redis = await startRedis();
    const b = await startDemo({ redisUrl: redis.url, nodeName: 'node-b', maxConnections: 10, maxConnectionsPerIp: 10 });
    await fetch(`http://${b.base}/healthz`);
    // A node that shared ten connections and then died without a word (as SIGKILL leaves it).
    const client = await redis.client();
    await client.sendCommand(['HSET', 'demo:{caps}:node:ghost', '*', '10']);
    await client.sendCommand(['PEXPIRE', 'demo:{caps}:node:ghost', String(CAPS_TTL_MS)]);
    await client.sendCommand(['ZADD', 'demo:{caps}:nodes', String(Date.now()), 'ghost']);
    const startedAt = Date.now();
    expect(await eventually(() => tryConnect(b.base), 503)).toBe(503);
    const socket = await eventually(() => tryConnect(b.base), 'open');
    expect(Date.now() - startedAt).toBeLessThan(CAPS_TTL_MS + 2 * CAPS_SYNC_MS);
    (socket as WebSocket).close();
    // Every key the caps use has a TTL.
    for (const key of await client.sendCommand<string[]>(['KEYS', 'demo:{caps}:*'])) {
      expect(await client.sendCommand<number>(['PTTL', key]), key).toBeGreaterThan(0);
    }
  });
});
