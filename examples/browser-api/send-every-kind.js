// Sends one message of each kind send() accepts and reports what came back from an echo server.
//
// Usage:
//   const socket = await openSocket('wss://example.com/ws/echo');
//   console.log(await echoEveryKind(socket));

export async function echoEveryKind(socket) {
  // Binary messages arrive as ArrayBuffer instead of the default Blob.
  socket.binaryType = 'arraybuffer';
  const replies = [];
  const done = new Promise((resolve, reject) => {
    // A close before the fourth reply ends the wait, or it would hang forever.
    const onClose = () => reject(new Error(`closed after ${replies.length} of 4 replies`));
    socket.addEventListener('close', onClose, { once: true });
    socket.addEventListener('message', function onMessage(event) {
      const kind = typeof event.data === 'string' ? 'text' : event.data.constructor.name;
      // Bytes, as on the wire: a string's length counts UTF-16 code units, and 'héllo' has 5 of them but 6 bytes.
      const size = typeof event.data === 'string' ? new TextEncoder().encode(event.data).length : event.data.byteLength;
      replies.push(`${kind} ${size}`);
      if (replies.length === 4) {
        socket.removeEventListener('message', onMessage);
        socket.removeEventListener('close', onClose);
        resolve(replies);
      }
    });
  });

  socket.send('héllo'); // a string: one text message, its UTF-8 bytes on the wire
  socket.send(new Blob([new Uint8Array([1, 2, 3])])); // a Blob: one binary message
  socket.send(new Uint8Array([1, 2, 3, 4]).buffer); // an ArrayBuffer: one binary message
  const bytes = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]);
  socket.send(bytes.subarray(2, 5)); // a typed array: only the 3 bytes it views are sent
  return done;
}
