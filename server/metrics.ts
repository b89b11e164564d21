// The demo server's Prometheus metrics, in a registry of its own so several servers in one process never collide.
import { Counter, Gauge, Registry } from 'prom-client';

export type Direction = 'in' | 'out';

/** A count of messages that the metrics take in and reset when they are read. */
export interface MessageTally {
  count: number;
}

export interface DemoMetrics {
  registry: Registry;
  /** Open WebSocket connections, by endpoint. */
  connections: Gauge<'endpoint'>;
  /** WebSocket messages received (`in`) and sent (`out`), by endpoint. */
  messages: Counter<'endpoint' | 'direction'>;
  /**
   * The tally for one endpoint and direction. Counting a message is `tally.count++`; the counter takes the
   * tallies in when it is read, so the hot path costs an integer add instead of a labelled counter update.
   */
  messageTally(endpoint: string, direction: Direction): MessageTally;
  /** Handshakes refused, by DEMO_ERR_… code. */
  refusals: Counter<'reason'>;
  /** Closed connections, by the close code the server saw (1006 when the TCP connection ended without a Close frame). */
  closes: Counter<'code'>;
}

export function createMetrics(): DemoMetrics {
  // Not prom-client's global default registry: tests and astro dev's reloads create several demo servers in one
  // process, and a second registration of the same metric name in one registry throws.
  const registry = new Registry();
  const registers = [registry];
  const tallies = new Map<string, { endpoint: string; direction: Direction; count: number }>();
  return {
    registry,
    messageTally(endpoint, direction) {
      const key = `${endpoint} ${direction}`;
      let tally = tallies.get(key);
      if (!tally) tallies.set(key, (tally = { endpoint, direction, count: 0 }));
      return tally;
    },
    connections: new Gauge({ name: 'demo_connections', help: 'Open WebSocket connections.', labelNames: ['endpoint'], registers }),
    messages: new Counter({
      name: 'demo_messages_total',
      help: 'WebSocket messages received (in) and sent (out).',
      labelNames: ['endpoint', 'direction'],
      registers,
      collect() {
        for (const tally of tallies.values()) {
          if (tally.count === 0) continue;
          this.inc({ endpoint: tally.endpoint, direction: tally.direction }, tally.count);
          tally.count = 0;
        }
      },
    }),
    refusals: new Counter({
      name: 'demo_refusals_total',
      help: 'WebSocket handshakes refused, by DEMO_ERR_ code.',
      labelNames: ['reason'],
      registers,
    }),
    closes: new Counter({
      name: 'demo_closes_total',
      help: 'Closed WebSocket connections, by close code.',
      labelNames: ['code'],
      registers,
    }),
  };
}
