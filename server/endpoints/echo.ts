// /ws/echo: sends every text and binary message straight back, unchanged.
import type { RawData, WebSocket } from 'ws';
import type { DemoServerOptions } from '../limits.ts';

export const path = '/ws/echo';

export function onConnection(socket: WebSocket, options: DemoServerOptions): void {
  socket.on('message', (data, isBinary) => echoBack(socket, options, data, isBinary));
}

/** Sends one message back as it came, pausing reading while the peer has more than maxBufferedBytes queued. */
export function echoBack(socket: WebSocket, options: DemoServerOptions, data: RawData, isBinary: boolean): void {
  // After the server has sent its Close (say, for breaking the message rate), ws still delivers what was in flight.
  if (socket.readyState !== socket.OPEN) return;
  // A peer that sends but never reads would otherwise grow our send queue without bound. Only then does a send
  // carry a callback, to resume reading once the peer has drained what we queued; the common case allocates none.
  if (socket.bufferedAmount + byteLength(data) <= options.maxBufferedBytes) {
    socket.send(data, { binary: isBinary });
    return;
  }
  socket.pause();
  socket.send(data, { binary: isBinary }, () => {
    if (socket.isPaused && socket.bufferedAmount <= options.maxBufferedBytes) socket.resume();
  });
}

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}
