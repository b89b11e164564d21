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
  for (const chunk of chunks) {
    // There is no event for "the queue drained", so poll.
    while (socket.bufferedAmount > highWaterMark) {
      if (socket.readyState !== WebSocket.OPEN) throw new Error('the socket closed while sending');
      await wait(10);
    }
    socket.send(chunk);
    peak = Math.max(peak, socket.bufferedAmount);
  }
  return { peak };
}
