// Picks what links a demo server to other nodes: Redis when REDIS_URL is set, otherwise nothing beyond one process.
import type { Logger } from 'pino';
import type { DemoServerOptions } from '../limits.ts';
import type { ChatBroker } from './broker.ts';
import { createInProcessBroker } from './in-process.ts';
import { createRedisBroker } from './redis.ts';
import type { ConnectionLedger } from './connection-ledger.ts';
import { createRedisConnectionLedger } from './redis-connection-ledger.ts';
import { CAPS_TTL_MS } from '../caps-sync.ts';

export function chooseBroker(options: DemoServerOptions, log: Logger): ChatBroker {
  if (options.redisUrl === '') return createInProcessBroker(options.chatHistory);
  return createRedisBroker({ url: options.redisUrl, historyLength: options.chatHistory, presenceTtlMs: options.chatPresenceTtlMs, log });
}

/** Only a cluster needs a ledger: one process's caps count everything already. */
export function chooseConnectionLedger(options: DemoServerOptions): ConnectionLedger | undefined {
  return options.redisUrl === '' ? undefined : createRedisConnectionLedger(options.redisUrl, CAPS_TTL_MS);
}
