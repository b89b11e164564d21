// Pings every connection at an interval and terminates the ones that did not answer the previous ping.
import type { WebSocket, WebSocketServer } from 'ws';

/**
 * A peer that vanished without a FIN (a laptop lid closed, a NAT that forgot the mapping) leaves a socket that
 * looks open forever. A Ping must be answered with a Pong (RFC 6455 §5.5.2), so a peer that has not answered
 * by the next tick is gone, and terminate() frees its socket at once: a close handshake with it would never finish.
 * Returns a function that stops the heartbeat.
 */
export function startHeartbeat(wss: WebSocketServer, intervalMs: number, onDead: (ws: WebSocket) => void): () => void {
  const awaitingPong = new WeakSet<WebSocket>();
  const answered = function (this: WebSocket) {
    awaitingPong.delete(this);
  };
  const watched = new WeakSet<WebSocket>();
  const timer = setInterval(() => {
    for (const ws of wss.clients) {
      if (!watched.has(ws)) {
        watched.add(ws);
        ws.on('pong', answered);
      }
      if (awaitingPong.has(ws)) {
        onDead(ws);
        ws.terminate();
        continue;
      }
      if (ws.readyState !== ws.OPEN) continue;
      awaitingPong.add(ws);
      ws.ping();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
