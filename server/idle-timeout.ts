// Closes a connection that has sent no message for a while, so abandoned tabs do not hold sockets for ever.
import type { WebSocket } from 'ws';
import { demoError } from './demo-errors.ts';

/**
 * Only messages count as activity. Pongs do not: a browser answers pings on its own, even in a tab nobody
 * looks at, so counting them would keep every abandoned tab connected.
 */
export function closeWhenIdle(ws: WebSocket, idleTimeoutMs: number): void {
  // The error is built only when the timer fires: made up front, its captured stack would live as long as the socket.
  const timer = setTimeout(() => {
    const error = demoError('DEMO_ERR_IDLE', `No message for ${idleTimeoutMs} ms, so the server closed the connection.`);
    ws.close(error.status, error.closeReason);
  }, idleTimeoutMs);
  timer.unref();
  ws.on('message', () => timer.refresh());
  ws.once('close', () => clearTimeout(timer));
}
