// /ws/echo: sends every text and binary message straight back, unchanged.
import type { WebSocket } from 'ws';
import type { DemoServerOptions } from '../limits.ts';

export const path = '/ws/echo';

export function onConnection(socket: WebSocket, options: DemoServerOptions): void {
  socket.on('message', (data, isBinary) => {
    // After the server has sent its Close (say, for breaking the message rate), ws still delivers what was in flight.
    if (socket.readyState !== socket.OPEN) return;
    socket.send(data, { binary: isBinary }, () => {
      // Reading resumes once the peer has drained what we queued for it.
      if (socket.isPaused && socket.bufferedAmount <= options.maxBufferedBytes) socket.resume();
    });
    // A peer that sends but never reads would otherwise grow our send queue without bound.
    if (socket.bufferedAmount > options.maxBufferedBytes) socket.pause();
  });
}
