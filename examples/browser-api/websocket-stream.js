// Sends one text message and reads one reply with WebSocketStream where the browser has it, else with WebSocket.
// WebSocketStream is not a standard yet, and only Chromium-based browsers ship it, so always detect it first.
//
// Usage:
//   const { api, reply } = await echoOnce('wss://example.com/ws/echo', 'hello');

export async function echoOnce(url, text) {
  if ('WebSocketStream' in globalThis) {
    const stream = new WebSocketStream(url);
    // opened resolves after the handshake, with a readable and a writable stream.
    const { readable, writable } = await stream.opened;
    const writer = writable.getWriter();
    const reader = readable.getReader();
    // write() resolves once the data has been handed on: this is the backpressure WebSocket lacks.
    await writer.write(text);
    const { value, done } = await reader.read();
    // done means the stream closed before any reply came.
    if (done) throw new Error('closed before the reply came');
    stream.close({ closeCode: 1000, reason: 'done' });
    return { api: 'WebSocketStream', reply: value };
  }
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onclose = () => reject(new Error('could not connect'));
  });
  // A close before the reply must end the wait too, or it would hang forever.
  const reply = new Promise((resolve, reject) => {
    socket.onmessage = (event) => resolve(event.data);
    socket.onclose = () => reject(new Error('closed before the reply came'));
  });
  socket.send(text);
  const value = await reply;
  socket.close(1000, 'done');
  return { api: 'WebSocket', reply: value };
}
