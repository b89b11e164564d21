// Closes a connection that has sent no message for a while, so abandoned tabs do not hold sockets for ever.
import type { WebSocket } from 'ws';
import { demoError } from './demo-errors.ts';

/**
 * Only messages count as activity. Pongs do not: a browser answers pings on its own, even in a tab nobody
 * looks at, so counting them would keep every abandoned tab connected.
 */
export function closeWhenIdle(ws: WebSocket, idleTimeoutMs: number): void {
  const error = demoError('DEMO_ERR_IDLE', `No message for ${idleTimeoutMs} ms, so the server closed the connection.`);
  const timer = setTimeout(() => ws.close(error.status, error.closeReason), idleTimeoutMs);
  timer.unref();
  ws.on('message', () => timer.refresh());
  ws.once('close', () => clearTimeout(timer));
}
