// Picks the chat broker for a demo server: Redis when REDIS_URL is set (several nodes), otherwise one process's own.
import type { Logger } from 'pino';
import type { DemoServerOptions } from '../limits.ts';
import type { ChatBroker } from './broker.ts';
import { createInProcessBroker } from './in-process.ts';
import { createRedisBroker } from './redis.ts';

export function chooseBroker(options: DemoServerOptions, log: Logger): ChatBroker {
  if (options.redisUrl === '') return createInProcessBroker(options.chatHistory);
  return createRedisBroker({ url: options.redisUrl, historyLength: options.chatHistory, presenceTtlMs: options.chatPresenceTtlMs, log });
}
