// Counts the real bytes of each race exchange on its TCP connection: request head up, response down, framing included.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** What one exchange cost on the wire, in bytes the TCP connection carried (HTTP/1.1, no TLS). */
export interface WireBytes {
  up: number;
  down: number;
  /** False when the connection carried traffic the ledger did not see, so `up` may include another request's bytes. */
  exact: boolean;
}

/**
 * Where the last request on a socket sat in its byte stream. Kept on the socket under a global symbol, so the copy
 * of this module that `astro dev` loads for its middleware and the copy the demo server loads agree.
 */
const LAST_EXCHANGE = Symbol.for('websocket-workshop.race.last-exchange');

interface Exchange {
  request: IncomingMessage;
  /** socket.bytesRead when the previous request's head had been read; undefined when unknown. */
  readBefore: number | undefined;
  /** socket.bytesRead once this request's head had been read. */
  readAfter: number;
  /** socket.bytesWritten before this response started. */
  writtenBefore: number;
  /** socket.bytesWritten once this response was over; undefined while it is still going. */
  writtenAfter: number | undefined;
}

type LedgerSocket = Socket & { [LAST_EXCHANGE]?: Exchange };

/**
 * Marks where a request starts in its socket's byte stream. Call it for every request the process serves, race or
 * not: browsers reuse keep-alive connections, and a race request measured from the wrong point would be charged
 * for a stylesheet. Calling it again for the same request changes nothing.
 */
export function noteRequest(request: IncomingMessage, response: ServerResponse): void {
  const socket = request.socket as LedgerSocket;
  const last = socket[LAST_EXCHANGE];
  if (last?.request === request) return;
  // Node has parsed this request's head when it hands us the request, and browsers never pipeline, so every byte
  // read since the previous head belongs to this request. A fresh socket has written nothing yet; a socket that has
  // written a response nobody noted carried a request we did not see, and then the starting point is unknown.
  let readBefore: number | undefined;
  if (last) readBefore = last.writtenAfter === socket.bytesWritten ? last.readAfter : undefined;
  else readBefore = socket.bytesWritten === 0 ? 0 : undefined;
  const exchange: Exchange = {
    request,
    readBefore,
    readAfter: socket.bytesRead,
    writtenBefore: socket.bytesWritten,
    writtenAfter: undefined,
  };
  socket[LAST_EXCHANGE] = exchange;
  response.once('close', () => (exchange.writtenAfter = socket.bytesWritten));
}

/** Calls `done` once the response is over (finished, or cut by the client) with the bytes the exchange took. */
export function measureExchange(request: IncomingMessage, response: ServerResponse, done: (bytes: WireBytes) => void): void {
  noteRequest(request, response);
  const socket = request.socket as LedgerSocket;
  const exchange = socket[LAST_EXCHANGE]!;
  response.once('close', () =>
    done({
      up: exchange.readAfter - (exchange.readBefore ?? 0),
      down: socket.bytesWritten - exchange.writtenBefore,
      exact: exchange.readBefore !== undefined,
    }),
  );
}

/**
 * Calls `done` when an upgraded connection closes, with every byte it carried: the upgrade request, the 101
 * response and every frame both ways. A WebSocket owns its connection from the upgrade on, so the whole socket is
 * the exchange, unless earlier plain HTTP requests used it first.
 */
export function measureUpgradedConnection(stream: Duplex, done: (bytes: WireBytes) => void): void {
  const socket = stream as LedgerSocket;
  const last = socket[LAST_EXCHANGE];
  const readBefore = last ? last.readAfter : 0;
  socket.once('close', () => done({ up: socket.bytesRead - readBefore, down: socket.bytesWritten, exact: last === undefined }));
}
