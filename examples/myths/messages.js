// Reads a socket's messages in a for-await loop that ends when the connection ends, cleanly or not.
//
// Usage:
//   const socket = await openSocket('wss://example.com/ws/echo');
//   for await (const message of messages(socket)) console.log(message);
//   // Reached after a clean close; a dropped connection throws instead, and the loop still exits.

export async function* messages(socket) {
  const queue = [];
  let wake = () => {};
  let ended;
  socket.addEventListener('message', (event) => {
    queue.push(event.data);
    wake();
  });
  socket.addEventListener('close', (event) => {
    ended = event;
    wake();
  });
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
}
