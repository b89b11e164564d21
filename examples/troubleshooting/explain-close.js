// Says, from a close event alone, what a page can know about why its WebSocket closed.
//
// Usage:
//   let opened = false;
//   socket.addEventListener('open', () => (opened = true));
//   socket.addEventListener('close', (event) => console.warn(explainClose(event, opened)));

export function explainClose({ code, reason, wasClean }, opened) {
  const said = `code ${code}, wasClean ${wasClean}${reason ? `, reason "${reason}"` : ''}`;
  if (code === 1006 && !opened) {
    // A refused or broken handshake: the status code is in DevTools and the server's log, never in the event.
    return `${said}: the handshake failed. Look at the Network panel's status line and at the server's log.`;
  }
  if (code === 1006) {
    // No Close frame came: the TCP connection was cut by the server, a proxy, or the network.
    return `${said}: the connection was cut without a Close frame. Look at the proxy's and the server's logs for this moment.`;
  }
  if (code === 1005) return `${said}: the peer closed cleanly but sent no code.`;
  return `${said}: the peer closed with this code${wasClean ? ', cleanly' : ''}.`;
}
