// Opens a WebSocket and waits for it: resolves with the open socket, or rejects with what the close event said.
//
// Usage, in a page or a module script:
//   const socket = await openSocket('wss://example.com/ws/echo', ['chat.v2', 'chat.v1']);
//   console.log(socket.protocol, socket.extensions);

export function openSocket(url, protocols = []) {
  // The constructor throws a SyntaxError at once for a bad URL or a bad subprotocol list.
  const socket = new WebSocket(url, protocols);
  return new Promise((resolve, reject) => {
    // Each listener removes the other, so an open socket keeps no listener of ours for its whole life.
    const onOpen = () => {
      socket.removeEventListener('close', onClose);
      resolve(socket);
    };
    // The error event carries no message, by design: a page must not learn why a handshake failed.
    // The close event that always follows it has the only detail there is: code 1006.
    const onClose = (event) => {
      socket.removeEventListener('open', onOpen);
      reject(new Error(`closed before open: code ${event.code}, wasClean ${event.wasClean}`));
    };
    socket.addEventListener('open', onOpen, { once: true });
    socket.addEventListener('close', onClose, { once: true });
  });
}
