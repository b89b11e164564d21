// Connection caps across nodes over Redis: one hash per node of its open connections per client group, expiring unless renewed.
import type { ConnectionCounts, ConnectionLedger } from './connection-ledger.ts';
import { newRedisClient, type RedisClient } from './redis-client.ts';

const PREFIX = 'demo:{caps}:';
const NODES_KEY = `${PREFIX}nodes`;
const TOTAL_FIELD = '*';

// #region redis-caps
/**
 * Replaces this node's hash (ARGV[1]) with its counts (pairs from ARGV[5]), gives it a TTL of ARGV[4] ms, drops
 * nodes not heard from for that long, and returns every other node's pairs. HSET goes in slices: Lua's unpack
 * has a stack limit well under maxConnections.
 */
const SHARE_SCRIPT = `
local mine = ARGV[2] .. ARGV[1]
local now, ttl = tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('DEL', mine)
for first = 5, #ARGV, 1000 do
  redis.call('HSET', mine, unpack(ARGV, first, math.min(first + 999, #ARGV)))
end
redis.call('PEXPIRE', mine, ttl)
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ttl)
redis.call('PEXPIRE', KEYS[1], ttl)
local others = {}
for _, node in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if node ~= ARGV[1] then
    for _, value in ipairs(redis.call('HGETALL', ARGV[2] .. node)) do others[#others + 1] = value end
  end
end
return others`;
// #endregion redis-caps

/** `ttlMs`: how long a node's places count after it last shared them; a dead node gives them back after this. */
export function createRedisConnectionLedger(url: string, ttlMs: number): ConnectionLedger {
  let client: RedisClient | undefined;
  let closed = false;
  const started = newRedisClient(url).then((created) => {
    if (closed) return;
    client = created;
    client.on('error', () => {});
    void client.connect().catch(() => {});
  });

  return {
    async share(node: string, mine: ConnectionCounts): Promise<ConnectionCounts> {
      if (!client?.isReady) throw new Error('Redis is unreachable.');
      const pairs = [TOTAL_FIELD, String(mine.total)];
      for (const [group, count] of mine.byGroup) pairs.push(group, String(count));
      const flat = await client.sendCommand<string[]>([
        'EVAL',
        SHARE_SCRIPT,
        '1',
        NODES_KEY,
        node,
        `${PREFIX}node:`,
        String(Date.now()),
        String(ttlMs),
        ...pairs,
      ]);
      const others: ConnectionCounts = { total: 0, byGroup: new Map() };
      for (let i = 0; i < flat.length; i += 2) {
        const count = Number(flat[i + 1]);
        if (flat[i] === TOTAL_FIELD) others.total += count;
        else others.byGroup.set(flat[i]!, (others.byGroup.get(flat[i]!) ?? 0) + count);
      }
      return others;
    },
    async close() {
      closed = true;
      await started;
      if (client?.isOpen) await client.close().catch(() => client?.destroy());
    },
  };
}
