// Closes a socket with a code and a reason, and waits for the close event.
// A page may use 1000 or 3000–4999, and a reason of at most 123 bytes of UTF-8; anything else throws at once.
//
// Usage:
//   const socket = await openSocket('wss://example.com/ws/echo');
//   const { code, reason, wasClean } = await closeWithCode(socket, 4000, 'done for today');

export function closeWithCode(socket, code, reason) {
  const closed = new Promise((resolve) => socket.addEventListener('close', resolve, { once: true }));
  // Throws an InvalidAccessError for code 1001 or 2000, a SyntaxError for a reason of 124 bytes.
  socket.close(code, reason);
  return closed.then(({ code, reason, wasClean }) => ({ code, reason, wasClean }));
}
