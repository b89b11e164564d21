// Writes bytes one per write so that a server in this process reads them one per read, and records how it really read them.
//
// Awaiting each write's callback is not enough: the callback fires once the byte is in the kernel, and the server's
// socket is read later, in the event loop's poll phase, by which time more bytes have come. Measured on this
// project's machine with a recorder server in the same process (an 11-byte frame, then 20, 60 and 200 bytes):
// awaiting the callback alone gave reads of [11], [17, 3], [17, 43], [17, 183]; with setNoDelay(true) too,
// [11], [20], [34, 26], [34, 166]; a setImmediate after each write gave one byte per read (the first two
// coalesced); a 1 ms timer did too, about 25 times slower; the server in a child process gave anything from
// 1 to 73 reads for 200 bytes. So each byte is written with Nagle's algorithm off, then the writer yields to the
// event loop and, when it can see the server's socket, waits until the server has read that byte.
import type { Server, Socket } from 'node:net';

/** How long the writer waits for the server to read one byte before it concludes that the server stopped reading. */
const CATCH_UP_MS = 50;

/** The server side of each connection to a watched server, by the client's port (test servers listen on 127.0.0.1). */
const serverSockets = new Map<number, Socket>();
const watchedServers = new Set<Server>();

/** Lets byte-wise writes to `server` see how it reads. Call it before clients connect; it forgets the server when it closes. */
export function watchServerReads(server: Server): void {
  watchedServers.add(server);
  server.once('close', () => watchedServers.delete(server));
  server.on('connection', (socket: Socket) => {
    const port = socket.remotePort;
    if (port === undefined) return;
    serverSockets.set(port, socket);
    socket.once('close', () => {
      if (serverSockets.get(port) === socket) serverSockets.delete(port);
    });
  });
}

/** How a watched server read a byte-wise write. */
export interface ServerReads {
  /** Bytes written. */
  written: number;
  /** Writes after which the server had read new bytes: its reads, when each held one byte. */
  reads: number;
  /** The most bytes the server read between two writes: 1 when every byte arrived in a read of its own. */
  mostAtOnce: number;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** The watched server's side of `client`, once the server has accepted it (or undefined if no server is watched). */
async function serverSideOf(client: Socket): Promise<Socket | undefined> {
  if (watchedServers.size === 0 || client.localPort === undefined) return undefined;
  const deadline = performance.now() + CATCH_UP_MS;
  while (!serverSockets.has(client.localPort) && performance.now() < deadline) await nextTurn();
  return serverSockets.get(client.localPort);
}

/**
 * Writes `bytes` one per write, each read by the server before the next is written. Returns how the server read
 * them when it is watched (watchServerReads), else null. Stops early when the connection is gone.
 */
export async function writeOneBytePerRead(socket: Socket, bytes: Uint8Array): Promise<ServerReads | null> {
  socket.setNoDelay(true);
  const serverSide = await serverSideOf(socket);
  const report: ServerReads = { written: 0, reads: 0, mostAtOnce: 0 };
  let readBefore = serverSide?.bytesRead ?? 0;
  let serverReading = serverSide !== undefined;
  for (const byte of bytes) {
    if (socket.destroyed) break;
    await new Promise<void>((resolve) => socket.write(Uint8Array.of(byte), () => resolve()));
    report.written++;
    await nextTurn();
    if (serverSide === undefined) continue;
    if (serverReading) {
      const deadline = performance.now() + CATCH_UP_MS;
      while (serverSide.bytesRead === readBefore && performance.now() < deadline) await nextTurn();
      // A server that has closed, paused or destroyed its socket reads no more; stop waiting for it.
      serverReading = serverSide.bytesRead > readBefore;
    }
    const readNow = serverSide.bytesRead - readBefore;
    if (readNow > 0) report.reads++;
    report.mostAtOnce = Math.max(report.mostAtOnce, readNow);
    readBefore = serverSide.bytesRead;
  }
  return serverSide === undefined ? null : report;
}

/**
 * Why `reads` does not show a split, in words, or null when it does: the server read at least one byte, and never more
 * than one at once. (A server may stop reading early, as Node's HTTP parser does after a first byte that is not HTTP.)
 */
export function unsplitReads(reads: ServerReads | null): string | null {
  if (reads === null) return 'the server under test is not watched (watchServerReads), so the split cannot be seen';
  if (reads.mostAtOnce > 1) return `the server read ${reads.mostAtOnce} bytes at once`;
  if (reads.reads === 0) return `the server read none of the ${reads.written} bytes`;
  return null;
}
