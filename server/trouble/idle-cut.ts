// symptom=idle-cut and idle-cut-heartbeat: a simulated proxy read timeout, and the server heartbeat that keeps it from firing.
import type { WebSocket } from 'ws';
import type { Upgrade } from '../index.ts';
import type { DemoServerOptions } from '../limits.ts';
import { bytesWrittenBy, type Symptom } from './symptom.ts';

/** How often the simulated proxy looks at its clock; a cut comes at most this late. */
const CHECK_EVERY_MS = 100;

/**
 * Cuts the TCP connection, without a Close frame, once the server has sent nothing for `troubleIdleCutMs`. That is
 * nginx's `proxy_read_timeout`: its clock runs between two reads from the upstream, so only what the server sends
 * restarts it. The server's bytes are read off the socket's own count, so pings count as they do in nginx.
 */
function cutWhenServerIsSilent(socket: WebSocket, options: DemoServerOptions, upgrade: Upgrade): void {
  const written = bytesWrittenBy(upgrade);
  let lastCount = written();
  let lastChange = Date.now();
  const timer = setInterval(() => {
    const count = written();
    if (count !== lastCount) {
      lastCount = count;
      lastChange = Date.now();
    } else if (Date.now() - lastChange >= options.troubleIdleCutMs) {
      clearInterval(timer);
      upgrade.stream.destroy();
    }
  }, CHECK_EVERY_MS);
  socket.once('close', () => clearInterval(timer));
}

/** Messages the reader sends come back, so an application-level heartbeat from the page also restarts the clock. */
function echo(socket: WebSocket): void {
  socket.on('message', (data, isBinary) => {
    if (socket.readyState === socket.OPEN) socket.send(data, { binary: isBinary });
  });
}

export const idleCut: Symptom = {
  name: 'idle-cut',
  onConnection(socket, options, { upgrade }) {
    const seconds = options.troubleIdleCutMs / 1000;
    socket.send(`Open. A simulated proxy cuts this connection after ${seconds} s in which the server sends nothing.`);
    echo(socket);
    cutWhenServerIsSilent(socket, options, upgrade);
  },
};

export const idleCutWithHeartbeat: Symptom = {
  name: 'idle-cut-heartbeat',
  onConnection(socket, options, { upgrade }) {
    // Three pings per cut interval: one lost or late ping still leaves two before the proxy's clock runs out.
    const pingEveryMs = Math.floor(options.troubleIdleCutMs / 3);
    const seconds = options.troubleIdleCutMs / 1000;
    socket.send(
      `Open. The same proxy cuts after ${seconds} s of server silence, but the server pings every ${pingEveryMs} ms, and the browser answers each ping with a pong by itself.`,
    );
    echo(socket);
    cutWhenServerIsSilent(socket, options, upgrade);
    const heartbeat = setInterval(() => socket.ping(), pingEveryMs);
    socket.once('close', () => clearInterval(heartbeat));
  },
};
