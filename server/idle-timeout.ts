// Closes connections that have sent no message for a while, so abandoned tabs do not hold sockets for ever.
import type { WebSocket, WebSocketServer } from 'ws';
import { demoError } from './demo-errors.ts';

/**
 * Only messages count as activity. Pongs do not: a browser answers pings on its own, even in a tab nobody
 * looks at, so counting them would keep every abandoned tab connected.
 *
 * One sweep per server instead of one timer per connection: a connection then costs a WeakMap entry, not a
 * timer and two closures, and the sweep over every client takes microseconds. A connection is closed between
 * `idleTimeoutMs` and `idleTimeoutMs` plus one sweep interval after its last message.
 * Returns a function that stops the sweep.
 */
export function startIdleSweep(wss: WebSocketServer, idleTimeoutMs: number): () => void {
  const lastMessageAt = new WeakMap<WebSocket, number>();
  const touch = function (this: WebSocket) {
    lastMessageAt.set(this, performance.now());
  };
  const timer = setInterval(
    () => {
      const now = performance.now();
      for (const ws of wss.clients) {
        const last = lastMessageAt.get(ws);
        if (last === undefined) {
          // First seen: start its clock now, and listen for its messages with the one shared function.
          lastMessageAt.set(ws, now);
          ws.on('message', touch);
          continue;
        }
        if (now - last < idleTimeoutMs || ws.readyState !== ws.OPEN) continue;
        const error = demoError('DEMO_ERR_IDLE', `No message for ${idleTimeoutMs} ms, so the server closed the connection.`);
        ws.close(error.status, error.closeReason);
      }
    },
    Math.min(1000, Math.max(5, idleTimeoutMs / 4)),
  );
  timer.unref();
  return () => clearInterval(timer);
}
