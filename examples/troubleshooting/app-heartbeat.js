// An application-level heartbeat for pages: browsers answer pings but cannot send one, so the page sends a message.
//
// Usage:
//   const socket = new WebSocket('wss://example.com/ws/app');
//   socket.addEventListener('open', () => keepAlive(socket, { everyMs: 20_000, replyWithinMs: 5_000 }));

export function keepAlive(socket, { everyMs, replyWithinMs }) {
  let waiting;
  const beat = setInterval(() => {
    socket.send(JSON.stringify({ type: 'ping', at: Date.now() }));
    // Any message from the server counts as a reply: it proves the path is alive in both directions.
    waiting ??= setTimeout(() => socket.close(4000, 'No reply to heartbeat'), replyWithinMs);
  }, everyMs);
  const onMessage = () => {
    clearTimeout(waiting);
    waiting = undefined;
  };
  socket.addEventListener('message', onMessage);
  const stop = () => {
    clearInterval(beat);
    clearTimeout(waiting);
    socket.removeEventListener('message', onMessage);
  };
  socket.addEventListener('close', stop, { once: true });
  return stop;
}
