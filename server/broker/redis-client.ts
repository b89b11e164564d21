// How every Redis connection of the demo server is made: node-redis, loaded only when REDIS_URL is set, failing fast while Redis is away.
import type { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;

/**
 * A client that is not connected yet. The module is imported here, not at the top of a file: the client is many
 * modules, and one process without Redis should not pay for them at startup.
 */
export async function newRedisClient(url: string): Promise<RedisClient> {
  const { createClient } = await import('redis');
  return createClient({
    url,
    // RESP2: replies are plain arrays, as redis-cli shows them, which the stream parsing reads.
    RESP: 2,
    // Commands fail at once while Redis is away (no offline queue), so a join is refused now rather than hanging;
    // the client reconnects by itself, backing off to at most a second between tries.
    disableOfflineQueue: true,
    socket: { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 1000) },
  });
}
