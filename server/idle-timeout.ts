// Closes connections that have sent no message for a while, so abandoned tabs do not hold sockets for ever.
import type { OpenConnections } from './connection-watch.ts';
import { demoError } from './demo-errors.ts';

/**
 * Only messages count as activity. Pongs do not: a browser answers pings on its own, even in a tab nobody
 * looks at, so counting them would keep every abandoned tab connected.
 *
 * One sweep per server instead of one timer per connection: each connection's watch records when its last
 * message arrived, and the sweep over every connection takes microseconds. A connection is closed between
 * `idleTimeoutMs` and `idleTimeoutMs` plus one sweep interval after its last message.
 * Returns a function that stops the sweep.
 */
export function startIdleSweep(connections: OpenConnections, idleTimeoutMs: number): () => void {
  const timer = setInterval(
    () => {
      const now = performance.now();
      for (const { ws, lastMessageAt } of connections.values()) {
        if (now - lastMessageAt < idleTimeoutMs || ws.readyState !== ws.OPEN) continue;
        const error = demoError('DEMO_ERR_IDLE', `No message for ${idleTimeoutMs} ms, so the server closed the connection.`);
        ws.close(error.status, error.closeReason);
      }
    },
    Math.min(1000, Math.max(5, idleTimeoutMs / 4)),
  );
  timer.unref();
  return () => clearInterval(timer);
}
