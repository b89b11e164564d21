// Closes a socket with a code and a reason, and waits for the close event.
// A page may use 1000 or 3000–4999, and a reason of at most 123 bytes of UTF-8; anything else throws at once.
//
// Usage:
//   const socket = await openSocket('wss://example.com/ws/echo');
//   const { code, reason, wasClean } = await closeWithCode(socket, 4000, 'done for today');

export function closeWithCode(socket, code, reason) {
  // On a socket that is already closed, close() does nothing and no close event would ever come.
  if (socket.readyState === WebSocket.CLOSED) return Promise.reject(new Error('the socket is already closed'));
  // Throws an InvalidAccessError for code 1001 or 2000, a SyntaxError for a reason of 124 bytes. Called before the
  // listener is added, so a throw leaves no listener behind; the close event comes in a later task, never during close().
  socket.close(code, reason);
  return new Promise((resolve) => socket.addEventListener('close', resolve, { once: true })).then(({ code, reason, wasClean }) => ({
    code,
    reason,
    wasClean,
  }));
}
