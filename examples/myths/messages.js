// Reads a socket's messages in a for-await loop that ends when the connection ends, cleanly or not.
//
// Usage:
//   const socket = await openSocket('wss://example.com/ws/echo');
//   for await (const message of messages(socket)) console.log(message);
//   // Reached after a clean close; a dropped connection throws instead, and the loop still exits.
//
// The queue has no bound: WebSocket has no receive backpressure, so a page that reads slower than messages arrive
// holds every one of them in memory.

export async function* messages(socket) {
  // A socket that is already closed fires no more events, so waiting for one would wait forever.
  if (socket.readyState === WebSocket.CLOSED) throw new Error('the socket is already closed');
  const queue = [];
  let wake = () => {};
  let ended;
  const onMessage = (event) => {
    queue.push(event.data);
    wake();
  };
  const onClose = (event) => {
    ended = event;
    wake();
  };
  socket.addEventListener('message', onMessage);
  socket.addEventListener('close', onClose);
  try {
    while (true) {
      if (queue.length > 0) {
        yield queue.shift();
      } else if (ended) {
        // The way out. A loop that logs an error and reads again spins forever on a dead connection.
        if (ended.wasClean) return;
        throw new Error(`connection lost: code ${ended.code}`);
      } else {
        await new Promise((resolve) => (wake = resolve));
      }
    }
  } finally {
    // Also reached when the caller breaks out of its for-await: without this, the listener would keep filling a
    // queue nobody reads, for the life of the socket.
    socket.removeEventListener('message', onMessage);
    socket.removeEventListener('close', onClose);
  }
}
