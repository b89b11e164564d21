// Collects every message a socket receives until it closes: one message event is one whole message, never a piece.
//
// Usage:
//   const { messages, code } = await collectMessages('wss://example.com/ws/feed');

export function collectMessages(url) {
  const socket = new WebSocket(url);
  const messages = [];
  // No buffer, no length prefix, no delimiter: the browser reassembles frames and TCP reads into messages (§6.2).
  socket.addEventListener('message', (event) => messages.push(event.data));
  return new Promise((resolve) => {
    socket.addEventListener('close', (event) => resolve({ messages, code: event.code, wasClean: event.wasClean }), { once: true });
  });
}
