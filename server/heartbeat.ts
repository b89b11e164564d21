// Pings every connection at an interval and terminates the ones that did not answer the previous ping.
import type { ConnectionWatch, OpenConnections } from './connection-watch.ts';

/**
 * A peer that vanished without a FIN (a laptop lid closed, a NAT that forgot the mapping) leaves a socket that
 * looks open forever. A Ping must be answered with a Pong (RFC 6455 §5.5.2), so a peer that has not answered
 * by the next tick is gone, and terminate() frees its socket at once: a close handshake with it would never finish.
 * Each connection's watch clears `awaitingPong` when a Pong arrives, so the heartbeat needs no listener of its own.
 * Returns a function that stops the heartbeat.
 */
export function startHeartbeat(
  connections: OpenConnections,
  intervalMs: number,
  onDead: (connection: ConnectionWatch) => void,
): () => void {
  const timer = setInterval(() => {
    for (const connection of connections.values()) {
      const { ws } = connection;
      if (connection.awaitingPong) {
        onDead(connection);
        ws.terminate();
        continue;
      }
      if (ws.readyState !== ws.OPEN) continue;
      connection.awaitingPong = true;
      ws.ping();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
