// The demo server's structured logger: one JSON line per event on stdout, quiet under tests.
import { pino, type Logger } from 'pino';
import type { LogLevel } from './limits.ts';

export type { Logger };

export function createLogger(level: LogLevel): Logger {
  return pino({ name: 'demo-server', level, base: { pid: process.pid } });
}
