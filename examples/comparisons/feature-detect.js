// Which of the newer ways to talk to a server this browser gives a page: feature detection, not version sniffing.
// Browser-ready: it only reads globals, so it runs as it is in any page.

/** Each API by its global name, and whether this page can construct it. */
export function availableTransports() {
  return {
    WebSocket: typeof globalThis.WebSocket === 'function',
    WebSocketStream: typeof globalThis.WebSocketStream === 'function',
    WebTransport: typeof globalThis.WebTransport === 'function',
  };
}
