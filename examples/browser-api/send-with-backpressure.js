// Sends many chunks without letting the browser's send queue grow past a limit.
// send() never blocks and never refuses: it queues, and bufferedAmount says how much is still queued.
//
// Usage:
//   const socket = await openSocket('wss://example.com/ws/echo');
//   const chunks = Array.from({ length: 100 }, () => new Uint8Array(60 * 1024));
//   const { peak } = await sendWithBackpressure(socket, chunks, 256 * 1024);

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function sendWithBackpressure(socket, chunks, highWaterMark = 1024 * 1024) {
  let peak = 0;
  for (const [queued, chunk] of chunks.entries()) {
    // There is no event for "the queue drained", so poll.
    while (socket.bufferedAmount > highWaterMark && socket.readyState === WebSocket.OPEN) await wait(10);
    // Checked before every send, not only while waiting: once the socket is closing, send() throws nothing and sends
    // nothing, so the chunk would vanish. Chunks queued before the close may be lost too; only replies can tell.
    if (socket.readyState !== WebSocket.OPEN) throw new Error(`the socket closed after ${queued} of ${chunks.length} chunks were queued`);
    socket.send(chunk);
    peak = Math.max(peak, socket.bufferedAmount);
  }
  return { peak };
}
