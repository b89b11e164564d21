// One WebSocket per URL for the whole page, shared by every part that needs it, instead of one per component.
//
// Usage:
//   const socket = sharedSocket('wss://example.com/ws/updates');
//   socket.addEventListener('message', onUpdate);

const sockets = new Map();

export function sharedSocket(url) {
  const existing = sockets.get(url);
  // A closing or closed socket cannot be reused; the next caller gets a fresh one.
  if (existing && existing.readyState <= WebSocket.OPEN) return existing;
  const socket = new WebSocket(url);
  sockets.set(url, socket);
  socket.addEventListener('close', () => sockets.get(url) === socket && sockets.delete(url), { once: true });
  return socket;
}

// A page going away gives its sockets back at once, rather than when the server next notices the silence.
addEventListener('pagehide', () => {
  for (const socket of sockets.values()) socket.close(1001, 'Page hidden');
});
